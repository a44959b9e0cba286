"""Reading the bot's words back: which catalogue text a message is, in which language, and
whether anything in it is not for a person's eyes (code, ids, exceptions, the other language).

The language rules, precisely:
- A reply to an English reader may contain Chinese characters (and full-width punctuation)
  only in runs that someone in the journey typed (a description, an address, a venue, a staff
  note, a name) or that the English catalogue itself uses on purpose (the language button's
  "中文", the bot's name, the policy term 门前三包 in a category's name). An answer of the policy
  index may quote its Chinese sources: its citation lines, and a whole answer that says it
  could only answer in Chinese.
- A reply to a Chinese reader may contain Latin words only if the Chinese catalogue uses them
  (GPS, CSV, command names), someone typed them, or they are part of a URL, a /command or a
  ticket number. An answer of the index is held to the weaker rule: no English sentence.
  A reader of simplified characters gets no traditional ones (beyond what people typed).
- An answer of the index is in the language of the question (documented): a Chinese question
  from an English reader is answered in Chinese, and the other way round; so are the cited
  passages it offers, whose heading alone is the bot's (the rest is the source, quoted).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from zhconv import convert

from bot.messages import CATALOGUE, MSGIDS, t
from storage import load_catalog

_PLACEHOLDER = re.compile(r"\{(\w+)(?::[^}]*)?\}")
CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){3,}")
_NOT_WORDS = re.compile(
    r"https?://\S+|tg://\S+|/[a-z_]+(?:@\w+)?|[A-Z]{2,4}-\d{8}-\d{4,9}|[\w.+-]+@[\w-]+\.[\w.]+"
)


def _pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(template)
    seen: set[str] = set()
    regex = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            regex.append(re.escape(part))
        elif part in seen:
            regex.append(f"(?P={part})")
        else:
            seen.add(part)
            regex.append(f"(?P<{part}>.*?)")
    return re.compile("".join(regex), re.DOTALL)


@cache
def pattern(key: str, lang: str) -> re.Pattern[str]:
    """The catalogue text `key` in `lang` as a pattern, its placeholders as named groups."""
    return _pattern(t(key, lang))


def match(text: str, key: str, lang: str | None = None) -> re.Match[str] | None:
    """The match of `text` as the whole catalogue text `key` (in `lang`, else any language)."""
    langs = [lang] if lang else list(CATALOGUE.get(key, {}))
    for code in langs:
        found = pattern(key, code).fullmatch(text)
        if found is not None:
            return found
    return None


def is_text(text: str, *keys: str, lang: str | None = None) -> bool:
    """True if `text` is one of the catalogue texts `keys` (in `lang`, else any language)."""
    return any(match(text, key, lang) is not None for key in keys)


def keys_of(text: str) -> list[str]:
    """Every catalogue text `text` is, in any language (for counting what journeys reach)."""
    return [
        key
        for key, texts in CATALOGUE.items()
        if any(pattern(key, lang).fullmatch(text) for lang in texts)
    ]


def language_of_text(text: str) -> str:
    """'zh' for words with Chinese characters in them, else 'en' (how questions are answered)."""
    return "zh" if HAN.search(text) else "en"


ANSWER_KEYS = (
    "kb.not_sure",
    "kb.empty",
    "kb.smalltalk.greeting",
    "kb.smalltalk.thanks",
    "kb.smalltalk.goodbye",
    "kb.smalltalk.identity",
    "kb.smalltalk.acknowledge",
)


def is_answer(text: str) -> bool:
    """True for an answer of the policy index (sources listed, an abstention, small talk, a
    cited passage shown in full)."""
    headings = [t("kb.sources_heading", lang) for lang in CATALOGUE["kb.sources_heading"]]
    return (
        any(f"\n{heading}\n" in text for heading in headings)
        or is_text(text, *ANSWER_KEYS)
        or _is_passage(text)
    )


def _is_passage(text: str) -> bool:
    """A cited passage shown in full: a heading in the reader's words, then the source's."""
    return is_text(text.split("\n", 1)[0], "kb.full_passage_heading")


@cache
def _english_han() -> tuple[str, ...]:
    """The Chinese the English catalogue and category file use on purpose."""
    runs = {run for texts in CATALOGUE.values() for run in CJK_RUN.findall(texts.get("en", ""))}
    catalog = load_catalog()
    for category in catalog.categories.values():
        runs.update(CJK_RUN.findall(category.name("en")))
    for code in catalog.departments:
        runs.update(CJK_RUN.findall(catalog.department_name(code, "en")))
    return tuple(sorted(runs))


@cache
def _chinese_latin() -> frozenset[str]:
    """The Latin words the Chinese catalogue and category file use on purpose."""
    words: set[str] = set()
    for texts in CATALOGUE.values():
        for lang, text in texts.items():
            if lang.startswith("zh"):
                words.update(w.lower() for w in LATIN_WORD.findall(_PLACEHOLDER.sub(" ", text)))
    catalog = load_catalog()
    for category in catalog.categories.values():
        words.update(w.lower() for w in LATIN_WORD.findall(category.name("zh")))
    return frozenset(words)


@dataclass
class Typed:
    """Everything people in the journey typed or are called, which replies may echo."""

    texts: list[str]

    def add(self, *texts: str | None) -> None:
        """Remember more typed words."""
        self.texts.extend(text for text in texts if text)

    def joined(self) -> str:
        """All of it, with a separator no run can span."""
        return "\x00".join([*self.texts, *_english_han()])

    def latin_words(self) -> set[str]:
        """Every Latin word typed."""
        return {word.lower() for text in self.texts for word in LATIN_WORD.findall(text)}


def _citation_lines(text: str) -> str:
    """An answer's lines before its sources (the sources may be Chinese titles)."""
    for lang in CATALOGUE["kb.sources_heading"]:
        heading = f"\n{t('kb.sources_heading', lang)}\n"
        if heading in text:
            return text.split(heading, 1)[0]
    return text


def language_problems(text: str, lang: str, typed: Typed) -> list[str]:
    """What in `text` is not in `lang` (see the module's rules); empty when it is clean."""
    answer = is_answer(text)
    if answer and lang == "en" and is_text(text.split("\n", 1)[0], "kb.chinese_only", lang="en"):
        return []
    if _is_passage(text):  # the source is quoted as written: only the heading is ours
        text = text.split("\n", 1)[0]
    if lang == "en":
        body = _citation_lines(text) if answer else text
        allowed = typed.joined()
        return [f"Chinese {run!r}" for run in CJK_RUN.findall(body) if run not in allowed]
    stripped = _NOT_WORDS.sub(" ", text)
    if answer:
        return [f"English {s!r}" for s in ENGLISH_SENTENCE.findall(_citation_lines(stripped))]
    allowed_words = _chinese_latin() | typed.latin_words()
    leaks = [w for w in LATIN_WORD.findall(stripped) if w.lower() not in allowed_words]
    problems = [f"English {' '.join(leaks)!r}"] if leaks else []
    if lang == "zh":  # a reader of simplified characters gets no traditional ones
        typed_text = typed.joined()
        problems += [
            f"traditional {run!r}"
            for run in HAN_RUN.findall(text)
            if run not in typed_text and convert(run, "zh-hans") != run
        ]
    return problems


_RAW = re.compile(
    r"Traceback|\bError\b|Exception|\bNone\b|\bnull\b|\b(?:True|False)\b|[{}]|callback"
    r"|object at 0x|\\n|%\(?\w*\)?s|\b[a-z]+_[a-z_]+\b"
)


def raw_problems(text: str, typed: Typed, ids: Iterable[int] = ()) -> list[str]:
    """Code, ids, keys or exception text in `text` that no person should read."""
    clean = _NOT_WORDS.sub(" ", text)
    for typed_text in typed.texts:
        clean = clean.replace(typed_text, " ")
    problems = [
        f"raw {found.group()!r}"
        for found in _RAW.finditer(clean)
        if found.group() not in _catalogue_codes()
    ]
    problems += [f"message key {key!r}" for key in _keys_in(clean)]
    problems += [f"user id {number}" for number in ids if re.search(rf"\b{number}\b", clean)]
    if is_text(text, "error.generic", "error.database"):
        problems.append("the error reply (a handler failed)")
    return problems


@cache
def _catalogue_codes() -> frozenset[str]:
    """Codes the catalogue itself prints for people to type (usage lines: gas_leak)."""
    words = {
        w
        for texts in CATALOGUE.values()
        for v in texts.values()
        for w in re.findall(r"\b[a-z]+_[a-z_]+\b", _PLACEHOLDER.sub(" ", v))
    }
    return frozenset(words)


def _keys_in(text: str) -> list[str]:
    if "." not in text:
        return []
    return [key for key in MSGIDS if "." in key and key in text]
