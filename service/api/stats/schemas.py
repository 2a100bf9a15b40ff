"""Schemas of /v1/stats: what to group by and how to cut it, and the counts per group."""
from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates
from webargs.fields import DelimitedList

from ...store.stats import DIMENSIONS, MEASURES
from ..extract.schemas import AFFILIATION_FIELD, GENDER_FIELD, SPEAKER_KINDS
from ..quotes.schemas import QUOTE_TYPES, QuoteQueryArgsSchema, SpeakerBriefSchema

MAX_GROUPS = 5000
DEFAULT_GROUPS = 500
MAX_TOP = 100
PERIOD = {"allow_none": True, "metadata": {"description": "first day of the period (a week starts on Monday), "
                                                         "YYYY-MM-DD, in UTC"}}


class StatsQueryArgsSchema(QuoteQueryArgsSchema):
    """The /v1/quotes filters, applied to each report, and the grouping."""

    class Meta:
        exclude = ("cursor",)

    group_by = DelimitedList(fields.String(validate=validate.OneOf(DIMENSIONS)), required=True,
                             validate=validate.Length(min=1, max=2), metadata={
                                 "description": "one or two of " + ", ".join(DIMENSIONS) + ", comma-separated"})
    sort = fields.String(validate=validate.OneOf(MEASURES), metadata={
        "description": "the measure to sort by, biggest first; by default periods in calendar order, "
                       "anything else by quotes"})
    top = fields.Integer(validate=validate.Range(min=1, max=MAX_TOP), metadata={
        "description": "keep only the N values with the most quotes (never null) of the first grouped "
                       "dimension that is not a period: group_by=week,speaker&top=5 gives the 5 most quoted "
                       "speakers' quotes per week"})
    limit = fields.Integer(load_default=DEFAULT_GROUPS, validate=validate.Range(min=1, max=MAX_GROUPS),
                           metadata={"description": f"most groups returned, at most {MAX_GROUPS}"})
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]),
                           metadata={"description": "json, or csv: the same groups as a table"})

    @validates("group_by")
    def _distinct(self, value: list[str], **_: Any) -> None:
        if len(set(value)) != len(value):
            raise ValidationError("a dimension may be named once")


class SpeakerGroupSchema(SpeakerBriefSchema):
    titles = fields.List(fields.String(), required=True,
                         metadata={"description": "the titles the most articles gave, up to 3"})
    organizations = fields.List(fields.String(), required=True,
                                metadata={"description": "the organisations the most articles gave, up to 3"})


class QuoteSpeakerSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class QuoteGroupSchema(Schema):
    id = fields.Integer(required=True, metadata={"description": "GET /v1/quotes/{id} lists its reports"})
    text = fields.String(required=True)
    speaker = fields.Nested(QuoteSpeakerSchema, allow_none=True)


class CountsSchema(Schema):
    quotes = fields.Integer(required=True, metadata={"description": "distinct statements"})
    speakers = fields.Integer(required=True, metadata={"description": "distinct named speakers"})
    articles = fields.Integer(required=True)
    outlets = fields.Integer(required=True)
    reports = fields.Integer(required=True, metadata={"description": "one article's report of a statement"})


class GroupSchema(CountsSchema):
    """One group: its value of each grouped dimension (only those), then its counts."""

    outlet = fields.String(allow_none=True)
    speaker = fields.Nested(SpeakerGroupSchema, allow_none=True,
                            metadata={"description": "null: no named speaker (a pronoun, a spokesman, none)"})
    quote = fields.Nested(QuoteGroupSchema)
    type = fields.String(validate=validate.OneOf(QUOTE_TYPES))
    affiliation = fields.String(**AFFILIATION_FIELD)
    gender = fields.String(**GENDER_FIELD)
    kind = fields.String(allow_none=True, validate=validate.OneOf(SPEAKER_KINDS),
                         metadata={"description": "null: a quote without a speaker"})
    month = fields.String(**PERIOD)
    week = fields.String(**PERIOD)
    day = fields.String(**PERIOD)


class StatsSchema(Schema):
    group_by = fields.List(fields.String(), required=True)
    totals = fields.Nested(CountsSchema, required=True,
                           metadata={"description": "over every report the filters match, whatever the groups"})
    groups = fields.List(fields.Nested(GroupSchema), required=True)
    truncated = fields.Boolean(required=True, metadata={"description": "more groups matched than limit"})
