"""Schemas of /v1/statements: the filters, and a statement with every report of it."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..quotes.schemas import QuoteQueryArgsSchema, SourceSchema, SpeakerBriefSchema

SORTS = ["latest", "outlets"]


class StatementQueryArgsSchema(QuoteQueryArgsSchema):
    """The filters of /v1/quotes, whether wordings differ, and the order."""

    wording_differs = fields.Boolean(metadata={
        "description": "true: only statements two reports quote in different words; false: only the others"})
    sort = fields.String(load_default="latest", validate=validate.OneOf(SORTS), metadata={
        "description": "latest: newest report first; outlets: reported by the most outlets first, then newest"})


class StatementReportSchema(SourceSchema):
    """One article's report of the statement."""

    quote_id = fields.Integer(required=True, metadata={"description": "the stored quote (GET /v1/quotes/{id})"})
    quoted = fields.List(fields.String(), required=True, metadata={
        "description": "the words this report puts in quotation marks (all of a direct quote, none of an indirect)"})


class WordingSchema(Schema):
    words = fields.String(required=True, metadata={"description": "the words in quotation marks"})
    article_id = fields.Integer(required=True)
    outlet = fields.String(allow_none=True)
    type = fields.String(required=True)


class WordingDifferenceSchema(Schema):
    """Two reports that put different words in quotation marks for one passage."""

    wordings = fields.List(fields.Nested(WordingSchema), required=True, validate=validate.Length(equal=2))


class StatementSchema(Schema):
    """One thing one speaker said, with every report of it in any words."""

    id = fields.Integer(required=True)
    text = fields.String(required=True, metadata={"description": "its longest direct wording, else its longest report"})
    speaker = fields.Nested(SpeakerBriefSchema, allow_none=True)
    report_count = fields.Integer(required=True)
    outlet_count = fields.Integer(required=True, metadata={
        "description": "distinct outlets that reported it (an article without an outlet counts as one)"})
    outlets = fields.List(fields.String(), required=True)
    types = fields.List(fields.String(), required=True)
    first_at = fields.String(required=True, metadata={"description": "date of the first report"})
    latest_at = fields.String(required=True, metadata={"description": "date of the newest report"})
    quote_ids = fields.List(fields.Integer(), required=True, metadata={"description": "its stored quotes (wordings)"})
    wording_differs = fields.Boolean(required=True, metadata={
        "description": "two reports put different words in quotation marks for one passage"})
    wording_differences = fields.List(fields.Nested(WordingDifferenceSchema), required=True, metadata={
        "description": "each such pair of wordings, side by side"})
    reports = fields.List(fields.Nested(StatementReportSchema), required=True, metadata={
        "description": "every report, oldest first: outlet, article, date, type, text and quoted words"})


class StatementPageSchema(Schema):
    items = fields.List(fields.Nested(StatementSchema), required=True)
    next = fields.String(allow_none=True, metadata={"description": "link to the next page; null on the last"})
