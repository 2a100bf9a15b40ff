"""Extraction of many articles, one failure per article, in this process or in forked workers.

``nlp.pipe(n_process=N)`` cannot carry our results: it ships every parsed ``Doc`` back to the
parent through msgpack, and ``doc._.attributions`` holds rule objects that do not serialise;
assembling the answer would then also run serially in the parent. Instead each worker is forked
after the pipeline is loaded (the model's memory is shared copy-on-write), runs
``Extractor.extract_many`` (``nlp.pipe`` with ``batch_size``) over a chunk of texts, and sends back
only the small frozen results.
"""
from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from .model import Extraction

if TYPE_CHECKING:
    from .extractor import Extractor

# chunks queued per worker: enough to keep it busy, few enough for constant memory
CHUNKS_IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True)
class Failure:
    """An article the extractor failed on, with the reason."""

    error: str


Outcome = Extraction | Failure


def chunked(items: Iterable[str], size: int) -> Iterator[list[str]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_chunk(extractor: Extractor, texts: list[str], batch_size: int) -> list[Outcome]:
    """Outcomes of one chunk; if the batch fails, each article again alone, so one bad article
    fails only itself."""
    try:
        return list(extractor.extract_many(texts, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - isolated below, article by article
        return [_extract_one(extractor, text) for text in texts]


def _extract_one(extractor: Extractor, text: str) -> Outcome:
    try:
        return extractor.extract(text)
    except Exception as exc:  # noqa: BLE001 - reported in the article's own entry
        return Failure(f"{type(exc).__name__}: {exc}")


_worker_extractor: Extractor | None = None  # inherited through fork, never pickled


def _adopt(extractor: Extractor) -> None:
    global _worker_extractor
    _worker_extractor = extractor


def _work(texts: list[str], batch_size: int) -> list[Outcome]:
    assert _worker_extractor is not None
    return extract_chunk(_worker_extractor, texts, batch_size)


class ExtractionPool:
    """``with ExtractionPool(extractor, n) as pool: pool.outcomes(texts)``; workers fork on entry.

    Start it before any thread (a progress bar's monitor) so the fork copies a quiet process.
    """

    def __init__(self, extractor: Extractor, n_process: int = 1):
        self.extractor = extractor
        self.n_process = max(1, n_process)
        self._pool: multiprocessing.pool.Pool | None = None

    def __enter__(self) -> ExtractionPool:
        if self.n_process > 1:
            gc.collect()
            gc.freeze()  # the loaded model's objects stay out of the children's collections: fewer copied pages
            ctx = multiprocessing.get_context("fork")
            self._pool = ctx.Pool(self.n_process, initializer=_adopt, initargs=(self.extractor,))
            gc.unfreeze()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def outcomes(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Outcome]:
        """One outcome per text, in order."""
        if self._pool is None:
            for chunk in chunked(texts, batch_size):
                yield from extract_chunk(self.extractor, chunk, batch_size)
            return
        pending: deque = deque()
        for chunk in chunked(texts, batch_size):
            pending.append(self._pool.apply_async(_work, (chunk, batch_size)))
            if len(pending) >= CHUNKS_IN_FLIGHT_PER_WORKER * self.n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
