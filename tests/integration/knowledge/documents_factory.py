"""Real documents in every format we read, written on the fly for the tests."""

from __future__ import annotations

from pathlib import Path

import docx


def write_pdf(path: Path, text: str, title: str = "") -> Path:
    """A minimal but valid PDF whose text layer is `text` (Chinese included).

    The font is a Type0/Identity-H font with a ToUnicode map, the way real PDF writers embed
    CJK text; we leave out the glyph program, which text extraction does not need.
    """
    cids = {ch: i + 1 for i, ch in enumerate(dict.fromkeys(text))}
    hex_text = "".join(f"{cids[ch]:04X}" for ch in text)
    bfchars = "\n".join(f"<{cid:04X}> <{ord(ch):04X}>" for ch, cid in cids.items())
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{len(cids)} beginbfchar\n{bfchars}\nendbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    )
    content = f"BT /F1 12 Tf 72 720 Td <{hex_text}> Tj ET"
    info = f"<< /Title ({title}) >>" if title.isascii() and title else "<< >>"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        "/FontDescriptor 8 0 R >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream",
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 "
        "/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        "/CapHeight 880 /StemV 80 >>",
        info,
    ]
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n{obj}\nendobj\n".encode()
    xref_at = len(body)
    xref = f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    xref += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    trailer = (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    )
    path.write_bytes(body + xref.encode() + trailer.encode())
    return path


def write_docx(path: Path, title: str, paragraphs: list[str], author: str = "") -> Path:
    """A real Word document made with python-docx."""
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "咨询电话"
    table.rows[0].cells[1].text = "12345"
    document.save(str(path))
    return path


def write_markdown(path: Path, title: str, body: str, **meta: str) -> Path:
    """A Markdown document with YAML front matter, like the shipped corpus."""
    extra = "".join(f"{key}: {value}\n" for key, value in meta.items())
    path.write_text(f"---\ntitle: {title}\n{extra}tags: [测试]\nlang: zh\n---\n\n{body}\n", "utf-8")
    return path
