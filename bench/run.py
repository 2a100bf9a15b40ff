"""Throughput of the extractor, the batch CLI and the API, as ratios to bare spaCy in the same run.

    python bench/run.py [--texts DIR] [--rounds N] [--duration S]

DIR holds ``*.txt`` articles (default: the short texts in bench/texts/). Bare spaCy and ours
alternate (single process: chunk by chunk; two processes: run by run; the API: a bare run, then a
share of the load, round by round) and the best round of each side counts, so that other load on
the machine penalises both sides alike.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
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
from typing import NamedTuple

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


class Cost(NamedTuple):
    """Wall-clock seconds, and CPU seconds of this process and its finished children. On a shared
    machine the CPU seconds are the steadier measure: other load stretches wall time only."""

    wall: float
    cpu: float

    def __add__(self, other: object) -> Cost:
        assert isinstance(other, Cost)
        return Cost(self.wall + other.wall, self.cpu + other.cpu)


def cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(fn: Callable[..., object], *args: object) -> Cost:
    wall, cpu = time.perf_counter(), cpu_seconds()
    fn(*args)
    return Cost(time.perf_counter() - wall, cpu_seconds() - cpu)


def best(costs: list[Cost]) -> Cost:
    return Cost(min(c.wall for c in costs), min(c.cpu for c in costs))


def best_of(rounds: int, *runs: Callable[[], object]) -> list[Cost]:
    """Run each callable ``rounds`` times, alternating; the best of each."""
    costs: list[list[Cost]] = [[] for _ in runs]
    for _ in range(rounds):
        for k, run in enumerate(runs):
            costs[k].append(measure(run))
    return [best(c) for c in costs]


def interleaved(rounds: int, texts: list[str], chunk: int, *runs: Callable[[list[str]], object]) -> list[Cost]:
    """Cost of each run over all texts. The runs alternate chunk by chunk, and each chunk counts
    at its best of ``rounds``, so a burst of load from elsewhere on the machine hits one round of
    one chunk, not one side."""
    chunks = [texts[start:start + chunk] for start in range(0, len(texts), chunk)]
    costs: list[list[list[Cost]]] = [[[] for _ in chunks] for _ in runs]
    for _ in range(rounds):
        for c, part in enumerate(chunks):
            for k, run in enumerate(runs):
                costs[k][c].append(measure(run, part))
    totals = []
    for per_chunk in costs:
        total = Cost(0.0, 0.0)
        for c in per_chunk:
            total = total + best(c)
        totals.append(total)
    return totals


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
    return {"words_per_s": counts["words"] / elapsed, "words": counts["words"],
            "requests": counts["requests"], "errors": counts["errors"],
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


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by a process and its live children (gunicorn's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in [pid] + [int(c) for c in os.listdir("/proc") if c.isdigit() and _ppid(int(c)) == pid]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def _ppid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


# report ---------------------------------------------------------------------------------
def row(name: str, value: float, cpu_value: float | None, target: str, ok: bool | None, detail: str) -> str:
    verdict = "" if ok is None else ("ok" if ok else "MISS")
    cpu = f"{cpu_value:>8.3f}" if cpu_value is not None else f"{'':>8}"
    return f"{name:<32} {value:>8.3f} {cpu}  {target:<8} {verdict:<5} {detail}"


def ratio_row(name: str, bare: Cost, ours: Cost, target: float, words: int, ok: bool = True, extra: str = "") -> str:
    """Our words/s over bare spaCy's, by wall clock (the target) and by CPU seconds."""
    wall, cpu = bare.wall / ours.wall, bare.cpu / ours.cpu
    return row(name, wall, cpu, f">={target}", ok and wall >= target,
               f"{words / ours.wall:.0f} vs {words / bare.wall:.0f} words/s; per CPU-s "
               f"{words / ours.cpu:.0f} vs {words / bare.cpu:.0f}{extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=ROOT / "bench" / "texts", help="folder of .txt articles")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per comparison (best counts)")
    parser.add_argument("--min-words", type=int, default=20_000, help="repeat short text sets up to this size")
    parser.add_argument("--duration", type=float, default=30.0,
                        help="seconds of API load in all, split over the rounds")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: single, cli, api")
    parser.add_argument("--port", type=int, default=0, help="the API's loopback port (default: a free one)")
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
        bare1, ours1 = interleaved(args.rounds, texts, bs, lambda part: consume(bare.pipe(part, batch_size=bs)),
                                   lambda part: consume(extractor.extract_many(part, batch_size=bs)))
        print(f"single process: bare {words / bare1.wall:.0f} words/s, extractor {words / ours1.wall:.0f} words/s",
              flush=True)
        lines.append(ratio_row("1 extractor / bare nlp.pipe", bare1, ours1, TARGETS["single"], words))
    n = args.workers
    bare_n = lambda: consume(bare.pipe(texts, batch_size=bs, n_process=n))  # noqa: E731
    if "cli" not in skip:
        bare2, cli2 = best_of(args.rounds, bare_n, cli_run(texts, extractor, n, bs))
        print(f"{n} processes: bare {words / bare2.wall:.0f} words/s, batch CLI {words / cli2.wall:.0f} words/s",
              flush=True)
        lines.append(ratio_row(f"2 batch CLI / bare n_process={n}", bare2, cli2, TARGETS["cli"], words))
    if "api" not in skip:
        port = args.port or free_port()
        log = Path(tempfile.mkdtemp(prefix="quotes-bench-")) / "gunicorn.log"
        server = start_gunicorn(port, n, log)
        try:
            for t in texts[:2 * n]:  # each worker answers once before the clock starts
                post(port, "/v1/extract", json.dumps({"text": t}).encode())
            idle_pss, _ = pss_mib(server.pid)
            # the bare side and the API take turns, a round each, and the best round of each side
            # counts (as in measures 1 and 2), so that load from elsewhere hits both alike
            bare_rounds, api_rounds, results = [], [], []
            for _ in range(args.rounds):
                bare_rounds.append(measure(bare_n))
                cpu = tree_cpu_seconds(server.pid)
                result = load_test(port, texts, args.clients, args.duration / args.rounds)
                results.append(result)
                per_word = max(result["words"], 1)
                api_rounds.append(Cost(result["elapsed"] / per_word, (tree_cpu_seconds(server.pid) - cpu) / per_word))
            pss, procs = pss_mib(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        api_words = sum(r["words"] for r in results)
        best_api = best(api_rounds)
        api = Cost(best_api.wall * api_words, best_api.cpu * api_words)
        bare_best = best(bare_rounds)
        print(f"API: {api_words / api.wall:.0f} words/s (best of {args.rounds} rounds); bare {n} processes between "
              f"them {words / bare_best.wall:.0f} words/s", flush=True)
        # scale the bare run to the words the API served, so both sides are per word
        bare_scaled = Cost(bare_best.wall * api_words / words, bare_best.cpu * api_words / words)
        requests, errors = sum(r["requests"] for r in results), sum(r["errors"] for r in results)
        lines.append(ratio_row(f"3 API / bare n_process={n}", bare_scaled, api, TARGETS["api"], api_words,
                               ok=errors == 0,
                               extra=f"; {requests} requests, {errors} errors, "
                                     f"p50 {statistics.median(r['p50_ms'] for r in results):.0f} ms, "
                                     f"p99 {max(r['p99_ms'] for r in results):.0f} ms, "
                                     f"{args.clients} clients, {args.rounds} x {args.duration / args.rounds:.0f} s"))
        lines.append(row("4 PSS master + workers, MiB", pss, None, "<=450", pss <= TARGETS["pss_mib"],
                         f"{procs} processes after the load ({idle_pss:.0f} MiB before it)"))
    print(f"\n{'measure':<32} {'wall':>8} {'cpu':>8}  {'target':<8} {'':<5} detail")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
