"""Reading request bodies: JSON or text/plain, with the right problem for each way they go wrong."""
from __future__ import annotations

import json
from typing import Any

from flask import current_app, g, request
from marshmallow import Schema, ValidationError

from ..extensions.problems import ProblemError

JSON_TYPES = {"application/json"}
TEXT_TYPES = {"text/plain"}


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ProblemError(400, "Bad Request", f"duplicate keys in JSON object: {', '.join(duplicates)}")
    return dict(pairs)


def _decode(raw: bytes, charset: str) -> str:
    try:
        return raw.decode(charset)
    except (UnicodeDecodeError, LookupError):
        raise ProblemError(400, "Bad Request", f"the body is not valid {charset} text") from None


def parse_json(raw: bytes, charset: str = "utf-8") -> Any:
    """Parse JSON strictly: malformed, duplicate keys or absurd nesting are 400s."""
    text = _decode(raw, charset)
    if not text.strip():
        raise ProblemError(400, "Bad Request", "the body is empty: send a JSON object")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise ProblemError(400, "Bad Request", f"malformed JSON: {exc.msg} at {where}") from None
    except RecursionError:
        raise ProblemError(400, "Bad Request", "JSON nested too deeply") from None


def read_body() -> bytes:
    """The raw body, never more than MAX_CONTENT_LENGTH bytes.

    Werkzeug refuses a declared Content-Length over the cap before reading anything, but it cuts
    a streamed (chunked) body at the cap without an error; reaching the cap is a 413 here.
    """
    raw = request.get_data(cache=False)
    cap = current_app.config.get("MAX_CONTENT_LENGTH")
    if cap is not None and request.content_length is None and len(raw) >= cap:
        raise ProblemError(413, "Content Too Large", f"the body is over the {cap}-byte limit")
    return raw


def request_payload(text_field: str | None = "text") -> Any:
    """The body as Python data; a text/plain body becomes ``{text_field: body}``."""
    mimetype = request.mimetype
    if mimetype not in JSON_TYPES and not (text_field and mimetype in TEXT_TYPES):
        allowed = sorted(JSON_TYPES | (TEXT_TYPES if text_field else set()))
        raise ProblemError(415, "Unsupported Media Type",
                           f"send {' or '.join(allowed)}, not {mimetype or 'a body without Content-Type'}")
    raw = read_body()
    charset = request.mimetype_params.get("charset", "utf-8")
    if mimetype in TEXT_TYPES:
        return {text_field: _decode(raw, charset)}
    return parse_json(raw, charset)


def load(schema: Schema, payload: Any) -> dict[str, Any]:
    """Validate with ``schema``; a failure is a 422 naming the fields at fault."""
    if not isinstance(payload, dict):
        raise ProblemError(422, "Unprocessable Content", "the body must be a JSON object",
                           errors={"_schema": ["expected a JSON object"]})
    try:
        return schema.load(payload)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        raise ProblemError(422, "Unprocessable Content",
                           "The request body failed validation: " + ", ".join(sorted(messages)),
                           errors=messages) from None


def check_length(text: str, name: str = "text") -> None:
    """A text over the configured limit is a 413."""
    limit = current_app.config["SETTINGS"].max_text_chars
    g.text_chars = (g.get("text_chars") or 0) + len(text)
    if len(text) > limit:
        raise ProblemError(413, "Content Too Large", f"{name} has {len(text)} characters; the limit is {limit}")
