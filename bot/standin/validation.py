"""Checks Telegram makes on keyboards, polls and command lists, with its error texts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from telegram import (
    BotCommand,
    ForceReply,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import InlineKeyboardButtonLimit, PollLimit

from bot.standin.errors import bad_request

ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply

_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_REPLY_KEYBOARD_OPTIONS = (
    "resize_keyboard",
    "one_time_keyboard",
    "selective",
    "input_field_placeholder",
    "is_persistent",
)
_TEXT_BUTTON = (
    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


def _rows(markup: dict[str, Any], key: str) -> list[list[Any]]:
    rows = markup.get(key)
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{key}" must be of type Array')
    return rows


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise bad_request(_TEXT_BUTTON)
    actions = [name for name in _BUTTON_ACTIONS if name in button]
    if not actions:
        raise bad_request(_TEXT_BUTTON)
    data = button.get("callback_data")
    if data is not None:
        size = len(str(data).encode("utf-8"))
        if not 1 <= size <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and not re.match(r"(https?|tg)://\S+$", str(url)):
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _check_reply_button(button: Any) -> None:
    text = button.get("text") if isinstance(button, dict) else button
    if not isinstance(text, str) or not text:
        raise bad_request("can't parse reply keyboard markup JSON object")


def parse_reply_markup(value: Any, *, inline_only: bool = False) -> ReplyMarkup | None:
    """The reply_markup parameter as a PTB object, checked like Telegram checks it."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in value:
        for row in _rows(value, "inline_keyboard"):
            for button in row:
                _check_inline_button(button)
        return InlineKeyboardMarkup.de_json(value, None)
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in value:
        rows = _rows(value, "keyboard")
        for row in rows:
            for button in row:
                _check_reply_button(button)
        options = {name: value[name] for name in _REPLY_KEYBOARD_OPTIONS if name in value}
        buttons = [
            [KeyboardButton.de_json(b if isinstance(b, dict) else {"text": b}, None) for b in row]
            for row in rows
        ]
        return ReplyKeyboardMarkup(buttons, **options)
    if value.get("remove_keyboard"):
        return ReplyKeyboardRemove.de_json(value, None)
    if value.get("force_reply"):
        return ForceReply.de_json(value, None)
    raise bad_request("can't parse reply keyboard markup JSON object")


@dataclass(frozen=True)
class PollSpec:
    """A validated sendPoll request."""

    question: str
    options: list[str]
    is_quiz: bool
    correct_option_ids: list[int]
    explanation: str | None


def _option_text(option: Any) -> str:
    if isinstance(option, dict):
        return str(option.get("text", ""))
    return str(option)


def check_poll(
    question: str | None,
    options: Any,
    poll_type: str | None,
    correct_option_ids: list[int],
    explanation: str | None,
) -> PollSpec:
    """Validate a poll the way Telegram does (question, options, quiz fields)."""
    question = (question or "").strip()
    if not question:
        raise bad_request("poll question must be non-empty")
    if len(question) > PollLimit.MAX_QUESTION_LENGTH:
        raise bad_request(f"poll question length must not exceed {PollLimit.MAX_QUESTION_LENGTH}")
    if not isinstance(options, list) or len(options) < PollLimit.MIN_OPTION_NUMBER:
        raise bad_request("poll must have at least one answer option")
    if len(options) > PollLimit.MAX_OPTION_NUMBER:
        raise bad_request(f"poll can't have more than {PollLimit.MAX_OPTION_NUMBER} options")
    texts = [_option_text(option).strip() for option in options]
    if any(not text for text in texts):
        raise bad_request("poll options must be non-empty")
    if any(len(text) > PollLimit.MAX_OPTION_LENGTH for text in texts):
        raise bad_request(f"poll options length must not exceed {PollLimit.MAX_OPTION_LENGTH}")
    if poll_type not in (None, "regular", "quiz"):
        raise bad_request("wrong poll type specified")
    is_quiz = poll_type == "quiz"
    in_range = all(0 <= option < len(texts) for option in correct_option_ids)
    increasing = correct_option_ids == sorted(set(correct_option_ids))
    if is_quiz and not (correct_option_ids and in_range and increasing):
        raise bad_request("wrong correct option ID specified")
    if explanation and len(explanation) > PollLimit.MAX_EXPLANATION_LENGTH:
        raise bad_request("explanation length must not exceed 200")
    if explanation and explanation.count("\n") > PollLimit.MAX_EXPLANATION_LINE_FEEDS:
        raise bad_request("explanation must have at most 2 line feeds")
    return PollSpec(question, texts, is_quiz, correct_option_ids if is_quiz else [], explanation)


def parse_commands(value: Any) -> list[BotCommand]:
    """The commands parameter of setMyCommands, checked like Telegram checks it."""
    if not isinstance(value, list):
        raise bad_request("can't parse commands JSON object")
    if len(value) > 100:
        raise bad_request("too many commands specified")
    commands: list[BotCommand] = []
    for item in value:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand")
        command = str(item.get("command", "")).removeprefix("/")
        description = str(item.get("description", "")).strip()
        if not _COMMAND.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        commands.append(BotCommand(command, description))
    return commands
