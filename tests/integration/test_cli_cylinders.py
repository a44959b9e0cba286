"""`citybot cylinders import FILE` as an operator runs it: a real process, a real CSV, a real
database. A file with any unfit row is refused whole, each problem named with its line and a
non-zero exit; a good file imports once (again: nothing changes); the shipped sample imports
and its cylinders check as it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.cylinders import RegistryProblems, read_registry
from storage.cylinders.sample import SAMPLE_FILE, sample_csv
from tests.integration.test_cli_tickets import run

HEADER = (
    "code,filling_station,supplier,licence_number,last_inspection,next_inspection_due,scrap_date"
)
GOOD = [
    "GZ-1,白云充装站,示例燃气公司,粤2026-01,2024-05-01,2028-05-01,",
    "GZ-2,白云充装站,示例燃气公司,粤2026-01,2020-05-01,2024-05-01,",
    "GZ-3,番禺充装站,示例燃气公司,粤2026-01,2024-05-01,2028-05-01,2025-01-01",
]


def _write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    upgraded = run(["db", "upgrade"], tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    return tmp_path


def test_a_file_with_errors_is_refused_whole_with_each_line(workdir: Path) -> None:
    bad = _write(
        workdir / "bad.csv",
        [
            HEADER,
            GOOD[0],
            "GZ 4,白云充装站,示例燃气公司,粤2026-01,2024-05-01,2028-05-01,",  # a space
            "GZ-5,,示例燃气公司,,2024-05-01,2028-13-01,",  # no station, no such month
            GOOD[0],  # the same code again
            "GZ-6,白云充装站,示例燃气公司,粤2026-01,2024-05-01,,",  # no due date
        ],
    )
    result = run(["cylinders", "import", str(bad)], workdir)
    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert any("line 3:" in p and "'GZ 4'" in p for p in problems), problems
    assert any("line 4:" in p and "filling_station is empty" in p for p in problems)
    assert any("line 4:" in p and "'2028-13-01' is not a date" in p for p in problems)
    assert any("line 5:" in p and "repeats line 2" in p for p in problems)
    assert any("line 6:" in p and "next_inspection_due is empty" in p for p in problems)
    assert "nothing imported (5 problems)" in result.stderr
    # Nothing of it went in, not even its good first row.
    checked = run(["cylinders", "check", "GZ-1"], workdir)
    assert checked.returncode == 1 and "unknown" in checked.stdout


def test_a_missing_column_is_named(workdir: Path) -> None:
    bad = _write(workdir / "bad.csv", ["code,supplier", "GZ-1,示例燃气公司"])
    result = run(["cylinders", "import", str(bad)], workdir)
    assert result.returncode == 1
    assert "line 1: no column filling_station" in result.stderr
    assert "line 1: no column next_inspection_due" in result.stderr


def test_import_is_idempotent_on_the_code(workdir: Path) -> None:
    good = _write(workdir / "good.csv", [HEADER, *GOOD])
    first = run(["cylinders", "import", str(good)], workdir)
    assert first.returncode == 0, first.stderr
    assert "3 added, 0 changed, 0 unchanged" in first.stdout
    again = run(["cylinders", "import", str(good)], workdir)
    assert "0 added, 0 changed, 3 unchanged" in again.stdout
    renewed = GOOD[1].replace("2020-05-01,2024-05-01", "2026-05-01,2030-05-01")
    changed = _write(workdir / "changed.csv", [HEADER, GOOD[0], renewed])
    third = run(["cylinders", "import", str(changed)], workdir)
    assert "0 added, 1 changed, 1 unchanged" in third.stdout
    assert run(["cylinders", "check", "GZ-2"], workdir).returncode == 0  # inspected again


def test_the_platforms_chinese_headers_and_gb18030_are_read(workdir: Path) -> None:
    header = "钢瓶编码,充装站,供应企业,许可证号,上次检验日期,下次检验日期,报废日期"
    file = _write(workdir / "export.csv", [header, GOOD[0].replace("-05-", "/05/")], "gb18030")
    result = run(["cylinders", "import", str(file)], workdir)
    assert result.returncode == 0, result.stderr
    checked = run(["cylinders", "check", "GZ-1"], workdir)
    assert checked.returncode == 0 and "示例燃气公司" in checked.stdout


def test_the_shipped_sample_is_marked_and_imports(workdir: Path) -> None:
    text = SAMPLE_FILE.read_text(encoding="utf-8")
    assert text == sample_csv()  # the generator wrote the shipped file
    rows = read_registry(SAMPLE_FILE.read_bytes())
    assert rows and all(r.code.startswith("SAMPLE-") and "示例" in r.supplier for r in rows)
    result = run(["cylinders", "import", str(SAMPLE_FILE)], workdir)
    assert result.returncode == 0, result.stderr
    assert f"{len(rows)} added" in result.stdout
    statuses = {r.code: run(["cylinders", "check", r.code], workdir) for r in rows[:7]}
    assert statuses["SAMPLE-GZ-000001"].returncode == 0
    assert "overdue" in statuses["SAMPLE-GZ-000005"].stdout
    assert "scrapped" in statuses["SAMPLE-GZ-000007"].stdout


def test_an_empty_file_or_no_text_is_refused() -> None:
    with pytest.raises(RegistryProblems, match="line 1: the file is empty"):
        read_registry(b"")
    with pytest.raises(RegistryProblems, match="no cylinders"):
        read_registry(HEADER.encode())
    with pytest.raises(RegistryProblems, match="neither UTF-8 nor GB18030"):
        read_registry(b"\xff\xfe\x00\x81\x30")
