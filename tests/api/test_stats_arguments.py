"""GET /v1/stats without data to count: the empty database, bad arguments, the OpenAPI document."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("backend")
MEASURES = ("quotes", "speakers", "articles", "outlets", "reports")


def test_empty_database_has_zero_totals(client):
    body = client.get("/v1/stats?group_by=outlet").get_json()
    assert body == {"group_by": ["outlet"], "groups": [], "totals": dict.fromkeys(MEASURES, 0), "truncated": False}
    assert client.get("/v1/stats?group_by=week&format=csv").get_data(as_text=True).splitlines() == [
        "week,quotes,speakers,articles,outlets,reports"]


@pytest.mark.parametrize(("query", "field"), [
    ("", "group_by"), ("group_by=", "group_by"), ("group_by=colour", "group_by"),
    ("group_by=outlet,outlet", "group_by"),
    ("group_by=outlet,speaker,week", "group_by"), ("group_by=outlet&sort=loudest", "sort"),
    ("group_by=outlet&limit=0", "limit"), ("group_by=outlet&limit=5001", "limit"), ("group_by=outlet&top=0", "top"),
    ("group_by=outlet&format=xlsx", "format"), ("group_by=outlet&since=2024-06-22&until=2024-06-21", "since"),
    ("group_by=outlet&until=2024-13-01", "until"), ("group_by=outlet&type=sarcastic", "type"),
])
def test_bad_arguments_are_422_naming_the_field(client, query, field):
    r = client.get("/v1/stats?" + query)
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert field in r.get_json()["errors"]


def test_stats_are_in_the_openapi_document(client):
    operation = client.get("/openapi.json").get_json()["paths"]["/v1/stats"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert {"group_by", "outlet", "speaker", "organization", "since", "until", "q", "top", "sort", "format"} <= set(
        parameters)
    assert "cursor" not in parameters
    assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}
