"""POST /v1/extract/batch: up to 64 articles through one ``nlp.pipe``, one result (or error) each."""
from __future__ import annotations

import logging
import time
from typing import Any

from flask import current_app, g, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import ValidationError

from ... import __version__
from ...extensions.problems import ProblemError
from ...extraction import Extraction, Extractor
from ...extraction.parallel import ExtractionPool, Failure
from ..body import load, request_payload
from .schemas import MAX_DOCUMENTS, BatchDocumentSchema, BatchEnvelopeSchema, BatchRequestSchema, BatchResponseSchema

blp = Blueprint("batch", __name__, url_prefix="/v1", description="Extract quotes from many articles at once")
log = logging.getLogger("service.batch")
# a batch may hold twice the text of the largest single article (64 articles of ~6,000
# characters): about 65,000 words, which one worker parses in well under gunicorn's timeout
BATCH_FACTOR = 2
BATCH_SIZE = 16


def problem_entry(status: int, title: str, detail: str, **extra: Any) -> dict[str, Any]:
    """Problem details for one document, as in an error response body."""
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}


def check_ids(documents: list[Any]) -> None:
    """Every document must be an object with a string id, unique in the batch: results are
    matched by it, so a batch without usable ids is refused whole."""
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for k, doc in enumerate(documents):
        doc_id = doc.get("id") if isinstance(doc, dict) else None
        if not isinstance(doc_id, str) or not doc_id:
            errors[str(k)] = ["each document needs an id (a non-empty string)"]
        elif doc_id in seen:
            errors[str(k)] = [f"duplicate id {doc_id!r}"]
        else:
            seen.add(doc_id)
    if errors:
        raise ProblemError(422, "Unprocessable Content", "The request body failed validation: documents",
                           errors={"documents": errors})


def validate_document(doc: dict[str, Any], max_chars: int) -> dict[str, Any]:
    """The document's fields, or ``{"id", "error"}`` with its problem details."""
    try:
        article = BatchDocumentSchema().load(doc)
    except ValidationError as exc:
        detail = "The document failed validation: " + ", ".join(sorted(exc.messages))
        return {"id": doc["id"], "error": problem_entry(422, "Unprocessable Content", detail, errors=exc.messages)}
    for name in ("text", "title"):
        if article.get(name) and len(article[name]) > max_chars:
            return {"id": doc["id"], "error": problem_entry(
                413, "Content Too Large", f"{name} has {len(article[name])} characters; the limit is {max_chars}")}
    return article


def extract_all(extractor: Extractor, articles: list[dict[str, Any]]) -> list[Extraction | Failure]:
    """Extract in order: bodies alone through one ``nlp.pipe``, articles with a title one by one."""
    plain = [a["text"] for a in articles if not a.get("title")]
    batched = iter(ExtractionPool(extractor).outcomes(plain, BATCH_SIZE))
    outcomes: list[Extraction | Failure] = []
    for a in articles:
        if not a.get("title"):
            outcomes.append(next(batched))
            continue
        try:
            outcomes.append(extractor.extract(a["text"], a["title"]))
        except Exception as exc:  # noqa: BLE001 - this document's own error
            outcomes.append(Failure(f"{type(exc).__name__}: {exc}"))
    return outcomes


def entry(article: dict[str, Any], outcome: Extraction | Failure) -> dict[str, Any]:
    if isinstance(outcome, Failure):
        log.error("extraction failed for document %r: %s", article["id"], outcome.error)
        return {"id": article["id"], "error": problem_entry(
            500, "Internal Server Error", "The server failed on this document; it has been logged.")}
    return {"id": article["id"], **outcome.to_dict()}


@blp.route("/extract/batch")
class ExtractBatch(MethodView):
    @blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": BatchRequestSchema}}})
    @blp.response(200, BatchResponseSchema)
    @blp.alt_response(400, description="Malformed body")
    @blp.alt_response(413, description="Body or total text over the batch limit")
    @blp.alt_response(415, description="Not JSON")
    @blp.alt_response(422, description=f"Not 1 to {MAX_DOCUMENTS} documents, or ids missing or repeated")
    def post(self):
        """Extract the quotes of up to 64 articles; each gets its own result or error, in order."""
        started = time.perf_counter()
        settings = current_app.config["SETTINGS"]
        request.max_content_length = settings.max_body_bytes * BATCH_FACTOR
        documents = load(BatchEnvelopeSchema(), request_payload(text_field=None))["documents"]
        check_ids(documents)
        checked = [validate_document(doc, settings.max_text_chars) for doc in documents]
        valid = [c for c in checked if "error" not in c]
        g.text_chars = sum(len(a["text"]) + len(a.get("title") or "") for a in valid)  # for the request log
        if g.text_chars > settings.max_text_chars * BATCH_FACTOR:
            raise ProblemError(413, "Content Too Large", f"the documents have {g.text_chars} characters in all; "
                                                         f"the limit is {settings.max_text_chars * BATCH_FACTOR}")
        extractor: Extractor = current_app.extensions["extractor"]
        done = {a["id"]: entry(a, o) for a, o in zip(valid, extract_all(extractor, valid), strict=True)}
        results = [c if "error" in c else done[c["id"]] for c in checked]
        meta = {"model": extractor.model_name, "version": __version__, "documents": len(results),
                "failed": sum("error" in r for r in results),
                "elapsed_ms": round((time.perf_counter() - started) * 1000, 1)}
        return {"results": results, "meta": meta}
