"""The Spark job against the batch CLI, quote for quote; bad records; output layout."""
from __future__ import annotations

import argparse
import json

import pytest

from service.batch import run_batch
from service.spark.job import add_arguments, run_job

from .conftest import ARTICLES

pytestmark = pytest.mark.slow


def job_args(*argv: str) -> argparse.Namespace:
    return add_arguments(argparse.ArgumentParser()).parse_args([str(a) for a in argv])


def quote_rows(spark, out) -> dict[str, list[dict]]:
    by_article: dict[str, list[dict]] = {}
    for row in spark.read.parquet(str(out / "quotes")).collect():
        record = row.asDict(recursive=True)
        article_id = record.pop("article_id")
        record.pop("published_date")
        by_article.setdefault(article_id, []).append(record)
    return {k: sorted(v, key=lambda q: int(q["id"][1:])) for k, v in by_article.items()}


def test_job_quotes_equal_the_batch_cli(spark, corpus, tmp_path, extractor):
    summary = run_job(spark, job_args(corpus, tmp_path / "out", "--partitions", "3"))
    batch_out = tmp_path / "batch.jsonl"
    run_batch(corpus, batch_out, extractor, progress=False)
    expected = {}
    for line in batch_out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if "quotes" in record and record["quotes"]:
            expected[record["id"]] = record["quotes"]
    got = quote_rows(spark, tmp_path / "out")
    titled = {a["id"] for a in ARTICLES if a.get("title")}
    assert {k: [q for q in v if q["field"] == "text"] for k, v in got.items()} == expected
    assert sum(len(v) for v in expected.values()) >= 8
    assert all(any(q["field"] == "title" for q in got[k]) for k in titled)  # headlines are read too
    assert summary.ok == len(ARTICLES) - 1 and summary.failed == 2  # the blank text and the line that is not JSON


def test_articles_table_reports_each_record(spark, corpus, tmp_path):
    run_job(spark, job_args(corpus, tmp_path / "out", "--format", "jsonl"))
    rows = [json.loads(line) for part in (tmp_path / "out" / "articles").glob("part-*.json")
            for line in part.read_text(encoding="utf-8").splitlines()]
    by_id = {r.get("id"): r for r in rows}
    assert len(rows) == len(ARTICLES) + 1
    assert by_id["empty-1"]["status"] == "failed" and "non-empty text" in by_id["empty-1"]["error"]
    assert by_id[None]["status"] == "failed"
    assert by_id["none-1"]["status"] == "ok" and by_id["none-1"]["quotes"] == 0
    partitions = {p.name for p in (tmp_path / "out" / "quotes").iterdir() if p.is_dir()}
    assert "published_date=2025-03-04" in partitions


def test_an_article_past_its_time_is_reported_not_fatal(spark, corpus, tmp_path):
    summary = run_job(spark, job_args(corpus, tmp_path / "out", "--timeout", "0.000001", "--partitions", "1"))
    statuses = {r["status"] for r in spark.read.parquet(str(tmp_path / "out" / "articles")).collect()}
    assert summary.timeout == len(ARTICLES) - 1 and statuses == {"timeout", "failed"}


def test_an_existing_output_is_not_overwritten_by_mistake(spark, corpus, tmp_path):
    run_job(spark, job_args(corpus, tmp_path / "out"))
    with pytest.raises(Exception, match="already exists"):
        run_job(spark, job_args(corpus, tmp_path / "out"))
    run_job(spark, job_args(corpus, tmp_path / "out", "--overwrite"))


def test_parquet_input_with_timestamps_gives_the_same_quotes(spark, corpus, tmp_path):
    from pyspark.sql import functions as F

    records = [a for a in ARTICLES if a["text"].strip()]
    frame = spark.createDataFrame([(a["id"], a["text"], a.get("title"), a.get("published_at")) for a in records],
                                  "id string, text string, title string, published_at string")
    frame.withColumn("published_at", F.to_timestamp("published_at")).write.parquet(str(tmp_path / "in.parquet"))
    run_job(spark, job_args(tmp_path / "in.parquet", tmp_path / "from-parquet"))
    run_job(spark, job_args(corpus, tmp_path / "from-jsonl"))
    assert quote_rows(spark, tmp_path / "from-parquet") == quote_rows(spark, tmp_path / "from-jsonl")
    dates = {r["published_date"] for r in spark.read.parquet(str(tmp_path / "from-parquet" / "quotes")).collect()}
    assert len(dates - {None}) >= 3


def test_the_command_line_runs_the_job(spark, corpus, tmp_path):
    """``python -m service spark`` in its own process, with its own Spark session."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "service", "spark", str(corpus), str(tmp_path / "out"),
                           "--master", "local[2]", "--format", "jsonl", "--conf", "spark.ui.enabled=false"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"articles={len(ARTICLES) + 1} ok={len(ARTICLES) - 1} failed=2 timeout=0" in done.stdout
    assert list((tmp_path / "out" / "quotes").glob("published_date=*/part-*.json"))
