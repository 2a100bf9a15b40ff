"""Throughput of the extractor, the batch CLI and the API, as ratios to bare spaCy in the same run.

    python bench/run.py [--texts DIR] [--rounds N] [--duration S]

DIR holds ``*.txt`` articles (default: the short texts in bench/texts/). Bare spaCy and ours
alternate (single process: chunk by chunk; two processes: run by run) and the best round of each
side counts, so that other load on the machine penalises both sides alike.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from service.batch import run_batch  # noqa: E402
from service.extraction import DEFAULT_MODEL, Extractor  # noqa: E402

TARGETS = {"single": 0.85, "cli": 0.85, "api": 0.75, "pss_mib": 450}


def load_texts(folder: Path, min_words: int) -> list[str]:
    """The folder's articles, repeated until there are at least ``min_words`` words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt files in {folder}")
    words = sum(len(t.split()) for t in texts)
    return texts * max(1, -(-min_words // words))


def best_of(rounds: int, *runs: Callable[[], float]) -> list[float]:
    """Run each callable ``rounds`` times, alternating; the best time of each."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(rounds):
        for k, run in enumerate(runs):
            times[k].append(run())
    return [min(t) for t in times]


def interleaved(rounds: int, texts: list[str], chunk: int, *runs: Callable[[list[str]], object]) -> list[float]:
    """Total time of each run over all texts, alternating chunk by chunk so that both sides see
    the same load from elsewhere on the machine; the best of ``rounds`` passes."""
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        totals = [0.0] * len(runs)
        for start in range(0, len(texts), chunk):
            part = texts[start:start + chunk]
            for k, run in enumerate(runs):
                started = time.perf_counter()
                run(part)
                totals[k] += time.perf_counter() - started
        best = [min(b, t) for b, t in zip(best, totals, strict=True)]
    return best


def timed(fn: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        started = time.perf_counter()
        fn()
        return time.perf_counter() - started
    return run


def consume(iterable: object) -> None:
    for _ in iterable:  # type: ignore[attr-defined]
        pass


def cli_run(texts: list[str], extractor: Extractor, workers: int, batch_size: int) -> Callable[[], None]:
    """The batch command's work (read JSONL, extract, write JSONL) on a fresh output each time."""
    folder = Path(tempfile.mkdtemp(prefix="quotes-bench-"))
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps({"id": str(k), "text": t}) + "\n" for k, t in enumerate(texts)),
                      encoding="utf-8")

    def run() -> None:
        out = folder / "out.jsonl"
        out.unlink(missing_ok=True)
        summary = run_batch(source, out, extractor, workers=workers, batch_size=batch_size, progress=False)
        assert summary.articles == len(texts) and summary.failed == 0, summary.line()
    return run


# load test ------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port: int, path: str, body: bytes, timeout: float = 120) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", path, body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "QUOTES_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT,
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


def load_test(port: int, texts: list[str], clients: int, duration: float) -> dict[str, float]:
    """``clients`` threads post articles to /v1/extract for ``duration`` seconds."""
    bodies = [(json.dumps({"text": t}).encode(), len(t.split())) for t in texts]
    latencies: list[float] = []
    counts = {"words": 0, "errors": 0, "requests": 0}
    lock = threading.Lock()
    stop = time.perf_counter() + duration

    def client(offset: int) -> None:
        k = offset
        while time.perf_counter() < stop:
            body, words = bodies[k % len(bodies)]
            k += clients
            started = time.perf_counter()
            try:
                status, _ = post(port, "/v1/extract", body)
            except OSError:
                status = 0
            with lock:
                counts["requests"] += 1
                if status == 200:
                    latencies.append(time.perf_counter() - started)
                    counts["words"] += words
                else:
                    counts["errors"] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(c * len(bodies) // clients,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0.0  # noqa: E731
    return {"words_per_s": counts["words"] / elapsed, "requests": counts["requests"], "errors": counts["errors"],
            "p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0, "p99_ms": pick(0.99),
            "elapsed": elapsed}


def pss_mib(pid: int) -> tuple[float, int]:
    """Total PSS of a process and its children, and how many processes that is."""
    pids = [pid] + [int(p) for p in os.listdir("/proc") if p.isdigit() and _ppid(int(p)) == pid]
    total_kib = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kib += int(line.split()[1])
        except OSError:
            pass
    return total_kib / 1024, len(pids)


def _ppid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


# report ---------------------------------------------------------------------------------
def row(name: str, value: float, target: str, ok: bool | None, detail: str) -> str:
    verdict = "" if ok is None else ("ok" if ok else "MISS")
    return f"{name:<34} {value:>8.3f}  {target:<8} {verdict:<5} {detail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=ROOT / "bench" / "texts", help="folder of .txt articles")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per comparison (best counts)")
    parser.add_argument("--min-words", type=int, default=20_000, help="repeat short text sets up to this size")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of API load (at most 30 by default)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: single, cli, api")
    args = parser.parse_args()

    texts = load_texts(args.texts, args.min_words)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words} words from {args.texts}; model {args.model}; batch size {args.batch_size}; "
          f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}", flush=True)
    bare = spacy.load(args.model)
    extractor = Extractor(args.model)
    consume(bare.pipe(texts[:4]))
    consume(extractor.extract_many(texts[:4]))
    bs = args.batch_size

    skip = set(args.skip.split(","))
    lines = []
    if "single" not in skip:
        bare1, ours1 = interleaved(args.rounds, texts, 4 * bs, lambda part: consume(bare.pipe(part, batch_size=bs)),
                                   lambda part: consume(extractor.extract_many(part, batch_size=bs)))
        print(f"single process: bare {words / bare1:.0f} words/s, extractor {words / ours1:.0f} words/s", flush=True)
        lines.append(row("1 extractor / bare nlp.pipe", bare1 / ours1, ">=0.85", bare1 / ours1 >= TARGETS["single"],
                         f"{words / ours1:.0f} vs {words / bare1:.0f} words/s"))
    n = args.workers
    bare_n = timed(lambda: consume(bare.pipe(texts, batch_size=bs, n_process=n)))
    if "cli" not in skip:
        bare2, cli2 = best_of(args.rounds, bare_n, timed(cli_run(texts, extractor, n, bs)))
        print(f"{n} processes: bare {words / bare2:.0f} words/s, batch CLI {words / cli2:.0f} words/s", flush=True)
        lines.append(row(f"2 batch CLI / bare n_process={n}", bare2 / cli2, ">=0.85", bare2 / cli2 >= TARGETS["cli"],
                         f"{words / cli2:.0f} vs {words / bare2:.0f} words/s"))
    if "api" not in skip:
        port = free_port()
        log = Path(tempfile.mkdtemp(prefix="quotes-bench-")) / "gunicorn.log"
        server = start_gunicorn(port, n, log)
        try:
            for t in texts[:2 * n]:  # each worker answers once before the clock starts
                post(port, "/v1/extract", json.dumps({"text": t}).encode())
            idle_pss, _ = pss_mib(server.pid)
            before = bare_n()  # the bare baseline just before and just after the load, averaged
            result = load_test(port, texts, args.clients, args.duration)
            pss, procs = pss_mib(server.pid)
            bare_api = (before + bare_n()) / 2
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        print(f"API: {result['words_per_s']:.0f} words/s; bare {n} processes around it {words / bare_api:.0f} words/s",
              flush=True)
        ratio = result["words_per_s"] * bare_api / words
        lines.append(row(f"3 API / bare n_process={n}", ratio, ">=0.75",
                         ratio >= TARGETS["api"] and result["errors"] == 0,
                         f"{result['words_per_s']:.0f} words/s, {result['requests']} requests, "
                         f"{result['errors']} errors, p50 {result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, "
                         f"{args.clients} clients, {result['elapsed']:.0f} s"))
        lines.append(row("4 PSS master + workers, MiB", pss, "<=450", pss <= TARGETS["pss_mib"],
                         f"{procs} processes after the load ({idle_pss:.0f} MiB before it)"))
    print(f"\n{'measure':<34} {'value':>8}  {'target':<8} {'':<5} detail")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
