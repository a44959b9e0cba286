"""Answering: FAQ match, the passage composer, citations, abstention and the optional LLM."""

from knowledge.answer.citations import cite
from knowledge.answer.compose import MAX_ANSWER_CHARS, extract_sentences
from knowledge.answer.faq import FaqEntry
from knowledge.answer.result import Answer, AnswerKind, Source

__all__ = [
    "MAX_ANSWER_CHARS",
    "Answer",
    "AnswerKind",
    "FaqEntry",
    "Source",
    "cite",
    "extract_sentences",
]
