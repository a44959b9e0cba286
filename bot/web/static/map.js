/* The map shared by the dashboard and the Mini App: Leaflet, tiles only if configured. */
"use strict";

const CityMap = (() => {
  const GUANGZHOU = [23.129, 113.264];

  function config() {
    return JSON.parse(document.getElementById("config").textContent);
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function create(element, settings) {
    const map = L.map(element, { preferCanvas: false }).setView(GUANGZHOU, 12);
    if (settings.tiles) {
      L.tileLayer(settings.tiles, { maxZoom: 19, attribution: settings.attribution || "" }).addTo(map);
    } else {
      map.attributionControl.addAttribution("未配置底图 (CITYBOT_WEB_TILE_URL)");
    }
    L.control.scale({ imperial: false }).addTo(map);
    return map;
  }

  function pin(ticket) {
    const classes = ["ticket-pin"];
    if (ticket.overdue) classes.push("overdue");
    if (ticket.priority === "urgent") classes.push("urgent");
    if (ticket.status === "resolved" || ticket.status === "closed") classes.push("resolved");
    return L.divIcon({ className: "", iconSize: [18, 18], iconAnchor: [9, 9],
      html: `<div class="${classes.join(" ")}" data-number="${ticket.number.replace(/[^\w-]/g, "")}"></div>` });
  }

  function label(ticket) {
    return `${ticket.number} · ${ticket.category_name} · ${ticket.status_name}${ticket.overdue ? " · 超期" : ""}`;
  }

  /* Markers for `tickets` on `layer`; `onOpen(ticket)` when one is clicked. */
  function show(map, layer, tickets, onOpen) {
    layer.clearLayers();
    const points = [];
    for (const ticket of tickets) {
      if (ticket.lat === null || ticket.lon === null) continue;
      const marker = L.marker([ticket.lat, ticket.lon], { icon: pin(ticket), title: label(ticket) });
      marker.on("click", () => onOpen(ticket));
      marker.addTo(layer);
      points.push([ticket.lat, ticket.lon]);
    }
    if (points.length) map.fitBounds(points, { padding: [30, 30], maxZoom: 16 });
    return points.length;
  }

  function list(element, tickets, onOpen) {
    element.replaceChildren();
    for (const ticket of tickets) {
      const item = el("li", label(ticket));
      item.dataset.number = ticket.number;
      item.addEventListener("click", () => onOpen(ticket));
      element.appendChild(item);
    }
  }

  return { config, create, show, list, el, label };
})();
