// The dashboard: filters drive the map, the timeline and the table; a click opens the evidence view.
import { getJSON, params } from "./api.js";
import { createEvidence } from "./evidence.js";
import { createMap } from "./map.js";
import { createTable } from "./table.js";
import { createTimeline } from "./timeline.js";
import { TYPES, TYPE_COLORS } from "./types.js";

const PAGE_SIZE = 25;
const MAP_PAGE = 500;
const MAP_PAGES = 4;  // at most 2,000 events on the map: beyond that, filters tell more than dots
const DAILY_UP_TO_DAYS = 120;  // a longer span is drawn per week

const $ = (id) => document.getElementById(id);
const form = $("filters");
const evidence = createEvidence($("evidence"));
const map = createMap($("map"), showEvidence);
const table = createTable($("rows"), showEvidence);
const timeline = createTimeline($("timeline"), (range) => {
  form.date_from.value = range?.from ?? "";
  form.date_to.value = range?.to ?? "";
  refresh({ withTimeline: false });
});

let generation = 0;  // each refresh's number: answers to an older one are dropped
let cursors = [null];  // cursors[i] opens page i of the table
let page = 0;

function filters() {
  const data = new FormData(form);
  return {
    q: data.get("q").trim(), type: data.getAll("type"), country: data.get("country"),
    actor: data.get("actor").trim(), date_from: data.get("date_from"), date_to: data.get("date_to"),
    aux: data.getAll("aux"),
  };
}

async function refresh({ withTimeline = true } = {}) {
  const current = ++generation;
  const f = filters();
  cursors = [null];
  page = 0;
  for (const [id, format] of [["export-csv", "acled"], ["export-geojson", "geojson"]]) {
    $(id).href = `/export/${format}?${params(f)}`;
  }
  const work = [loadPage(f, current), loadMap(f, current)];
  if (withTimeline) work.push(loadTimeline(f, current));
  try {
    await Promise.all(work);
    showError(null);
  } catch (error) {
    if (current === generation) showError(error);
  }
}

async function loadPage(f, current) {
  const result = await getJSON("/events", params(f, { sort: $("sort").value, limit: PAGE_SIZE, cursor: cursors[page] }));
  if (current !== generation) return;
  table.show(result.items);
  cursors[page + 1] = result.next_cursor;
  $("prev").disabled = page === 0;
  $("next").disabled = !result.next_cursor;
  $("page").textContent = `Page ${page + 1}`;
}

async function loadMap(f, current) {
  const events = [];
  let cursor = null;
  for (let i = 0; i < MAP_PAGES; i++) {
    const result = await getJSON("/events", params(f, { limit: MAP_PAGE, cursor }));
    if (current !== generation) return;
    events.push(...result.items);
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  const shown = map.show(events);
  const placeless = events.length - shown;
  $("map-note").textContent = [
    `${shown.toLocaleString()} event${shown === 1 ? "" : "s"} on the map`,
    placeless ? `${placeless} without a known place` : "",
    cursor ? `the ${events.length.toLocaleString()} most recent: narrow the filters to see others` : "",
  ].filter(Boolean).join(" · ");
}

async function loadTimeline(f, current) {
  const undated = { ...f, date_from: "", date_to: "" };  // the brush chooses within the whole span
  let result = await getJSON("/stats/timeline", params(undated, { interval: "week" }));
  const periods = result.counts.map((c) => Date.parse(c.period));
  if (periods.length && Math.max(...periods) - Math.min(...periods) <= DAILY_UP_TO_DAYS * 86400000) {
    result = await getJSON("/stats/timeline", params(undated, { interval: "day" }));
  }
  if (current !== generation) return;
  const range = f.date_from && f.date_to ? { from: f.date_from, to: f.date_to } : null;
  timeline.draw(result.counts, result.interval, range);
}

async function showEvidence(id) {
  try {
    await evidence.open(id);
  } catch (error) {
    showError(error);
  }
}

function showError(error) {
  $("error").hidden = !error;
  $("error").textContent = error ? error.message : "";
}

// The filter controls that come from the data: type checkboxes (the map's legend too) and countries.
async function setUp() {
  const [stats, countries] = await Promise.all([getJSON("/stats"), getJSON("/stats/timeline", "interval=week")]);
  $("summary").textContent = `${stats.events.toLocaleString()} events · ${stats.mentions.toLocaleString()} ` +
    `mentions · ${stats.documents.toLocaleString()} documents`;
  $("types").replaceChildren(...TYPES.map((type) => {
    const label = document.createElement("label");
    label.className = "type";
    label.style.setProperty("--c", TYPE_COLORS[type]);
    label.innerHTML = `<input type="checkbox" name="type" value="${type}"><i></i><span>${type}</span>` +
      `<small>${stats.events_by_type[type] ?? 0}</small>`;
    return label;
  }));
  const perCountry = d3.rollup(countries.counts.filter((c) => c.country), (v) => d3.sum(v, (c) => c.count), (c) => c.country);
  form.country.append(...[...perCountry].sort((a, b) => a[0].localeCompare(b[0]))
    .map(([code, n]) => new Option(`${code} (${n})`, code)));
}

let typing;
form.addEventListener("input", (e) => {
  if (e.target.type !== "search" && e.target.type !== "text") return;
  clearTimeout(typing);
  typing = setTimeout(refresh, 300);  // wait for a pause in typing
});
form.addEventListener("change", (e) => e.target.type !== "search" && e.target.type !== "text" && refresh());
form.addEventListener("submit", (e) => e.preventDefault());
form.addEventListener("reset", () => setTimeout(refresh));  // after the form has cleared
$("types-clear").addEventListener("click", () => {
  form.querySelectorAll("input[name=type]").forEach((box) => { box.checked = false; });
  refresh();
});
$("sort").addEventListener("change", () => refresh({ withTimeline: false }));
$("prev").addEventListener("click", () => { page -= 1; loadPage(filters(), generation).catch(showError); });
$("next").addEventListener("click", () => { page += 1; loadPage(filters(), generation).catch(showError); });

setUp().then(() => refresh()).catch(showError);
