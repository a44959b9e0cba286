"""How an answer of the policy index is rendered: the answer, then numbered citations.

`render_answer` turns knowledge/'s structured `Answer` into the text a user reads; the bot's
handlers and `citybot kb ask` both call it, so chat and command line say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from bot.messages import in_script, is_chinese, t, t_
from knowledge.ingest.splitter import lay_out

if TYPE_CHECKING:
    from knowledge.answer import Answer, Source

SMALLTALK: Final = {
    "greeting": t_("kb.smalltalk.greeting"),
    "thanks": t_("kb.smalltalk.thanks"),
    "goodbye": t_("kb.smalltalk.goodbye"),
    "identity": t_("kb.smalltalk.identity"),
    "acknowledge": t_("kb.smalltalk.acknowledge"),
}
"""The canned reply to each kind of chit-chat (knowledge.smalltalk.SmallTalk)."""


def answer_language(asked_in: str, reader: str) -> str:
    """The language to answer in: the question's (an English question in a Chinese chat gets
    English), in the reader's script (a Chinese question from a zh-Hant reader, traditional)."""
    if not asked_in or (is_chinese(asked_in) and is_chinese(reader)):
        return reader
    return asked_in


def render_answer(answer: Answer, lang: str | None = None) -> str:
    """The text a user reads: the answer sentences, then numbered citations (or the abstention).

    Callers pass `answer.lang` (the language the question was asked in) to answer in kind."""
    if answer.smalltalk is not None:
        return t(SMALLTALK[answer.smalltalk.value], lang)
    if answer.kind.value == "empty":
        return t("kb.empty", lang)
    if answer.abstained and not answer.sentences:
        return t("kb.not_sure", lang)
    lines = [t("kb.chinese_only", lang)] if "chinese_only" in answer.notes else []
    lines.append(in_script(answer.text, lang))  # the index's Chinese, in the reader's script
    if answer.abstained:  # what the documents say, though not the fact asked: the hand-over
        lines.append(t("kb.not_given", lang))
    if answer.generated:
        lines.append(t("kb.generated_note", lang))
    if "truncated" in answer.notes:
        lines.append(t("kb.truncated", lang))
    lines.append("")
    lines.append(t("kb.sources_heading", lang))
    lines.extend(
        _citation(number, source, lang) for number, source in enumerate(answer.citations, 1)
    )
    if answer.faq_id and answer.citations and answer.citations[0].text:
        # a standard answer shows the passage it rests on
        lines.append(t("kb.citation_passage", lang, passage=answer.citations[0].text))
    return "\n".join(lines)


def render_passage(source: Source, lang: str | None = None) -> str:
    """The whole cited passage under its document's title, and where it comes from; its
    headings on lines of their own (the index keeps a passage's sentences glued)."""
    title, text = in_script(source.title, lang), in_script(lay_out(source.text), lang)
    lines = [t("kb.full_passage_heading", lang, title=title), text]
    if source.url:
        lines.append(t("kb.citation_link", lang, url=source.url))
    elif source.source_note:
        lines.append(t("kb.citation_note", lang, note=source.source_note))
    return "\n".join(lines)


def _citation(number: int, source: Source, lang: str | None) -> str:
    parts = [part for part in (source.issuer, source.date) if part]
    details = (
        t("kb.citation_details", lang, parts=t("kb.citation_separator", lang).join(parts))
        if parts
        else ""
    )
    from knowledge.answer.faq import STAFF_SOURCE  # the index loads only when it answers

    if source.source == STAFF_SOURCE:  # staff's own answer: the bureau's word, of its day
        staff_details = t("kb.citation_details", lang, parts=source.date) if source.date else ""
        return t("kb.citation_staff", lang, number=number, details=staff_details)
    line = t("kb.citation", lang, number=number, title=source.title, details=details)
    if source.url:
        return line + "\n" + t("kb.citation_link", lang, url=source.url)
    if source.source_note:
        return line + "\n" + t("kb.citation_note", lang, note=source.source_note)
    return line
