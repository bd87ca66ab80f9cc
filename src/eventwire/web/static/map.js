// The map: Natural Earth country shapes (world-atlas, served locally: no tile server) under the events,
// a circle per event coloured by type, clustered where they crowd.
import { TYPE_COLORS, entityLabel, placeLabel } from "./types.js";

const { L, topojson } = window;

export function createMap(element, onSelect) {
  const map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 })
    .setView([15, 20], 2);
  map.attributionControl.setPrefix(false).addAttribution("Countries: Natural Earth");
  fetch("/vendor/countries-50m.json").then((r) => r.json()).then((world) => {
    L.geoJSON(countries(world), {
      interactive: false,
      style: { color: "#b8c2cc", weight: 0.6, fillColor: "#fbfbfa", fillOpacity: 1 },
    }).addTo(map).bringToBack();
  });
  const clusters = L.markerClusterGroup({
    maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon,
  }).addTo(map);
  let fitted = false;

  return {
    show(events) {
      clusters.clearLayers();
      const markers = events.filter((e) => e.event_loc?.lat != null).map((event) => {
        const marker = L.circleMarker([event.event_loc.lat, event.event_loc.lon], {
          radius: 7, weight: 1.5, color: "#fff", fillColor: TYPE_COLORS[event.event], fillOpacity: 0.95,
          className: `event-marker type-${event.event}`,
        });
        marker.eventType = event.event;
        marker.bindTooltip(tooltip(event), { direction: "top", offset: [0, -6] });
        marker.on("click", () => onSelect(event.id));
        return marker;
      });
      clusters.addLayers(markers);
      if (!fitted && markers.length) {  // frame the data once; later filtering keeps the analyst's view
        map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 6 });
        fitted = true;
      }
      return markers.length;
    },
  };
}

// The country shapes for a flat map: without Antarctica (no events; Mercator blows it up), and with the
// rings that cross the antimeridian (Russia's far east, Fiji) drawn east of it instead of across the world.
function countries(world) {
  const features = topojson.feature(world, world.objects.countries).features.filter((f) => f.id !== "010");
  for (const { geometry } of features) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    for (const ring of polygons.flat()) {
      if (ring.some((p, i) => i && Math.abs(p[0] - ring[i - 1][0]) > 180)) {
        ring.forEach((p) => { if (p[0] < 0) p[0] += 360; });
      }
    }
  }
  return features;
}

// A cluster shows its size, ringed in the colour of its most frequent event type.
function clusterIcon(cluster) {
  const counts = {};
  for (const marker of cluster.getAllChildMarkers()) counts[marker.eventType] = (counts[marker.eventType] || 0) + 1;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const n = cluster.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 36 : 44;
  return L.divIcon({
    html: `<div style="--c:${TYPE_COLORS[top]}">${n}</div>`,
    className: "event-cluster", iconSize: L.point(size, size),
  });
}

function tooltip(event) {
  const words = `${entityLabel(event.actor)} → ${entityLabel(event.recipient)}`;
  const row = (text) => `<div>${escapeHtml(text)}</div>`;
  return `<strong>${event.event}${event.mode ? ` · ${event.mode}` : ""}</strong>` +
    row(words) + row(`${placeLabel(event.event_loc)} · ${event.date || "undated"}`);
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
