"""PolNeAR text folders as one JSON-lines feed for ``python -m service ingest``.

A folder of ``.txt`` files is ingested without an outlet or a date (each article is then dated by
its ingestion), which leaves nothing for ``/v1/stats`` to group by outlet or week. PolNeAR's file
names carry both (``nyt_2016-09-12_some-title.txt``), so this writes each article with them:

    python bench/polnear_feed.py ../shared/corpora/polnear/{train,dev}/text > /tmp/polnear.jsonl
    python -m service ingest --quiet /tmp/polnear.jsonl
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

FILE_NAME = re.compile(r"^(?P<outlet>[a-z-]+)_(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.+)\.txt$")


def records(folders: list[Path]) -> int:
    """Print one ingest record per article file; returns how many files had no outlet and date."""
    unnamed = 0
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            match = FILE_NAME.match(path.name)
            record = {"text": path.read_text(encoding="utf-8")}
            if match:
                record.update(outlet=match["outlet"], published_at=match["date"])
            else:
                unnamed += 1
            print(json.dumps(record, ensure_ascii=False))
    return unnamed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of PolNeAR .txt articles")
    unnamed = records(parser.parse_args().folders)
    if unnamed:
        print(f"{unnamed} files without outlet_date_ in their name", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
