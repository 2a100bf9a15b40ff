"""Golden files: whole articles through the extractor, compared as plain JSON.

Regenerate after a reviewed change with ``pytest tests/golden --update-golden`` and read the diff.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ARTICLES = sorted((HERE / "articles").glob("*.txt"))


def summary(result: dict) -> dict:
    """The parts of a result that define its quality (no timings)."""
    quotes = [{
        "text": q["text"], "type": q["type"], "start": q["start"], "end": q["end"], "rule": q["rule"],
        "cue": q["cue"]["lemma"] if q["cue"] else None, "via": q["via"],
        "speaker": {k: q["speaker"][k] for k in ("mention", "name", "kind", "title", "organization")}
        if q["speaker"] else None,
    } for q in result["quotes"]]
    speakers = [{k: s[k] for k in ("name", "kind", "titles", "organizations")} for s in result["speakers"]]
    return {"quotes": quotes, "speakers": speakers}


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_article_matches_golden_file(article, extract, request):
    golden = article.with_suffix(".json")
    got = summary(extract(article.read_text(encoding="utf-8")))
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_offsets_index_the_submitted_text(article, extract):
    text = article.read_text(encoding="utf-8")
    for q in extract(text)["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text)
        for f in q["fragments"]:
            assert q["start"] <= f["start"] < f["end"] <= q["end"]
        if q["speaker"]:
            assert text[q["speaker"]["start"]:q["speaker"]["end"]] == q["speaker"]["mention"]
