"""python -m service db / ingest / export against an SQLite file."""
from __future__ import annotations

import csv
import io
import json

import pytest

from service.cli import main
from service.store import migrate


@pytest.fixture()
def data_dir(tmp_path, monkeypatch, extractor):
    monkeypatch.setenv("QUOTES_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("QUOTES_AUTO_MIGRATE", raising=False)
    return tmp_path


def test_db_upgrade_then_current(data_dir, capsys):
    assert main(["db", "current"]) == 1  # nothing there yet
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "current"]) == 0
    assert f"database at {migrate.head_revision()}" in capsys.readouterr().out


def test_ingest_folder_and_jsonl_then_export(data_dir, capsys, seed_articles):
    folder = data_dir / "articles"
    folder.mkdir()
    (folder / "afp.txt").write_text(seed_articles[0]["text"], encoding="utf-8")
    lines = [json.dumps(seed_articles[1]), json.dumps(seed_articles[1]), '{"text": 5}', "not json"]
    (data_dir / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["ingest", "--quiet", str(folder), str(data_dir / "more.jsonl")]) == 1
    captured = capsys.readouterr()
    assert "2 stored, 1 already stored, 2 failed" in captured.out
    assert "more.jsonl:3: text" in captured.err and "more.jsonl:4: malformed JSON" in captured.err

    assert main(["export", "--format", "jsonl", "--speaker", "Putin"]) == 0
    quotes = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    mistake = next(q for q in quotes if "big mistake" in q["text"])
    assert len(mistake["sources"]) == 2

    out = data_dir / "quotes.csv"
    assert main(["export", "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and {"quote_id", "statement_id", "speaker", "outlet", "start", "end"} <= set(rows[0])
    mistake_rows = [r for r in rows if "big mistake" in r["text"]]
    assert len(mistake_rows) == 2 and mistake_rows[0]["statement_id"]
    assert len({r["statement_id"] for r in mistake_rows}) == 1


def test_ingest_missing_file_is_an_error(data_dir, capsys):
    assert main(["ingest", str(data_dir / "nope.txt")]) == 2
