"""One structured log line per request: method, path, status, milliseconds, characters. Never text."""
from __future__ import annotations

import json
import logging
import time

from flask import Flask, Response, g, request

log = logging.getLogger("service.requests")


def _start() -> None:
    g.request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    started = g.pop("request_started", None)
    record = {
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        "chars": g.pop("text_chars", None),
    }
    log.info(json.dumps(record))
    return response


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
