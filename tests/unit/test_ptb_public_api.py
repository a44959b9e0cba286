"""citybot uses python-telegram-bot through its public API only, so that a PTB release may
change its internals without breaking the bot silently: no private module is imported, no
private member of a PTB class is overridden, called or read."""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path

import telegram
import telegram.error
import telegram.ext
import telegram.request

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "storage", "knowledge")


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            yield module.removesuffix(".__init__"), ast.parse(path.read_text("utf-8"))


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _ptb_classes() -> list[type]:
    found = []
    for module in (telegram, telegram.ext, telegram.request, telegram.error):
        found += [value for _, value in inspect.getmembers(module, inspect.isclass)]
    return found


PTB_PRIVATE = {name for cls in _ptb_classes() for name in dir(cls) if _is_private(name)}
"""Every private member of every public PTB class."""


def _defined_names(tree: ast.AST) -> set[str]:
    """Names a body defines: functions, classes, assigned names and attributes."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return names


def _class_body_names(node: ast.ClassDef) -> set[str]:
    """The members a class statement itself defines (methods and class attributes)."""
    names: set[str] = set()
    for item in node.body:
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(item.name)
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            names.add(item.target.id)
        elif isinstance(item, ast.Assign):
            names |= {t.id for t in item.targets if isinstance(t, ast.Name)}
    return names


def _imports_telegram(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
            a.name.split(".")[0] == "telegram" for a in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "telegram":
            return True
    return False


def test_no_private_ptb_module_is_imported() -> None:
    wrong = []
    for module, tree in _sources():
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "telegram" and any(_is_private(part) for part in parts):
                    wrong.append(f"{module}:{node.lineno} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_no_private_ptb_member_is_overridden_or_used() -> None:
    ours = set().union(*(_defined_names(tree) for _, tree in _sources()))
    wrong = []
    for module_name, tree in _sources():
        if not _imports_telegram(tree):
            continue  # storage/ and knowledge/ never do (the import contracts hold them)
        module = importlib.import_module(module_name)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                wrong += _class_misuses(module_name, module, node)
            elif isinstance(node, ast.Attribute) and node.attr in PTB_PRIVATE:
                target = node.value
                on_ptb = isinstance(target, ast.Name) and getattr(
                    getattr(module, target.id, None), "__module__", ""
                ).startswith("telegram")
                # A PTB object's private member (ExtBot._LOGGER), or one no code of ours
                # defines (so it can only be PTB's: application._something).
                if on_ptb or node.attr not in ours:
                    wrong.append(f"{module_name}:{node.lineno} uses PTB's {node.attr}")
    assert not wrong, "\n".join(wrong)


def _class_misuses(module_name: str, module: object, node: ast.ClassDef) -> list[str]:
    """A subclass of a PTB class overriding, calling or reading PTB's private members."""
    cls = getattr(module, node.name, None)
    if not inspect.isclass(cls):
        return []
    ptb = [base for base in cls.__mro__[1:] if base.__module__.startswith("telegram")]
    if not ptb:
        return []
    own = [base for base in cls.__mro__ if not base.__module__.startswith(("telegram", "builtins"))]
    own_names = set().union(*(set(vars(base)) for base in own)) - {
        name for name in _class_body_names(node) if any(name in vars(base) for base in ptb)
    }
    wrong = [
        f"{module_name}:{node.lineno} {node.name} overrides PTB's {name}"
        for name in sorted(_class_body_names(node))
        if _is_private(name) and any(name in vars(base) for base in ptb)
    ]
    for inner in ast.walk(node):
        if (
            isinstance(inner, ast.Attribute)
            and _is_private(inner.attr)
            and inner.attr not in own_names
            and any(hasattr(base, inner.attr) for base in ptb)
        ):
            wrong.append(f"{module_name}:{inner.lineno} {node.name} uses PTB's {inner.attr}")
    return wrong
