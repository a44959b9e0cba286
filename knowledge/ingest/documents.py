"""Reading source documents: Markdown (with YAML front matter), text, HTML, PDF and DOCX.

Every reader returns a `Document` with plain text and the citation fields (title, issuer,
date, url). A file that cannot be read raises `DocumentError` naming it, so `kb build` can
report it and carry on with the rest.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from knowledge.errors import DocumentError, SourceNotFoundError

SUPPORTED_SUFFIXES: Final = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")
_FRONT_MATTER: Final = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Document:
    """One source document, as text plus what a citation needs."""

    source: str  # path relative to its source folder, e.g. "gas-subsidy.md"
    title: str
    text: str
    issuer: str = ""
    date: str = ""
    url: str = ""
    source_note: str = ""
    tags: tuple[str, ...] = ()
    lang: str = "zh"
    content_hash: str = field(default="", compare=False)


def iter_document_paths(folder: Path) -> Iterator[Path]:
    """Every readable-by-suffix file under `folder`, in a stable order, hidden files skipped."""
    if not folder.is_dir():
        raise SourceNotFoundError(f"source folder not found: {folder}")
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes: what decides whether a document changed."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise DocumentError(path, f"cannot read ({exc.strerror or exc})") from exc


def read_document(path: Path, source: str) -> Document:
    """Read one file into a Document; raises DocumentError if it is corrupt or empty."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(path, f"unsupported format {path.suffix!r}")
    try:
        meta, text = reader(path)
    except DocumentError:
        raise
    except Exception as exc:  # parsers raise many types on corrupt input; we report them all
        raise DocumentError(path, f"cannot parse ({type(exc).__name__}: {exc})") from exc
    text = _tidy(text)
    if not text:
        raise DocumentError(path, "no text found")
    return Document(
        source=source,
        title=_field(meta, "title") or _title_from(text, path),
        text=text,
        issuer=_field(meta, "issuer"),
        date=_field(meta, "date"),
        url=_field(meta, "source") or _field(meta, "url"),
        source_note=_field(meta, "source_note"),
        tags=tuple(str(tag) for tag in meta.get("tags") or ()),
        lang=_field(meta, "lang") or "zh",
        content_hash=file_hash(path),
    )


def _field(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    return "" if value is None else str(value).strip()


def _title_from(text: str, path: Path) -> str:
    first_line = text.split("\n", 1)[0].strip()
    return first_line[:60] if first_line else path.stem


def _tidy(text: str) -> str:
    lines = (re.sub(r"[ \t\u3000]+", " ", line).strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(path, "not UTF-8 or GB18030 text")


def _markdown(path: Path) -> tuple[dict[str, Any], str]:
    source = _read_text(path)
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(source)
    if match:
        loaded = yaml.safe_load(match.group(1))
        if not isinstance(loaded, dict):
            raise DocumentError(path, "front matter is not a mapping")
        meta, source = loaded, source[match.end() :]
    return meta, markdown_to_text(source)


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown syntax (headings, emphasis, links, tables, lists) down to prose."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.DOTALL)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*\|?\s*:?-{3,}.*$", "", text, flags=re.MULTILINE)
    text = text.replace("|", " ")
    return re.sub(r"(\*\*|__|\*|`)", "", text)


def _plain(path: Path) -> tuple[dict[str, Any], str]:
    return {}, _read_text(path)


def _html(path: Path) -> tuple[dict[str, Any], str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_read_text(path), "html.parser")
    for hidden in soup(["script", "style", "nav", "footer", "header", "noscript"]):
        hidden.decompose()
    meta: dict[str, Any] = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    for name in ("author", "publisher", "date"):
        tag = soup.find("meta", attrs={"name": name})
        if tag is not None and tag.get("content"):
            meta["issuer" if name != "date" else "date"] = str(tag["content"])
    return meta, soup.get_text("\n")


def _pdf(path: Path) -> tuple[dict[str, Any], str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    meta: dict[str, Any] = {}
    info = reader.metadata
    if info is not None:
        meta = {"title": info.title, "issuer": info.author}
    return meta, "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx(path: Path) -> tuple[dict[str, Any], str]:
    import docx

    document = docx.Document(str(path))
    props = document.core_properties
    meta = {"title": props.title, "issuer": props.author}
    if props.created is not None:
        meta["date"] = props.created.date().isoformat()
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        paragraphs.extend(" ".join(cell.text for cell in row.cells) for row in table.rows)
    return meta, "\n".join(paragraphs)


_READERS: Final[dict[str, Callable[[Path], tuple[dict[str, Any], str]]]] = {
    ".md": _markdown,
    ".markdown": _markdown,
    ".txt": _plain,
    ".html": _html,
    ".htm": _html,
    ".pdf": _pdf,
    ".docx": _docx,
}
