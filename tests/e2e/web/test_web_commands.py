"""/web and /map from chat: a staff member's one-time link logs them in to the dashboard
(the web app over the bot's own database), a resident gets the Mini App's button, and
both commands say what is missing when the web app's address is not set."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import httpx

from bot.messages import t
from bot.web.app import build_web_app
from tests.e2e.harness import BotHarness

WEB_URL = "https://citybot.example.org"


async def _with_web_url(harness: BotHarness, url: str | None) -> None:
    harness.settings = harness.settings.model_copy(update={"web_url": url})
    await harness.restart()


async def test_staff_get_a_one_time_link_that_logs_them_in(harness: BotHarness) -> None:
    await _with_web_url(harness, WEB_URL)
    reply = await harness.say(harness.users["dispatcher"], "/web")
    assert reply.text == t("web.login.link", "zh", minutes=10)
    assert reply.reply_markup is not None
    [[button]] = reply.reply_markup.inline_keyboard
    assert button.text == t("web.login.button", "zh") and button.url is not None
    link = urlparse(button.url)
    assert f"{link.scheme}://{link.netloc}" == WEB_URL and link.path == "/login"
    token = parse_qs(link.query)["token"][0]

    app = build_web_app(harness.settings, store=harness.services.store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        page = await client.get("/login", params={"token": token})
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf is not None
        form = {"token": token, "csrf": csrf.group(1)}
        logged_in = await client.post("/login", data=form)
        assert logged_in.status_code == 303
        assert "secure" in logged_in.headers["set-cookie"].lower()  # HTTPS: a Secure cookie
        assert (await client.get("/dashboard")).status_code == 200
        assert (await client.post("/login", data=form)).status_code == 400  # used up


async def test_a_resident_gets_no_link(harness: BotHarness) -> None:
    await _with_web_url(harness, WEB_URL)
    reply = await harness.say(harness.users["resident"], "/web")
    assert reply.text == t("unknown.command", "zh")
    assert reply.reply_markup is None


async def test_the_map_button_opens_the_mini_app(harness: BotHarness) -> None:
    await _with_web_url(harness, WEB_URL + "/")
    reply = await harness.say(harness.users["resident"], "/map")
    assert reply.text == t("map.open", "zh")
    assert reply.reply_markup is not None
    [[button]] = reply.reply_markup.inline_keyboard
    assert button.web_app is not None and button.web_app.url == WEB_URL + "/app"
    english = await harness.say(harness.users["neighbour"], "/map")
    assert english.text == t("map.open", "en")


async def test_both_commands_say_when_the_web_app_is_not_set(harness: BotHarness) -> None:
    staff_reply = await harness.say(harness.users["dispatcher"], "/web")
    assert staff_reply.text == t("web.not_configured", "zh")
    resident_reply = await harness.say(harness.users["neighbour"], "/map")
    assert resident_reply.text == t("map.not_configured", "en")
    await _with_web_url(harness, "http://127.0.0.1:8080")  # Telegram opens Mini Apps on HTTPS only
    plain = await harness.say(harness.users["resident"], "/map")
    assert plain.text == t("map.not_configured", "zh")


async def test_a_local_address_gets_the_link_in_the_text(harness: BotHarness) -> None:
    # Telegram refuses buttons to local addresses; an operator trying it out still logs in.
    await _with_web_url(harness, "http://127.0.0.1:8080")
    reply = await harness.say(harness.users["admin"], "/web")
    assert reply.reply_markup is None
    first, link = (reply.text or "").split("\n")
    assert first == t("web.login.link", "zh", minutes=10)
    assert link.startswith("http://127.0.0.1:8080/login?token=")
