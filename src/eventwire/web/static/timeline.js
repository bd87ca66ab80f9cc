// The timeline: events per day or week stacked by type; brushing a span filters everything else to it.
import { TYPE_COLORS, TYPES } from "./types.js";

const { d3 } = window;
const MARGIN = { top: 8, right: 12, bottom: 22, left: 34 };
const HEIGHT = 150;
const DAY = 86400000;
const iso = d3.utcFormat("%Y-%m-%d");

export function createTimeline(svgElement, onBrush) {
  const svg = d3.select(svgElement).attr("height", HEIGHT);
  let last = null;  // what was drawn, to redraw on resize

  function draw(counts, interval, range) {
    last = { counts, interval, range };
    svg.selectAll("*").remove();
    const width = svgElement.clientWidth;
    if (!counts.length) {
      svg.append("text").attr("class", "empty").attr("x", width / 2).attr("y", HEIGHT / 2)
        .attr("text-anchor", "middle").text("No dated events match these filters");
      return;
    }
    const step = interval === "week" ? 7 * DAY : DAY;
    const rows = stackRows(counts);
    const stacked = d3.stack().keys(TYPES)(rows);
    const x = d3.scaleUtc()
      .domain([d3.min(rows, (r) => r.t), d3.max(rows, (r) => r.t) + step])
      .range([MARGIN.left, width - MARGIN.right]);
    const y = d3.scaleLinear().domain([0, d3.max(rows, (r) => r.total)]).nice()
      .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
    const barWidth = Math.max(1, x(step) - x(0) - 1);

    svg.append("g").selectAll("g").data(stacked).join("g").attr("fill", (s) => TYPE_COLORS[s.key])
      .selectAll("rect").data((s) => s.filter((d) => d[1] > d[0])).join("rect")
      .attr("x", (d) => x(d.data.t)).attr("width", barWidth)
      .attr("y", (d) => y(d[1])).attr("height", (d) => y(d[0]) - y(d[1]));
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, width / 110)).tickSizeOuter(0));
    svg.append("g").attr("class", "axis").attr("transform", `translate(${MARGIN.left},0)`)
      .call(d3.axisLeft(y).tickValues(y.ticks(4).filter(Number.isInteger)).tickFormat(d3.format("d"))
        .tickSizeOuter(0));

    const brush = d3.brushX()
      .extent([[MARGIN.left, MARGIN.top], [width - MARGIN.right, HEIGHT - MARGIN.bottom]])
      .on("end", ({ selection, sourceEvent }) => {
        if (!sourceEvent) return;  // moved by code, not by the analyst
        if (!selection) return onBrush(null);
        const [from, to] = selection.map((px) => x.invert(px));
        onBrush({ from: iso(from), to: iso(new Date(Math.max(+from, +to - DAY))) });
      });
    const area = svg.append("g").attr("class", "brush").call(brush);
    if (range) area.call(brush.move, [x(Date.parse(range.from)), x(Date.parse(range.to) + DAY)].map(clamp(x)));
  }

  window.addEventListener("resize", () => last && draw(last.counts, last.interval, last.range));
  return { draw };
}

// One row per period: {t, total, ASSAULT: n, ...}, summed over countries.
function stackRows(counts) {
  const byPeriod = new Map();
  for (const { period, event, count } of counts) {
    const t = Date.parse(period);
    if (!byPeriod.has(t)) byPeriod.set(t, Object.fromEntries([["t", t], ["total", 0], ...TYPES.map((k) => [k, 0])]));
    const row = byPeriod.get(t);
    row[event] += count;
    row.total += count;
  }
  return [...byPeriod.values()].sort((a, b) => a.t - b.t);
}

const clamp = (x) => (px) => Math.min(Math.max(px, x.range()[0]), x.range()[1]);
