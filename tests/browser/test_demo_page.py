"""The demo page in a real browser: Debian's chromium, driven by Playwright, against the service
started on a free local port. Skips where chromium or Playwright is missing, except under CI=true,
where .ci/run installs chromium and a skip would hide a broken page.

The screenshot lands in test-artifacts/demo.png; UPDATE_SCREENSHOTS=1 also rewrites docs/demo.png
(the README's picture), to be reviewed in the diff like a golden file.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "golden" / "articles"
SEED = ARTICLES / "seoul-summons-envoy-afp.txt"
NESTED_SEED = ARTICLES / "seoul-summons-envoy-rferl.txt"  # has an indirect quote inside another
ARTIFACTS = ROOT / "test-artifacts"
README_SCREENSHOT = ROOT / "docs" / "demo.png"
VIEWPORT = {"width": 1280, "height": 900}
MAX_TEXT_CHARS = 20_000
STRICT_CSP = "default-src 'self'"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}; .ci/run should have installed it", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not Path(CHROMIUM).exists():
    _unavailable(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError as exc:  # pragma: no cover - playwright is in requirements-dev.txt
    _unavailable(f"playwright cannot be imported ({exc}); pip install -r requirements-dev.txt")


@pytest.fixture(scope="module")
def server(tmp_path_factory, extractor):
    """The real app on a free port of 127.0.0.1, with the strict CSP that production adds."""
    from werkzeug.serving import make_server

    from service.app import create_app

    app = create_app({"data_dir": str(tmp_path_factory.mktemp("data")), "max_text_chars": MAX_TEXT_CHARS})

    @app.after_request
    def strict_csp(response):
        response.headers.setdefault("Content-Security-Policy", STRICT_CSP)
        return response

    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def console_errors() -> list[str]:
    return []


@pytest.fixture()
def page(browser, server, console_errors):
    """A fresh page on the demo; any console error or CSP violation fails the test."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    page = context.new_page()
    problems = console_errors
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(server + "/")
    yield page
    context.close()
    assert problems == [], problems


def api_extract(server: str, text: str) -> dict:
    """What the public endpoint answers, to compare the page with."""
    request = urllib.request.Request(server + "/v1/extract", data=json.dumps({"text": text}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def extract_in_page(page, text: str, headline: str = "") -> None:
    page.fill("#headline", headline)
    page.fill("#article-text", text)
    page.click("#extract-button")
    expect(page.locator("#result")).to_be_visible(timeout=30_000)


def speaker_button(page, name: str):
    return page.locator("#speaker-list button.speaker").filter(has=page.locator(".speaker-name", has_text=name))


def drawn_quote_ids(page, selector: str) -> set[str]:
    return set(page.eval_on_selector_all(selector, "nodes => nodes.map(n => n.dataset.quoteId)"))


def test_page_loads_with_the_sample_article(page):
    assert "Elena Marquez" in page.input_value("#article-text")
    page.click("#extract-button")
    expect(page.locator("#result")).to_be_visible(timeout=30_000)
    assert page.locator("#speaker-list .speaker-name").count() >= 3
    assert {"direct", "mixed", "indirect"} <= set(page.eval_on_selector_all(
        "mark.quote", "nodes => nodes.map(n => [...n.classList].find(c => c.startsWith('type-')).slice(5))"))


def test_seed_article_draws_quotes_and_speakers(page, server):
    text = SEED.read_text(encoding="utf-8")
    expected = api_extract(server, text)
    extract_in_page(page, text)

    assert drawn_quote_ids(page, "#result-text mark.quote") == {q["id"] for q in expected["quotes"]}
    assert len(expected["quotes"]) >= 5
    names = page.locator("#speaker-list .speaker-name").all_inner_texts()
    assert "Vladimir Putin" in names and "Kim Hong-kyun" in names
    kim = speaker_button(page, "Kim Hong-kyun")
    expect(kim).to_contain_text("First Vice Minister")
    expect(page.locator("#status")).to_contain_text(f"{len(expected['quotes'])} quotes")
    # the drawing keeps the text intact, character for character
    assert page.inner_text("#result-text").strip() == text.strip()
    # every cue is underlined at its own offsets
    cues = page.locator("#result-text .cue").all_inner_texts()
    assert {q["cue"]["text"] for q in expected["quotes"] if q["cue"]} <= set(cues)
    # one colour per speaker
    kim_quote = next(q for q in expected["quotes"] if q["speaker"] and q["speaker"]["name"] == "Kim Hong-kyun")
    colours = page.eval_on_selector_all(
        "#result-text mark.quote", "ns => ns.map(n => [n.dataset.speaker, n.className.match(/speaker-c\\d/)[0]])")
    assert len({speaker for speaker, _ in colours}) == len({colour for _, colour in colours})
    assert page.locator(f'mark.quote[data-quote-id="{kim_quote["id"]}"]').first.is_visible()

    page.hover(f'#result-text mark.quote[data-quote-id="{kim_quote["id"]}"]')
    tooltip = page.locator("#tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip.locator(".tooltip-rule")).to_have_text(kim_quote["rule"])
    expect(tooltip.locator(".tooltip-type")).to_have_text(kim_quote["type"])
    expect(tooltip.locator(".tooltip-confidence")).to_have_text(f"{kim_quote['confidence']:.2f}")

    # the picture: the top of the page, with the tooltip of the first quote
    page.evaluate("window.scrollTo(0, 0)")
    page.hover(f'#result-text mark.quote[data-quote-id="{expected["quotes"][0]["id"]}"]', position={"x": 60, "y": 8})
    expect(tooltip).to_contain_text(expected["quotes"][0]["rule"])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "demo.png"))
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        README_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(ARTIFACTS / "demo.png", README_SCREENSHOT)


def test_clicking_a_speaker_selects_only_their_quotes(page, server):
    text = SEED.read_text(encoding="utf-8")
    expected = api_extract(server, text)
    putin = next(s for s in expected["speakers"] if s["name"] == "Vladimir Putin")
    extract_in_page(page, text)

    button = speaker_button(page, "Vladimir Putin")
    expect(button).to_contain_text(f"{len(putin['quote_ids'])} quote")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#result")).to_have_class("result has-selection")
    assert drawn_quote_ids(page, "mark.quote.selected") == set(putin["quote_ids"])
    assert drawn_quote_ids(page, "mark.quote:not(.selected)").isdisjoint(putin["quote_ids"])

    button.click()  # a second click clears the selection
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.locator("mark.quote.selected").count() == 0


def test_nested_quotes_are_drawn_inside_each_other(page, server):
    text = NESTED_SEED.read_text(encoding="utf-8")
    quotes = api_extract(server, text)["quotes"]
    inner = [(a["id"], b["id"]) for a in quotes for b in quotes
             if a is not b and a["start"] <= b["start"] and b["end"] <= a["end"]]
    assert inner, "the seed article should hold a quote inside another"
    extract_in_page(page, text)
    for outer_id, inner_id in inner:
        assert page.locator(f'mark.quote[data-quote-id="{outer_id}"] mark.quote[data-quote-id="{inner_id}"]').count()
    assert page.inner_text("#result-text").strip() == text.strip()


def expect_only_failed_request(console_errors: list[str], status: int) -> None:
    """Chromium logs a 4xx answer to fetch as a console error; that one is expected, nothing else."""
    assert console_errors and all(f"status of {status}" in e for e in console_errors), console_errors
    console_errors.clear()


def test_empty_text_shows_a_readable_error(page, console_errors):
    page.fill("#article-text", "")
    page.click("#extract-button")
    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("The article was not accepted")
    expect(error).to_contain_text("There is no article text")
    expect(page.locator("#result")).to_be_hidden()
    expect_only_failed_request(console_errors, 422)


def test_too_long_text_shows_the_limit(page, console_errors):
    page.fill("#article-text", "x" * (MAX_TEXT_CHARS + 1))
    page.click("#extract-button")
    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Text too long")
    expect(error).to_contain_text(f"Text has {MAX_TEXT_CHARS + 1} characters; the limit is {MAX_TEXT_CHARS}")
    expect_only_failed_request(console_errors, 413)


def test_article_markup_is_shown_as_text(page):
    hostile = 'The mayor said "<img src=x onerror=alert(1)> is <b>fine</b>," the aide told reporters.'
    extract_in_page(page, hostile)
    assert page.locator("#result-text img, #result-text b").count() == 0
    expect(page.locator("#result-text")).to_contain_text("<img src=x onerror=alert(1)>")


def test_offsets_are_code_points_and_crossing_spans_keep_the_text(page):
    """A crafted answer: an emoji before the quotes (Python offsets count it once, JS twice),
    two quotes that cross, one without a speaker, and a quote in the headline."""
    text = "😀 Ann said the plan works, Bob said it fails, and nobody knows why."
    title = "🚢 Ferry plan “works”, says Ann"

    def at(needle: str, within: str = text) -> tuple[int, int]:
        start = within.index(needle)
        return start, start + len(needle)

    def quote(qid, span, cue, speaker, field="text"):
        return {"id": qid, "text": "", "type": "indirect", "start": span[0], "end": span[1], "field": field,
                "cue": {"text": "said", "lemma": "say", "start": cue[0], "end": cue[1]} if cue else None,
                "speaker": speaker, "via": None, "confidence": 0.5, "rule": f"test.{qid}"}

    def ann(within: str) -> dict:
        start, end = at("Ann", within)
        return {"id": "s1", "name": "Ann", "kind": "person", "title": None, "organization": None, "mention": "Ann",
                "start": start, "end": end}

    answer = {
        "quotes": [
            quote("q1", at("the plan works, Bob said it"), at("said"), ann(text)),
            quote("q2", at("it fails, and nobody"), None, None),
            quote("q3", at("works", title), None, ann(title), "title"),
        ],
        "speakers": [{"id": "s1", "name": "Ann", "kind": "person", "titles": ["Mayor"], "organizations": [],
                      "mentions": [], "quote_ids": ["q1", "q3"], "gender": "female", "affiliation": "government"}],
        "meta": {"model": "test", "version": "0", "elapsed_ms": 1},
    }
    page.route("**/v1/extract", lambda route: route.fulfill(json=answer))
    extract_in_page(page, text, title)

    assert page.inner_text("#result-text") == text
    assert page.inner_text("#result-headline") == title
    drawn = page.eval_on_selector_all("#result-text mark.quote",
                                      "ns => ns.map(n => [n.dataset.quoteId, n.textContent])")
    assert "".join(t for q, t in drawn if q == "q1") == "the plan works, Bob said it"
    assert "".join(t for q, t in drawn if q == "q2") == "it fails, and nobody"
    assert page.locator("#result-text .cue").inner_text() == "said"
    assert page.locator("#result-text .mention").inner_text() == "Ann"
    expect(page.locator('#result-headline mark.quote[data-quote-id="q3"]')).to_have_text("works")
    expect(speaker_button(page, "Ann")).to_contain_text("government · female")
    expect(speaker_button(page, "Unnamed or no speaker")).to_contain_text("1 quote")
    speaker_button(page, "Unnamed or no speaker").click()
    assert drawn_quote_ids(page, "mark.quote.selected") == {"q2"}


def api_store(server: str, body: dict) -> dict:
    request = urllib.request.Request(server + "/v1/articles", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def test_a_stored_articles_quotes_link_to_their_statements(page, server):
    afp = api_store(server, {"text": SEED.read_text(encoding="utf-8"), "outlet": "themoscowtimes.com",
                             "published_at": "2024-06-21"})
    rferl = api_store(server, {"text": NESTED_SEED.read_text(encoding="utf-8"), "outlet": "rferl.org",
                               "published_at": "2024-06-22"})
    page.goto(f"{server}/?article={rferl['id']}")
    expect(page.locator("#result")).to_be_visible(timeout=30_000)
    assert page.inner_text("#result-text").strip() == rferl["text"].strip()
    mistake = next(q for q in rferl["quotes"] if "big mistake" in q["text"])
    assert mistake["statement_outlets"] == 2
    mark = page.locator(f'#result-text mark.quote[data-quote-id="{mistake["id"]}"]').first
    mark.hover()
    expect(page.locator("#tooltip")).to_contain_text(f"#{mistake['statement_id']} · reported by 2 outlets")
    mark.click()
    card = page.locator("#statement-card")
    expect(card).to_contain_text("Reported by 2 outlets, 2 reports")
    expect(card.locator(".report-source")).to_have_count(2)
    expect(card.locator(".report-list")).to_contain_text("themoscowtimes.com")
    expect(card.locator(".statement-link")).to_have_attribute("href", f"/v1/statements/{mistake['statement_id']}")
    assert afp["id"] != rferl["id"]


def test_store_button_stores_and_shows_statements(page):
    page.fill("#headline", "")
    page.fill("#article-text", 'Mayor Ann Lopez said the bridge "will reopen in May," officials said.')
    page.click("#store-button")
    expect(page.locator("#result")).to_be_visible(timeout=30_000)
    page.locator("#result-text mark.quote").first.click()
    expect(page.locator("#statement-card")).to_contain_text("Reported by 1 outlet, 1 report")
