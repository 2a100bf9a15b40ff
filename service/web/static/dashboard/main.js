/* The dashboard: read the filters, ask /v1/stats once per chart, draw what it answers.
 *
 * Each chart's data is one GET /v1/stats call, and its CSV link is that same call with format=csv,
 * so what a reader downloads is what the chart shows. The filters live in the page's URL, so a
 * view can be bookmarked or shared.
 */
import { ApiError, getJSON, statsCall, withQuery } from "./api.js";
import * as charts from "./charts.js";
import { speakerRows, statementItems } from "./lists.js";
import { AFFILIATIONS, genderShares, pivot, timeline } from "./shape.js";

const FILTERS = ["outlet", "since", "until", "speaker"];
const TOP_OUTLETS = 12;
const TIMELINE_SPEAKERS = 5;
const TOP_SPEAKERS = 10;
const STATEMENTS = 10;
const SUGGESTIONS = 8;

const $ = (id) => document.getElementById(id);
const root = $("dashboard");
const form = $("filters");
const stats = root.dataset.stats;
const quotesBase = root.dataset.quotes;
const number = new Intl.NumberFormat("en-US");

/* The statements reported by the most outlets. Today a stored quote merges one wording's reports
 * across outlets; when GET /v1/statements (issue 15) lands, this is the one call to switch to it. */
function widelyReported(filters) {
  return statsCall(stats, filters, { group_by: "quote", sort: "outlets", limit: STATEMENTS });
}

/* Each card: the call that feeds it, and how it draws the answer (false: nothing to show). */
const CARDS = {
  affiliation: {
    call: (f) => statsCall(stats, f, { group_by: "outlet,affiliation", top: TOP_OUTLETS }),
    draw: (card, answer) => {
      if (!answer.groups.length) return false;
      charts.affiliationChart(card.querySelector("canvas"), pivot(answer.groups, "outlet", "affiliation", AFFILIATIONS));
      return true;
    },
  },
  timeline: {
    call: (f) => statsCall(stats, f, { group_by: "week,speaker", top: TIMELINE_SPEAKERS }),
    draw: (card, answer) => {
      if (!answer.groups.length) return false;
      charts.timelineChart(card.querySelector("canvas"), timeline(answer.groups));
      return true;
    },
  },
  gender: {
    call: (f) => statsCall(stats, f, { group_by: "outlet,gender", top: TOP_OUTLETS }),
    draw: (card, answer) => {
      const shares = genderShares(answer.groups);
      if (!shares.outlets.length) return false;
      charts.genderChart(card.querySelector("canvas"), shares);
      return true;
    },
  },
  speakers: {
    call: (f) => statsCall(stats, f, { group_by: "speaker", top: TOP_SPEAKERS }),
    draw: (card, answer) => {
      if (!answer.groups.length) return false;
      charts.speakersChart(card.querySelector("canvas"), answer.groups);
      speakerRows($("speaker-rows"), answer.groups);
      return true;
    },
  },
  statements: {
    call: widelyReported,
    draw: (card, answer) => {
      const shared = answer.groups.filter((g) => g.outlets > 1);
      statementItems($("statement-list"), shared, quotesBase);
      return shared.length > 0;
    },
  },
};

function readFilters(source) {
  return Object.fromEntries(FILTERS.map((name) => [name, (source.get(name) || "").trim()]).filter(([, v]) => v));
}

function fillForm(filters) {
  for (const name of FILTERS) form.elements[name].value = filters[name] || "";
}

function showError(err) {
  const problem = err instanceof ApiError ? err.problem : null;
  $("error-title").textContent = (problem && problem.title) || "The dashboard could not load its data";
  const fields = problem && problem.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${[].concat(v).join(" ")}`) : [];
  $("error-detail").textContent = [err.message, ...fields].join(" — ");
  $("error").hidden = false;
}

function showTotals(totals) {
  for (const node of root.querySelectorAll(".total-value")) {
    node.textContent = totals ? number.format(totals[node.dataset.measure]) : "–";
  }
}

function showCard(name, answer, csvUrl) {
  const card = $(`card-${name}`);
  card.querySelector("a.csv").href = csvUrl;
  const parts = card.querySelectorAll(".chart-box, .speakers-body, .statements");
  for (const part of parts) part.hidden = false; // Chart.js sizes a chart by its visible box
  const drawn = CARDS[name].draw(card, answer);
  const canvas = card.querySelector("canvas");
  if (!drawn && canvas) charts.clearChart(canvas);
  for (const part of parts) part.hidden = !drawn;
  card.querySelector(".empty").hidden = drawn;
  card.dataset.state = drawn ? "drawn" : "empty";
}

async function load(filters) {
  root.dataset.state = "loading";
  $("status").textContent = "Loading…";
  $("error").hidden = true;
  const calls = Object.fromEntries(Object.entries(CARDS).map(([name, card]) => [name, card.call(filters)]));
  try {
    const answers = await Promise.all(Object.values(calls).map((c) => getJSON(c.url)));
    const byName = Object.fromEntries(Object.keys(calls).map((name, i) => [name, answers[i]]));
    showTotals(byName.affiliation.totals);
    for (const name of Object.keys(CARDS)) showCard(name, byName[name], calls[name].csv);
    $("status").textContent = byName.affiliation.totals.quotes ? "" : "No quotes match these filters.";
    root.dataset.query = withQuery("", filters).replace(/^\?/, "");
    root.dataset.state = "ready";
  } catch (err) {
    showTotals(null);
    showError(err);
    $("status").textContent = "";
    root.dataset.state = "error";
  }
}

async function loadOutlets(selected) {
  const select = $("f-outlet");
  try {
    const answer = await getJSON(statsCall(stats, {}, { group_by: "outlet", limit: 5000 }).url);
    const names = answer.groups.map((g) => g.outlet).filter(Boolean);
    if (selected && !names.includes(selected)) names.push(selected);
    names.sort((a, b) => a.localeCompare(b));
    select.append(...names.map((name) => new Option(name, name)));
    select.value = selected || "";
  } catch (err) {
    showError(err);
  }
}

function suggestSpeakers() {
  const input = $("f-speaker");
  const list = $("speaker-names");
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(async () => {
      try {
        const answer = await getJSON(withQuery(root.dataset.speakers, { q, limit: SUGGESTIONS }));
        list.replaceChildren(...answer.items.map((s) => new Option(s.name)));
      } catch (err) {
        list.replaceChildren(); // suggestions are a convenience; the search itself still works
      }
    }, 200);
  });
}

function apply(filters) {
  history.pushState(null, "", withQuery(location.pathname, filters));
  load(filters);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  apply(readFilters(new FormData(form)));
});
$("reset").addEventListener("click", () => {
  fillForm({});
  apply({});
});
window.addEventListener("popstate", () => {
  const filters = readFilters(new URLSearchParams(location.search));
  fillForm(filters);
  load(filters);
});

const initial = readFilters(new URLSearchParams(location.search));
fillForm(initial);
suggestSpeakers();
loadOutlets(initial.outlet);
load(initial);
