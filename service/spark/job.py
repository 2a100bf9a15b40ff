"""The Spark job: articles (JSONL or Parquet, on any path Spark reads) in; quotes and a per-article
status out, and optionally every article stored in the quote database.

    python -m service spark IN OUT [--master URL] [--partitions N] [--format parquet|jsonl]
                                   [--to-database URL]
    spark-submit --master URL "$(python -c 'import service.spark.job as j; print(j.__file__)')" IN OUT ...

``OUT/quotes/`` gets one row per quote (the article id and every field of the API's quote),
partitioned by ``published_date`` when the input has ``published_at``; ``OUT/articles/`` one row
per input record with its status: ``ok``, ``failed`` or ``timeout``, and the error.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from service.config import load_settings
from service.paths import INSTALLED, SHIPPED_DIR
from service.spark.partition import WorkerOptions, extract_partition
from service.spark.rows import result_schema

INPUT_COLUMNS = ("id", "text", "title", "url", "outlet", "published_at")
CORRUPT = "_corrupt_record"


@dataclass(frozen=True)
class JobSummary:
    articles: int
    ok: int
    failed: int
    timeout: int
    quotes: int
    words: int

    def line(self) -> str:
        return (f"articles={self.articles} ok={self.ok} failed={self.failed} timeout={self.timeout} "
                f"quotes={self.quotes} words={self.words}")


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The job's options, shared by ``python -m service spark`` and ``spark-submit``."""
    parser.add_argument("input", metavar="IN", help="JSONL or Parquet articles {id, text, title?, url?, outlet?, "
                                                    "published_at?}: a file, a folder or a glob, local, hdfs:// or s3a://")
    parser.add_argument("output", metavar="OUT", help="folder to write quotes/ and articles/ into")
    parser.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    parser.add_argument("--partitions", type=int, help="repartition the articles into N tasks "
                                                       "(default: at least one per core)")
    parser.add_argument("--format", choices=("parquet", "jsonl"), default="parquet", help="output format")
    parser.add_argument("--input-format", choices=("auto", "jsonl", "parquet"), default="auto",
                        help="auto: parquet for a path ending in .parquet or a folder of .parquet files")
    parser.add_argument("--to-database", metavar="URL", help="also store every article in this quote database "
                                                             "(migrated first with: python -m service db upgrade)")
    parser.add_argument("--batch-size", type=int, default=16, help="articles per nlp.pipe batch")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one article may take (0: no limit)")
    parser.add_argument("--overwrite", action="store_true", help="replace OUT's quotes/ and articles/ if present")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                        help="a Spark setting, as spark-submit's --conf (repeatable)")
    return parser


def input_format(path: str, chosen: str) -> str:
    if chosen != "auto":
        return chosen
    if path.rstrip("/").endswith(".parquet"):
        return "parquet"
    if os.path.isdir(path) and any(name.endswith(".parquet") for name in os.listdir(path)):
        return "parquet"
    return "jsonl"


def read_articles(spark: Any, path: str, fmt: str) -> Any:
    """The input with the columns the job knows, as strings; a line that is not JSON becomes a
    row with no id (reported, not fatal)."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    if fmt == "jsonl":
        schema = T.StructType([T.StructField(c, T.StringType(), True) for c in INPUT_COLUMNS + (CORRUPT,)])
        df = spark.read.schema(schema).option("mode", "PERMISSIVE") \
            .option("columnNameOfCorruptRecord", CORRUPT).json(path)
    else:
        df = spark.read.parquet(path)
    columns = []
    for name in INPUT_COLUMNS + (CORRUPT,):
        if name not in df.columns:
            columns.append(F.lit(None).cast("string").alias(name))
        elif name == "published_at" and isinstance(df.schema[name].dataType, T.TimestampType | T.DateType):
            columns.append(F.date_format(name, "yyyy-MM-dd'T'HH:mm:ssXXX").alias(name))
        else:
            columns.append(F.col(name).cast("string").alias(name))
    return df.select(*columns)


def run_job(spark: Any, args: argparse.Namespace,
            mapper: Callable[[WorkerOptions, Iterator[Any]], Iterator[dict]] = extract_partition) -> JobSummary:
    """Extract every article of ``args.input`` into ``args.output``; ``mapper`` is the per-partition work."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    settings = load_settings()
    if args.to_database:
        require_migrated(args.to_database)
    options = WorkerOptions(settings.model, settings.rules_dir, args.batch_size, args.timeout, args.to_database)
    articles = read_articles(spark, args.input, input_format(args.input, args.input_format))
    wanted = args.partitions or max(spark.sparkContext.defaultParallelism, articles.rdd.getNumPartitions())
    if wanted != articles.rdd.getNumPartitions():
        articles = articles.repartition(wanted)
    results = spark.createDataFrame(articles.rdd.mapPartitions(partial(mapper, options)), result_schema()) \
        .persist(StorageLevel.MEMORY_AND_DISK)
    mode = "overwrite" if args.overwrite else "errorifexists"
    write(results.drop("quote_rows"), f"{args.output.rstrip('/')}/articles", args.format, mode)
    quotes = results.where(F.size("quote_rows") > 0).select(
        F.col("id").alias("article_id"), F.col("published_at").cast("date").alias("published_date"),
        F.explode("quote_rows").alias("quote")).select("article_id", "published_date", "quote.*")
    dated = results.where(F.col("published_at").isNotNull()).limit(1).count() > 0
    write(quotes, f"{args.output.rstrip('/')}/quotes", args.format, mode,
          partition_by="published_date" if dated else None)
    totals = results.groupBy().agg(
        F.count("*"), *(F.sum((F.col("status") == s).cast("long")) for s in ("ok", "failed", "timeout")),
        F.sum("quotes"), F.sum(F.when(F.col("status") == "ok", F.col("words")))).first()
    results.unpersist()
    return JobSummary(*(int(v or 0) for v in totals))


def write(df: Any, path: str, fmt: str, mode: str, partition_by: str | None = None) -> None:
    writer = df.write.mode(mode)
    if partition_by:
        writer = writer.partitionBy(partition_by)
    if fmt == "parquet":
        writer.parquet(path)
    else:
        writer.json(path)


def require_migrated(url: str) -> None:
    from service.store.migrate import current_revision, head_revision

    if current_revision(url) != head_revision():
        raise SystemExit(f"the database {url.split('@')[-1]} is not migrated: run `python -m service db upgrade` "
                         "with DATABASE_URL set to it first")


def spark_session(master: str | None, conf: Sequence[str] = ()) -> Any:
    """The session spark-submit configured, or a new one; from a checkout, workers get its path.
    A local master binds to the loopback address only."""
    from pyspark.sql import SparkSession

    if not INSTALLED:  # Python workers are separate processes: they must import this checkout too
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(SHIPPED_DIR), os.environ.get("PYTHONPATH")) if p)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this driver and chose the master
    master = master or (None if submitted else "local[*]")
    builder = SparkSession.builder.appName("quotes")
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers use the driver's virtualenv
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    for setting in conf:
        key, _, value = setting.partition("=")
        builder = builder.config(key.strip(), value.strip())
    return builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()


def main(argv: Sequence[str] | None = None, args: argparse.Namespace | None = None) -> int:
    """Entry point for spark-submit and ``python -m service spark``."""
    if args is None:
        args = add_arguments(argparse.ArgumentParser(prog="quotes-spark", description=__doc__)).parse_args(argv)
    try:
        spark = spark_session(args.master, args.conf)
    except ImportError:
        sys.stderr.write("PySpark is not installed: pip install -r requirements-spark.txt (and Java 17+)\n")
        return 2
    spark.sparkContext.setLogLevel("WARN")
    try:
        summary = run_job(spark, args)
    finally:
        spark.stop()
    print(summary.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
