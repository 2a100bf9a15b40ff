"""Schemas of /v1/quotes: the filters, and a quote with every article that reported it."""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from ..extract.schemas import AFFILIATION_FIELD, GENDER_FIELD, SPEAKER_KINDS, CueSchema

QUOTE_TYPES = ["direct", "indirect", "mixed"]
MAX_LIMIT = 200
DEFAULT_LIMIT = 50


def parse_moment(value: str, end_of_day: bool = False) -> datetime:
    """An ISO 8601 date or date-time as an aware UTC datetime; a bare date is its first (or last) instant."""
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
        is_date = len(text) == 10
    except ValueError:
        raise ValidationError("not an ISO 8601 date or date-time") from None
    if is_date and end_of_day:
        moment = datetime.combine(date.fromisoformat(text), time.max)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        # 0001-01-01T00:00+14:00 is valid ISO 8601, but in UTC it falls before year 1
        raise ValidationError("outside the years 1 to 9999 in UTC") from None


class Moment(fields.Field):
    """A date or date-time query argument; ``until=2024-06-21`` includes all of that day."""

    def __init__(self, end_of_day: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.end_of_day = end_of_day

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        if not isinstance(value, str):
            raise ValidationError("not an ISO 8601 date or date-time")
        return parse_moment(value, self.end_of_day)


class QuoteFilterArgsSchema(Schema):
    """Filters shared by /v1/quotes and /v1/speakers/{id}/quotes."""

    organization = fields.String(validate=validate.Length(min=1, max=255),
                                 metadata={"description": "an organisation the speaker was given (substring)"})
    type = fields.String(validate=validate.OneOf(QUOTE_TYPES), metadata={"description": "reported as this type"})
    q = fields.String(validate=validate.Length(min=1, max=500),
                      metadata={"description": "words the quote contains (full-text, stemmed)"})
    since = Moment(metadata={"description": "published on or after (ISO date or date-time)"})
    until = Moment(end_of_day=True, metadata={"description": "published on or before (ISO date or date-time)"})
    outlet = fields.String(validate=validate.Length(min=1, max=255),
                           metadata={"description": "reported by this outlet (e.g. rferl.org)"})
    limit = fields.Integer(load_default=DEFAULT_LIMIT, validate=validate.Range(min=1, max=MAX_LIMIT),
                           metadata={"description": f"page size, at most {MAX_LIMIT}"})
    cursor = fields.String(validate=validate.Length(max=200),
                           metadata={"description": "the `next` link's cursor, for the following page"})
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "jsonl"]),
                           metadata={"description": "json pages, or jsonl: every match streamed, one per line"})


class QuoteQueryArgsSchema(QuoteFilterArgsSchema):
    speaker = fields.String(validate=validate.Length(min=1, max=255),
                            metadata={"description": "speaker id, or a name or part of one (Putin)"})


class ReportSpeakerSchema(Schema):
    """The speaker as one article wrote it at this quote."""

    id = fields.Integer(allow_none=True, metadata={"description": "the stored speaker"})
    mention = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    name = fields.String(required=True, allow_none=True, metadata={
        "description": "the name this article resolved; null when the mention names nobody the article names"})
    kind = fields.String(required=True, validate=validate.OneOf(SPEAKER_KINDS))
    title = fields.String(allow_none=True)
    organization = fields.String(allow_none=True)
    resolved_by = fields.String()
    gender = fields.String(**GENDER_FIELD)
    affiliation = fields.String(**AFFILIATION_FIELD)
    members = fields.List(fields.Integer(), metadata={
        "description": "'Obama and Clinton said': the stored speaker ids of each named speaker"})


class ReportSchema(Schema):
    """What /v1/extract returned for a quote in one article (offsets index that article)."""

    local_id = fields.String(required=True, metadata={"description": "the extractor's id (q1...) in the article"})
    text = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(QUOTE_TYPES))
    field = fields.String(required=True, metadata={"description": "text or title: which the offsets index"})
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    cue = fields.Nested(CueSchema, allow_none=True)
    speaker = fields.Nested(ReportSpeakerSchema, allow_none=True)
    via = fields.String(allow_none=True)
    confidence = fields.Float(required=True)
    rule = fields.String(required=True)


class SourceSchema(ReportSchema):
    """One article that reported the quote."""

    article_id = fields.Integer(required=True)
    outlet = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    published_at = fields.String(allow_none=True)


class SpeakerBriefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True)
    gender = fields.String(**GENDER_FIELD)
    affiliation = fields.String(**AFFILIATION_FIELD)


class StoredQuoteSchema(Schema):
    """A statement, merged across every outlet that reported it."""

    id = fields.Integer(required=True)
    statement_id = fields.Integer(required=True, metadata={
        "description": "the statement this wording reports (GET /v1/statements/{id})"})
    text = fields.String(required=True, metadata={"description": "the wording first stored"})
    speaker = fields.Nested(SpeakerBriefSchema, allow_none=True)
    types = fields.List(fields.String(), required=True)
    outlets = fields.List(fields.String(), required=True, metadata={"description": "who reported it"})
    latest_at = fields.String(required=True, metadata={"description": "date of the newest report"})
    sources = fields.List(fields.Nested(SourceSchema), required=True)


class QuotePageSchema(Schema):
    items = fields.List(fields.Nested(StoredQuoteSchema), required=True)
    next = fields.String(allow_none=True, metadata={"description": "link to the next page; null on the last"})
