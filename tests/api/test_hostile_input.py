"""Hostile and strange input through the HTTP layer: always an answer or a problem, never a 500.

Cases already in test_extract.py (malformed JSON, duplicate keys, nested lists, 415 for HTML,
422 for wrong types and unknown fields, the text limit) are not repeated here.
"""
from __future__ import annotations

import io
import json

import pytest
from werkzeug.test import EnvironBuilder, run_wsgi_app
from werkzeug.wrappers import Response

from service.app import create_app
from tests.invariants import check_result

PROBLEM = "application/problem+json"
MB = 1024 * 1024


class Source(io.RawIOBase):
    """A request body produced on demand, counting what the server read (no 50 MB in memory)."""

    def __init__(self, data: bytes = b"x" * 65536, total: int | None = None):
        self.data, self.total, self.sent, self.reads = data, total, 0, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self.reads += 1
        room = len(buffer) if self.total is None else min(len(buffer), self.total - self.sent)
        n = min(room, len(self.data))
        buffer[:n] = self.data[:n]
        self.sent += n
        return n


def raw_post(app, stream, content_type: str, content_length: int | None = None, chunked: bool = False) -> Response:
    """POST /v1/extract with a hand-built environ: the test client would always set Content-Length."""
    environ = EnvironBuilder(path="/v1/extract", method="POST", content_type=content_type).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    if content_length is not None:
        environ["CONTENT_LENGTH"] = str(content_length)
    if chunked:  # what gunicorn sets for Transfer-Encoding: chunked
        environ["wsgi.input_terminated"] = True
    environ["wsgi.input"] = stream
    body, status, headers = run_wsgi_app(app, environ, buffered=True)
    return Response(b"".join(body), status=status, headers=headers)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == PROBLEM
    body = json.loads(response.get_data())
    assert body["status"] == status and body["title"]
    return body


def extract_ok(client, text: str, title: str | None = None) -> dict:
    r = client.post("/v1/extract", json={"text": text, **({"title": title} if title else {})})
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    body = r.get_json()
    check_result(body, text, title, client.application.extensions["extractor"].rules.junk)
    return body


# --- bodies too large, streamed or without a length ---------------------------------------

@pytest.mark.parametrize("content_type", ["application/json", "text/plain"])
def test_50_mb_declared_body_is_refused_before_reading(app, content_type):
    stream = Source()
    assert_problem(raw_post(app, stream, content_type, content_length=50 * MB), 413)
    assert stream.reads == 0


@pytest.mark.parametrize("content_type", ["application/json", "text/plain; charset=utf-8"])
def test_chunked_body_over_the_cap_is_413_and_read_no_further(app, content_type):
    stream = Source(total=50 * MB)
    assert_problem(raw_post(app, stream, content_type, chunked=True), 413)
    assert stream.sent <= app.config["MAX_CONTENT_LENGTH"] + 65536


def test_chunked_body_within_the_cap_is_read(app):
    body = json.dumps({"text": '"We will win," the mayor said.'}).encode()
    r = raw_post(app, Source(body, total=len(body)), "application/json", chunked=True)
    assert r.status_code == 200 and json.loads(r.get_data())["quotes"][0]["text"] == "We will win"


@pytest.mark.parametrize("content_type, status", [("application/json", 400), ("text/plain", 422)])
def test_body_without_length_or_chunking_is_read_as_empty(app, content_type, status):
    body = b'{"text": "hello"}'
    assert_problem(raw_post(app, Source(body, total=len(body)), content_type), status)


# --- bytes and media types ------------------------------------------------------------------

@pytest.mark.parametrize("data, content_type", [
    (b'{"text": "caf\xe9 \xff\xfe"}', "application/json"),
    (b"caf\xe9 \xc3\x28 \xed\xa0\x80", "text/plain"),
    (b"caf\xe9", "text/plain; charset=utf-8"),
    (b'{"text": "ok"}', "application/json; charset=no-such-charset"),
    (b"ok", "text/plain; charset=no-such-charset"),
])
def test_undecodable_bytes_are_400(client, data, content_type):
    assert "valid" in assert_problem(client.post("/v1/extract", data=data, content_type=content_type), 400)["detail"]


@pytest.mark.parametrize("content_type", [None, "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                                          "application/xml", "text/json", "application/octet-stream"])
def test_wrong_content_type_is_415(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    assert_problem(client.post("/v1/extract", data=b'{"text": "x"}', headers=headers), 415)


def test_deeply_nested_objects_are_400(client):
    body = '{"a": ' * 10_000 + "1" + "}" * 10_000
    assert_problem(client.post("/v1/extract", data=body, content_type="application/json"), 400)


def test_nesting_inside_text_is_400_or_422(client):
    body = '{"text": ' + "[" * 10_000 + "]" * 10_000 + "}"
    r = client.post("/v1/extract", data=body, content_type="application/json")
    assert r.status_code in (400, 422) and r.mimetype == PROBLEM


@pytest.mark.parametrize("payload", [{"text": None}, {"text": ["a"]}, {"text": True}, {"text": "ok", "title": 7}])
def test_more_wrong_types_are_422(client, payload):
    assert_problem(client.post("/v1/extract", json=payload), 422)


def test_json_body_in_latin1_with_charset(client):
    data = '{"text": "\\"Caf\u00e9 prices are up,\\" the owner said."}'.encode("latin-1")
    r = client.post("/v1/extract", data=data, content_type="application/json; charset=latin-1")
    assert r.status_code == 200 and r.get_json()["quotes"][0]["text"] == "Café prices are up"


def test_limit_counts_code_points_not_bytes(tmp_path, extractor):
    client = create_app({"max_text_chars": 50, "data_dir": str(tmp_path)}).test_client()
    assert client.post("/v1/extract", json={"text": "\U0001F600" * 50}).status_code == 200
    assert_problem(client.post("/v1/extract", json={"text": "\U0001F600" * 51}), 413)


# --- control characters ---------------------------------------------------------------------

def test_nul_and_control_characters_in_json(client):
    text = '\x00"We will\x07 not back\x1b down," the governor\x00 said.\x7f\x0b\x0c'
    body = extract_ok(client, text)
    assert body["quotes"]  # which quote and speaker is the extractor's business; here: no error, valid offsets


def test_nul_bytes_in_plain_text(client):
    r = client.post("/v1/extract", data=b'\x00\x00"We will win," the mayor said.\x00', content_type="text/plain")
    assert r.status_code == 200


def test_text_of_only_control_characters(client):
    extract_ok(client, "\x00\x01\x02\x1f\x7f")


# --- valid but strange text -----------------------------------------------------------------

def test_astral_characters_offsets_are_code_points(client):
    text = ('\U0001F4F0 Breaking \U0001D4D0\U0001D4D1.\n\n'
            '"We will win \U0001F389\U0001F389," the mayor \U0001F469\u200d\u2696\ufe0f said.')
    q = extract_ok(client, text)["quotes"][0]
    assert text[q["start"]:q["end"]] == "We will win \U0001F389\U0001F389"
    assert text[q["speaker"]["start"]:q["speaker"]["end"]] == q["speaker"]["mention"]


HEBREW = 'השר אמר: "לא נוותר," הוא אמר.'
ARABIC = 'قال الوزير «لن نتراجع» يوم الثلاثاء.'
BIDI_CONTROLS = '"We will \u202ewin\u202c today," the mayor said. \u200f\u200e'


@pytest.mark.parametrize("text", [HEBREW, ARABIC, BIDI_CONTROLS])
def test_right_to_left_scripts(client, text):
    extract_ok(client, text)


def test_combining_marks(client):
    text = ('"Cafe\u0301 owners a\u0300re\u0308 angry," said Zo\u0308e\u0301 Mu\u0308ller. '
            'Z\u0336\u0334a\u0337\u0335l\u0338go "te\u0301xt".')
    body = extract_ok(client, text)
    assert body["quotes"][0]["text"] == "Cafe\u0301 owners a\u0300re\u0308 angry"


def test_windows_line_endings(client):
    text = '"We will not back down," the governor said.\r\n\r\nLawmakers said\r\nthe vote "was delayed again".\r\n'
    body = extract_ok(client, text)
    q = body["quotes"][0]
    assert text[q["start"]:q["end"]] == "We will not back down"


def test_a_single_200_000_character_line(client):
    tail = ' "We will win," the mayor said.'
    blob = ("data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAA" * 8400)[:200_000 - len(tail)]
    text = blob + tail
    assert len(text) == 200_000 and "\n" not in text
    body = extract_ok(client, text)
    assert any(q["text"].endswith("We will win") for q in body["quotes"])


@pytest.mark.slow
def test_five_thousand_quotation_marks(client):
    extract_ok(client, '"' * 5000)
    extract_ok(client, '\u201c\u201d' * 2500)


@pytest.mark.parametrize("text", [
    '"We will win, the mayor said. She left.',
    'The mayor said we will win." Then she left.',
    '"""' + " and " + '"' * 7,
    '\u201cOpen and \u201cnever closed, he said.',
    'He said "she told me \'never "again" here\' today" and left.',
    '"She said \u201cthe \u2018real\u2019 problem\u201d is money," the aide said.',
    '\u00ab Nous \u00ab gagnerons \u00bb \u00bb, a dit le maire.',
])
def test_unbalanced_and_nested_quotes(client, text):
    extract_ok(client, text)


@pytest.mark.parametrize("text", ['"We will win."', "\u201cWe will win.\u201d", '"', '""', '" "'])
def test_a_document_that_is_only_a_quote(client, text):
    extract_ok(client, text)
