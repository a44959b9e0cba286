/* The Mini App: Telegram's initData sent with the request; the answer's tickets on the map. */
"use strict";

(() => {
  const settings = CityMap.config();
  const status = document.getElementById("status");
  const telegram = window.Telegram && window.Telegram.WebApp;
  if (telegram) telegram.ready();
  // Telegram passes initData in the page's fragment (tgWebAppData); its own script, when
  // loaded, offers the same string as WebApp.initData.
  const fragment = new URLSearchParams(location.hash.slice(1));
  const initData = (telegram && telegram.initData) || fragment.get("tgWebAppData") || "";
  const map = CityMap.create(document.getElementById("map"), settings);
  const layer = L.layerGroup().addTo(map);

  function open(ticket) {
    status.textContent = CityMap.label(ticket);
  }

  (async () => {
    const response = await fetch(settings.api, { headers: { "X-Telegram-Init-Data": initData } });
    if (!response.ok) {
      status.textContent = response.status === 401
        ? "无法确认您的身份（401）：请从机器人的 /map 按钮重新打开。 Could not confirm who you are (401): open the map again from the bot's /map button."
        : `读取失败 (${response.status})`;
      status.dataset.state = "refused";
      return;
    }
    const data = await response.json();
    CityMap.show(map, layer, data.tickets, open);
    CityMap.list(document.getElementById("list"), data.tickets, open);
    status.textContent = data.summary;
    status.dataset.state = "loaded";
  })();
})();
