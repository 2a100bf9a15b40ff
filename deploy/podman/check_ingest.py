"""Ingest articles through the proxy while a replica is killed; check every quote is stored once.

    python deploy/podman/check_ingest.py --url http://127.0.0.1:8150 --texts DIR \
        [--clients 4] [--kill-after 20 --kill "podman kill quotes_api-1_1"]

Each client posts ``{"text", "url"}`` to ``POST /v1/articles`` and, like any careful client, posts
again after a 502/503 or a dropped connection (the endpoint is idempotent). Once ``--kill-after``
articles are stored, ``--kill`` runs. At the end every article must have been stored exactly once
(one id per text), and each stored article must hold exactly the quotes ``POST /v1/extract``
finds in its text. Only the standard library: it runs on the host, outside the containers.
"""
from __future__ import annotations

import argparse
import json
import queue
import shlex
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ATTEMPTS = 8


def call(url: str, method: str = "GET", body: dict | None = None, timeout: float = 120) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, {}
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8150")
    parser.add_argument("--texts", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--kill-after", type=int, default=0, help="run --kill once this many articles are stored")
    parser.add_argument("--kill", default="", help="command that kills a replica")
    args = parser.parse_args()

    articles = {p.stem: p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))}
    todo: queue.Queue[str] = queue.Queue()
    for name in articles:
        todo.put(name)
    stored: dict[str, int] = {}
    tally = {"created": 0, "existing": 0, "retries": 0, "failed": 0}
    lock, killed = threading.Lock(), threading.Event()

    def client() -> None:
        while True:
            try:
                name = todo.get_nowait()
            except queue.Empty:
                return
            body = {"text": articles[name], "url": f"https://news.example/{name}"}
            for attempt in range(ATTEMPTS):
                status, answer = call(f"{args.url}/v1/articles", "POST", body)
                if status in (200, 201):
                    break
                with lock:
                    tally["retries"] += 1
                time.sleep(0.5 * (attempt + 1))
            with lock:
                if status in (200, 201):
                    stored[name] = answer["id"]
                    tally["created" if status == 201 else "existing"] += 1
                else:
                    tally["failed"] += 1
                due = args.kill and not killed.is_set() and len(stored) >= args.kill_after
                if due:
                    killed.set()
            if due:
                print(f"after {len(stored)} articles: {args.kill}", flush=True)
                subprocess.run(shlex.split(args.kill), check=False)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started

    expected_total = stored_total = 0
    mismatched = []
    for name, article_id in sorted(stored.items()):
        _, article = call(f"{args.url}/v1/articles/{article_id}")
        _, extracted = call(f"{args.url}/v1/extract", "POST", {"text": articles[name]})
        got, want = len(article.get("quotes", [])), len(extracted.get("quotes", []))
        stored_total += got
        expected_total += want
        if got != want:
            mismatched.append(f"{name}: stored {got}, extract finds {want}")
    report = {"articles": len(articles), "stored": len(stored), "distinct_ids": len(set(stored.values())),
              **tally, "quotes_stored": stored_total, "quotes_expected": expected_total,
              "mismatched": mismatched, "seconds": round(elapsed, 1)}
    print(json.dumps(report, indent=2))
    ok = (len(stored) == len(articles) == len(set(stored.values())) and not mismatched
          and stored_total == expected_total and tally["failed"] == 0)
    print("check: " + ("every article and quote stored once" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
