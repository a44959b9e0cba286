"""`citybot faq import|export` as an operator runs them: a real process, real CSV and .xlsx
files, a real database. Import is all or nothing, names each bad row by its line, and is
idempotent; export writes the live FAQ (shipped entries overlaid with the changes)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bot.cli.faq_files import COLUMNS
from bot.faq_live import shipped_faq
from tests.integration.test_cli_tickets import run

SHIPPED_ID = next(iter(shipped_faq()))
LAMP = {
    "id": "lamp-1",
    "question": "小区路灯坏了找谁修？",
    "similar": "路灯不亮怎么办\n楼下盏灯坏咗揾边个",
    "answer_zh": "小区内的路灯由物业维修；市政道路的路灯请拨打12345。",
    "answer_en": "",
    "source": "",
    "passage": "",
}


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _shipped_row(**changes: str) -> dict[str, str]:
    entry = shipped_faq()[SHIPPED_ID]
    row = {name: str(getattr(entry, name)) for name in COLUMNS if name != "similar"}
    row["similar"] = "\n".join(entry.similar)
    return {name: changes.get(name, row[name]) for name in COLUMNS}  # in the file's order


def _sheet_rows(path: Path) -> dict[str, dict[str, str]]:
    book = load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header = [str(v) for v in rows[0]]
    book.close()
    return {str(r[0]): dict(zip(header, [v or "" for v in r], strict=True)) for r in rows[1:]}


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    upgraded = run(["db", "upgrade"], tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    return tmp_path


def test_import_adds_and_changes_once_and_export_shows_the_live_faq(workdir: Path) -> None:
    edited = _shipped_row(answer_zh="新的标准答案：以区城管局最新公告为准。")
    source = _write_csv(workdir / "faq.csv", [LAMP, edited])
    first = run(["faq", "import", str(source)], workdir)
    assert first.returncode == 0, first.stderr
    assert "1 added, 1 changed, 0 unchanged" in first.stdout
    again = run(["faq", "import", str(source)], workdir)
    assert "0 added, 0 changed, 2 unchanged" in again.stdout, again.stderr

    exported = run(["faq", "export", str(workdir / "live.xlsx")], workdir)
    assert exported.returncode == 0, exported.stderr
    rows = _sheet_rows(workdir / "live.xlsx")
    assert len(rows) == len(shipped_faq()) + 1
    assert rows["lamp-1"]["similar"] == "路灯不亮怎么办\n楼下盏灯坏咗揾边个"
    assert rows["lamp-1"]["source"] == "staff"
    assert rows[SHIPPED_ID]["answer_zh"] == "新的标准答案：以区城管局最新公告为准。"


def test_an_edited_xlsx_export_imports_back_as_one_change(workdir: Path) -> None:
    assert run(["faq", "export", str(workdir / "live.xlsx")], workdir).returncode == 0
    book = load_workbook(workdir / "live.xlsx")
    sheet = book.worksheets[0]
    sheet.cell(row=2, column=COLUMNS.index("answer_en") + 1, value="A new English answer.")
    book.save(workdir / "live.xlsx")
    imported = run(["faq", "import", str(workdir / "live.xlsx")], workdir)
    assert imported.returncode == 0, imported.stderr
    assert f"0 added, 1 changed, {len(shipped_faq()) - 1} unchanged" in imported.stdout
    assert run(["faq", "export", str(workdir / "after.csv")], workdir).returncode == 0
    with (workdir / "after.csv").open(encoding="utf-8-sig", newline="") as rows:
        first = next(csv.DictReader(rows))
    assert first["answer_en"] == "A new English answer."


def test_a_file_with_bad_rows_is_refused_whole_naming_each_line(workdir: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    good = [LAMP[name] for name in COLUMNS]
    sheet.append(good)  # line 2: fine, yet not imported since others are not
    sheet.append(["lamp-2", "", "", "有答案", "", "", ""])  # line 3: no question
    sheet.append(["lamp-1", "重复", "", "答", "", "no-such-doc.md", ""])  # line 4: two problems
    sheet.append(list(_shipped_row(answer_en="").values()))  # line 5: a shipped one loses en
    book.save(workdir / "bad.xlsx")
    refused = run(["faq", "import", str(workdir / "bad.xlsx")], workdir)
    assert refused.returncode == 1
    lines = refused.stderr.splitlines()
    assert any("line 3" in line and "question is missing" in line for line in lines)
    assert any("line 4" in line and "already on line 2" in line for line in lines)
    assert any(
        "line 4" in line and "no-such-doc.md is not a corpus document" in line for line in lines
    )
    assert any("line 5" in line and "answer.en is missing" in line for line in lines)
    assert not any(line.startswith("bad.xlsx: line 2:") for line in lines)
    assert "nothing imported (4 problems)" in lines[-1]
    assert run(["faq", "export", str(workdir / "live.csv")], workdir).returncode == 0
    with (workdir / "live.csv").open(encoding="utf-8-sig", newline="") as rows:
        assert "lamp-1" not in {row["id"] for row in csv.DictReader(rows)}


def test_a_file_that_is_no_faq_list_is_refused_with_one_line(workdir: Path) -> None:
    wrong = workdir / "wrong.csv"
    wrong.write_text("编号,问题\n1,垃圾桶满了\n", encoding="utf-8")
    refused = run(["faq", "import", str(wrong)], workdir)
    assert refused.returncode == 1
    assert "unknown column '编号'" in refused.stderr and "column 'id' is missing" in refused.stderr
    text = workdir / "faq.txt"
    text.write_text("id,question\n", encoding="utf-8")
    assert "use a .csv or .xlsx file" in run(["faq", "import", str(text)], workdir).stderr
    fake = workdir / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    assert "not an Excel .xlsx file" in run(["faq", "import", str(fake)], workdir).stderr
