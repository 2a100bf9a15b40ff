"""RFC 9457 problem details for every error, so no HTML page or stack trace reaches a client."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

PROBLEM_TYPE = "about:blank"
log = logging.getLogger("service.errors")


def problem(status: int, title: str, detail: str | None = None, **extra: Any) -> Response:
    """A problem+json response."""
    body = {"type": PROBLEM_TYPE, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return Response(json.dumps(body), status=status, mimetype="application/problem+json")


class ProblemError(Exception):
    """An error a route raises on purpose, answered as problem details."""

    def __init__(self, status: int, title: str, detail: str | None = None,
                 headers: Mapping[str, str] | None = None, **extra: Any):
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra
        self.headers = dict(headers or {})


def _validation_errors(exc: HTTPException) -> dict[str, Any] | None:
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages")
    if not messages:
        return None
    # webargs nests messages by location ("json", "query"); clients want the fields
    flat: dict[str, Any] = {}
    for location, fields_ in messages.items():
        flat.update(fields_ if isinstance(fields_, dict) else {location: fields_})
    return flat


def handle_http_exception(exc: HTTPException) -> Response:
    status = exc.code or 500
    errors = _validation_errors(exc) if status == 422 else None
    detail = exc.description if not errors else "The request body failed validation: " + ", ".join(sorted(errors))
    response = problem(status, exc.name, detail, **({"errors": errors} if errors else {}))
    for header in ("Allow", "Retry-After"):
        value = exc.get_response().headers.get(header) if status in (405, 503) else None
        if value:
            response.headers[header] = value
    return response


def handle_problem(exc: ProblemError) -> Response:
    response = problem(exc.status, exc.title, exc.detail, **exc.extra)
    response.headers.update(exc.headers)
    return response


def handle_unexpected(exc: Exception) -> Response:
    log.exception("unhandled error")
    return problem(500, "Internal Server Error", "The server failed to handle the request; it has been logged.")


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(ProblemError, handle_problem)
    app.register_error_handler(Exception, handle_unexpected)
