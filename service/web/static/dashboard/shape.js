/* Pure functions from /v1/stats groups to what the charts draw. Every number drawn is one of the
 * API's counts, or (the gender shares) a ratio of two of them. */

export const AFFILIATIONS = [
  "government", "legislature", "party or campaign", "business", "academia or think tank", "civil society",
  "media", "law enforcement or military", "court", "international body", "citizen",
];
export const NOT_SAID = "not said";
export const GENDERS = ["female", "male"];
const DAY_MS = 86400000;

export const label = (value) => (value === null || value === undefined ? NOT_SAID : value);
export const speakerName = (speaker) => (speaker ? speaker.name : "no named speaker");

/* Rows (e.g. outlets) ordered by their summed quotes, and one series per value of the other key. */
export function pivot(groups, rowKey, seriesKey, seriesOrder) {
  const totals = new Map();
  for (const g of groups) totals.set(label(g[rowKey]), (totals.get(label(g[rowKey])) || 0) + g.quotes);
  const rows = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a) || a.localeCompare(b));
  const present = new Set(groups.map((g) => label(g[seriesKey])));
  const keys = [...seriesOrder.filter((k) => present.has(k)), ...[...present].filter((k) => !seriesOrder.includes(k))];
  const series = keys.map((key) => ({
    key,
    values: rows.map((row) => {
      const hit = groups.find((g) => label(g[rowKey]) === row && label(g[seriesKey]) === key);
      return hit ? hit.quotes : 0;
    }),
  }));
  return { rows, series };
}

/* Every Monday from the first week to the last (ISO dates), so a quiet week shows as zero. */
export function weeksBetween(first, last) {
  const weeks = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 7 * DAY_MS) {
    weeks.push(new Date(t).toISOString().slice(0, 10));
  }
  return weeks;
}

/* One series per speaker (most quoted first), one value per week. */
export function timeline(groups) {
  if (!groups.length) return { weeks: [], series: [] };
  const stamps = groups.map((g) => g.week).sort();
  const weeks = weeksBetween(stamps[0], stamps[stamps.length - 1]);
  const bySpeaker = new Map();
  for (const g of groups) {
    if (!bySpeaker.has(g.speaker.id)) bySpeaker.set(g.speaker.id, { speaker: g.speaker, total: 0, perWeek: new Map() });
    const entry = bySpeaker.get(g.speaker.id);
    entry.total += g.quotes;
    entry.perWeek.set(g.week, g.quotes);
  }
  const series = [...bySpeaker.values()]
    .sort((a, b) => b.total - a.total || a.speaker.name.localeCompare(b.speaker.name))
    .map((e) => ({ speaker: e.speaker, values: weeks.map((w) => e.perWeek.get(w) || 0) }));
  return { weeks, series };
}

const percent = (part, whole) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);

/* Per outlet: quotes by gender where the article said it, their shares, and the quotes it did not. */
export function genderShares(groups) {
  const { rows, series } = pivot(groups, "outlet", "gender", [...GENDERS, NOT_SAID]);
  const count = (key) => (series.find((s) => s.key === key) || { values: rows.map(() => 0) }).values;
  const counts = Object.fromEntries([...GENDERS, NOT_SAID].map((key) => [key, count(key)]));
  const stated = rows.map((_, i) => GENDERS.reduce((sum, key) => sum + counts[key][i], 0));
  const kept = rows.map((_, i) => i).filter((i) => stated[i] > 0);
  return {
    outlets: kept.map((i) => rows[i]),
    stated: kept.map((i) => stated[i]),
    unsaid: kept.map((i) => counts[NOT_SAID][i]),
    counts: Object.fromEntries(GENDERS.map((key) => [key, kept.map((i) => counts[key][i])])),
    shares: Object.fromEntries(GENDERS.map((key) => [key, kept.map((i) => percent(counts[key][i], stated[i]))])),
  };
}
