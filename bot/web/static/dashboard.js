/* The staff dashboard: filters → /dashboard/api/tickets → markers and list; a click → detail. */
"use strict";

(() => {
  const settings = CityMap.config();
  const el = CityMap.el;
  const map = CityMap.create(document.getElementById("map"), settings);
  const tickets = L.layerGroup().addTo(map);
  const filters = document.getElementById("filters");

  for (const [id, items] of [["f-status", settings.options.statuses],
                             ["f-category", settings.options.categories],
                             ["f-department", settings.options.departments]]) {
    const select = document.getElementById(id);
    for (const item of items) {
      const option = el("option", item.name);
      option.value = item.code;
      select.appendChild(option);
    }
  }

  function query() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(filters)) if (value) params.set(key, value);
    return params.toString();
  }

  async function openTicket(ticket) {
    const panel = document.getElementById("detail");
    const response = await fetch(`/dashboard/api/tickets/${encodeURIComponent(ticket.number)}`);
    if (!response.ok) { panel.hidden = false; panel.replaceChildren(el("p", `读取失败 (${response.status})`)); return; }
    const t = await response.json();
    const parts = [
      el("h3", `${t.number} ${t.category_name}`),
      el("p", `${t.status_name} · ${t.priority_name} · ${t.department_name}${t.overdue ? " · 超期" : ""}`),
      el("p", t.description),
      el("p", `地点：${t.address || (t.lat !== null ? `${t.lat.toFixed(5)}, ${t.lon.toFixed(5)}` : "—")}`, "muted"),
      el("p", `受理 ${t.created_at} · 期限 ${t.deadline}${t.rating ? ` · 评价 ${t.rating} 星` : ""}`, "muted"),
    ];
    for (const photo of t.photos) {
      const img = el("img"); img.src = photo.url; img.alt = photo.kind; img.className = "photo"; parts.push(img);
    }
    const timeline = el("ol"); timeline.className = "timeline";
    for (const event of t.timeline) {
      timeline.appendChild(el("li", `${event.at} ${event.role_name} ${event.action_name} → ${event.to_name}${event.note ? `：${event.note}` : ""}`));
    }
    parts.push(el("h4", "处理记录"), timeline);
    panel.replaceChildren(...parts);
    panel.dataset.number = t.number;
    panel.hidden = false;
  }

  async function load() {
    const qs = query();
    document.getElementById("export").href = `/dashboard/export.csv?${qs}`;
    const summary = document.getElementById("summary");
    const response = await fetch(`${settings.api}?${qs}`);
    if (!response.ok) { summary.textContent = `读取失败 (${response.status})：${await response.text()}`; return; }
    const data = await response.json();
    const placed = CityMap.show(map, tickets, data.tickets, openTicket);
    CityMap.list(document.getElementById("list"), data.tickets, openTicket);
    summary.textContent = `共 ${data.tickets.length} 件工单，${placed} 件有位置${data.truncated ? "（仅显示前 5000 件，请缩小筛选范围）" : ""}`;
    summary.dataset.count = String(data.tickets.length);
  }

  // The 部件 layer: the registered assets in the map's window, reloaded as the map moves.
  const assets = L.layerGroup();
  async function loadAssets() {
    if (!settings.assets || !map.hasLayer(assets)) return;
    const b = map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(5)).join(",");
    const response = await fetch(`${settings.assets}?bbox=${bbox}`);
    if (!response.ok) return;
    assets.clearLayers();
    for (const asset of (await response.json()).assets) {
      const icon = L.divIcon({ className: "", iconSize: [12, 12],
        html: `<div class="asset-pin" data-code="${asset.code.replace(/\D/g, "")}"></div>` });
      L.marker([asset.lat, asset.lon], { icon, title: `${asset.code} ${asset.class_name} ${asset.name}` }).addTo(assets);
    }
  }
  // The 在岗人员 layer (dispatchers and admins only; off until ticked): each worker on
  // duty where last seen, refreshed each minute while shown.
  const workers = L.layerGroup();
  async function loadWorkers() {
    if (!settings.workers || !map.hasLayer(workers)) return;
    const response = await fetch(settings.workers);
    if (!response.ok) return;
    workers.clearLayers();
    for (const w of (await response.json()).workers) {
      const label = `${w.name || `工号 ${w.user_id}`} · ${w.department_name || "—"} · ${w.at}`;
      const icon = L.divIcon({ className: "", iconSize: [14, 14],
        html: `<div class="worker-pin" data-user="${Number(w.user_id)}"></div>` });
      L.marker([w.lat, w.lon], { icon, title: label }).bindPopup(CityMap.el("span", label)).addTo(workers);
    }
  }
  const overlays = {};
  if (settings.assets) {
    assets.addTo(map);
    overlays["部件"] = assets;
    map.on("moveend overlayadd", loadAssets);
  }
  if (settings.workers) {
    overlays["在岗人员"] = workers;
    map.on("overlayadd", (event) => { if (event.layer === workers) loadWorkers(); });
    setInterval(loadWorkers, 60000);
  }
  if (Object.keys(overlays).length) L.control.layers(null, overlays).addTo(map);

  async function loadKpis(event) {
    if (event) event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(document.getElementById("kpi-form"))) if (value) params.set(key, value);
    document.getElementById("kpi-chart").src = `/dashboard/kpis.png?${params}`;
    const response = await fetch(`/dashboard/api/kpis?${params}`);
    const table = document.getElementById("kpi-table");
    if (!response.ok) { table.replaceChildren(); return; }
    const data = await response.json();
    const head = el("tr"); head.appendChild(el("th", "起始日")); head.appendChild(el("th", "受理"));
    for (const name of Object.values(data.labels)) head.appendChild(el("th", name));
    const rows = [head];
    for (const point of data.points) {
      const row = el("tr"); row.appendChild(el("td", point.start)); row.appendChild(el("td", point.filed));
      for (const key of Object.keys(data.labels)) {
        row.appendChild(el("td", point[key] === null ? "—" : `${(point[key] * 100).toFixed(1)}%`));
      }
      rows.push(row);
    }
    table.replaceChildren(...rows);
  }

  filters.addEventListener("submit", (event) => { event.preventDefault(); load(); });
  document.getElementById("kpi-form").addEventListener("submit", loadKpis);
  load();
  loadAssets();
  loadKpis();
})();
