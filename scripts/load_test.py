#!/usr/bin/env python
"""Load test on loopback: N clients for a bounded time, valid and invalid requests mixed.

Starts gunicorn exactly as production does (gunicorn.conf.py, preloaded model, sync workers) on
a free 127.0.0.1 port, so nothing outside this machine is ever contacted. Prints request counts
by kind and status, latencies, worker pids and resident memory at the start and the end, and
exits non-zero on any 5xx, transport error or worker restart.

    /work/venv/bin/python scripts/load_test.py --clients 8 --seconds 60
"""
from __future__ import annotations

import argparse
import collections
import http.client
import json
import random
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.live import HOST, Gunicorn, rss_kib  # noqa: E402

ARTICLE = (Path(__file__).resolve().parents[1] / "tests/golden/articles/seoul-summons-envoy-afp.txt").read_text()
JSON = {"Content-Type": "application/json"}


def _json(obj) -> bytes:
    return json.dumps(obj).encode()


# (kind, method, path, body, headers, expected statuses)
REQUESTS = [
    ("article", "POST", "/v1/extract", _json({"text": ARTICLE, "title": "Seoul summons envoy"}), JSON, {200}),
    ("short", "POST", "/v1/extract", _json({"text": '"We will win," the mayor said.'}), JSON, {200}),
    ("plain", "POST", "/v1/extract", ARTICLE.encode(), {"Content-Type": "text/plain; charset=utf-8"}, {200}),
    ("emoji", "POST", "/v1/extract", _json({"text": '\U0001F389 "We won \U0001F389," she said.\r\n'}), JSON, {200}),
    ("malformed", "POST", "/v1/extract", b'{"text": ', JSON, {400}),
    ("dup-keys", "POST", "/v1/extract", b'{"text": "a", "text": "b"}', JSON, {400}),
    ("nested", "POST", "/v1/extract", b"[" * 10000 + b"]" * 10000, JSON, {400}),
    ("bad-utf8", "POST", "/v1/extract", b'{"text": "\xff\xfe"}', JSON, {400}),
    ("not-object", "POST", "/v1/extract", b"null", JSON, {422}),
    ("blank", "POST", "/v1/extract", _json({"text": "  \n "}), JSON, {422}),
    ("unknown", "POST", "/v1/extract", _json({"text": "a", "x": 1}), JSON, {422}),
    ("html", "POST", "/v1/extract", b"<p>hi</p>", {"Content-Type": "text/html"}, {415}),
    ("over-limit", "POST", "/v1/extract", _json({"text": "a" * 200_001}), JSON, {413}),
    ("health", "GET", "/healthz", None, {}, {200}),
    ("404", "GET", "/v1/nothing", None, {}, {404}),
]


def declared_50mb() -> int:
    """Declare a 50 MB body, send 64 KiB of it, and read the answer: it must come before the rest."""
    with socket.create_connection((HOST, PORT), timeout=30) as s:
        s.sendall(b"POST /v1/extract HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 52428800\r\n\r\n" + b"x" * 65536)
        head = s.recv(65536).split(b"\r\n", 1)[0]
        return int(head.split()[1])


def chunked_over_cap() -> int:
    """A chunked body that never declares its length and runs past the cap (2 MB)."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
    try:
        chunks = (b"x" * 65536 for _ in range(32))
        conn.request("POST", "/v1/extract", body=chunks, headers={"Content-Type": "text/plain"}, encode_chunked=True)
        return conn.getresponse().status
    except (BrokenPipeError, ConnectionResetError):
        return 413  # the server answered and closed while we were still sending
    finally:
        conn.close()


SPECIAL = [("declared-50MB", declared_50mb, {413}), ("chunked-2MB", chunked_over_cap, {413})]


def client(stop_at: float, seed: int, results: list, lock: threading.Lock) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop_at:
        started = time.monotonic()
        if rng.random() < 0.05:
            kind, fn, expected = rng.choice(SPECIAL)
            try:
                status = fn()
            except OSError as exc:
                status = f"error:{type(exc).__name__}"
        else:
            kind, method, path, body, headers, expected = rng.choice(REQUESTS)
            conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError as exc:
                status = f"error:{type(exc).__name__}"
            finally:
                conn.close()
        with lock:
            results.append((kind, status, status in expected, time.monotonic() - started))


def main() -> int:
    global PORT
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--log", default="load-test-gunicorn.log")
    args = parser.parse_args()
    # no worker recycling during the run: a changed pid can then only mean a crash
    server = Gunicorn(workers=args.workers, log_path=Path(args.log), QUOTES_MAX_REQUESTS="0").start()
    PORT = server.port
    try:
        for _kind, method, path, body, headers, _ in REQUESTS[:4]:  # warm up every worker's code paths
            for _ in range(args.workers * 2):
                server.request(method, path, body, headers)
        pids_before = sorted(server.workers())
        rss_before = {pid: rss_kib(pid) for pid in pids_before}
        results: list = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(stop_at, k, results, lock)) for k in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        pids_after = sorted(server.workers())
        rss_after = {pid: rss_kib(pid) for pid in pids_after}
        ready = server.request("GET", "/readyz")[0]
    finally:
        exit_code = server.stop()
    return report(args, results, pids_before, pids_after, rss_before, rss_after, ready, exit_code)


def report(args, results, pids_before, pids_after, rss_before, rss_after, ready, exit_code) -> int:
    by_kind = collections.defaultdict(collections.Counter)
    for kind, status, _, _ in results:
        by_kind[kind][status] += 1
    latencies = sorted(r[3] for r in results)
    five_xx = sum(1 for r in results if isinstance(r[1], int) and r[1] >= 500)
    errors = sum(1 for r in results if isinstance(r[1], str))
    unexpected = sum(1 for r in results if not r[2])
    print(f"clients={args.clients} seconds={args.seconds} workers={args.workers} requests={len(results)} "
          f"rate={len(results) / args.seconds:.1f}/s")
    for kind in sorted(by_kind):
        print(f"  {kind:14} {dict(by_kind[kind])}")
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    print(f"latency s: p50={q[49]:.3f} p95={q[94]:.3f} max={latencies[-1]:.3f}")
    print(f"5xx={five_xx} transport_errors={errors} unexpected_status={unexpected}")
    print(f"workers before={pids_before} after={pids_after} ready_after={ready} gunicorn_exit={exit_code}")
    for pid in pids_before:
        before, after = rss_before[pid], rss_after.get(pid)
        growth = f"{(after - before) / before * 100:+.1f}%" if after else "gone"
        print(f"  worker {pid}: rss {before / 1024:.1f} MiB -> {(after or 0) / 1024:.1f} MiB ({growth})")
    ok = five_xx == 0 and errors == 0 and unexpected == 0 and pids_before == pids_after and ready == 200
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


PORT = 0
if __name__ == "__main__":
    sys.exit(main())
