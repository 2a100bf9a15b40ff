/* The dashboard's calls to the public API: URLs built from the filters, answers or problem details. */

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `the service answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/* A URL with the non-empty parameters as its query string. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export async function getJSON(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (err) {
    throw new ApiError(0, { title: "The service cannot be reached", detail: String(err.message || err) });
  }
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    body = null; // a proxy's HTML error page: the status says enough
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/* One chart's data: GET /v1/stats with the filters; its CSV is the same call with format=csv. */
export function statsCall(base, filters, grouping) {
  const params = { ...filters, ...grouping };
  return { url: withQuery(base, params), csv: withQuery(base, { ...params, format: "csv" }) };
}
