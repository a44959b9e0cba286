"""Building the index with real chromadb: idempotency, corrupt files, every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.errors import SourceNotFoundError
from knowledge.ingest.embedding import HashedNgramEmbedding
from knowledge.ingest.indexer import SourceFolder
from knowledge.ingest.store import load_chunks, open_client, open_collection
from tests.integration.knowledge.documents_factory import write_docx, write_markdown, write_pdf

SUBSIDY = "旧楼加装管道燃气，居民报装价格最高不超过1200元/户。燃气企业获得1000元/户补助。"
CYLINDER = "液化石油气钢瓶严禁存放在地下室和半地下室。钢瓶必须直立使用，严禁倒置、卧放。"


def _kb(tmp_path: Path) -> KnowledgeBase:
    return KnowledgeBase.open(index_dir=tmp_path / "index", build_if_missing=False)


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    write_markdown(folder / "subsidy.md", "旧楼加装管道燃气补贴", SUBSIDY, issuer="广州市城管局")
    write_markdown(folder / "cylinder.md", "钢瓶安全", CYLINDER, issuer="消防")
    return folder


def test_rebuilding_unchanged_documents_skips_them(tmp_path: Path, docs: Path) -> None:
    kb = _kb(tmp_path)
    first = kb.build([SourceFolder.resolve(str(docs))])
    assert (first.added, first.updated, first.unchanged, first.removed) == (2, 0, 0, 0)
    chunk_ids = {chunk.id for chunk in load_chunks(kb.collection)}

    second = kb.build([SourceFolder.resolve(str(docs))])
    assert (second.added, second.updated, second.unchanged, second.removed) == (0, 0, 2, 0)
    assert second.chunks == first.chunks
    assert {chunk.id for chunk in load_chunks(kb.collection)} == chunk_ids


def test_a_changed_document_is_replaced_not_duplicated(tmp_path: Path, docs: Path) -> None:
    kb = _kb(tmp_path)
    kb.build([SourceFolder.resolve(str(docs))])
    write_markdown(docs / "subsidy.md", "旧楼加装管道燃气补贴", "补助标准调整为每户1500元。")

    report = kb.build([SourceFolder.resolve(str(docs))])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    texts = [chunk.text for chunk in load_chunks(kb.collection) if chunk.source == "subsidy.md"]
    assert texts == ["补助标准调整为每户1500元。"]
    assert kb.answer("旧楼燃气补助多少钱").citations[0].source == "subsidy.md"


def test_a_removed_document_is_deleted(tmp_path: Path, docs: Path) -> None:
    kb = _kb(tmp_path)
    kb.build([SourceFolder.resolve(str(docs))])
    (docs / "cylinder.md").unlink()

    report = kb.build([SourceFolder.resolve(str(docs))])
    assert (report.removed, report.unchanged) == (1, 1)
    assert {chunk.source for chunk in load_chunks(kb.collection)} == {"subsidy.md"}


def test_the_index_holds_exactly_the_folders_given(tmp_path: Path, docs: Path) -> None:
    kb = _kb(tmp_path)
    kb.build([SourceFolder.resolve("builtin"), SourceFolder.resolve(str(docs))])
    assert "subsidy.md" in {chunk.source for chunk in load_chunks(kb.collection)}

    report = kb.build([SourceFolder.resolve(str(docs))])
    assert report.removed > 20  # the shipped corpus left, our two documents stayed
    assert {chunk.source for chunk in load_chunks(kb.collection)} == {"subsidy.md", "cylinder.md"}


def test_corrupt_documents_are_reported_by_name_and_the_rest_indexed(
    tmp_path: Path, docs: Path
) -> None:
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (docs / "broken.docx").write_bytes(b"PK\x03\x04 not a zip archive")
    (docs / "empty.md").write_text("---\ntitle: 空\n---\n", encoding="utf-8")
    (docs / "bad-front-matter.md").write_text("---\n- just\n- a list\n---\n正文。", "utf-8")
    (docs / "binary.txt").write_bytes(bytes(range(128, 256)))
    (docs / "gbk.txt").write_bytes("燃气表由燃气企业定期抄表。".encode("gbk"))

    report = _kb(tmp_path).build([SourceFolder.resolve(str(docs))])
    failed = dict(report.failed)
    assert set(failed) == {
        "broken.pdf",
        "broken.docx",
        "empty.md",
        "bad-front-matter.md",
        "binary.txt",
    }
    assert "not UTF-8 or GB18030" in failed["binary.txt"]
    assert report.added == 3  # subsidy, cylinder and the GBK-encoded text file


def test_a_document_that_becomes_corrupt_leaves_the_index(tmp_path: Path, docs: Path) -> None:
    kb = _kb(tmp_path)
    kb.build([SourceFolder.resolve(str(docs))])
    (docs / "cylinder.md").write_text("---\n[unclosed\n---\n正文。", encoding="utf-8")

    report = kb.build([SourceFolder.resolve(str(docs))])
    assert [name for name, _ in report.failed] == ["cylinder.md"]
    assert report.removed == 0
    assert {chunk.source for chunk in load_chunks(kb.collection)} == {"subsidy.md"}


def test_every_format_is_read_and_cited(tmp_path: Path) -> None:
    folder = tmp_path / "formats"
    (folder / "sub").mkdir(parents=True)
    write_markdown(folder / "a.md", "Markdown 文档", "门前三包责任区要保持整洁。")
    (folder / "b.txt").write_text("生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾。", "utf-8")
    (folder / "c.html").write_text(
        "<html><head><title>网页文档</title><meta name='author' content='白云区城管局'>"
        "<script>var x = '不应被索引';</script></head>"
        "<body><nav>导航</nav><p>占道经营由城市管理部门依法查处。</p></body></html>",
        encoding="utf-8",
    )
    write_pdf(folder / "sub" / "d.pdf", "燃气热水器严禁安装在浴室内。", title="Water heaters")
    write_docx(
        folder / "e.docx", "违法建设", ["未取得建设工程规划许可证的建设属于违法建设。"], "规划局"
    )
    (folder / ".hidden.md").write_text("不应被索引", encoding="utf-8")
    (folder / "notes.csv").write_text("a,b", encoding="utf-8")

    kb = _kb(tmp_path)
    report = kb.build([SourceFolder.resolve(str(folder))])
    assert (report.added, report.failed) == (5, [])
    chunks = {chunk.source: chunk for chunk in load_chunks(kb.collection)}
    assert set(chunks) == {"a.md", "b.txt", "c.html", "sub/d.pdf", "e.docx"}
    assert chunks["c.html"].title == "网页文档"
    assert chunks["c.html"].issuer == "白云区城管局"
    assert "不应被索引" not in chunks["c.html"].text
    assert chunks["sub/d.pdf"].title == "Water heaters"
    assert "浴室" in chunks["sub/d.pdf"].text
    assert chunks["e.docx"].issuer == "规划局"
    assert "12345" in chunks["e.docx"].text  # tables are read too

    assert kb.answer("热水器能装在浴室吗").citations[0].source == "sub/d.pdf"
    assert kb.answer("没有规划许可证盖房子算违建吗").citations[0].source == "e.docx"


def test_a_missing_source_folder_is_a_domain_error(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError):
        _kb(tmp_path).build([SourceFolder.resolve(str(tmp_path / "nowhere"))])


def test_a_persisted_collection_reloads_with_our_embedding(tmp_path: Path, docs: Path) -> None:
    _kb(tmp_path).build([SourceFolder.resolve(str(docs))])
    # A fresh client that does not pass an embedding function gets ours back from the config.
    client = open_client(tmp_path / "index")
    name = open_collection(client, HashedNgramEmbedding()).name
    reloaded = client.get_collection(name)
    found = reloaded.query(query_texts=["钢瓶能放地下室吗"], n_results=1)
    assert found["metadatas"] is not None
    assert found["metadatas"][0][0]["source"] == "cylinder.md"


def test_a_fresh_install_builds_the_shipped_index_on_first_use(shipped_kb: KnowledgeBase) -> None:
    assert len(shipped_kb) > 50
    assert not shipped_kb.answer("闻到煤气味怎么办").abstained
