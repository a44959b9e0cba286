"""Strings of the policy index (answers, abstentions, citations) and how an answer is rendered.

`render_answer` turns knowledge/'s structured `Answer` into the text a user reads; the bot's
handlers and `citybot kb ask` both call it, so chat and command line say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.answer import Answer, Source

MESSAGES: dict[str, dict[str, str]] = {
    "kb.not_sure": {
        "zh": "这个问题我不太确定，现有的政策资料里没有找到可靠的依据。"
        "您可以拨打 12345 政务服务便民热线咨询；如需要，我也可以把问题转给工作人员。",
        "en": "I'm not sure: the policy documents I have do not clearly answer this. "
        "You can call the 12345 government service hotline, or I can pass your question "
        "to our staff.",
    },
    "kb.empty": {
        "zh": "请用一句话说说您的问题，例如：“煤气罐能放地下室吗？”",
        "en": 'Please type your question in a sentence, e.g. "Can I keep an LPG cylinder '
        'in the basement?"',
    },
    "kb.smalltalk.greeting": {
        "zh": "您好！我是城管小助手，可以回答燃气安全、垃圾分类、门前三包、违法建设等政策问题。"
        "请直接输入您的问题。",
        "en": "Hello! I'm the city-management assistant. Ask me about gas safety, rubbish "
        "sorting, shop-front duties, illegal construction and other city rules.",
    },
    "kb.smalltalk.thanks": {
        "zh": "不客气！还有其他问题随时问我。",
        "en": "You're welcome! Ask me anything else any time.",
    },
    "kb.smalltalk.goodbye": {
        "zh": "再见！注意用气安全。",
        "en": "Goodbye, and stay safe with gas!",
    },
    "kb.smalltalk.identity": {
        "zh": "我是城管小助手：根据官方政策资料回答城市管理和燃气安全问题，并注明出处；"
        "资料里没有的，我会如实告诉您该问谁。",
        "en": "I'm the city-management assistant: I answer city-management and gas-safety "
        "questions from official documents and cite them; when they don't cover a question "
        "I tell you who to ask.",
    },
    "kb.smalltalk.acknowledge": {
        "zh": "好的。有问题随时问我。",
        "en": "OK. Ask me whenever you have a question.",
    },
    "kb.sources_heading": {"zh": "依据：", "en": "Sources:"},
    "kb.citation": {"zh": "{number}. 《{title}》{details}", "en": "{number}. {title}{details}"},
    "kb.citation_details": {"zh": "（{parts}）", "en": " ({parts})"},
    "kb.citation_separator": {"zh": "，", "en": ", "},
    "kb.citation_note": {"zh": "   据：{note}", "en": "   Based on: {note}"},
    "kb.citation_link": {"zh": "   {url}", "en": "   {url}"},
    "kb.generated_note": {
        "zh": "（以上内容由 AI 根据所列资料整理，请以原文为准。）",
        "en": "(Summarised by AI from the documents listed; the originals prevail.)",
    },
    "kb.truncated": {
        "zh": "（您的问题较长，只按开头部分检索。）",
        "en": "(Your question was long; only its beginning was searched.)",
    },
    "kb.build_progress": {"zh": "正在建立索引", "en": "Indexing"},
    "kb.build_summary": {
        "zh": "索引完成：新增 {added}，更新 {updated}，未变 {unchanged}，删除 {removed}，"
        "失败 {failed}；共 {chunks} 个段落。",
        "en": "Index built: {added} added, {updated} updated, {unchanged} unchanged, "
        "{removed} removed, {failed} failed; {chunks} chunks.",
    },
    "kb.build_skipped": {"zh": "已跳过 {name}：{reason}", "en": "Skipped {name}: {reason}"},
    "kb.eval_title": {
        "zh": "评测：{path}（{questions} 题）",
        "en": "Evaluation: {path} ({questions} questions)",
    },
    "kb.eval_metric": {"zh": "指标", "en": "Metric"},
    "kb.eval_value": {"zh": "数值", "en": "Value"},
    "kb.eval_abstention": {"zh": "拒答准确率", "en": "abstention accuracy"},
    "kb.eval_latency": {"zh": "延迟 {which}", "en": "latency {which}"},
    "kb.eval_misses": {"zh": "前 5 未命中：{count} 题", "en": "Not in the top 5: {count}"},
}


def render_answer(answer: Answer, lang: str | None = None) -> str:
    """The text a user reads: the answer sentences, then numbered citations (or the abstention)."""
    from bot.messages import t  # here, not at the top: bot.messages imports this module

    if answer.smalltalk is not None:
        return t(f"kb.smalltalk.{answer.smalltalk.value}", lang)
    if answer.kind.value == "empty":
        return t("kb.empty", lang)
    if answer.abstained:
        return t("kb.not_sure", lang)
    lines = [answer.text]
    if answer.generated:
        lines.append(t("kb.generated_note", lang))
    if "truncated" in answer.notes:
        lines.append(t("kb.truncated", lang))
    lines.append("")
    lines.append(t("kb.sources_heading", lang))
    lines.extend(
        _citation(number, source, lang) for number, source in enumerate(answer.citations, 1)
    )
    return "\n".join(lines)


def _citation(number: int, source: Source, lang: str | None) -> str:
    from bot.messages import t

    parts = [part for part in (source.issuer, source.date) if part]
    details = (
        t("kb.citation_details", lang, parts=t("kb.citation_separator", lang).join(parts))
        if parts
        else ""
    )
    line = t("kb.citation", lang, number=number, title=source.title, details=details)
    if source.url:
        return line + "\n" + t("kb.citation_link", lang, url=source.url)
    if source.source_note:
        return line + "\n" + t("kb.citation_note", lang, note=source.source_note)
    return line
