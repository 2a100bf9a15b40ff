"""Optional API keys: ``Authorization: Bearer <key>``, keys from ``QUOTES_API_KEYS``.

With no key configured the API is open. With keys, every endpoint needs one except the probes
(orchestrators call them without secrets), the OpenAPI document and the docs page with its
assets (they describe the API and hold no data), and CORS preflights (browsers send them
without credentials). Keys are compared in constant time and never logged.
"""
from __future__ import annotations

import hmac

from flask import Flask, current_app, request
from flask_smorest import Api

from .problems import ProblemError

PUBLIC_ENDPOINTS = frozenset({
    "health.Health", "health.Ready",
    "api-docs.openapi_json", "api-docs.openapi_swagger_ui", "swagger_assets", "static",
})
REALM = 'Bearer realm="quotes"'


def key_matches(presented: str, keys: tuple[str, ...]) -> bool:
    """Compare against every key, in constant time for each, without stopping at a match."""
    given = presented.encode()
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(given, key.encode())
    return matched


def bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def require_api_key() -> None:
    keys = current_app.config["SETTINGS"].api_key_list
    if not keys or request.method == "OPTIONS" or request.endpoint in PUBLIC_ENDPOINTS:
        return
    token = bearer_token()
    if token is None:
        raise ProblemError(401, "Unauthorized", "send an API key as 'Authorization: Bearer <key>'",
                           headers={"WWW-Authenticate": REALM})
    if not key_matches(token, keys):
        raise ProblemError(401, "Unauthorized", "the API key is not valid",
                           headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'})


def init_app(app: Flask) -> None:
    app.before_request(require_api_key)


def document(api: Api, keys: tuple[str, ...]) -> None:
    """Declare the bearer scheme in the OpenAPI document when keys are configured."""
    if not keys:
        return
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    api.spec.options["security"] = [{"bearerAuth": []}]
