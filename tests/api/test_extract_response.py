"""POST /v1/extract sends the extractor's ``to_dict()`` without a marshmallow dump (measured: the
dump was a second copy of every quote on the hot path), so the dict must already be exactly what
ExtractResponseSchema documents in the OpenAPI document: the same fields at every level, the
same values as the schema's dump."""
from __future__ import annotations

import pytest
from marshmallow import Schema, fields

from service.api.extract.schemas import ExtractResponseSchema

TEXTS = [
    ("\"The dam will hold,\" the engineer told reporters on Sunday. She said repairs were on schedule.", None),
    ("Officials in Dhaka said the ferry had been overloaded, according to police.", "\"We warned them,\" says captain"),
    ("It rained all day in Amman and nobody said a word.", None),
    ("\"Enough,\" someone shouted from the back of the hall.", None),
]


def assert_documented(value, schema: Schema, where: str = "response") -> None:
    """Every key is a declared field and every declared field is present, recursively."""
    assert set(value) == set(schema.fields), where
    for name, field in schema.fields.items():
        item = value[name]
        if isinstance(field, fields.Nested) and item is not None:
            assert_documented(item, field.schema, f"{where}.{name}")
        elif isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            for k, element in enumerate(item):
                assert_documented(element, field.inner.schema, f"{where}.{name}[{k}]")


@pytest.mark.parametrize(("text", "title"), TEXTS)
def test_the_response_is_the_documented_schema(client, extractor, text, title):
    response = client.post("/v1/extract", json={"text": text, "title": title})
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert_documented(body, ExtractResponseSchema())
    expected = ExtractResponseSchema().dump(extractor.extract(text, title).to_dict())
    body["meta"].pop("elapsed_ms")
    expected["meta"].pop("elapsed_ms")
    assert body == expected


def test_a_quote_with_every_part_is_documented(extractor):
    result = extractor.extract(TEXTS[0][0]).to_dict()
    assert any(q["cue"] and q["speaker"] for q in result["quotes"])  # the nested schemas are exercised
    assert_documented(result, ExtractResponseSchema())
