"""``--to-database``: the job stores articles through the API's ingest code; a rerun, or a task
killed mid-partition and retried, stores nothing twice."""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from service.spark.job import run_job
from service.spark.partition import WorkerOptions, extract_partition
from service.store.migrate import upgrade

from ..conftest import TEST_DATABASE_URL, reset_postgres
from .conftest import ARTICLES
from .test_job import job_args

pytestmark = pytest.mark.slow
TABLES = ("articles", "quotes", "quote_sources", "speakers", "mentions")


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
    engine.dispose()
    return found


@pytest.fixture()
def database(backend, tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'quotes.db'}"
    if backend == "postgresql":
        reset_postgres(TEST_DATABASE_URL)
        url = TEST_DATABASE_URL
    upgrade(url)
    return url


def expected_sources(extractor) -> int:
    return sum(len(extractor.extract(a["text"], a.get("title")).quotes) for a in ARTICLES if a["text"].strip())


def test_a_rerun_adds_no_row(spark, corpus, tmp_path, database, extractor):
    first = run_job(spark, job_args(corpus, tmp_path / "one", "--to-database", database))
    stored = counts(database)
    assert stored["articles"] == first.ok == len(ARTICLES) - 1
    assert stored["quote_sources"] == expected_sources(extractor)
    run_job(spark, job_args(corpus, tmp_path / "two", "--to-database", database))
    assert counts(database) == stored
    rows = spark.read.parquet(str(tmp_path / "two" / "articles")).where("status = 'ok'").collect()
    assert {r["stored"] for r in rows} == {"existing"}


def die_once_mid_partition(options: WorkerOptions, rows) -> Iterator[dict]:
    """The first attempt of the first task stores three articles, then its Python worker dies."""
    from pyspark import TaskContext

    task = TaskContext.get()
    for k, row in enumerate(extract_partition(options, rows)):
        if task.partitionId() == 0 and task.attemptNumber() == 0 and k == 2:
            os._exit(1)
        yield row


def test_a_task_killed_mid_partition_and_retried_stores_nothing_twice(spark, corpus, tmp_path, database,
                                                                         extractor):
    summary = run_job(spark, job_args(corpus, tmp_path / "out", "--to-database", database, "--partitions", "1"),
                      mapper=die_once_mid_partition)
    assert summary.ok == len(ARTICLES) - 1
    stored = counts(database)
    assert stored["articles"] == len(ARTICLES) - 1
    assert stored["quote_sources"] == expected_sources(extractor)
    rows = spark.read.parquet(str(tmp_path / "out" / "articles")).collect()
    assert len(rows) == len(ARTICLES) + 1  # each record once in the output too
    # the retry found the three articles its killed first attempt had stored
    assert [r["stored"] for r in rows].count("existing") == 3
