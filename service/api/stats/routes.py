"""GET /v1/stats: quotes, speakers, articles and outlets counted per group, as JSON or CSV."""
from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from ...store.db import get_db
from ...store.stats import StatsQuery, grouped
from ..quotes.routes import filters_from
from .schemas import StatsQueryArgsSchema, StatsSchema
from .table import csv_lines

blp = Blueprint("stats", __name__, url_prefix="/v1", description="Counts across the stored quotes, grouped")

CSV = "text/csv"


def csv_response(group_by: tuple[str, ...], groups: list[dict[str, Any]]) -> Response:
    name = "stats-" + "-".join(group_by) + ".csv"
    return Response("".join(csv_lines(group_by, groups)), mimetype=CSV,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@blp.route("/stats")
class Stats(MethodView):
    @blp.arguments(StatsQueryArgsSchema, location="query", as_kwargs=False)
    @blp.response(200, StatsSchema, content_type="application/json")
    @blp.doc(**{"x-alternative-content": {"200": {CSV: {"schema": {
        "type": "string", "description": "with format=csv: a header, then one row per group"}}}}})
    @blp.alt_response(422, description="A filter or the grouping is not valid (the field is named in errors)")
    def get(self, args: dict[str, Any]):
        """Counts per group (outlet, speaker, affiliation, gender, week...), with the /v1/quotes filters."""
        query = StatsQuery(tuple(args["group_by"]), filters_from(args), args.get("sort"), args["limit"],
                           args.get("top"))
        with get_db().read() as session:
            stats = grouped(session, query)
        if args["format"] == "csv":
            return csv_response(stats.group_by, stats.groups)
        return {"group_by": list(stats.group_by), "totals": stats.totals, "groups": stats.groups,
                "truncated": stats.truncated}
