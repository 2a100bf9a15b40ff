"""The dashboard in a real browser: Debian's chromium, driven by Playwright, against the service
started on a free local port with the two seeds and the articles written for the tests stored.
Every number a chart draws is checked against what GET /v1/stats answers for the same filters.
Skips where chromium or Playwright is missing, except under CI=true.

The screenshot lands in test-artifacts/dashboard.png; UPDATE_SCREENSHOTS=1 also rewrites
docs/dashboard.png (the README's picture), to be reviewed in the diff like a golden file.
"""
from __future__ import annotations

import json
import math
import os
import shutil
import threading
import urllib.request
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.written_articles import MINISTER_LINE, WRITTEN_ARTICLES

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
README_SCREENSHOT = ROOT / "docs" / "dashboard.png"
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
STRICT_CSP = "default-src 'self'"
NOT_SAID = "not said"
# the calls the page makes (service/web/static/dashboard/main.js)
CALLS = {"affiliation": {"group_by": "outlet,affiliation", "top": 12},
         "timeline": {"group_by": "week,speaker", "top": 5},
         "gender": {"group_by": "outlet,gender", "top": 12},
         "speakers": {"group_by": "speaker", "top": 10},
         "statements": {"group_by": "quote", "sort": "outlets", "limit": 10}}


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
def server(tmp_path_factory, extractor, seed_articles):
    """The real app with the articles stored, on a free port of 127.0.0.1, under the strict CSP."""
    from werkzeug.serving import make_server

    from service.app import create_app

    app = create_app({"data_dir": str(tmp_path_factory.mktemp("data"))})

    @app.after_request
    def strict_csp(response):
        response.headers.setdefault("Content-Security-Policy", STRICT_CSP)
        return response

    client = app.test_client()
    for article in [*seed_articles, *WRITTEN_ARTICLES]:
        assert client.post("/v1/articles", json=article).status_code == 201

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


def open_page(browser, server, problems: list[str], viewport: dict, query: str = ""):
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(f"{server}/dashboard{query}")
    return page


@pytest.fixture()
def page(browser, server):
    """A fresh dashboard; any console error or CSP violation fails the test."""
    problems: list[str] = []
    page = open_page(browser, server, problems, LAPTOP)
    yield page
    page.context.close()
    assert problems == [], problems


def wait_ready(page, filters: dict[str, str]) -> None:
    query = urlencode(filters)
    page.wait_for_selector(f'#dashboard[data-state="ready"][data-query="{query}"]', timeout=30_000)


def api(server: str, call: dict, filters: dict[str, str]) -> dict:
    with urllib.request.urlopen(f"{server}/v1/stats?{urlencode({**filters, **call})}", timeout=30) as r:
        return json.load(r)


def chart(page, canvas_id: str) -> dict:
    """What Chart.js holds for a canvas: its labels and each dataset's label and numbers."""
    return page.evaluate("""id => {
        const chart = Chart.getChart(document.getElementById(id));
        return chart && {labels: chart.data.labels,
                         datasets: chart.data.datasets.map(d => ({label: d.label, data: d.data}))};
    }""", canvas_id)


def drawn(data: dict) -> dict[tuple[str, str], float]:
    """(row label, dataset label) -> the number drawn."""
    return {(label, ds["label"]): value for ds in data["datasets"] for label, value in zip(data["labels"], ds["data"],
                                                                                        strict=True)}


def js_share(part: int, whole: int) -> float:
    return math.floor(1000 * part / whole + 0.5) / 10  # JavaScript's Math.round, not Python's


def shows_nothing(page, card: str) -> bool:
    """The card says it has nothing to show, and no chart is left drawn in it."""
    expect(page.locator(f"#card-{card} .empty")).to_be_visible()
    canvas = page.locator(f"#card-{card} canvas")
    assert canvas.count() == 0 or chart(page, canvas.get_attribute("id")) is None
    return True


def check_totals(page, answer: dict) -> None:
    for measure in ("quotes", "speakers", "articles", "outlets"):
        expect(page.locator(f'.total-value[data-measure="{measure}"]')).to_have_text(f"{answer['totals'][measure]:,}")


def check_affiliation(page, answer: dict) -> None:
    expected = {(g["outlet"], g["affiliation"] or NOT_SAID): g["quotes"] for g in answer["groups"]}
    if not expected and shows_nothing(page, "affiliation"):
        return
    got = drawn(chart(page, "chart-affiliation"))
    assert {k: v for k, v in got.items() if v} == expected


def check_timeline(page, answer: dict) -> None:
    expected = {(g["week"], g["speaker"]["name"]): g["quotes"] for g in answer["groups"]}
    if not expected and shows_nothing(page, "timeline"):
        return
    data = chart(page, "chart-timeline")
    weeks = [date.fromisoformat(w) for w in data["labels"]]
    assert all(w.weekday() == 0 for w in weeks)  # every Monday from the first week to the last
    assert all(b - a == timedelta(days=7) for a, b in zip(weeks, weeks[1:], strict=False))
    assert {w for w, _ in expected} <= set(data["labels"])
    got = drawn(data)
    assert {k: v for k, v in got.items() if v} == expected
    totals: dict[str, int] = defaultdict(int)
    for (_, name), quotes in expected.items():
        totals[name] += quotes
    assert [ds["label"] for ds in data["datasets"]] == sorted(totals, key=lambda n: (-totals[n], n))


def check_gender(page, answer: dict) -> None:
    counts: dict[str, dict[str | None, int]] = defaultdict(dict)
    for g in answer["groups"]:
        counts[g["outlet"]][g["gender"]] = g["quotes"]
    said = {o: c for o, c in counts.items() if c.get("female", 0) + c.get("male", 0)}
    if not said and shows_nothing(page, "gender"):
        return
    data = chart(page, "chart-gender")
    assert len(data["labels"]) == len(said)
    for label, *shares in zip(data["labels"], *(ds["data"] for ds in data["datasets"]), strict=True):
        outlet = label.split(" (")[0]
        c = said[outlet]
        stated = c.get("female", 0) + c.get("male", 0)
        assert label == f"{outlet} ({stated:,} said, {c.get(None, 0):,} not)"
        assert shares == [js_share(c.get(g, 0), stated) for g in ("female", "male")]
    assert [ds["label"] for ds in data["datasets"]] == ["female", "male"]


def check_speakers(page, answer: dict) -> None:
    if not answer["groups"] and shows_nothing(page, "speakers"):
        return
    data = chart(page, "chart-speakers")
    assert data["labels"] == [g["speaker"]["name"] for g in answer["groups"]]
    assert data["datasets"][0]["data"] == [g["quotes"] for g in answer["groups"]]
    rows = page.locator("#speaker-rows tr")
    expect(rows).to_have_count(len(answer["groups"]))
    for row, g in zip(rows.all(), answer["groups"], strict=True):
        cells = row.locator("td")
        expect(cells.nth(0).locator(".speaker-name")).to_have_text(g["speaker"]["name"])
        for label in g["speaker"]["titles"] + g["speaker"]["organizations"]:
            expect(cells.nth(0)).to_contain_text(label)
        expect(cells.nth(1)).to_have_text(f"{g['quotes']:,}")
        expect(cells.nth(2)).to_have_text(f"{g['articles']:,}")
        expect(cells.nth(3)).to_have_text(f"{g['outlets']:,}")


def check_statements(page, answer: dict) -> None:
    shared = [g for g in answer["groups"] if g["outlets"] > 1]
    if not shared and shows_nothing(page, "statements"):
        return
    items = page.locator("#statement-list li.statement")
    expect(items).to_have_count(len(shared))
    for item, g in zip(items.all(), shared, strict=True):
        assert item.get_attribute("data-quote-id") == str(g["quote"]["id"])
        expect(item.locator(".statement-outlets")).to_have_text(f"{g['outlets']} outlets")
        expect(item.locator(".statement-text")).to_have_text(g["quote"]["text"])


def check_everything(page, server: str, filters: dict[str, str]) -> dict[str, dict]:
    answers = {name: api(server, call, filters) for name, call in CALLS.items()}
    check_totals(page, answers["affiliation"])
    check_affiliation(page, answers["affiliation"])
    check_timeline(page, answers["timeline"])
    check_gender(page, answers["gender"])
    check_speakers(page, answers["speakers"])
    check_statements(page, answers["statements"])
    for name, call in CALLS.items():  # each chart's CSV is its own API call
        href = page.locator(f"#card-{name} a.csv").get_attribute("href")
        assert href == "/v1/stats?" + urlencode({**filters, **call, "format": "csv"})
    return answers


def test_every_chart_draws_the_apis_numbers(page, server):
    wait_ready(page, {})
    answers = check_everything(page, server, {})
    assert len({g["outlet"] for g in answers["affiliation"]["groups"]}) == 6
    assert len(chart(page, "chart-timeline")["datasets"]) == 5
    statement = page.locator("#statement-list li.statement").first
    expect(statement.locator(".statement-text")).to_have_text(f"{MINISTER_LINE}.")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        README_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(ARTIFACTS / "dashboard.png", README_SCREENSHOT)


def test_a_statements_reports_open_from_the_api(page, server):
    wait_ready(page, {})
    statement = page.locator("#statement-list li.statement").first
    statement.locator("summary").click()
    reports = statement.locator(".report")
    expect(reports).to_have_count(3)
    expect(statement.locator(".report-outlet")).to_have_text(["apnews.com", "straitstimes.com",
                                                               "thenationalnews.com"])
    expect(statement.locator("a.report-title").first).to_have_attribute("href", WRITTEN_ARTICLES[1]["url"])
    expect(statement.locator(".report-note")).to_have_count(0)


def test_a_statements_reports_beyond_the_filters_are_said_to_be(browser, server):
    problems: list[str] = []
    page = open_page(browser, server, problems, LAPTOP, "?until=2024-07-20")
    wait_ready(page, {"until": "2024-07-20"})
    statement = page.locator("#statement-list li.statement").filter(has_text=MINISTER_LINE)
    expect(statement.locator("summary")).to_have_text("2 reports")  # the Gulf paper's is in August
    statement.locator("summary").click()
    expect(statement.locator(".report")).to_have_count(3)
    expect(statement.locator(".report-note")).to_have_text("All 3 reports of this statement, the filters aside.")
    page.context.close()
    assert problems == []


def test_filters_change_the_numbers_and_the_url(page, server):
    wait_ready(page, {})
    before = page.locator('.total-value[data-measure="quotes"]').inner_text()
    page.select_option("#f-outlet", "rferl.org")
    page.click("#apply")
    wait_ready(page, {"outlet": "rferl.org"})
    answers = check_everything(page, server, {"outlet": "rferl.org"})
    assert page.locator('.total-value[data-measure="quotes"]').inner_text() != before
    assert chart(page, "chart-affiliation")["labels"] == ["rferl.org"]
    assert shows_nothing(page, "statements")  # one outlet: no statement is shared
    assert answers["affiliation"]["totals"]["outlets"] == 1
    assert page.url.endswith("/dashboard?outlet=rferl.org")

    page.select_option("#f-outlet", "")
    page.fill("#f-since", "2024-06-24")
    page.fill("#f-until", "2024-07-31")
    page.fill("#f-speaker", "Viktor Sand")
    page.click("#apply")
    filters = {"since": "2024-06-24", "until": "2024-07-31", "speaker": "Viktor Sand"}
    wait_ready(page, filters)
    check_everything(page, server, filters)
    assert chart(page, "chart-speakers")["labels"] == ["Viktor Sand"]

    page.go_back()  # the previous filters come back with the URL
    wait_ready(page, {"outlet": "rferl.org"})
    expect(page.locator("#f-outlet")).to_have_value("rferl.org")
    page.click("#reset")
    wait_ready(page, {})
    expect(page.locator('.total-value[data-measure="quotes"]')).to_have_text(before)


def test_filters_in_the_address_are_applied_on_load(browser, server):
    problems: list[str] = []
    page = open_page(browser, server, problems, LAPTOP, "?outlet=apnews.com&since=2024-06-01")
    wait_ready(page, {"outlet": "apnews.com", "since": "2024-06-01"})
    check_everything(page, server, {"outlet": "apnews.com", "since": "2024-06-01"})
    expect(page.locator("#f-outlet")).to_have_value("apnews.com")
    expect(page.locator("#f-since")).to_have_value("2024-06-01")
    page.context.close()
    assert problems == []


def test_a_bad_filter_shows_the_apis_problem(browser, server):
    problems: list[str] = []
    page = open_page(browser, server, problems, LAPTOP, "?since=2024-07-01&until=2024-06-01")
    page.wait_for_selector('#dashboard[data-state="error"]', timeout=30_000)
    expect(page.locator("#error")).to_be_visible()
    expect(page.locator("#error-detail")).to_contain_text("since is after until")
    page.context.close()
    # the browser logs each failed fetch itself; the page must not add errors of its own
    assert all("422" in p for p in problems), problems


def test_the_page_fits_a_phone(browser, server):
    problems: list[str] = []
    page = open_page(browser, server, problems, PHONE)
    wait_ready(page, {})
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for canvas in page.locator("canvas").all():
        box = canvas.bounding_box()
        assert box and box["width"] > 200 and box["x"] + box["width"] <= PHONE["width"]
    page.screenshot(path=str(ARTIFACTS / "dashboard-phone.png"), full_page=True)
    page.context.close()
    assert problems == []
