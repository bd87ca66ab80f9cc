// Talking to the eventwire API: every list the dashboard shows goes through the same filter parameters.

// URLSearchParams of the filters (lists as repeated parameters) plus `extra`.
export function params(filters, extra = {}) {
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...extra })) {
    for (const item of [].concat(value)) {
      if (item !== null && item !== undefined && item !== "") out.append(name, item);
    }
  }
  return out;
}

// The JSON of GET `path`; an error carries the API's `detail`, which names the bad parameter.
export async function getJSON(path, query) {
  const response = await fetch(query ? `${path}?${query}` : path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || `${path}: HTTP ${response.status}`);
  return body;
}
