// The evidence view: an event, its mentions, and the article with the words behind each field highlighted.
import { getJSON } from "./api.js";
import { entityLabel, placeLabel, typeChip } from "./types.js";

// Highlight roles, most specific first: where spans overlap, the first listed colours the words.
const ROLES = [["trigger", "Trigger"], ["actor", "Actor"], ["recipient", "Recipient"], ["place", "Place"],
  ["date", "Date"]];

export function createEvidence(panel) {
  async function open(eventId) {
    panel.hidden = false;
    panel.replaceChildren(el("p", { className: "muted" }, ["Loading…"]));
    const event = await getJSON(`/events/${encodeURIComponent(eventId)}`);
    const mentionList = el("ol", { className: "mentions" }, []);
    const docView = el("div", { className: "document" }, []);
    panel.replaceChildren(
      el("div", { className: "evidence-head" }, [
        typeChip(event.event), event.mode ? el("span", { className: "mode" }, [event.mode]) : "",
        event.aux ? el("span", { className: "aux" }, [event.aux]) : "",
        el("button", { className: "close", type: "button", title: "Close", onclick: close }, ["×"]),
      ]),
      el("h2", {}, [[event.actor, event.recipient].filter(Boolean).map(entityLabel).join(" → ") || "Unknown actor"]),
      facts(event),
      el("h3", {}, [`Mentions (${event.mentions.length})`]),
      mentionList,
      docView,
    );
    const select = async (mention, item) => {
      mentionList.querySelectorAll("li").forEach((li) => li.classList.toggle("selected", li === item));
      await showDocument(docView, mention, event);
    };
    event.mentions.forEach((mention, i) => {
      const item = el("li", { tabIndex: 0 }, [
        el("div", { className: "sentence" }, [mention.sentence.text]),
        el("div", { className: "muted" }, [`${mention.doc_id} · confidence ${mention.confidence.toFixed(2)}`]),
      ]);
      item.addEventListener("click", () => select(mention, item));
      mentionList.append(item);
      if (i === 0) select(mention, item);
    });
  }

  function close() {
    panel.hidden = true;
    panel.replaceChildren();
  }

  document.addEventListener("keydown", (e) => e.key === "Escape" && !panel.hidden && close());
  return { open, close };
}

function facts(event) {
  const size = Object.entries(event.size).filter(([, n]) => n !== null).map(([k, n]) => `${n} ${k}`).join(", ");
  const place = event.event_loc;
  const rows = [
    ["Date", event.date ? `${event.date} (${event.date_precision})` : "undated"],
    ["Place", place ? `${placeLabel(place)}${place.admin1 ? ` · ${place.admin1}` : ""}` : "—"],
    ["Size", size || "not stated"],
    ["ACLED", [event.acled.event_type, event.acled.sub_event_type].filter(Boolean).join(" · ") || "—"],
    ["CAMEO", event.cameo || "—"],
    ["Confidence", event.confidence.toFixed(2)],
    ["Reports", `${count(event.num_mentions, "mention")} in ${count(event.num_documents, "document")} from ` +
      `${count(event.num_sources, "source")}, first ${event.first_reported || "—"}`],
  ];
  return el("dl", { className: "facts" }, rows.flatMap(([k, v]) => [el("dt", {}, [k]), el("dd", {}, [v])]));
}

async function showDocument(view, mention, event) {
  view.replaceChildren(el("p", { className: "muted" }, ["Loading the article…"]));
  const doc = await getJSON(`/documents/${encodeURIComponent(mention.doc_id)}`);
  const ours = new Set(event.mention_ids);
  const spans = doc.spans.filter((s) => ours.has(s.mention_id));
  const text = el("div", { className: "text" }, highlighted(doc.text, spans, mention));
  view.replaceChildren(
    el("h3", { className: "title" }, [doc.title || doc.source || doc.id]),
    el("div", { className: "muted" }, [[doc.outlet, doc.published, doc.title && doc.source].filter(Boolean).join(" · ")]),
    el("div", { className: "legend" }, ROLES.map(([role, label]) => el("span", { className: `hl hl-${role}` }, [label]))),
    text,
  );
  const current = text.querySelector(".current");  // scrolled to within the text box, the event stays in view
  if (current) text.scrollTop = current.offsetTop - text.clientHeight / 3;
}

// The text as nodes: each stretch between span boundaries is plain, or a <mark> coloured by the first
// role (in ROLES order) covering it; stretches of the chosen mention's sentence are marked `current`.
function highlighted(text, spans, mention) {
  const order = ROLES.map(([role]) => role);
  const sentence = mention.sentence;
  const cuts = new Set([0, text.length, sentence.start, sentence.end]);
  spans.forEach((s) => cuts.add(s.start).add(s.end));
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= start && s.end >= end);
    const words = text.slice(start, end);
    const inSentence = start >= sentence.start && end <= sentence.end;
    if (!covering.length) {
      nodes.push(inSentence ? el("span", { className: "current" }, [words]) : document.createTextNode(words));
      continue;
    }
    const role = order.find((r) => covering.some((s) => s.role === r));
    nodes.push(el("mark", { className: `hl hl-${role}${inSentence ? " current" : ""}`, title: role }, [words]));
  }
  return nodes;
}

const count = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;

function el(tag, props, children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
