"""GET /v1/stats against counts computed here, in Python, from the stored rows themselves.

The seeds and the articles written for the tests are stored through the API once per database
(SQLite, and PostgreSQL with TEST_DATABASE_URL) for the whole module, which only reads; the
fixture reads every report (quote source, its quote, its article) straight from the tables, and
each test counts the groups itself.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from service.api.stats.table import safe
from service.app import create_app
from service.store.models import Article, Quote, QuoteSource, Speaker
from tests.conftest import BACKENDS, TEST_DATABASE_URL, reset_postgres
from tests.written_articles import MINISTER_LINE, WRITTEN_ARTICLES

MEASURES = ("quotes", "speakers", "articles", "outlets", "reports")


@pytest.fixture(scope="module", params=BACKENDS)
def app(request, tmp_path_factory, extractor):
    """One app per database for the module: its tests only read what the ``stored`` fixture wrote."""
    config = {"data_dir": str(tmp_path_factory.mktemp("stats")), "database_url": "", "auto_migrate": "",
              "TESTING": True}
    if request.param == "postgresql":
        reset_postgres(TEST_DATABASE_URL)
        config.update(database_url=TEST_DATABASE_URL, auto_migrate="true")
    app = create_app(config)
    yield app
    app.extensions["db"].dispose()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def stored(app, client, seed_articles) -> list[dict[str, Any]]:
    """Store every article; return every report as a plain dict read from the tables."""
    for article in [*seed_articles, *WRITTEN_ARTICLES]:
        assert client.post("/v1/articles", json=article).status_code == 201
    with app.extensions["db"].read() as session:
        rows = session.execute(
            select(QuoteSource.id, QuoteSource.type, QuoteSource.speaker_ref, Quote.id, Quote.speaker_id, Quote.text,
                   Article.id, Article.outlet, Article.dated_at)
            .join(Quote, Quote.id == QuoteSource.quote_id).join(Article, Article.id == QuoteSource.article_id)).all()
        names = dict(session.execute(select(Speaker.id, Speaker.name)).all())
    return [{"report": r[0], "type": r[1], "ref": r[2] or {}, "quote": r[3], "speaker": r[4], "text": r[5],
             "article": r[6], "outlet": r[7], "dated_at": r[8], "speaker_name": names.get(r[4])} for r in rows]


def period(moment, unit: str) -> str:
    day: date = moment.astimezone(UTC).date()
    if unit == "week":
        day -= timedelta(days=day.weekday())
    elif unit == "month":
        day = day.replace(day=1)
    return day.isoformat()


def key_of(report: dict[str, Any], name: str) -> Any:
    if name in ("month", "week", "day"):
        return period(report["dated_at"], name)
    if name in ("gender", "affiliation", "kind"):
        return report["ref"].get(name)
    return report[name]


def expected(reports: list[dict[str, Any]], group_by: tuple[str, ...]) -> dict[tuple, dict[str, int]]:
    """The counts per group, the slow and obvious way."""
    sets: dict[tuple, dict[str, Any]] = defaultdict(lambda: {"quotes": set(), "speakers": set(), "articles": set(),
                                                             "outlets": set(), "reports": 0})
    for r in reports:
        g = sets[tuple(key_of(r, name) for name in group_by)]
        g["quotes"].add(r["quote"])
        g["articles"].add(r["article"])
        g["reports"] += 1
        if r["speaker"] is not None:
            g["speakers"].add(r["speaker"])
        if r["outlet"] is not None:
            g["outlets"].add(r["outlet"])
    return {k: {m: v if isinstance(v, int) else len(v) for m, v in g.items()} for k, g in sets.items()}


def totals(reports: list[dict[str, Any]]) -> dict[str, int]:
    return expected(reports, ())[()] if reports else dict.fromkeys(MEASURES, 0)


def group_key(group: dict[str, Any], name: str) -> Any:
    value = group[name]
    return value["id"] if name in ("speaker", "quote") and value is not None else value


def answered(client, query: str) -> tuple[dict[tuple, dict[str, int]], dict[str, Any]]:
    r = client.get("/v1/stats?" + query)
    assert r.status_code == 200, (query, r.get_json())
    body = r.get_json()
    groups = {tuple(group_key(g, name) for name in body["group_by"]): {m: g[m] for m in MEASURES}
              for g in body["groups"]}
    assert len(groups) == len(body["groups"]), "a group came back twice"
    return groups, body


GROUPINGS = [("outlet",), ("speaker",), ("affiliation",), ("gender",), ("kind",), ("type",), ("quote",),
             ("month",), ("week",), ("day",), ("outlet", "affiliation"), ("outlet", "gender"), ("week", "speaker"),
             ("speaker", "type"), ("month", "kind")]


@pytest.mark.parametrize("group_by", GROUPINGS, ids=",".join)
def test_counts_per_group_match_the_stored_rows(client, stored, group_by):
    groups, body = answered(client, "group_by=" + ",".join(group_by))
    assert groups == expected(stored, group_by)
    assert body["totals"] == totals(stored) and body["truncated"] is False


def test_the_stores_dimensions_are_really_exercised(stored):
    # the tests above prove little if the articles gave one outlet, one week and no gender
    assert len({r["outlet"] for r in stored}) == 6
    assert len({period(r["dated_at"], "week") for r in stored}) >= 4
    assert {r["ref"].get("gender") for r in stored} >= {"female", "male", None}
    assert len({r["ref"].get("affiliation") for r in stored}) >= 3
    assert {r["type"] for r in stored} == {"direct", "indirect", "mixed"}
    assert any(r["speaker"] is None for r in stored) and any(r["speaker"] is not None for r in stored)


def test_dates_are_grouped_in_utc(client, stored):
    # 23:30 on Sunday 30 June in New York is Monday 1 July in UTC: the week of 1 July, not of 24 June
    groups, _ = answered(client, "group_by=week,outlet")
    assert ("2024-07-01", "apnews.com") in groups and ("2024-06-24", "apnews.com") not in groups
    months, _ = answered(client, "group_by=month&outlet=apnews.com")
    assert set(months) == {("2024-07-01",)}


FILTERS = [
    ("outlet=rferl.org", lambda r: r["outlet"] == "rferl.org"),
    ("outlet=RFERL.org", lambda r: r["outlet"] == "rferl.org"),
    ("since=2024-06-24", lambda r: r["dated_at"] >= datetime(2024, 6, 24, tzinfo=UTC)),
    ("until=2024-06-22", lambda r: r["dated_at"].astimezone(UTC).date() <= date(2024, 6, 22)),
    ("since=2024-06-25&until=2024-07-31", lambda r: date(2024, 6, 25) <= r["dated_at"].astimezone(UTC).date()
     <= date(2024, 7, 31)),
    ("type=direct", lambda r: r["type"] == "direct"),
    ("speaker=Putin", lambda r: r["speaker_name"] == "Vladimir Putin"),
    ("speaker=viktor%20sand&outlet=apnews.com", lambda r: r["speaker_name"] == "Viktor Sand"
     and r["outlet"] == "apnews.com"),
    ("q=pipeline", lambda r: "pipeline" in r["text"].lower()),
]


@pytest.mark.parametrize(("query", "keep"), FILTERS, ids=[f for f, _ in FILTERS])
@pytest.mark.parametrize("group_by", [("outlet",), ("week", "speaker"), ("gender",)], ids=",".join)
def test_filters_apply_to_each_report(client, stored, query, keep, group_by):
    kept = [r for r in stored if keep(r)]
    assert kept, f"{query} keeps nothing: the test would prove nothing"
    groups, body = answered(client, f"group_by={','.join(group_by)}&{query}")
    assert groups == expected(kept, group_by)
    assert body["totals"] == totals(kept)


def test_a_statement_counts_every_outlet_that_reported_it(client, stored):
    _, body = answered(client, "group_by=quote&sort=outlets&limit=1")
    [top] = body["groups"]
    assert top["quote"]["text"].startswith(MINISTER_LINE) and top["quote"]["speaker"]["name"] == "Viktor Sand"
    assert top["outlets"] == 3 and top["reports"] == 3 and body["truncated"] is True
    shared = {r["outlet"] for r in stored if r["quote"] == top["quote"]["id"]}
    assert shared == {"apnews.com", "straitstimes.com", "thenationalnews.com"}


def test_top_keeps_the_most_quoted_values_of_the_first_dimension(client, stored):
    per_speaker = expected([r for r in stored if r["speaker"] is not None], ("speaker",))
    ranked = sorted(per_speaker, key=lambda k: (-per_speaker[k]["quotes"], k[0]))[:2]
    chosen = {k[0] for k in ranked}
    groups, body = answered(client, "group_by=week,speaker&top=2")
    assert groups == expected([r for r in stored if r["speaker"] in chosen], ("week", "speaker"))
    assert body["totals"] == totals(stored)  # totals ignore the cut
    outlets, _ = answered(client, "group_by=outlet,gender&top=1")
    busiest = max(expected(stored, ("outlet",)).items(), key=lambda kv: kv[1]["quotes"])[0][0]
    assert {k[0] for k in outlets} == {busiest}


def test_sort_and_limit(client, stored):
    everything = expected(stored, ("speaker",))
    order = sorted(everything, key=lambda k: (-everything[k]["articles"], -everything[k]["reports"],
                                              (k[0] is None, k[0] or 0)))
    _, body = answered(client, "group_by=speaker&sort=articles&limit=3")
    assert [group_key(g, "speaker") for g in body["groups"]] == [k[0] for k in order[:3]]
    assert body["truncated"] is True
    _, by_week = answered(client, "group_by=week")
    assert [g["week"] for g in by_week["groups"]] == sorted(g["week"] for g in by_week["groups"])


def test_speaker_groups_say_who_the_speaker_is(client, stored):
    _, body = answered(client, "group_by=speaker&speaker=Putin")
    [putin] = body["groups"]
    assert putin["speaker"]["name"] == "Vladimir Putin" and putin["speaker"]["kind"] == "person"
    assert "President" in putin["speaker"]["titles"]
    _, unnamed = answered(client, "group_by=speaker")
    assert any(g["speaker"] is None for g in unnamed["groups"])  # quotes of no named speaker are a group too


def test_csv_is_the_same_groups_as_a_table(client, stored):
    _, body = answered(client, "group_by=outlet,speaker&outlet=rferl.org")
    r = client.get("/v1/stats?group_by=outlet,speaker&outlet=rferl.org&format=csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.headers["Content-Disposition"] == 'attachment; filename="stats-outlet-speaker.csv"'
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert len(rows) == len(body["groups"])
    for row, group in zip(rows, body["groups"], strict=True):
        speaker = group["speaker"] or {}
        assert row["outlet"] == group["outlet"] and row["speaker"] == (speaker.get("name") or "")
        assert row["speaker_titles"] == "; ".join(speaker.get("titles", []))
        assert {m: int(row[m]) for m in MEASURES} == {m: group[m] for m in MEASURES}
    statement = client.get("/v1/stats?group_by=quote&sort=outlets&limit=1&format=csv").get_data(as_text=True)
    header, first = list(csv.reader(io.StringIO(statement)))
    sand = next(r["speaker"] for r in stored if r["speaker_name"] == "Viktor Sand")
    assert header[:4] == ["quote_id", "quote", "quote_speaker_id", "quote_speaker"]
    assert first[1:4] == [f"{MINISTER_LINE}.", str(sand), "Viktor Sand"] and first[-2:] == ["3", "3"]


@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2 per cent", "'-2 per cent"),
    ("@SUM(A1)", "'@SUM(A1)"), ("rferl.org", "rferl.org"), (3, 3), (None, None),
])
def test_csv_cells_never_run_as_formulas(cell, written):
    assert safe(cell) == written
