"""Database faults with a real gunicorn: a worker killed mid-ingestion, and a restart of the service.

Each test runs on SQLite (a file in ``tmp_path``) and, when TEST_DATABASE_URL is set, on PostgreSQL
(its schema dropped before and after, as tests/conftest.py does for the in-process tests).

The kill test needs no hook in the service: it watches the database from outside to know when the
worker is inside its write transaction. On SQLite that is the write lock (``BEGIN IMMEDIATE`` from
the test fails while the worker holds it); on PostgreSQL it is a backend of the test database
holding a transaction id, which is only assigned once a transaction has written something.
"""
from __future__ import annotations

import http.client
import json
import os
import random
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import Engine

from service.store.keys import content_hash
from service.store.models import Article, ArticleSpeaker, Mention, Quote, QuoteSource, Speaker, SpeakerLabel
from tests.conftest import TEST_DATABASE_URL, reset_postgres
from tests.live import Gunicorn

pytestmark = pytest.mark.slow

JSON = {"Content-Type": "application/json"}
TABLES = {"articles": Article, "speakers": Speaker, "article_speakers": ArticleSpeaker,
          "speaker_labels": SpeakerLabel, "mentions": Mention, "quotes": Quote, "quote_sources": QuoteSource}
# ~30,000 characters: about two seconds of extraction and half a second of writing on one core,
# so a kill can land in either phase without the test taking long
LARGE_CHARS = 30_000

FIRST = ["Maria", "John", "Aiko", "Pierre", "Fatima", "Lars", "Chen", "Olga", "David", "Amara", "Rafael", "Ingrid"]
LAST = ["Lindqvist", "Okafor", "Tanaka", "Moreau", "Haddad", "Novak", "Petrov", "Garcia", "Walsh", "Kowalski",
        "Mensah", "Fischer"]
ROLES = ["minister", "spokesperson", "director", "mayor", "chairman", "economist", "analyst", "governor"]
ORGS = ["the finance ministry", "the city council", "the central bank", "the port authority", "the health agency",
        "the energy board"]
SUBJECTS = ["The budget", "This plan", "The new law", "Our decision", "The agreement", "The reform", "The project",
            "That proposal"]
VERBS = ["will protect", "cannot fix", "must change", "should help", "has damaged", "may improve", "will cost",
         "could save"]
OBJECTS = ["local farmers", "small businesses", "every family", "the northern region", "public schools",
           "young workers", "the harbour", "rural hospitals"]
WHEN = ["next year", "this winter", "before the election", "within a decade", "for a generation", "by the spring",
        "in the long run", "right away"]
CUES = ["said", "told reporters", "added", "warned", "argued", "insisted"]
FILLER = ["The meeting lasted several hours.", "Officials declined to give further details.",
          "Protesters gathered outside the building.", "The vote is expected later this month.",
          "Markets reacted calmly to the news."]


def large_article(chars: int = LARGE_CHARS, seed: int = 7) -> str:
    """Paragraphs of varied direct quotes by many named speakers, each followed by a plain sentence."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        said = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(WHEN)}"
        paragraph = (f'"{said}," {rng.choice(CUES)} {rng.choice(FIRST)} {rng.choice(LAST)}, the '
                     f"{rng.choice(ROLES)} of {rng.choice(ORGS)}. {rng.choice(FILLER)}")
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


SHORT_ARTICLES = [
    {"text": ('"The harbour will reopen on Monday," Mayor Elena Brandt said on Friday. Engineers finished '
              'repairs to the sea wall overnight. "We owe the crews our thanks," Brandt added.'),
     "title": "Harbour to reopen after storm repairs", "url": "https://news.example.org/harbour-reopens",
     "published_at": "2024-03-01T09:30:00Z"},
    {"text": ('Finance Minister Tomas Ruiz told reporters that "the budget is balanced for the first time in a '
              'decade." Opposition leader Grace Mbeki said: "These numbers will not survive the winter."'),
     "title": "Budget balanced, minister says", "url": "https://news.example.org/budget-balanced",
     "published_at": "2024-03-02"},
]


# ---------------------------------------------------------------------------------------------- fixtures

@pytest.fixture()
def database(backend, tmp_path) -> Iterator[tuple[dict[str, str], str]]:
    """The service's environment for this backend, and the URL the test reads the database with."""
    if backend == "postgresql":
        reset_postgres(TEST_DATABASE_URL)
        try:
            yield ({"QUOTES_DATA_DIR": str(tmp_path), "DATABASE_URL": TEST_DATABASE_URL,
                    "QUOTES_AUTO_MIGRATE": "true"}, TEST_DATABASE_URL)
        finally:
            reset_postgres(TEST_DATABASE_URL)  # leave nothing behind for the other tests
    else:
        yield ({"QUOTES_DATA_DIR": str(tmp_path), "DATABASE_URL": "", "QUOTES_AUTO_MIGRATE": ""},
               f"sqlite:///{tmp_path / 'quotes.db'}")


@pytest.fixture()
def engine(database) -> Iterator[Engine]:
    engine = create_engine(database[1])
    yield engine
    engine.dispose()


# ----------------------------------------------------------------------------------------------- helpers

def post(server: Gunicorn, body: dict, timeout: float = 60) -> tuple[int, dict]:
    status, _, raw = server.request("POST", "/v1/articles", json.dumps(body).encode(), JSON, timeout=timeout)
    return status, json.loads(raw)


def get(server: Gunicorn, path: str) -> dict:
    status, _, raw = server.request("GET", path)
    assert status == 200, (path, status, raw[:500])
    return json.loads(raw)


def all_quotes(server: Gunicorn) -> list[dict]:
    """Every stored quote, as GET /v1/quotes streams them."""
    status, _, raw = server.request("GET", "/v1/quotes?format=jsonl")
    assert status == 200
    return [json.loads(line) for line in raw.decode().splitlines() if line.strip()]


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(model)) for name, model in TABLES.items()}


def article_rows(engine: Engine, digest: str) -> dict[str, int] | None:
    """This article's own rows in each table, read straight from the database; None when it is absent."""
    with engine.connect() as conn:
        ids = conn.scalars(select(Article.id).where(Article.content_hash == digest)).all()
        if not ids:
            return None
        assert len(ids) == 1, f"article stored {len(ids)} times"
        (article_id,) = ids
        rows = {"id": article_id}
        for name, model in TABLES.items():
            if hasattr(model, "article_id"):
                rows[name] = conn.scalar(select(func.count()).select_from(model).where(model.article_id == article_id))
        # no statement or speaker left without the report that created it
        rows["orphan_quotes"] = conn.scalar(text(
            "SELECT count(*) FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM quote_sources s WHERE s.quote_id = q.id)"))
        rows["orphan_speakers"] = conn.scalar(text(
            "SELECT count(*) FROM speakers p WHERE NOT EXISTS "
            "(SELECT 1 FROM article_speakers a WHERE a.speaker_id = p.id)"))
        return rows


@contextmanager
def write_in_progress(url: str) -> Iterator[Callable[[], bool]]:
    """A probe, true while another connection holds an open write transaction on the database."""
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")

        def sqlite_probe() -> bool:
            conn = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                conn.execute("BEGIN IMMEDIATE")  # fails at once while the worker holds the write lock
                conn.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc):
                    raise
                return True
            finally:
                conn.close()
        yield sqlite_probe
        return

    engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)
    query = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                 "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL")

    def postgres_probe() -> bool:
        with engine.connect() as conn:
            return conn.scalar(query) > 0
    try:
        yield postgres_probe
    finally:
        engine.dispose()


def wait_for(condition: Callable[[], bool], timeout: float, step: float = 0.002) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def wait_for_respawn(server: Gunicorn, killed: int, timeout: float = 30) -> None:
    """The master has reaped the killed worker, forked a new one, and the service answers again."""
    def respawned() -> bool:
        workers = server.workers()
        if killed in workers or not workers:
            return False
        try:
            return server.request("GET", "/readyz", timeout=2)[0] == 200
        except OSError:
            return False
    assert wait_for(respawned, timeout, step=0.05), "the master did not replace the killed worker"


# -------------------------------------------------------------------------------------------------- tests

def test_worker_killed_mid_ingestion_leaves_article_whole_or_absent(database, engine, tmp_path):
    env, url = database
    article = {"text": large_article(), "title": "A long day of statements"}
    digest = content_hash(article["text"])
    server = Gunicorn(workers=1, log_path=tmp_path / "gunicorn.log", **env).start()
    outcomes: list[str] = []
    with write_in_progress(url) as in_write:
        try:
            # what a complete ingestion stores for this article: the extractor is deterministic
            status, _, raw = server.request("POST", "/v1/extract", json.dumps(article).encode(), JSON)
            assert status == 200
            expected = json.loads(raw)
            assert len(expected["quotes"]) > 100 and len(expected["speakers"]) > 50
            expected_rows = {"quote_sources": len(expected["quotes"]), "article_speakers": len(expected["speakers"]),
                             "mentions": sum(len(s["mentions"]) for s in expected["speakers"])}
            expected_quotes = [(q["text"], q["start"], q["end"], q["type"]) for q in expected["quotes"]]

            def kill_while_ingesting(trigger: Callable[[], bool], moment: str, may_finish: bool = False) -> None:
                before = counts(engine)
                reply: dict = {}

                def client() -> None:
                    try:
                        reply["status"] = server.request("POST", "/v1/articles", json.dumps(article).encode(), JSON,
                                                         timeout=60)[0]
                    except (OSError, http.client.HTTPException) as exc:  # the connection dies with the worker
                        reply["error"] = repr(exc)

                (worker,) = server.workers()
                thread = threading.Thread(target=client)
                thread.start()
                assert wait_for(trigger, 30), f"{moment}: never reached"
                assert may_finish or not reply, f"{moment}: the request finished before the kill: {reply}"
                os.kill(worker, signal.SIGKILL)
                thread.join(30)
                assert not thread.is_alive()
                finished = may_finish and reply.get("status") == 201  # the commit won the race: stored whole
                assert finished or "error" in reply or reply.get("status", 0) >= 500, f"{moment}: {reply}"
                wait_for_respawn(server, worker)

                rows = article_rows(engine, digest)
                if rows is None:  # absent: not one row of it anywhere
                    outcomes.append(f"{moment}: absent")
                    assert counts(engine) == before, moment
                    assert len(all_quotes(server)) == before["quotes"]
                    return
                outcomes.append(f"{moment}: complete" + (" (answered before the kill)" if finished else ""))
                for name, n in expected_rows.items():
                    assert rows[name] == n, (moment, name, rows)
                assert rows["orphan_quotes"] == 0 and rows["orphan_speakers"] == 0, (moment, rows)
                stored = get(server, f"/v1/articles/{rows['id']}")
                assert [(q["text"], q["start"], q["end"], q["type"]) for q in stored["quotes"]] == expected_quotes
                listed = all_quotes(server)
                assert len(listed) == counts(engine)["quotes"]
                assert {q["id"] for q in stored["quotes"]} <= {q["id"] for q in listed}
                # back to empty for the next kill
                assert server.request("DELETE", f"/v1/articles/{rows['id']}")[0] == 204
                assert article_rows(engine, digest) is None

            # 1. extraction phase: nothing has been written yet
            started = time.monotonic()
            kill_while_ingesting(lambda: time.monotonic() - started > 0.5, "during extraction")
            assert outcomes[-1].endswith("absent")
            # 2. the write transaction has just begun (SQLite: write lock taken; PostgreSQL: first row written)
            kill_while_ingesting(in_write, "write begun")
            # 3. into the write transaction (0.4-0.8 s long here): many rows inserted, not yet committed.
            # Should a faster machine commit first, the kill comes as soon as the write is seen to end,
            # and the article must then be there whole.
            entered: list[float] = []

            def into_write() -> bool:
                writing = in_write()
                if not entered:
                    if writing:
                        entered.append(time.monotonic())
                    return False
                return not writing or time.monotonic() - entered[0] > 0.1
            kill_while_ingesting(into_write, "mid-write", may_finish=True)

            # the service still stores the article whole afterwards
            status, body = post(server, article)
            assert status == 201
            assert [(q["text"], q["start"], q["end"], q["type"]) for q in body["quotes"]] == expected_quotes
            assert post(server, article)[0] == 200
        finally:
            server.stop(signal.SIGKILL)
    print("kill outcomes:", "; ".join(outcomes))
    log = (tmp_path / "gunicorn.log").read_text()
    assert log.count("was sent SIGKILL") == 3, log[-2000:]  # the master saw each kill and replaced the worker


def test_restart_keeps_every_article_quote_and_speaker(database, engine, tmp_path):
    env, _ = database
    first = Gunicorn(workers=2, log_path=tmp_path / "first.log", **env).start()
    try:
        ids = []
        for body in SHORT_ARTICLES:
            status, stored = post(first, body)
            assert status == 201, stored
            assert stored["quotes"], f"no quotes in {body['title']!r}"
            ids.append(stored["id"])
        articles = [get(first, f"/v1/articles/{i}") for i in ids]
        quotes = get(first, "/v1/quotes?limit=100")
        speakers = get(first, "/v1/speakers?limit=100")
        before = counts(engine)
    finally:
        code = first.stop(signal.SIGTERM)
    assert code == 0
    assert before["articles"] == 2 and before["quotes"] >= 3 and before["speakers"] >= 3, before

    second = Gunicorn(workers=1, log_path=tmp_path / "second.log", **env).start()  # same file / database
    try:
        assert counts(engine) == before
        assert [get(second, f"/v1/articles/{i}") for i in ids] == articles
        assert get(second, "/v1/quotes?limit=100") == quotes
        assert get(second, "/v1/speakers?limit=100") == speakers
        for body, article in zip(SHORT_ARTICLES, articles, strict=True):
            status, again = post(second, body)
            assert status == 200 and again == article  # already stored: not a second copy
        assert counts(engine) == before
    finally:
        assert second.stop(signal.SIGTERM) == 0
    for log in ("first.log", "second.log"):
        assert "Traceback" not in (tmp_path / log).read_text()
