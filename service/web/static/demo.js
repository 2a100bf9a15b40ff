/* The demo page: send the article to the public POST /v1/extract and draw the answer over the text.
 *
 * Article text only ever reaches the page as DOM text nodes (never innerHTML), so an article cannot
 * inject markup. No inline styles either: colours are classes, so the page runs under
 * "Content-Security-Policy: default-src 'self'".
 */
"use strict";

(function () {
  const PALETTE_SIZE = 8; // .speaker-c0 ... .speaker-c7 in demo.css
  const UNATTRIBUTED = "none";
  const STATUS_HEADINGS = {
    400: "The request was malformed",
    413: "Text too long",
    415: "Unsupported media type",
    422: "The article was not accepted",
    500: "The service failed",
    503: "The service is not ready",
  };
  // When spans coincide the quote is the outer element: a cue or mention nests inside it, never around it.
  const KIND_ORDER = { quote: 0, mention: 1, cue: 2 };

  const $ = (id) => document.getElementById(id);
  const form = $("extract-form");
  const ui = {
    headline: $("headline"), text: $("article-text"), editor: $("editor"), result: $("result"),
    resultHeadline: $("result-headline"), resultText: $("result-text"), extract: $("extract-button"),
    edit: $("edit-button"), clear: $("clear-button"), status: $("status"), error: $("error"),
    errorTitle: $("error-title"), errorDetail: $("error-detail"), errorFields: $("error-fields"),
    speakers: $("speaker-list"), speakersEmpty: $("speakers-empty"), speakerHint: $("speaker-hint"),
    meta: $("meta"), tooltip: $("tooltip"), charCount: $("char-count"), store: $("store-button"),
    statementCard: $("statement-card"), statementDetail: $("statement-detail"), statementHint: $("statement-hint"),
  };
  const maxChars = Number(form.dataset.maxChars);
  let selected = null; // the selected speaker id, or null

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* Offsets from the API count Unicode code points (Python); JS strings count UTF-16 units. */
  function codePointIndex(text) {
    const units = [0];
    let at = 0;
    for (const ch of text) {
      at += ch.length;
      units.push(at);
    }
    return (cp) => units[Math.max(0, Math.min(cp, units.length - 1))];
  }

  function countCodePoints(text) {
    let n = 0;
    for (const _ of text) n += 1; // eslint-disable-line no-unused-vars
    return n;
  }

  /* ---------- spans: quotes, cues and speaker mentions as properly nested elements ---------- */

  function spansFor(quotes, field) {
    const spans = [];
    const seen = new Set();
    const add = (kind, start, end, quote) => {
      const key = `${kind}:${start}:${end}:${quote.speaker ? quote.speaker.id : ""}`;
      if (end <= start || (kind !== "quote" && seen.has(key))) return;
      seen.add(key);
      spans.push({ kind, start, end, quote, children: [] });
    };
    for (const q of quotes) {
      if ((q.field || "text") !== field) continue;
      // a split quotation is drawn piece by piece, so its reporting clause or a cut junk line is not
      for (const f of q.fragments && q.fragments.length ? q.fragments : [q]) add("quote", f.start, f.end, q);
      if (q.cue) add("cue", q.cue.start, q.cue.end, q);
      if (q.speaker) add("mention", q.speaker.start, q.speaker.end, q);
    }
    return spans;
  }

  function bySpan(a, b) {
    return a.start - b.start || b.end - a.end || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  }

  /* Nest spans into a tree; a span that crosses its container's end is split in two, so
   * overlapping quotes still draw as nested elements and no text is lost or repeated. */
  function nest(spans, length) {
    const root = { start: 0, end: length, children: [] };
    const queue = spans
      .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(length, s.end) }))
      .filter((s) => s.end > s.start)
      .sort(bySpan);
    const stack = [root];
    while (queue.length) {
      let span = queue.shift();
      while (stack.length > 1 && span.start >= stack[stack.length - 1].end) stack.pop();
      const parent = stack[stack.length - 1];
      if (span.end > parent.end) {
        queue.push({ ...span, start: parent.end, children: [], continued: true });
        queue.sort(bySpan);
        span = { ...span, end: parent.end, children: [] };
      }
      parent.children.push(span);
      stack.push(span);
    }
    return root;
  }

  function speakerClass(quote, colours) {
    const id = quote.speaker && quote.speaker.id ? quote.speaker.id : UNATTRIBUTED;
    return colours.has(id) ? `speaker-c${colours.get(id)}` : "speaker-none";
  }

  function elementFor(span, colours) {
    const q = span.quote;
    const speakerId = q.speaker && q.speaker.id ? q.speaker.id : UNATTRIBUTED;
    const node = el(span.kind === "quote" ? "mark" : "span", `${span.kind} ${speakerClass(q, colours)}`);
    node.dataset.speaker = speakerId;
    if (span.kind === "quote") {
      node.classList.add(`type-${q.type}`);
      node.dataset.quoteId = q.id;
      node.tabIndex = 0;
      if (span.continued) node.classList.add("continued");
    }
    return node;
  }

  function draw(node, text, toUnits, parent, colours) {
    let at = node.start;
    for (const child of node.children) {
      if (child.start > at) parent.append(document.createTextNode(text.slice(toUnits(at), toUnits(child.start))));
      const element = elementFor(child, colours);
      draw(child, text, toUnits, element, colours);
      parent.append(element);
      at = child.end;
    }
    if (node.end > at) parent.append(document.createTextNode(text.slice(toUnits(at), toUnits(node.end))));
  }

  function render(target, text, quotes, field, colours) {
    target.replaceChildren();
    const toUnits = codePointIndex(text);
    const tree = nest(spansFor(quotes, field), countCodePoints(text));
    draw(tree, text, toUnits, target, colours);
  }

  /* ---------- the speaker list and selection ---------- */

  function speakerDetails(speaker) {
    const parts = [];
    if (speaker.titles && speaker.titles.length) parts.push(speaker.titles.join(", "));
    if (speaker.organizations && speaker.organizations.length) parts.push(speaker.organizations.join(", "));
    return parts.join(" · ");
  }

  // affiliation and gender as the article gives them; nothing shown where it says nothing
  function speakerProfile(speaker) {
    return [speaker.affiliation, speaker.gender].filter(Boolean).join(" · ");
  }

  function speakerItem(id, name, kind, details, count, colourClass, profile = "") {
    const item = el("li", "speaker-item");
    const button = el("button", `speaker ${colourClass}`);
    button.type = "button";
    button.dataset.speaker = id;
    button.setAttribute("aria-pressed", "false");
    const swatch = el("span", "swatch");
    swatch.setAttribute("aria-hidden", "true");
    const body = el("span", "speaker-body");
    const top = el("span", "speaker-top");
    top.append(el("span", "speaker-name", name), el("span", "speaker-count", `${count} ${count === 1 ? "quote" : "quotes"}`));
    body.append(top);
    if (details) body.append(el("span", "speaker-details", details));
    if (profile) body.append(el("span", "speaker-profile", profile));
    if (kind && kind !== "person") body.append(el("span", "speaker-kind", kind));
    button.append(swatch, body);
    button.addEventListener("click", () => select(selected === id ? null : id));
    item.append(button);
    return item;
  }

  function renderSpeakers(speakers, quotes, colours) {
    ui.speakers.replaceChildren();
    for (const s of speakers) {
      const count = s.quote_ids ? s.quote_ids.length : 0;
      ui.speakers.append(speakerItem(s.id, s.name, s.kind, speakerDetails(s), count, `speaker-c${colours.get(s.id)}`,
        speakerProfile(s)));
    }
    const orphans = quotes.filter((q) => !q.speaker || !q.speaker.id).length;
    if (orphans) ui.speakers.append(speakerItem(UNATTRIBUTED, "Unnamed or no speaker", null, "", orphans, "speaker-none"));
    ui.speakersEmpty.hidden = speakers.length > 0 || orphans > 0;
    ui.speakersEmpty.textContent = "No quotes found in this text.";
    ui.speakerHint.hidden = !(speakers.length || orphans);
  }

  function select(id) {
    id = id === null ? null : String(id);
    selected = id;
    ui.result.classList.toggle("has-selection", id !== null);
    for (const node of ui.result.querySelectorAll("mark.quote, .cue, .mention")) {
      node.classList.toggle("selected", id !== null && node.dataset.speaker === id);
    }
    for (const button of ui.speakers.querySelectorAll("button.speaker")) {
      const on = button.dataset.speaker === id;
      button.classList.toggle("selected", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  /* ---------- the tooltip: type, confidence, rule ---------- */

  function tooltipRows(q) {
    const rows = [
      ["Type", q.type],
      ["Confidence", typeof q.confidence === "number" ? q.confidence.toFixed(2) : "–"],
      ["Rule", q.rule || "–"],
      ["Speaker", q.speaker ? q.speaker.name || q.speaker.mention : "none found"],
    ];
    if (q.cue) rows.push(["Cue", `${q.cue.text} (${q.cue.lemma})`]);
    if (q.via) rows.push(["Via", q.via]);
    if (q.statement_id) rows.push(["Statement", statementSummary(q) + " (click for every report)"]);
    return rows;
  }

  function showTooltip(mark, quotesById, x, y) {
    const q = quotesById.get(mark.dataset.quoteId);
    if (!q) return;
    const list = el("dl", "tooltip-list");
    for (const [label, value] of tooltipRows(q)) {
      list.append(el("dt", null, label), el("dd", `tooltip-${label.toLowerCase()}`, value));
    }
    ui.tooltip.replaceChildren(el("p", "tooltip-title", `Quote ${q.id}`), list);
    ui.tooltip.hidden = false;
    const box = ui.tooltip.getBoundingClientRect();
    const left = Math.min(x + 14, window.innerWidth - box.width - 8);
    const top = y + 18 + box.height > window.innerHeight ? y - box.height - 12 : y + 18;
    ui.tooltip.style.left = `${Math.max(8, left) + window.scrollX}px`;
    ui.tooltip.style.top = `${Math.max(8, top) + window.scrollY}px`;
  }

  function hideTooltip() {
    ui.tooltip.hidden = true;
  }

  function bindTooltip(quotesById) {
    ui.result.onmouseover = (event) => {
      const mark = event.target.closest("mark.quote");
      if (mark) showTooltip(mark, quotesById, event.clientX, event.clientY);
      else hideTooltip();
    };
    ui.result.onmouseleave = hideTooltip;
    ui.result.onfocusin = (event) => {
      const mark = event.target.closest("mark.quote");
      if (!mark) return;
      const r = mark.getBoundingClientRect();
      showTooltip(mark, quotesById, r.left, r.bottom - 12);
    };
    ui.result.onfocusout = hideTooltip;
  }

  /* ---------- statements: a stored quote's reports across outlets ---------- */

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  function statementSummary(q) {
    return `#${q.statement_id} · reported by ${plural(q.statement_outlets, "outlet")} · ${plural(q.statement_reports, "report")}`;
  }

  function reportItem(report) {
    const item = el("li", "report");
    const date = (report.published_at || "").slice(0, 10);
    item.append(el("span", "report-source", [report.outlet || "no outlet", date, report.type].filter(Boolean).join(" · ")));
    item.append(el("span", "report-text", report.text));
    if (report.quoted && report.quoted.length) {
      item.append(el("span", "report-quoted", report.quoted.map((w) => `“${w}”`).join(" … ")));
    }
    return item;
  }

  function differenceItem(difference) {
    const item = el("li", "wording");
    for (const w of difference.wordings) {
      item.append(el("span", "wording-words", `“${w.words}”`), el("span", "wording-outlet", w.outlet || "no outlet"));
    }
    return item;
  }

  function showStatement(statement) {
    const parts = [el("p", "statement-count", `Reported by ${plural(statement.outlet_count, "outlet")}, ` +
      `${plural(statement.report_count, "report")}`)];
    const link = el("a", "statement-link", `Statement #${statement.id} (JSON)`);
    link.href = `${form.dataset.statementsEndpoint}/${statement.id}`;
    parts.push(link);
    if (statement.wording_differs) {
      parts.push(el("p", "wording-title", "The outlets quote it in different words:"));
      const list = el("ul", "wording-list");
      for (const d of statement.wording_differences) list.append(differenceItem(d));
      parts.push(list);
    }
    const reports = el("ul", "report-list");
    for (const r of statement.reports) reports.append(reportItem(r));
    parts.push(reports);
    ui.statementDetail.replaceChildren(...parts);
    ui.statementHint.hidden = true;
  }

  async function loadStatement(id) {
    try {
      const response = await fetch(`${form.dataset.statementsEndpoint}/${id}`, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      showStatement(await response.json());
    } catch (err) {
      ui.statementDetail.replaceChildren(el("p", "muted small", `The statement could not be loaded (${err.message}).`));
    }
  }

  function bindStatements(quotesById, stored) {
    ui.statementCard.hidden = !stored;
    ui.statementDetail.replaceChildren();
    ui.statementHint.hidden = false;
    ui.result.onclick = (event) => {
      const mark = event.target.closest("mark.quote");
      const q = mark ? quotesById.get(mark.dataset.quoteId) : null;
      if (q && q.statement_id) loadStatement(q.statement_id);
    };
  }

  /* ---------- errors and status ---------- */

  function showError(heading, detail, fields) {
    ui.errorTitle.textContent = heading;
    ui.errorDetail.textContent = detail || "";
    ui.errorDetail.hidden = !detail;
    ui.errorFields.replaceChildren();
    for (const [field, messages] of Object.entries(fields || {})) {
      const text = Array.isArray(messages) ? messages.join(" ") : JSON.stringify(messages);
      ui.errorFields.append(el("li", null, `${field}: ${text}`));
    }
    ui.error.hidden = false;
  }

  function clearError() {
    ui.error.hidden = true;
  }

  function problemMessage(status, problem) {
    const heading = STATUS_HEADINGS[status] || problem.title || `HTTP ${status}`;
    let detail = problem.detail || problem.title || "";
    if (status === 422 && problem.errors && problem.errors.text) {
      detail = "There is no article text to extract from: paste an article first.";
    }
    if (detail) detail = detail.charAt(0).toUpperCase() + detail.slice(1);
    return [heading, detail, status === 422 ? problem.errors : null];
  }

  function setStatus(text) {
    ui.status.textContent = text;
  }

  function updateCount() {
    const n = countCodePoints(ui.text.value);
    ui.charCount.textContent = `${n.toLocaleString("en")} characters.`;
    ui.charCount.classList.toggle("over", n > maxChars);
  }

  /* ---------- modes and the request ---------- */

  function clearSpeakers() {
    ui.speakers.replaceChildren();
    ui.speakersEmpty.textContent = "Press Extract to find the quotes and who said them.";
    ui.speakersEmpty.hidden = false;
    ui.speakerHint.hidden = true;
    ui.meta.textContent = "";
  }

  function showEditor() {
    clearSpeakers();
    ui.result.hidden = true;
    ui.editor.hidden = false;
    ui.edit.hidden = true;
    ui.extract.hidden = false;
    ui.store.hidden = false;
    ui.statementCard.hidden = true;
    hideTooltip();
    ui.text.focus();
  }

  function showResult(text, title, body) {
    const colours = new Map(body.speakers.map((s, i) => [s.id, i % PALETTE_SIZE]));
    const quotesById = new Map(body.quotes.map((q) => [String(q.id), q]));
    render(ui.resultText, text, body.quotes, "text", colours);
    render(ui.resultHeadline, title, body.quotes, "title", colours);
    ui.resultHeadline.hidden = !title;
    renderSpeakers(body.speakers, body.quotes, colours);
    bindTooltip(quotesById);
    bindStatements(quotesById, body.quotes.some((q) => q.statement_id));
    select(null);
    ui.editor.hidden = true;
    ui.result.hidden = false;
    ui.edit.hidden = false;
    ui.extract.hidden = true;
    ui.store.hidden = true;
    const q = body.quotes.length;
    const s = body.speakers.length;
    setStatus(`${q} ${q === 1 ? "quote" : "quotes"} · ${s} ${s === 1 ? "speaker" : "speakers"}`);
    const meta = body.meta || {};
    ui.meta.textContent = meta.model ? `Model ${meta.model} · service ${meta.version} · ${meta.elapsed_ms} ms` : "";
  }

  /* POST the article to /v1/extract, or to /v1/articles to store it; or GET a stored article. */
  async function send(endpoint, payload, busyText) {
    clearError();
    setStatus(busyText);
    ui.extract.disabled = true;
    ui.store.disabled = true;
    form.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(endpoint, payload === null ? { headers: { Accept: "application/json" } } : {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(payload),
      });
      let body = null;
      try {
        body = await response.json();
      } catch (_) {
        body = {};
      }
      if (!response.ok) {
        setStatus("");
        showError(...problemMessage(response.status, body || {}));
        return;
      }
      if (payload === null) {  // a stored article: its own text and title
        ui.text.value = body.text;
        ui.headline.value = body.title || "";
        updateCount();
      }
      showResult(payload === null ? body.text : payload.text, payload === null ? body.title || "" : payload.title || "", body);
    } catch (err) {
      setStatus("");
      showError("Could not reach the service", `The request did not complete (${err.message}).`);
    } finally {
      ui.extract.disabled = false;
      ui.store.disabled = false;
      form.removeAttribute("aria-busy");
    }
  }

  function articlePayload() {
    const payload = { text: ui.text.value };
    const title = ui.headline.value.trim();
    if (title) payload.title = title;
    return payload;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(form.dataset.endpoint, articlePayload(), "Extracting…");
  });
  ui.store.addEventListener("click", () => send(form.dataset.storeEndpoint, articlePayload(), "Storing…"));
  ui.edit.addEventListener("click", () => {
    clearError();
    setStatus("");
    showEditor();
  });
  ui.clear.addEventListener("click", () => {
    ui.headline.value = "";
    ui.text.value = "";
    clearError();
    setStatus("");
    updateCount();
    showEditor();
  });
  ui.text.addEventListener("input", updateCount);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      hideTooltip();
      if (selected !== null) select(null);
    }
  });
  updateCount();
  if (form.dataset.article) send(`${form.dataset.storeEndpoint}/${form.dataset.article}`, null, "Loading…");
})();
