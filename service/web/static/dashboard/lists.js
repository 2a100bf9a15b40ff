/* The speaker table and the list of widely reported statements. Text from the database reaches
 * the page only as text nodes, never as HTML. */

import { getJSON } from "./api.js";

const number = new Intl.NumberFormat("en-US");

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function cell(text, className) {
  return el("td", className, text);
}

export function speakerRows(tbody, groups) {
  tbody.replaceChildren(...groups.map((g) => {
    const s = g.speaker;
    const row = el("tr");
    row.dataset.speakerId = s.id;
    const who = cell(null, "who");
    who.append(el("span", "speaker-name", s.name));
    const profile = [s.affiliation, s.gender].filter(Boolean).join(" · ");
    if (profile) who.append(el("span", "speaker-profile", profile));
    const labels = [...s.titles, ...s.organizations].join(" · ");
    if (labels) who.append(el("span", "speaker-labels", labels));
    row.append(who, cell(number.format(g.quotes), "num"), cell(number.format(g.articles), "num"),
      cell(number.format(g.outlets), "num"));
    return row;
  }));
}

const isWebLink = (url) => typeof url === "string" && /^https?:\/\//i.test(url);

function reportItem(source) {
  const item = el("li", "report");
  const head = el("p", "report-head");
  head.append(el("span", "report-outlet", source.outlet || "no outlet"));
  if (source.published_at) head.append(el("span", "report-date", source.published_at.slice(0, 10)));
  const title = source.title || source.url || `article ${source.article_id}`;
  if (isWebLink(source.url)) {
    const link = el("a", "report-title", title);
    link.href = source.url;
    link.rel = "noopener noreferrer";
    head.append(link);
  } else {
    head.append(el("span", "report-title", title));
  }
  item.append(head, el("p", "report-text", `${source.type}: ${source.text}`));
  return item;
}

/* A statement's reports, read from GET /v1/quotes/{id} the first time its list is opened. */
function reportsDetails(quotesBase, quote, reports) {
  const details = el("details", "reports");
  const summary = el("summary", null, `${number.format(reports)} reports`);
  const list = el("ul", "report-list");
  details.append(summary, list);
  details.addEventListener("toggle", async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = "loading";
    try {
      const stored = await getJSON(`${quotesBase}/${quote.id}`);
      list.replaceChildren(...stored.sources.map(reportItem));
      if (stored.sources.length !== reports) {
        // the count above obeys the filters; the statement's own list does not
        list.append(el("li", "report-note", `All ${number.format(stored.sources.length)} reports of this `
          + "statement, the filters aside."));
      }
      details.dataset.loaded = "yes";
    } catch (err) {
      list.replaceChildren(el("li", "report-error", `Could not load the reports: ${err.message}`));
      delete details.dataset.loaded;
    }
  });
  return details;
}

export function statementItems(ol, groups, quotesBase) {
  ol.replaceChildren(...groups.map((g) => {
    const item = el("li", "statement");
    item.dataset.quoteId = g.quote.id;
    const badge = el("span", "statement-outlets", `${number.format(g.outlets)} outlets`);
    const text = el("blockquote", "statement-text", g.quote.text);
    const who = el("p", "statement-speaker", g.quote.speaker ? g.quote.speaker.name : "no named speaker");
    const json = el("a", "statement-json", "JSON");
    json.href = `${quotesBase}/${g.quote.id}`;
    item.append(badge, text, who, reportsDetails(quotesBase, g.quote, g.reports), json);
    return item;
  }));
}
