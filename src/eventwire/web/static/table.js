// The events table: one page at a time, following the API's cursors (a stack of them to go back).
import { entityLabel, placeLabel, typeChip } from "./types.js";

export function createTable(body, onSelect) {
  return {
    show(events) {
      body.replaceChildren(...events.map((event) => row(event, onSelect)));
      if (!events.length) {
        const empty = body.insertRow().insertCell();
        empty.colSpan = 7;
        empty.className = "empty";
        empty.textContent = "No events match these filters.";
      }
    },
  };
}

function row(event, onSelect) {
  const tr = document.createElement("tr");
  tr.dataset.id = event.id;
  tr.tabIndex = 0;
  const cells = [
    event.date ? `${event.date}${event.date_precision !== "day" ? ` (${event.date_precision})` : ""}` : "undated",
    typeChip(event.event),
    entityLabel(event.actor),
    entityLabel(event.recipient),
    placeLabel(event.event_loc),
    `${event.num_documents} doc${event.num_documents === 1 ? "" : "s"} · ${event.num_sources} src`,
    event.confidence.toFixed(2),
  ];
  cells.forEach((content, i) => {
    const td = tr.insertCell();
    td.append(content);
    if (i >= 5) td.className = "num";
  });
  if (event.mode) tr.cells[1].append(` ${event.mode}`);
  tr.addEventListener("click", () => onSelect(event.id));
  tr.addEventListener("keydown", (e) => e.key === "Enter" && onSelect(event.id));
  return tr;
}
