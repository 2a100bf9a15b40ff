"""``python -m service batch``: streams a corpus to JSONL, resumes, and sums up."""
from __future__ import annotations

import json

import pytest

from service.batch import done_ids, run_batch
from service.cli import main

ARTICLES = {
    "a1": '"We will not back down," the governor said on Tuesday.\n',
    "a2": 'The mayor said the budget would pass. "It is a good day," she added.\n',
    "a3": "Rain fell all day over the harbour and nobody said anything.\n",
}


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [{"id": k, "text": v, "source": "test"} for k, v in ARTICLES.items()])
    return path


def test_batch_writes_one_line_per_article_in_order(corpus, tmp_path, capsys, extractor):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(corpus), str(out), "--quiet"]) == 0
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]
    assert set(rows[0]) == {"id", "quotes", "speakers", "meta"}
    assert rows[0]["quotes"][0]["text"] == "We will not back down"
    alone = json.loads(json.dumps(extractor.extract(ARTICLES["a1"]).to_dict()))
    assert rows[0] == {"id": "a1", **alone, "meta": rows[0]["meta"]}
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("articles=3 skipped=0 failed=0 quotes=")
    assert "words=" in summary and "words/s=" in summary


def test_second_run_skips_what_is_done(corpus, tmp_path, extractor):
    out = tmp_path / "out.jsonl"
    first = run_batch(corpus, out, extractor, progress=False)
    second = run_batch(corpus, out, extractor, progress=False)
    assert (first.articles, first.skipped) == (3, 0)
    assert (second.articles, second.skipped) == (0, 3)
    assert len(read_jsonl(out)) == 3


def test_truncated_last_line_is_cut_and_redone(corpus, tmp_path, extractor):
    out = tmp_path / "out.jsonl"
    run_batch(corpus, out, extractor, progress=False)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text(lines[0] + lines[1][:25], encoding="utf-8")  # killed while writing a2
    assert done_ids(out) == {"a1"}
    summary = run_batch(corpus, out, extractor, progress=False)
    assert (summary.articles, summary.skipped) == (2, 1)
    assert [r["id"] for r in read_jsonl(out)] == ["a1", "a2", "a3"]


def test_bad_records_fail_alone(tmp_path, extractor):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "ok", "text": "The minister said taxes would rise."}\n'
                    '{"id": "empty", "text": "  "}\n'
                    "not json\n"
                    '{"text": "no id"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch(path, out, extractor, progress=False)
    assert (summary.articles, summary.failed) == (1, 3)
    rows = {r["id"]: r for r in read_jsonl(out)}
    assert "quotes" in rows["ok"] and "error" in rows["empty"]
    assert {"in.jsonl:3", "in.jsonl:4"} <= set(rows)


def test_directory_of_text_files(tmp_path, capsys, extractor):
    folder = tmp_path / "text"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(folder), str(out), "--quiet"]) == 0
    assert [r["id"] for r in read_jsonl(out)] == ["a1", "a2", "a3"]
    assert capsys.readouterr().out.strip().startswith("articles=3 skipped=0")


@pytest.mark.slow
def test_two_workers_give_the_same_results(corpus, tmp_path, extractor):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch(corpus, one, extractor, workers=1, progress=False)
    summary = run_batch(corpus, two, extractor, workers=2, batch_size=1, progress=False)
    assert summary.articles == 3
    strip = lambda rows: [{k: v for k, v in r.items() if k != "meta"} for r in rows]  # noqa: E731
    assert strip(read_jsonl(one)) == strip(read_jsonl(two))


def test_extract_many_with_two_processes_matches_extract(extractor):
    texts = list(ARTICLES.values()) * 3
    many = [r.quotes for r in extractor.extract_many(texts, batch_size=2, n_process=2)]
    assert many == [extractor.extract(t).quotes for t in texts]


def test_missing_input_is_an_error(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "nope.jsonl"), str(tmp_path / "out.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
