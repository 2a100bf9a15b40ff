"""Schemas of /v1/speakers: speakers merged across articles, with counts and dated labels."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ...store.models import MAX_ID
from ..extract.schemas import AFFILIATION_FIELD, GENDER_FIELD
from ..quotes.schemas import DEFAULT_LIMIT, MAX_LIMIT


class SpeakerQueryArgsSchema(Schema):
    q = fields.String(validate=validate.Length(min=1, max=255),
                      metadata={"description": "part of the name, case and accents ignored"})
    limit = fields.Integer(load_default=DEFAULT_LIMIT, validate=validate.Range(min=1, max=MAX_LIMIT))
    cursor = fields.Integer(validate=validate.Range(min=0, max=MAX_ID),
                            metadata={"description": "the `next` link's cursor (the last id seen)"})


class LabelSchema(Schema):
    value = fields.String(required=True)
    first_seen = fields.String(allow_none=True)
    last_seen = fields.String(allow_none=True)


class StoredSpeakerSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True)
    gender = fields.String(**GENDER_FIELD)
    affiliation = fields.String(**AFFILIATION_FIELD)
    quote_count = fields.Integer(required=True)
    article_count = fields.Integer(required=True)
    first_seen = fields.String(allow_none=True, metadata={"description": "date of the earliest article"})
    last_seen = fields.String(allow_none=True, metadata={"description": "date of the latest article"})
    titles = fields.List(fields.Nested(LabelSchema), required=True)
    organizations = fields.List(fields.Nested(LabelSchema), required=True)


class SpeakerPageSchema(Schema):
    items = fields.List(fields.Nested(StoredSpeakerSchema), required=True)
    next = fields.String(allow_none=True)
