"""CORS, off by default: only the origins listed in ``QUOTES_CORS_ORIGINS`` (``*`` for any).

A request from an allowed origin gets ``Access-Control-Allow-Origin`` naming it; a preflight
(``OPTIONS`` with ``Access-Control-Request-Method``) also learns the methods and headers it may
use. Any other origin gets no CORS header, so browsers keep their same-origin rule.
"""
from __future__ import annotations

from flask import Flask, Response, current_app, request

ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
ALLOW_HEADERS = "Authorization, Content-Type"
EXPOSE_HEADERS = "Retry-After, WWW-Authenticate"
MAX_AGE = "600"


def allowed_origin(origin: str | None, allowed: tuple[str, ...]) -> str | None:
    """The value for Access-Control-Allow-Origin, or None when this origin may not read."""
    if not origin or not allowed:
        return None
    if "*" in allowed:
        return "*"
    return origin if origin.rstrip("/") in allowed else None


def add_cors_headers(response: Response) -> Response:
    allowed = current_app.config["SETTINGS"].cors_origin_list
    if not allowed:
        return response
    response.vary.add("Origin")
    value = allowed_origin(request.headers.get("Origin"), allowed)
    if value is None:
        return response
    response.headers["Access-Control-Allow-Origin"] = value
    response.headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        response.headers["Access-Control-Allow-Methods"] = ALLOW_METHODS
        response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
        response.headers["Access-Control-Max-Age"] = MAX_AGE
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_cors_headers)
