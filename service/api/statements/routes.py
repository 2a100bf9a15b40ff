"""GET /v1/statements: what was said across outlets, newest or most reported first, paged or as JSON lines."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from flask import Response, request, stream_with_context
from flask.views import MethodView
from flask_smorest import Blueprint

from ...extensions.problems import ProblemError
from ...store.db import get_db
from ...store.models import MAX_ID, Statement
from ...store.queries import BadCursor
from ...store.statement_queries import StatementCursor, StatementFilters, iter_statements, statement_page
from ...store.statement_views import statement_items
from ..quotes.routes import FILTER_NAMES, JSONL, filters_from
from .schemas import StatementPageSchema, StatementQueryArgsSchema, StatementSchema

blp = Blueprint("statements", __name__, url_prefix="/v1",
                description="Statements: one thing one speaker said, every report of it, and where wordings differ")


def statement_filters(args: dict[str, Any]) -> StatementFilters:
    base = filters_from(args)
    return StatementFilters(**{name: getattr(base, name) for name in FILTER_NAMES},
                            wording_differs=args.get("wording_differs"))


def decode_cursor(token: str | None, sort: str) -> StatementCursor | None:
    if not token:
        return None
    try:
        return StatementCursor.decode(token, sort)
    except BadCursor as exc:
        raise ProblemError(422, "Unprocessable Content", "cursor is not valid", errors={"cursor": [str(exc)]}) from None


def next_link(following: StatementCursor | None) -> str | None:
    """This request's URL with the cursor of the next page."""
    if following is None:
        return None
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
    return request.path + "?" + urlencode(args + [("cursor", following.encode())])


@blp.route("/statements")
class Statements(MethodView):
    @blp.arguments(StatementQueryArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, StatementPageSchema, content_type="application/json")
    @blp.doc(**{"x-alternative-content": {"200": {JSONL: {"schema": {
        "type": "string", "description": "with format=jsonl: one statement per line"}}}}})
    @blp.alt_response(422, description="A filter is not valid (the field is named in errors)")
    def get(self, args: dict[str, Any]):
        """Statements across outlets, newest or most reported first; filter, page with `next`, or stream as JSONL."""
        filters, sort, db = statement_filters(args), args["sort"], get_db()
        if args["format"] == "jsonl":
            def lines() -> Iterator[str]:
                for item in iter_statements(db, filters, sort):
                    yield json.dumps(StatementSchema().dump(item), ensure_ascii=False) + "\n"
            return Response(stream_with_context(lines()), mimetype=JSONL)
        after = decode_cursor(args.get("cursor"), sort)
        with db.read() as session:
            items, following = statement_page(session, filters, sort, args["limit"], after)
        return {"items": items, "next": next_link(following)}


@blp.route(f"/statements/<int(min=1, max={MAX_ID}):statement_id>")
class StatementById(MethodView):
    @blp.response(200, StatementSchema)
    @blp.alt_response(404, description="No such statement")
    def get(self, statement_id: int):
        """One statement: every report of it (outlet, article, date, type, text, quoted words), wordings that differ."""
        with get_db().read() as session:
            statement = session.get(Statement, statement_id)
            if statement is None:
                raise ProblemError(404, "Not Found", f"no statement {statement_id}")
            return statement_items(session, [statement])[0]
