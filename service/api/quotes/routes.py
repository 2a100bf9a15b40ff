"""GET /v1/quotes: quotes across articles, filtered, newest first, paged or streamed as JSON lines."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from flask import Response, request, stream_with_context
from flask.views import MethodView
from flask_smorest import Blueprint

from ...extensions.problems import ProblemError
from ...store.db import Database, get_db
from ...store.models import MAX_ID, Quote
from ...store.queries import BadCursor, Cursor, QuoteFilters, iter_quotes, quote_page
from ...store.views import quote_items
from .schemas import QuotePageSchema, QuoteQueryArgsSchema, StoredQuoteSchema

blp = Blueprint("quotes", __name__, url_prefix="/v1", description="Quotes across every stored article")

FILTER_NAMES = ("speaker", "organization", "type", "q", "since", "until", "outlet")
JSONL = "application/x-ndjson"


def filters_from(args: dict[str, Any], **fixed: Any) -> QuoteFilters:
    """The query arguments (already validated) as store filters; ``fixed`` pins some, e.g. the speaker."""
    if args.get("since") and args.get("until") and args["since"] > args["until"]:
        raise ProblemError(422, "Unprocessable Content", "since is after until",
                           errors={"since": ["must not be after until"]})
    values = {name: args.get(name) for name in FILTER_NAMES}
    values.update(fixed)
    return QuoteFilters(**values)


def decode_cursor(token: str | None) -> Cursor | None:
    if not token:
        return None
    try:
        return Cursor.decode(token)
    except BadCursor as exc:
        raise ProblemError(422, "Unprocessable Content", "cursor is not valid", errors={"cursor": [str(exc)]}) from None


def next_link(following: Cursor | None) -> str | None:
    """This request's URL with the cursor of the next page."""
    if following is None:
        return None
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
    return request.path + "?" + urlencode(args + [("cursor", following.encode())])


def jsonl_stream(db: Database, filters: QuoteFilters) -> Response:
    """Every match, one JSON object a line, read in batches while it is sent."""
    def lines() -> Iterator[str]:
        for item in iter_quotes(db, filters):
            yield json.dumps(StoredQuoteSchema().dump(item), ensure_ascii=False) + "\n"
    return Response(stream_with_context(lines()), mimetype=JSONL)


def page_or_stream(args: dict[str, Any], filters: QuoteFilters) -> Response | dict[str, Any]:
    """The shared body of the quote listings: one page, or the whole result as JSON lines."""
    db = get_db()
    if args["format"] == "jsonl":
        return jsonl_stream(db, filters)
    after = decode_cursor(args.get("cursor"))
    with db.read() as session:
        items, following = quote_page(session, filters, args["limit"], after)
    return {"items": items, "next": next_link(following)}


@blp.route("/quotes")
class Quotes(MethodView):
    @blp.arguments(QuoteQueryArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, QuotePageSchema, content_type="application/json")
    @blp.doc(**{"x-alternative-content": {"200": {JSONL: {"schema": {
        "type": "string", "description": "with format=jsonl: one stored quote per line"}}}}})
    @blp.alt_response(422, description="A filter is not valid (the field is named in errors)")
    def get(self, args: dict[str, Any]):
        """Quotes across articles, newest first; filter, page with `next`, or stream with format=jsonl."""
        return page_or_stream(args, filters_from(args))


@blp.route(f"/quotes/<int(min=1, max={MAX_ID}):quote_id>")
class QuoteById(MethodView):
    @blp.response(200, StoredQuoteSchema)
    @blp.alt_response(404, description="No such quote")
    def get(self, quote_id: int):
        """One quote and every article that reported it."""
        with get_db().read() as session:
            quote = session.get(Quote, quote_id)
            if quote is None:
                raise ProblemError(404, "Not Found", f"no quote {quote_id}")
            return quote_items(session, [quote])[0]
