// PLOVER event types, cooperation to conflict, each with its colour: cool for cooperation, warm for
// conflict, so a glance at the map tells which dominates.
export const TYPE_COLORS = {
  AGREE: "#4e79a7", CONSULT: "#8fb8de", SUPPORT: "#59a14f", CONCEDE: "#9bd18b",
  COOPERATE: "#499894", AID: "#7fc4bc", RETREAT: "#79706e", REQUEST: "#b6992d",
  ACCUSE: "#e9c046", REJECT: "#9d7660", THREATEN: "#f28e2b", PROTEST: "#d37295",
  SANCTION: "#b07aa1", MOBILIZE: "#ff9d9a", COERCE: "#7b3294", ASSAULT: "#d62728",
};
export const TYPES = Object.keys(TYPE_COLORS);

export function typeChip(type) {
  const chip = document.createElement("span");
  chip.className = "chip";
  chip.style.setProperty("--c", TYPE_COLORS[type] || "#888");
  chip.textContent = type;
  return chip;
}

// "RUS MIL (Russian forces)": how tables and the evidence view name an actor or recipient.
export function entityLabel(entity) {
  if (!entity) return "—";
  const code = [entity.code, entity.sector].filter(Boolean).join(" ");
  const words = entity.name || entity.entity_text.text;
  return code ? `${code} · ${words}` : words;
}

export function placeLabel(place) {
  if (!place) return "—";
  return [place.resolved_place || place.extracted_place?.text, place.country_code].filter(Boolean).join(", ");
}
