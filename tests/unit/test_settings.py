"""Settings: read from CITYBOT_* variables, and one clear line when a value is wrong."""

from __future__ import annotations

import pytest

from bot.settings import Settings, SettingsError, load_settings


def test_defaults_run_embedded(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///var/citybot.db"
    assert settings.telegram_token is None
    assert settings.chroma_url is None
    assert not settings.llm_configured


def test_environment_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITYBOT_ADMIN_IDS", "11, 22,33")
    monkeypatch.setenv("CITYBOT_STAFF_CHAT_ID", "-1001234")
    monkeypatch.setenv("CITYBOT_TELEGRAM_API_URL", "http://127.0.0.1:8081")
    monkeypatch.setenv("CITYBOT_DATABASE_URL", "postgresql+asyncpg://u@db/citybot")
    settings = load_settings()
    assert settings.admin_ids == [11, 22, 33]
    assert settings.staff_chat_id == -1001234
    assert str(settings.telegram_api_url).startswith("http://127.0.0.1:8081")


def test_bot_api_connections_follow_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CITYBOT_TELEGRAM_API_URL", raising=False)
    monkeypatch.delenv("CITYBOT_TELEGRAM_CONNECTIONS", raising=False)
    assert load_settings(_env_file=None).bot_api_connections == 16  # Telegram, far away
    monkeypatch.setenv("CITYBOT_TELEGRAM_API_URL", "http://127.0.0.1:8081")
    assert load_settings(_env_file=None).bot_api_connections == 8  # a local Bot API server
    monkeypatch.setenv("CITYBOT_TELEGRAM_CONNECTIONS", "40")
    assert load_settings(_env_file=None).bot_api_connections == 40
    monkeypatch.setenv("CITYBOT_TELEGRAM_CONNECTIONS", "0")
    with pytest.raises(SettingsError, match="CITYBOT_TELEGRAM_CONNECTIONS"):
        load_settings(_env_file=None)


def test_dotenv_file(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    (tmp_path / ".env").write_text("CITYBOT_DEFAULT_LANGUAGE=en\n", "utf-8")  # type: ignore[operator]
    assert load_settings().default_language == "en"


@pytest.mark.parametrize(
    ("variable", "value", "names"),
    [
        ("CITYBOT_ADMIN_IDS", "1,abc", "CITYBOT_ADMIN_IDS"),
        ("CITYBOT_DATABASE_URL", "mysql://x/y", "CITYBOT_DATABASE_URL"),
        ("CITYBOT_TELEGRAM_API_URL", "not a url", "CITYBOT_TELEGRAM_API_URL"),
        ("CITYBOT_DEFAULT_LANGUAGE", "fr", "CITYBOT_DEFAULT_LANGUAGE"),
        ("CITYBOT_DUPLICATE_RADIUS_M", "-5", "CITYBOT_DUPLICATE_RADIUS_M"),
        ("CITYBOT_STAFF_CHAT_ID", "group", "CITYBOT_STAFF_CHAT_ID"),
    ],
)
def test_wrong_value_is_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, names: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(names + ":")
    assert "\n" not in message


def test_settings_class_is_the_one_source() -> None:
    assert Settings.model_config["env_prefix"] == "CITYBOT_"


@pytest.mark.parametrize(
    "url",
    [
        "mysql://bob:hunter2@db/citybot",  # the wrong driver
        "postgresql+asyncpg://bob:hunter2@db:port/citybot",  # a port that is not a number
        "postgres://bob:hun@ter2@db/citybot",  # a password holding an "@"
    ],
)
def test_a_malformed_database_url_never_shows_its_password(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("CITYBOT_DATABASE_URL", url)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    message = str(caught.value)
    assert message.startswith("CITYBOT_DATABASE_URL:")
    assert "\n" not in message
    assert "hunter2" not in message and "ter2" not in message
    assert "bob:***@" in message  # still names whose login it is, to help find the mistake


def test_a_secret_is_never_echoed() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, telegram_token=123456789, llm_api_key=987654321)
    message = str(caught.value)
    assert message.startswith("CITYBOT_TELEGRAM_TOKEN:") or message.startswith(
        "CITYBOT_LLM_API_KEY:"
    )
    assert "123456789" not in message and "987654321" not in message


def test_a_password_in_another_url_is_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITYBOT_LLM_BASE_URL", "https://me:sk-secret@llm.example:99999/v1")
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    assert "sk-secret" not in str(caught.value)
    assert str(caught.value).startswith("CITYBOT_LLM_BASE_URL:")
