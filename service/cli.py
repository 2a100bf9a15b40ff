"""Command line: ``python -m service extract FILE...`` prints what the API would answer;
``batch`` extracts a whole corpus to JSONL; ``ingest`` loads articles into the quote database,
``export`` writes its quotes, ``db`` migrates it."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from marshmallow import ValidationError

from .config import load_settings
from .extraction import Extraction, Extractor
from .store.db import Database

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    def register(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = fn
        return fn
    return register


def read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as f:
        return f.read()


def text_view(name: str, result: Extraction, out: TextIO) -> None:
    """One line per quote, for people: speaker | type | quote."""
    for q in result.quotes:
        speaker = (q.speaker.name or q.speaker.mention) if q.speaker else "?"
        out.write(f"{name}\t{speaker} | {q.type} | {q.text}\n")


def make_extractor() -> Extractor:
    settings = load_settings()
    return Extractor(settings.model, settings.rules_dir)


@command("extract")
def extract(args: argparse.Namespace) -> int:
    extractor = make_extractor()
    for path in args.files:
        result = extractor.extract(read_input(path), args.title)
        if args.format == "text":
            text_view(path, result, sys.stdout)
        else:
            body = result.to_dict()
            if len(args.files) > 1:
                body = {"file": path, **body}
            sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2 if args.pretty else None) + "\n")
    return 0


def open_database(migrate: bool | None = None) -> Database:
    """The configured database, migrated first when the settings (or ``migrate``) ask."""
    from .store.migrate import upgrade

    settings = load_settings()
    url = settings.resolved_database_url
    if settings.should_auto_migrate if migrate is None else migrate:
        upgrade(url)
    return Database(url)


@command("db")
def db_command(args: argparse.Namespace) -> int:
    from .store import migrate

    url = load_settings().resolved_database_url
    if args.action == "upgrade":
        migrate.upgrade(url, args.revision)
    current = migrate.current_revision(url)
    head = migrate.head_revision()
    sys.stdout.write(f"database at {current or 'nothing (empty)'}; newest migration {head}\n")
    return 0 if args.action == "upgrade" or current == head else 1


@command("ingest")
def ingest_command(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .api.articles.schemas import ArticleRequestSchema
    from .store.bulk import Tally, count_articles, expand, read_articles, validation_message
    from .store.ingest import NewArticle, ingest

    files = expand(args.paths)
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        sys.stderr.write(f"not found: {', '.join(missing)}\n")
        return 2
    db, extractor, tally = open_database(), make_extractor(), Tally()
    schema = ArticleRequestSchema()
    progress = tqdm(read_articles(files), total=count_articles(files), unit="article", disable=args.quiet)
    for loaded in progress:
        try:
            if loaded.error:
                raise ValueError(loaded.error)
            article = NewArticle(**schema.load(loaded.record))
            result = ingest(db, article, lambda a: extractor.extract(a.text, a.title))
            tally.created += result.created
            tally.existing += not result.created
        except ValidationError as exc:
            tally.failed.append(f"{loaded.origin}: {validation_message(exc)}")
        except Exception as exc:  # one bad article must not stop a bulk load; it is reported below
            tally.failed.append(f"{loaded.origin}: {exc}")
        progress.set_postfix(new=tally.created, seen=tally.existing, failed=len(tally.failed))
    db.dispose()
    for failure in tally.failed:
        sys.stderr.write(f"failed: {failure}\n")
    sys.stdout.write(f"{tally.created} stored, {tally.existing} already stored, {len(tally.failed)} failed\n")
    return 1 if tally.failed else 0


@command("export")
def export_command(args: argparse.Namespace) -> int:
    from .store.bulk import write_csv, write_jsonl
    from .store.queries import QuoteFilters

    db = open_database()
    filters = QuoteFilters(speaker=args.speaker, outlet=args.outlet, type=args.type)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        count = (write_csv if args.format == "csv" else write_jsonl)(db, filters, out)
    finally:
        if args.output:
            out.close()
        db.dispose()
    sys.stderr.write(f"{count} quotes exported\n")
    return 0


@command("batch")
def batch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .batch import run_batch
    source = Path(args.input)
    if not source.exists():
        sys.stderr.write(f"no such file or folder: {source}\n")
        return 2
    summary = run_batch(source, Path(args.output), make_extractor(), workers=args.workers,
                        batch_size=args.batch_size, progress=not args.quiet)
    for failure in summary.failures[:20]:
        sys.stderr.write(f"failed: {failure}\n")
    print(summary.line())
    return 1 if summary.failed else 0


@command("spark")
def spark_command(args: argparse.Namespace) -> int:
    from .spark.job import main as run_spark_job  # PySpark is optional: imported only here
    return run_spark_job(args=args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract quotes from article files (- for stdin)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--title", help="headline of the article (single file)")
    p.add_argument("--pretty", action="store_true", help="indented JSON")
    p.add_argument("--format", choices=("json", "text"), default="json",
                   help="json (as the API) or text: one 'speaker | type | quote' line per quote")
    p = sub.add_parser("db", help="quote database migrations")
    p.add_argument("action", choices=("upgrade", "current"), help="upgrade: apply migrations; current: show revision")
    p.add_argument("--revision", default="head", help="upgrade to this revision (default: head)")
    p = sub.add_parser("ingest", help="extract articles and store them in the quote database")
    p.add_argument("paths", nargs="+", metavar="FILE|DIR",
                   help="article .txt files, .json objects, .jsonl files (one object a line), or folders of them")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p = sub.add_parser("export", help="write the database's quotes, newest first")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl",
                   help="jsonl: one quote a line, with its sources; csv: one row per source")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.add_argument("--speaker", help="only this speaker (id or name)")
    p.add_argument("--outlet", help="only quotes this outlet reported")
    p.add_argument("--type", choices=("direct", "indirect", "mixed"))


    b = sub.add_parser("batch", help="extract a corpus: JSONL records {id, text} or a folder of .txt files, "
                                     "to JSONL; skips ids already in OUT")
    b.add_argument("input", metavar="IN", help="a .jsonl file or a folder of .txt files (id = file name)")
    b.add_argument("output", metavar="OUT", help="JSONL output, appended to")
    b.add_argument("--workers", type=int, default=1, help="processes (default 1; one per core is best)")
    b.add_argument("--batch-size", type=int, default=16, help="articles per nlp.pipe batch")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    from .spark.job import add_arguments as spark_arguments
    spark_arguments(sub.add_parser("spark", help="extract a corpus on Apache Spark (needs requirements-spark.txt)"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)
