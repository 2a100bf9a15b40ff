"""A real gunicorn: SIGTERM lets the request in flight finish before the process exits."""
from __future__ import annotations

import json
import signal
import threading
import time

import pytest

from tests.live import Gunicorn

pytestmark = pytest.mark.slow
# one paragraph of ~15,000 characters: a second or more of extraction, long enough to be in flight
SLOW_TEXT = "The council met on Tuesday and discussed the budget, officials said. " * 220


def test_sigterm_finishes_the_request_in_flight(tmp_path):
    server = Gunicorn(workers=1, log_path=tmp_path / "gunicorn.log", QUOTES_DATA_DIR=str(tmp_path)).start()
    outcome: dict = {}

    def slow_request():
        started = time.monotonic()
        outcome["status"], _, body = server.request(
            "POST", "/v1/extract", json.dumps({"text": SLOW_TEXT}).encode(), {"Content-Type": "application/json"})
        outcome["body"] = json.loads(body)
        outcome["seconds"] = time.monotonic() - started

    try:
        client = threading.Thread(target=slow_request)
        client.start()
        time.sleep(0.5)  # the worker has the request
        assert "status" not in outcome, "the request finished before SIGTERM; make SLOW_TEXT longer"
        server.proc.send_signal(signal.SIGTERM)
        client.join(60)
        code = server.proc.wait(60)
    finally:
        server.stop(signal.SIGKILL)
    assert outcome["status"] == 200 and "quotes" in outcome["body"], outcome
    assert code == 0
    log = (tmp_path / "gunicorn.log").read_text()
    assert "Traceback" not in log and "WORKER TIMEOUT" not in log
