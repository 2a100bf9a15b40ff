"""Request and response schemas of /v1/extract/batch."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..extract.schemas import ExtractRequestSchema, MetaSchema, QuoteSchema, SpeakerSchema

MAX_DOCUMENTS = 64


class BatchDocumentSchema(ExtractRequestSchema):
    """One article of a batch: the fields of /v1/extract plus an id unique within the batch."""

    id = fields.String(required=True, validate=validate.Length(min=1, max=256),
                       metadata={"description": "the client's id, returned with the document's result"})


class BatchEnvelopeSchema(Schema):
    """The batch as a whole; each document is then validated on its own, so one bad document
    fails only its own entry."""

    documents = fields.List(fields.Dict(), required=True, validate=validate.Length(min=1, max=MAX_DOCUMENTS))


class BatchRequestSchema(Schema):
    """1 to 64 articles. Each document is an object validated on its own (the fields of
    /v1/extract plus ``id``), so the schema publishes documents as free-form objects: a bad
    document is not a bad request, it gets its own error entry."""

    documents = fields.List(
        fields.Dict(metadata={"description": "{id, text, title?, url?, published_at?}: see ExtractRequest"}),
        required=True, validate=validate.Length(min=1, max=MAX_DOCUMENTS))


class BatchEntrySchema(Schema):
    """A document's result, or its own problem details under ``error``."""

    id = fields.String(required=True)
    quotes = fields.List(fields.Nested(QuoteSchema))
    speakers = fields.List(fields.Nested(SpeakerSchema))
    meta = fields.Nested(MetaSchema)
    error = fields.Dict(metadata={"description": "RFC 9457 problem details for this document only"})


class BatchMetaSchema(Schema):
    model = fields.String(required=True)
    version = fields.String(required=True)
    documents = fields.Integer(required=True)
    failed = fields.Integer(required=True)
    elapsed_ms = fields.Float(required=True)


class BatchResponseSchema(Schema):
    results = fields.List(fields.Nested(BatchEntrySchema), required=True,
                          metadata={"description": "one entry per document, in request order"})
    meta = fields.Nested(BatchMetaSchema, required=True)
