/* The charts, drawn by the vendored Chart.js (window.Chart, loaded before this module runs).
 * No animation: what the page shows is final as soon as it is drawn. */

import { AFFILIATIONS, GENDERS, NOT_SAID } from "./shape.js";

const GREY = "#c4c9d2";
const AFFILIATION_COLOURS = {
  government: "#1d4ed8", legislature: "#0891b2", "party or campaign": "#7c3aed", business: "#d97706",
  "academia or think tank": "#059669", "civil society": "#65a30d", media: "#db2777",
  "law enforcement or military": "#374151", court: "#92400e", "international body": "#0d9488",
  citizen: "#f59e0b", [NOT_SAID]: GREY,
};
const GENDER_COLOURS = { female: "#c2410c", male: "#0f766e" };
const SPEAKER_COLOURS = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed"];
const ROW_HEIGHT = 30; // px per bar in the horizontal charts
const LEGEND_ITEM_WIDTH = 170; // px a legend entry may take, the longest affiliation's label
const LEGEND_LINE = 22;
const BAR_THICKNESS = 24;
const number = new Intl.NumberFormat("en-US");

function draw(canvas, config) {
  const previous = window.Chart.getChart(canvas);
  if (previous) previous.destroy();
  return new window.Chart(canvas, config);
}

/* Horizontal charts grow with their rows, and with the lines their legend takes at this width, so
 * a long list of outlets or affiliations stays readable on a phone. */
function fitHeight(canvas, rows, legendItems) {
  const perLine = Math.max(1, Math.floor(canvas.parentElement.clientWidth / LEGEND_ITEM_WIDTH));
  const legend = legendItems ? Math.ceil(legendItems / perLine) * LEGEND_LINE : 0;
  canvas.parentElement.style.height = `${Math.max(160, 60 + rows * ROW_HEIGHT + legend)}px`;
}

function base(extra) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: "bottom", labels: { boxWidth: 12, boxHeight: 12 } } },
    ...extra,
  };
}

export function affiliationChart(canvas, pivoted) {
  fitHeight(canvas, pivoted.rows.length, pivoted.series.length);
  return draw(canvas, {
    type: "bar",
    data: {
      labels: pivoted.rows,
      datasets: pivoted.series.map((s) => ({
        label: s.key, data: s.values, backgroundColor: AFFILIATION_COLOURS[s.key] || GREY, stack: "quotes",
        maxBarThickness: BAR_THICKNESS,
      })),
    },
    options: base({
      indexAxis: "y",
      scales: { x: { stacked: true, title: { display: true, text: "quotes" } }, y: { stacked: true } },
    }),
  });
}

export function timelineChart(canvas, shaped) {
  canvas.parentElement.style.height = "";
  return draw(canvas, {
    type: "line",
    data: {
      labels: shaped.weeks,
      datasets: shaped.series.map((s, i) => ({
        label: s.speaker.name, data: s.values, borderColor: SPEAKER_COLOURS[i % SPEAKER_COLOURS.length],
        backgroundColor: SPEAKER_COLOURS[i % SPEAKER_COLOURS.length], tension: 0.2, pointRadius: 2,
      })),
    },
    options: base({
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { title: { display: true, text: "week starting" }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "quotes" } },
      },
    }),
  });
}

export function genderChart(canvas, shares) {
  fitHeight(canvas, shares.outlets.length, GENDERS.length);
  const labels = shares.outlets.map((o, i) => `${o} (${number.format(shares.stated[i])} said, `
    + `${number.format(shares.unsaid[i])} not)`);
  return draw(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: GENDERS.map((key) => ({
        label: key, data: shares.shares[key], counts: shares.counts[key], backgroundColor: GENDER_COLOURS[key],
        stack: "share", maxBarThickness: BAR_THICKNESS,
      })),
    },
    options: base({
      indexAxis: "y",
      scales: {
        x: { stacked: true, min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
        y: { stacked: true },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          callbacks: {
            label: (ctx) => `${ctx.dataset.label}: ${ctx.parsed.x}% `
              + `(${number.format(ctx.dataset.counts[ctx.dataIndex])} quotes)`,
          },
        },
      },
    }),
  });
}

export function speakersChart(canvas, groups) {
  fitHeight(canvas, groups.length, 0);
  return draw(canvas, {
    type: "bar",
    data: {
      labels: groups.map((g) => g.speaker.name),
      datasets: [{
        label: "quotes", data: groups.map((g) => g.quotes), backgroundColor: "#2563eb", maxBarThickness: BAR_THICKNESS,
      }],
    },
    options: base({ indexAxis: "y", plugins: { legend: { display: false } } }),
  });
}

export function clearChart(canvas) {
  const previous = window.Chart.getChart(canvas);
  if (previous) previous.destroy();
}
