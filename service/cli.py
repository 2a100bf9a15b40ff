"""Command line: ``python -m service extract FILE...`` prints what the API would answer;
``python -m service batch IN OUT`` extracts a whole corpus to JSONL."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from .config import load_settings
from .extraction import Extraction, Extractor

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
        speaker = q.speaker.name if q.speaker else "?"
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract quotes from article files (- for stdin)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--title", help="headline of the article (single file)")
    p.add_argument("--pretty", action="store_true", help="indented JSON")
    p.add_argument("--format", choices=("json", "text"), default="json",
                   help="json (as the API) or text: one 'speaker | type | quote' line per quote")
    b = sub.add_parser("batch", help="extract a corpus: JSONL records {id, text} or a folder of .txt files, "
                                     "to JSONL; skips ids already in OUT")
    b.add_argument("input", metavar="IN", help="a .jsonl file or a folder of .txt files (id = file name)")
    b.add_argument("output", metavar="OUT", help="JSONL output, appended to")
    b.add_argument("--workers", type=int, default=1, help="processes (default 1; one per core is best)")
    b.add_argument("--batch-size", type=int, default=16, help="articles per nlp.pipe batch")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)
