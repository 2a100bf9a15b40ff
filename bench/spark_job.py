"""Words/s of the Spark job on ``local[2]`` against the batch CLI with 2 workers, same texts.

    python bench/spark_job.py [--texts DIR] [--min-words N] [--rounds R] [--partitions P]

Both sides extract the same JSONL (the folder's ``*.txt`` articles, repeated to ``--min-words``)
and write their outputs. The ratio compares the steady state: the batch side's model is loaded
before its clock starts, and the job runs once on a few articles first, so its JVM and each
Python worker's model are loaded; those start-up costs are printed on their own.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.batch import run_batch  # noqa: E402
from service.extraction import Extractor  # noqa: E402
from service.spark.job import add_arguments, run_job, spark_session  # noqa: E402


def write_corpus(folder: Path, texts: list[str], path: Path) -> int:
    with path.open("w", encoding="utf-8") as f:
        for k, text in enumerate(texts):
            f.write(json.dumps({"id": f"a{k}", "text": text}) + "\n")
    return sum(len(t.split()) for t in texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, default=ROOT / "bench" / "texts")
    parser.add_argument("--min-words", type=int, default=60_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--partitions", type=int, help="the job's --partitions (default: the job's own)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    originals = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))]
    words_once = sum(len(t.split()) for t in originals)
    texts = originals * max(1, -(-args.min_words // words_once))
    work = Path(tempfile.mkdtemp(prefix="quotes-spark-bench-"))
    corpus, warmup = work / "corpus.jsonl", work / "warmup.jsonl"
    words = write_corpus(work, texts, corpus)
    write_corpus(work, originals[:4], warmup)
    print(f"{len(texts)} texts, {words} words from {args.texts}", flush=True)

    started = time.perf_counter()
    extractor = Extractor()
    batch_load = time.perf_counter() - started

    started = time.perf_counter()
    spark = spark_session(f"local[{args.workers}]", ["spark.ui.enabled=false"])
    spark.sparkContext.setLogLevel("ERROR")
    session_start = time.perf_counter() - started
    options = ["--partitions", str(args.partitions)] if args.partitions else []
    parse = lambda *a: add_arguments(argparse.ArgumentParser()).parse_args([*map(str, a), *options])  # noqa: E731
    started = time.perf_counter()
    run_job(spark, parse(warmup, work / "warm", "--overwrite"))
    first_job = time.perf_counter() - started

    job_times, batch_times = [], []
    for _ in range(args.rounds):
        started = time.perf_counter()
        summary = run_job(spark, parse(corpus, work / "job", "--overwrite"))
        job_times.append(time.perf_counter() - started)
        assert summary.ok == len(texts) and summary.words == words, summary.line()
        out = work / "batch.jsonl"
        out.unlink(missing_ok=True)
        started = time.perf_counter()
        result = run_batch(corpus, out, extractor, workers=args.workers, progress=False)
        batch_times.append(time.perf_counter() - started)
        assert result.articles == len(texts), result.line()
    spark.stop()
    shutil.rmtree(work, ignore_errors=True)

    job, batch = min(job_times), min(batch_times)
    print(f"start-up: Spark session {session_start:.1f} s; first job on 4 articles (each Python worker loads "
          f"the model) {first_job:.1f} s; the batch CLI's model load {batch_load:.1f} s")
    print(f"job on local[{args.workers}]: {words / job:.0f} words/s ({job:.1f} s); batch CLI, {args.workers} workers: "
          f"{words / batch:.0f} words/s ({batch:.1f} s)")
    print(f"job / batch, steady state: {batch / job:.3f} (target >= 0.8)")
    cold = batch_load + batch
    print(f"job / batch, start-up included: {cold / (session_start + first_job + job):.3f} "
          f"on {words} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
