"""Read a YAML question file into raw questions, keeping the line of every value.

PyYAML's composer gives a node tree where each node knows where it starts
(`start_mark.line`, 0-based); we walk that tree instead of the plain Python objects, so a
problem with option 3 is reported on option 3's line. The layout is a list of questions, or
a mapping whose `questions` key holds that list (what the shipped bank uses).
"""

from __future__ import annotations

from typing import Final

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from knowledge.quiz.problems import Problem, problem
from knowledge.quiz.raw import (
    FIELDS,
    LANGS,
    SCALAR_FIELDS,
    TEXT_FIELDS,
    Cell,
    LocalCells,
    RawQuestion,
)

_NULL: Final = "tag:yaml.org,2002:null"
_INT: Final = "tag:yaml.org,2002:int"


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _scalar_text(node: ScalarNode) -> str:
    return "" if node.tag == _NULL else str(node.value)


class _Reader:
    """Turns one question mapping node into a RawQuestion, noting shape problems."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()

    def question(self, node: Node) -> RawQuestion:
        raw = RawQuestion(line=_line(node), answer_base=0)
        if not isinstance(node, MappingNode):
            self._fail(raw, _line(node), "not_mapping")
            raw.unreadable = True
            return raw
        for key_node, value in node.value:
            key = _scalar_text(key_node) if isinstance(key_node, ScalarNode) else ""
            line = _line(key_node)
            if key not in FIELDS:
                self._fail(raw, line, "field_unknown", field=key or "?")
            elif key in raw.present:
                self._fail(raw, line, "field_repeated", field=key)
            else:
                raw.present.add(key)
                self._field(raw, key, value, line)
        return raw

    def _fail(self, raw: RawQuestion, line: int, code: str, /, **params: str | int) -> None:
        self.problems.append(problem(line, code, **params))
        raw.broken = True

    def _field(self, raw: RawQuestion, key: str, node: Node, key_line: int) -> None:
        if key in SCALAR_FIELDS:
            if not isinstance(node, ScalarNode):
                self._fail(raw, _line(node), "scalar_type", field=key)
            elif key == "answer" and node.tag == _INT:
                value = self._constructor.construct_object(node)
                raw.scalars[key] = Cell(int(value), _line(node))
            else:
                raw.scalars[key] = Cell(_scalar_text(node), _line(node))
        elif key in TEXT_FIELDS:
            cells = self._local(raw, node, key)
            if cells is not None:
                raw.texts[key] = cells
        elif isinstance(node, SequenceNode):
            raw.options_line = key_line
            for item in node.value:
                raw.options.append(self._local(raw, item, "options") or {})
        else:
            self._fail(raw, _line(node), "options_type")

    def _local(self, raw: RawQuestion, node: Node, name: str) -> LocalCells | None:
        """A plain text (Chinese) or a mapping {zh: …, en: …}."""
        if isinstance(node, ScalarNode):
            return {"zh": Cell(_scalar_text(node), _line(node))}
        if not isinstance(node, MappingNode):
            self._fail(raw, _line(node), "text_type", field=name)
            return None
        cells: LocalCells = {}
        for key_node, value in node.value:
            lang = _scalar_text(key_node) if isinstance(key_node, ScalarNode) else "?"
            if lang not in LANGS:
                self._fail(raw, _line(key_node), "lang_unknown", lang=lang)
            elif not isinstance(value, ScalarNode):
                self._fail(raw, _line(value), "text_type", field=name)
            else:
                cells[lang] = Cell(_scalar_text(value), _line(value))
        return cells


def _question_nodes(root: Node) -> tuple[list[Node], list[Problem]]:
    if isinstance(root, SequenceNode):
        return list(root.value), []
    if isinstance(root, MappingNode):
        items: list[Node] | None = None
        problems: list[Problem] = []
        for key_node, value in root.value:
            key = _scalar_text(key_node) if isinstance(key_node, ScalarNode) else "?"
            if key == "questions" and isinstance(value, SequenceNode):
                items = list(value.value)
            elif key == "questions" and isinstance(value, ScalarNode) and value.tag == _NULL:
                items = []  # "questions:" with nothing under it: an empty file
            elif key != "questions":
                problems.append(problem(_line(key_node), "field_unknown", field=key))
        if items is not None:
            return items, problems
    return [], [problem(_line(root), "yaml_layout")]


def read_yaml(text: str) -> tuple[list[RawQuestion], list[Problem]]:
    """Raw questions of a YAML file, and the problems of its syntax and shape."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(filter(None, (exc.context, exc.problem))) or "cannot parse"
        return [], [problem(mark.line + 1 if mark else 0, "yaml_syntax", detail=detail)]
    except yaml.YAMLError as exc:
        return [], [problem(0, "yaml_syntax", detail=str(exc))]
    if root is None or (isinstance(root, ScalarNode) and not _scalar_text(root).strip()):
        return [], [problem(0, "file_empty")]
    nodes, problems = _question_nodes(root)
    reader = _Reader()
    raws = [reader.question(node) for node in nodes]
    return raws, problems + reader.problems
