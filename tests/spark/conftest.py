"""A local Spark session for the job's tests (``local[2,2]``: two cores, a failed task is retried
once). Without PySpark or Java the tests are skipped, unless QUOTES_SPARK_TESTS=required (CI)."""
from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest

REQUIRED = os.environ.get("QUOTES_SPARK_TESTS") == "required"

# short articles written for these tests, in the styles of several presses
ARTICLES = [
    {"id": "wire-1", "published_at": "2025-03-04T08:00:00Z",
     "text": "NAIROBI, March 4 (Reuters) - Kenya's central bank governor said on Tuesday that inflation "
             "would ease by June.\n\n\"We expect prices to stabilise,\" he told a news conference."},
    {"id": "uk-1", "published_at": "2025-03-04",
     "text": "'The ward was simply not safe,' a senior nurse told the inquiry.\n\n"
             "The trust said in a statement that it had apologised to the families."},
    {"id": "asia-1", "published_at": "2025-03-05T01:30:00+09:00",
     "text": "South Korea's Foreign Ministry summoned the envoy on Friday, officials said.\n\n"
             "\"This is a grave provocation,\" First Vice Minister Park Ji-won said."},
    {"id": "gulf-1", "published_at": "2025-03-05",
     "title": "\"We will rebuild,\" says mayor",
     "text": "The mayor of Jeddah said the flooded district would be rebuilt within a year.\n\n"
             "Residents complained that warnings came too late, according to local media."},
    {"id": "none-1", "text": "The river rose by two metres overnight and the bridge was closed to traffic."},
    {"id": "dash-1", "published_at": "2025-03-06",
     "text": "Doha — Qatar's prime minister said talks would continue next week.\n\n"
             "\"Nothing is agreed until everything is agreed,\" he added."},
    {"id": "wire-2", "published_at": "2025-03-06",
     "text": "MANILA (AFP) - Fishermen accused the coast guard of ignoring their calls.\n\n"
             "\"They left us at sea for two days,\" said Ramon Cruz, 54."},
    {"id": "empty-1", "text": "   "},
]


def write_jsonl(path: Path, records: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record) + "\n")
        for line in extra_lines:
            f.write(line + "\n")
    return path


@pytest.fixture(scope="session")
def spark():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if REQUIRED:
            raise
        pytest.skip("PySpark is not installed (pip install -r requirements-spark.txt)")
    if shutil.which("java") is None:
        if REQUIRED:
            pytest.fail("java is not on PATH (apt-get install openjdk-17-jre-headless)")
        pytest.skip("java is not on PATH")
    from service.spark.job import spark_session

    session = spark_session("local[2,2]", ["spark.ui.enabled=false", "spark.sql.shuffle.partitions=2"])
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    # py4j logs its connection's close from a finaliser at interpreter exit, after pytest has
    # closed the streams it captured: keep that line out of the run's output
    logging.getLogger("py4j").setLevel(logging.WARNING)


@pytest.fixture()
def corpus(tmp_path) -> Path:
    return write_jsonl(tmp_path / "articles.jsonl", ARTICLES, ("{not json",))
