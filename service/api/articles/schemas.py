"""Schemas of /v1/articles: an article to store, and a stored article with its quotes and speakers."""
from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates

from ..extract.schemas import AFFILIATION_FIELD, GENDER_FIELD, MentionSchema
from ..quotes.schemas import ReportSchema, ReportSpeakerSchema, parse_moment


class ArticleRequestSchema(Schema):
    """An article to extract from and store. Unknown fields are refused."""

    text = fields.String(required=True, validate=validate.Length(min=1), metadata={"description": "the article body"})
    title = fields.String(load_default=None, allow_none=True, metadata={"description": "the headline"})
    url = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=2048),
                        metadata={"description": "where it was published; posting it again returns the stored one"})
    outlet = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=255),
                           metadata={"description": "who published it; default: the url's host"})
    published_at = fields.String(load_default=None, allow_none=True,
                                 metadata={"description": "ISO 8601 date or date-time"})

    @validates("text")
    def _not_blank(self, value: str, **_: object) -> None:
        if not value.strip():
            raise ValidationError("text is empty or only whitespace")

    @validates("url")
    def _absolute(self, value: str | None, **_: object) -> None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValidationError("not an http(s) URL")

    @post_load
    def _moment(self, data: dict[str, Any], **_: object) -> dict[str, Any]:
        if data.get("published_at") is not None:
            try:
                data["published_at"] = parse_moment(data["published_at"])
            except ValidationError as exc:
                raise ValidationError({"published_at": exc.messages}) from None
        return data


class ArticleQuoteSchema(ReportSchema):
    id = fields.Integer(required=True, metadata={"description": "the stored quote (GET /v1/quotes/{id})"})
    speaker = fields.Nested(ReportSpeakerSchema, allow_none=True)
    quoted = fields.List(fields.String(), required=True, metadata={
        "description": "the words this article puts in quotation marks"})
    statement_id = fields.Integer(required=True, metadata={
        "description": "the statement it reports (GET /v1/statements/{id})"})
    statement_reports = fields.Integer(required=True, metadata={"description": "reports of that statement"})
    statement_outlets = fields.Integer(required=True, metadata={"description": "outlets that reported that statement"})


class ArticleSpeakerSchema(Schema):
    id = fields.Integer(required=True, metadata={"description": "the stored speaker (GET /v1/speakers/{id})"})
    local_id = fields.String(required=True, metadata={"description": "the extractor's id (s1...) in the article"})
    name = fields.String(required=True, metadata={"description": "canonical name across articles"})
    name_in_article = fields.String(required=True)
    kind = fields.String(required=True)
    gender = fields.String(**GENDER_FIELD)
    affiliation = fields.String(**AFFILIATION_FIELD)
    titles = fields.List(fields.String(), required=True)
    organizations = fields.List(fields.String(), required=True)
    mentions = fields.List(fields.Nested(MentionSchema), required=True)
    quote_ids = fields.List(fields.Integer(), required=True)


class ArticleSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    outlet = fields.String(allow_none=True)
    published_at = fields.String(allow_none=True)
    ingested_at = fields.String(required=True)
    content_hash = fields.String(required=True, metadata={"description": "sha256 of the text, whitespace collapsed"})
    text = fields.String(required=True, metadata={"description": "the body the offsets index"})
    meta = fields.Dict(metadata={"description": "the extraction's meta (model, version)"})
    quotes = fields.List(fields.Nested(ArticleQuoteSchema), required=True)
    speakers = fields.List(fields.Nested(ArticleSpeakerSchema), required=True)
