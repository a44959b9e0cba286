"""Message text as Telegram stores it: HTML parse mode, automatic entities, trimming."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from telegram import MessageEntity

from bot.standin.errors import bad_request

SIMPLE_TAGS = {
    "b": MessageEntity.BOLD,
    "strong": MessageEntity.BOLD,
    "i": MessageEntity.ITALIC,
    "em": MessageEntity.ITALIC,
    "u": MessageEntity.UNDERLINE,
    "ins": MessageEntity.UNDERLINE,
    "s": MessageEntity.STRIKETHROUGH,
    "strike": MessageEntity.STRIKETHROUGH,
    "del": MessageEntity.STRIKETHROUGH,
    "tg-spoiler": MessageEntity.SPOILER,
    "code": MessageEntity.CODE,
    "pre": MessageEntity.PRE,
}
SUPPORTED_TAGS = {*SIMPLE_TAGS, "a", "span", "tg-emoji", "blockquote"}
HTML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});")
_NAME_CHARS = re.compile(r"[a-zA-Z0-9-]*")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(html: str, index: int) -> int:
    return len(html[:index].encode("utf-8"))


def _fail(reason: str) -> Exception:
    return bad_request(f"can't parse entities: {reason}")


@dataclass
class _OpenTag:
    name: str
    attributes: dict[str, str]
    offset: int
    language: str | None = field(default=None)


class _HtmlParser:
    """A strict parser for Telegram's HTML parse mode, modelled on tdlib's."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.pos = 0
        self.parts: list[str] = []
        self.length = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[MessageEntity] = []

    def emit(self, text: str) -> None:
        self.parts.append(text)
        self.length += utf16_len(text)

    def run(self) -> tuple[str, list[MessageEntity]]:
        html = self.html
        while self.pos < len(html):
            char = html[self.pos]
            if char == "&":
                self.emit(self.read_entity())
            elif char == "<":
                if html.startswith("</", self.pos):
                    self.end_tag()
                else:
                    self.start_tag()
            else:
                self.emit(char)
                self.pos += 1
        if self.stack:
            name = self.stack[-1].name
            raise _fail(f'Can\'t find end tag corresponding to start tag "{name}"')
        self.entities.sort(key=lambda entity: (entity.offset, -entity.length))
        return "".join(self.parts), self.entities

    def read_entity(self) -> str:
        match = _ENTITY.match(self.html, self.pos)
        if match is None:
            self.pos += 1
            return "&"
        name = match.group(1)
        if name.startswith("#x"):
            decoded: str | None = chr(int(name[2:], 16))
        elif name.startswith("#"):
            decoded = chr(int(name[1:])) if int(name[1:]) <= 0x10FFFF else None
        else:
            decoded = HTML_ENTITIES.get(name)
        if decoded is None:
            self.pos += 1
            return "&"
        self.pos = match.end()
        return decoded

    def read_name(self) -> str:
        match = _NAME_CHARS.match(self.html, self.pos)
        assert match is not None
        self.pos = match.end()
        return match.group(0).lower()

    def skip_spaces(self) -> None:
        while self.pos < len(self.html) and self.html[self.pos].isspace():
            self.pos += 1

    def start_tag(self) -> None:
        begin = self.pos
        self.pos += 1
        name = self.read_name()
        if name not in SUPPORTED_TAGS:
            offset = _byte_offset(self.html, begin)
            raise _fail(f'Unsupported start tag "{name}" at byte offset {offset}')
        attributes = self.read_attributes(begin, name)
        if name == "span" and attributes.get("class") != "tg-spoiler":
            offset = _byte_offset(self.html, begin)
            raise _fail(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
        self.stack.append(_OpenTag(name, attributes, self.length))

    def read_attributes(self, begin: int, tag: str) -> dict[str, str]:
        html = self.html
        attributes: dict[str, str] = {}
        while True:
            self.skip_spaces()
            if self.pos >= len(html):
                raise _fail(f"Unclosed start tag at byte offset {_byte_offset(html, begin)}")
            if html[self.pos] == ">":
                self.pos += 1
                return attributes
            name = self.read_name()
            if not name:
                offset = _byte_offset(html, self.pos)
                raise _fail(f'Empty attribute name in the tag "{tag}" at byte offset {offset}')
            self.skip_spaces()
            if self.pos < len(html) and html[self.pos] == "=":
                self.pos += 1
                self.skip_spaces()
                attributes[name] = self.read_value(begin)
            else:
                attributes[name] = ""

    def read_value(self, begin: int) -> str:
        html = self.html
        if self.pos < len(html) and html[self.pos] in "\"'":
            quote = html[self.pos]
            end = html.find(quote, self.pos + 1)
            if end < 0:
                raise _fail(f"Unclosed start tag at byte offset {_byte_offset(html, begin)}")
            raw, self.pos = html[self.pos + 1 : end], end + 1
        else:
            match = re.compile(r"[^\s>]*").match(html, self.pos)
            assert match is not None
            raw, self.pos = match.group(0), match.end()
        return _ENTITY.sub(lambda m: HTML_ENTITIES.get(m.group(1), m.group(0)), raw)

    def end_tag(self) -> None:
        begin = self.pos
        self.pos += 2
        name = self.read_name()
        self.skip_spaces()
        offset = _byte_offset(self.html, begin)
        if self.pos >= len(self.html) or self.html[self.pos] != ">":
            raise _fail(f"Unclosed end tag at byte offset {offset}")
        self.pos += 1
        if not self.stack:
            raise _fail(f"Unexpected end tag at byte offset {offset}")
        tag = self.stack.pop()
        if tag.name != name:
            raise _fail(
                f'Unmatched end tag at byte offset {offset}, expected "</{tag.name}>", '
                f'found "</{name}>"'
            )
        self.close(tag)

    def close(self, tag: _OpenTag) -> None:
        length = self.length - tag.offset
        parent = self.stack[-1] if self.stack else None
        language = tag.attributes.get("class", "")
        if tag.name == "code" and parent is not None and parent.name == "pre":
            if language.startswith("language-"):
                parent.language = language.removeprefix("language-")
            return
        if length == 0:
            return
        entity = self.entity_for(tag, length)
        if entity is not None:
            self.entities.append(entity)

    def entity_for(self, tag: _OpenTag, length: int) -> MessageEntity | None:
        attrs = tag.attributes
        if tag.name == "a":
            href = attrs.get("href", "")
            return (
                MessageEntity(MessageEntity.TEXT_LINK, tag.offset, length, url=href)
                if href
                else None
            )
        if tag.name == "span":
            return MessageEntity(MessageEntity.SPOILER, tag.offset, length)
        if tag.name == "tg-emoji":
            emoji_id = attrs.get("emoji-id", "")
            return MessageEntity(
                MessageEntity.CUSTOM_EMOJI, tag.offset, length, custom_emoji_id=emoji_id
            )
        if tag.name == "blockquote":
            kind = (
                MessageEntity.EXPANDABLE_BLOCKQUOTE
                if "expandable" in attrs
                else MessageEntity.BLOCKQUOTE
            )
            return MessageEntity(kind, tag.offset, length)
        if tag.name == "pre":
            return MessageEntity(MessageEntity.PRE, tag.offset, length, language=tag.language)
        return MessageEntity(SIMPLE_TAGS[tag.name], tag.offset, length)


def parse_html(html: str) -> tuple[str, list[MessageEntity]]:
    """Plain text and entities from Telegram HTML; malformed markup is a 400 like Telegram's."""
    return _HtmlParser(html).run()
