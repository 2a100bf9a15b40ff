"""POST /v1/extract: an article in, its quotes and speakers out."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from ...extensions.deadline import RETRY_AFTER_SECONDS, DeadlineExceeded, deadline
from ...extensions.problems import ProblemError
from ..body import check_length, load, request_payload
from .schemas import NOT_BLANK, ExtractRequestSchema, ExtractResponseSchema

blp = Blueprint("extract", __name__, url_prefix="/v1", description="Extract quotes from one article")

REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ExtractRequestSchema},
        "text/plain": {"schema": {"type": "string", "minLength": 1, "pattern": NOT_BLANK}},
    },
}


@blp.route("/extract")
class Extract(MethodView):
    @blp.doc(requestBody=REQUEST_BODY)
    @blp.response(200, ExtractResponseSchema)
    @blp.alt_response(400, description="Malformed body")
    @blp.alt_response(413, description="Text over the configured limit")
    @blp.alt_response(415, description="Neither JSON nor plain text")
    @blp.alt_response(422, description="A well-formed body that fails validation")
    @blp.alt_response(503, description="The extraction ran past the time budget (QUOTES_REQUEST_TIMEOUT)",
                      headers={"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}})
    def post(self):
        """Extract every quote of an article, with cue, speaker and offsets."""
        article = load(ExtractRequestSchema(), request_payload())
        check_length(article["text"])
        if article.get("title"):
            check_length(article["title"], "title")
        extractor = current_app.extensions["extractor"]
        budget = current_app.config["SETTINGS"].request_timeout
        try:
            with deadline(budget):
                body = extractor.extract(article["text"], article.get("title")).to_dict()
        except DeadlineExceeded:
            raise ProblemError(503, "Service Unavailable",
                               f"the extraction took longer than the {budget:g} s budget; "
                               "retry later, or send a shorter text",
                               headers={"Retry-After": str(RETRY_AFTER_SECONDS)}) from None
        # to_dict() is already the documented shape (tests/api/test_extract_response.py holds it to
        # ExtractResponseSchema), so the schema's dump, a second copy of every quote, is skipped
        return current_app.json.response(body)
