"""Request and response schemas of /v1/extract (see the API contract)."""
from __future__ import annotations

import re
from datetime import date, datetime

from marshmallow import Schema, ValidationError, fields, validate, validates

from ...extraction.lexicons import AFFILIATIONS

# "not blank": one character that is neither Python's nor JSON Schema's (ECMAScript's) whitespace; the
# same pattern is published in the OpenAPI document and enforced here, so both agree on every input
NOT_BLANK = ("[^ \\t\\n\\r\\x0b\\x0c\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a"
             "\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]")
_NOT_BLANK = re.compile(NOT_BLANK)


class ExtractRequestSchema(Schema):
    """An article to extract from. Unknown fields are refused."""

    text = fields.String(required=True, validate=validate.Length(min=1),
                         metadata={"description": "the article body", "pattern": NOT_BLANK})
    title = fields.String(load_default=None, allow_none=True, metadata={"description": "the headline"})
    url = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2048))
    published_at = fields.String(load_default=None, allow_none=True,
                                 metadata={"description": "ISO 8601 date or date-time"})

    @validates("text")
    def _not_blank(self, value: str, **_: object) -> None:
        if not _NOT_BLANK.search(value):
            raise ValidationError("text is empty or only whitespace")

    @validates("published_at")
    def _iso_date(self, value: str | None, **_: object) -> None:
        if value is None:
            return
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValidationError("not an ISO 8601 date or date-time") from None


class CueSchema(Schema):
    text = fields.String(required=True)
    lemma = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    stance = fields.String(metadata={"description": "neutral, distancing, endorsing or emotive"})


GENDERS = ["female", "male"]
SPEAKER_KINDS = ["person", "organization", "location", "group", "unknown"]
GENDER_FIELD = dict(allow_none=True, validate=validate.OneOf(GENDERS), metadata={
    "description": "as the article refers to the speaker (he, she, Mr., Ms., spokeswoman); null when it does not"})
AFFILIATION_FIELD = dict(allow_none=True, validate=validate.OneOf(AFFILIATIONS), metadata={
    "description": "the kind of body the speaker speaks for, from the title and organisation lexicons in rules/; "
                   "citizen: a person the article gives no institution; null when unknown"})


class SpeakerRefSchema(Schema):
    id = fields.String(allow_none=True, metadata={
        "description": "the entry in speakers[]; null for a speaker the article never names (a pronoun, "
                       "'a spokesman') and for several named speakers together (see members)"})
    mention = fields.String(required=True, metadata={"description": "the speaker as written at this quote"})
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    name = fields.String(required=True, allow_none=True, metadata={
        "description": "canonical name for the whole article; null when the mention names nobody the article names"})
    kind = fields.String(required=True, validate=validate.OneOf(SPEAKER_KINDS))
    title = fields.String(allow_none=True)
    organization = fields.String(allow_none=True)
    resolved_by = fields.String(metadata={
        "description": "how the name was found: name, surname, pronoun, relative, description, conjunction, "
                       "mention or unresolved"})
    gender = fields.String(**GENDER_FIELD)
    affiliation = fields.String(**AFFILIATION_FIELD)
    members = fields.List(fields.String(), metadata={
        "description": "'Obama and Clinton said': the speakers[] ids of each named speaker, else empty"})


class FragmentSchema(Schema):
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)


class QuoteSchema(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(["direct", "indirect", "mixed"]))
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    cue = fields.Nested(CueSchema, allow_none=True)
    speaker = fields.Nested(SpeakerRefSchema, allow_none=True)
    via = fields.String(allow_none=True)
    confidence = fields.Float(required=True)
    rule = fields.String(required=True, metadata={"description": "id of the rule that found it (rules/)"})
    field = fields.String(required=True, metadata={"description": "text or title: which field the offsets index"})
    fragments = fields.List(fields.Nested(FragmentSchema), required=True, metadata={
        "description": "the stretches of content: one, or several for a quotation split by its reporting clause"})


class MentionSchema(Schema):
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)


class SpeakerSchema(Schema):
    """A person or organisation the article names, once, with its profile."""

    id = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(SPEAKER_KINDS))
    titles = fields.List(fields.String(), required=True, metadata={
        "description": "every role the article gives, the main one first (honorifics such as Mr. are not titles)"})
    organizations = fields.List(fields.String(), required=True, metadata={
        "description": "employer or body first, then party, then country"})
    mentions = fields.List(fields.Nested(MentionSchema), required=True)
    quote_ids = fields.List(fields.String(), required=True)
    gender = fields.String(**GENDER_FIELD)
    affiliation = fields.String(**AFFILIATION_FIELD)


class MetaSchema(Schema):
    model = fields.String(required=True)
    version = fields.String(required=True)
    elapsed_ms = fields.Float(required=True)


class ExtractResponseSchema(Schema):
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    speakers = fields.List(fields.Nested(SpeakerSchema), required=True)
    meta = fields.Nested(MetaSchema, required=True)
