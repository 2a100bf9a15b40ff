"""Command line: ``python -m service extract FILE...`` prints what the API would answer."""
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract quotes from article files (- for stdin)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--title", help="headline of the article (single file)")
    p.add_argument("--pretty", action="store_true", help="indented JSON")
    p.add_argument("--format", choices=("json", "text"), default="json",
                   help="json (as the API) or text: one 'speaker | type | quote' line per quote")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)
