"""Several clients posting overlapping articles at once: nothing lost, nothing duplicated.

Threads stand in for gunicorn workers: each has its own connection from the pool, so the
database's locks and unique keys, not Python, are what keep the counts exact.
"""
from __future__ import annotations

import random
import threading

import pytest
from sqlalchemy import func, select

from service.app import create_app
from service.store.models import Article, Quote, QuoteSource, Speaker

pytestmark = pytest.mark.usefixtures("backend")

THREADS = 6
SMALL = [
    {"text": '"We will respond," Russian President Vladimir Putin said on Monday.', "outlet": "wire-a"},
    {"text": 'President Vladimir Putin said sanctions "would be a big mistake." Governor Jane Smith said '
             'the talks had failed.', "outlet": "wire-b"},
    {"text": 'Governor Jane Smith said the talks had failed. "We will respond," Vladimir Putin said.',
     "url": "https://news.example.org/talks"},
]


def counts(app) -> dict[str, int]:
    with app.extensions["db"].read() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (Article, Speaker, Quote, QuoteSource)}


def test_concurrent_overlapping_posts_store_each_article_once(app, tmp_path, seed_articles):
    articles = SMALL + seed_articles[:1]
    baseline = create_app({"data_dir": str(tmp_path / "baseline"), "database_url": "", "auto_migrate": ""})
    for article in articles:
        assert baseline.test_client().post("/v1/articles", json=article).status_code == 201
    expected = counts(baseline)
    baseline.extensions["db"].dispose()

    statuses: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def worker(seed: int) -> None:
        client = app.test_client()
        order = random.Random(seed).sample(articles, len(articles))
        try:
            start.wait()
            statuses.extend(client.post("/v1/articles", json=a).status_code for a in order)
        except BaseException as exc:  # surfaced below: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(statuses) == [200] * (THREADS - 1) * len(articles) + [201] * len(articles)
    assert counts(app) == expected
    with app.extensions["db"].read() as session:
        keys = session.execute(select(Speaker.name_key, Speaker.kind)).all()
    assert len(keys) == len(set(keys))
