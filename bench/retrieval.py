"""Retrieval benchmark: our hybrid retriever against the stock langchain ensemble.

Run as `.venv/bin/python bench/retrieval.py [--synthetic N] [--no-baseline]`. For two
corpora — the shipped one and a synthetic one of about N chunks (default 10,000) made by
deterministically recombining corpus sentences — it prints index build time, query latency
p50/p95 and the process's peak memory for:

  ours      KnowledgeBase (chromadb + in-memory BM25, synonym map, weighted fusion)
  baseline  langchain's EnsembleRetriever of BM25Retriever (jieba preprocessing) and
            Chroma with the same embedding function, equal weights

Each (system, corpus) pair runs in its own subprocess so peak RSS is that pair's alone; the
baseline is measured in the same run, on the same machine, so the two compare under one load.
Latency is retrieval of the top 5 for every question of tests/data/kb_dev.jsonl, after one
warm-up query: its median (p50) and 95th percentile. Retrieval quality is not printed here:
it is measured by the evaluation tests and `citybot kb eval`, on sets this benchmark's
synthetic corpus has nothing to do with. What is printed for ours is `hnsw_recall5`: how many
of the exact 5 nearest neighbours (brute-force cosine over every stored vector) chromadb's
approximate HNSW search returns for the same questions, the price of its faster build.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.evaluation import load_cases  # noqa: E402
from knowledge.ingest.documents import iter_document_paths, read_document  # noqa: E402
from knowledge.ingest.indexer import BUILTIN_CORPUS, SourceFolder  # noqa: E402
from knowledge.ingest.splitter import split_sentences  # noqa: E402
from knowledge.ingest.store import Chunk  # noqa: E402

DATA = ROOT / "tests" / "data"
DEV_FILE = DATA / "kb_dev.jsonl"


def make_synthetic_corpus(folder: Path, target_chunks: int, seed: int = 20240725) -> None:
    """Write Markdown documents whose sentences are shuffled corpus sentences (deterministic)."""
    documents = [read_document(p, p.name) for p in iter_document_paths(BUILTIN_CORPUS)]
    sentences = [s for d in documents for s in split_sentences(d.text) if len(s) > 8]
    rng = random.Random(seed)
    # About 240 new characters per chunk (300 minus 60 overlap), so this many characters:
    per_document = 2400
    for number in range(max(1, target_chunks // 10)):
        picked: list[str] = []
        while sum(map(len, picked)) < per_document:
            picked.append(rng.choice(sentences))
        source = rng.choice(documents)
        (folder / f"synthetic-{number:05d}.md").write_text(
            f"---\ntitle: {source.title}（合成 {number}）\nissuer: {source.issuer}\n"
            f"date: {source.date}\n---\n\n" + "".join(picked) + "\n",
            encoding="utf-8",
        )


def _questions() -> list[str]:
    return [case.question for case in load_cases(DEV_FILE)]


def _percentiles(latencies: list[float]) -> tuple[float, float]:
    ordered = sorted(latencies)
    pick = lambda q: ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]  # noqa: E731
    return pick(0.50), pick(0.95)


def _cpu_s() -> float:
    """CPU seconds of this process and its reaped children (the indexer's workers): what a
    build costs however loaded the machine is, next to the wall-clock build_s."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_ours(folder: Path) -> dict[str, Any]:
    """Build our index over `folder` and time retrieval."""
    from knowledge.base import KnowledgeBase

    with tempfile.TemporaryDirectory() as index_dir:
        started, cpu = time.perf_counter(), _cpu_s()
        kb = KnowledgeBase.open(index_dir=Path(index_dir), build_if_missing=False)
        report = kb.build([SourceFolder("bench", folder)])
        build_s, cpu = time.perf_counter() - started, _cpu_s() - cpu
        search = lambda q: [hit.chunk for hit in kb.search(q, 5).hits]  # noqa: E731
        result = _measure(search, build_s, cpu, report.chunks)
        result["hnsw_recall5"] = _hnsw_recall(kb)
        return result


def _hnsw_recall(kb: Any, k: int = 5) -> float:
    """Share of the exact top-k cosine neighbours that chromadb's HNSW search returns."""
    import numpy as np

    ids: list[str] = []
    blocks = []
    total = kb.collection.count()
    for offset in range(0, total, 4000):
        batch = kb.collection.get(include=["embeddings"], limit=4000, offset=offset)
        ids.extend(batch["ids"])
        blocks.append(np.asarray(batch["embeddings"], dtype=np.float32))
    vectors = np.vstack(blocks)
    found = 0
    questions = _questions()
    for question in questions:
        query = np.asarray(kb.embedding([question])[0], dtype=np.float32)
        exact = {ids[i] for i in np.argsort(-(vectors @ query))[:k]}
        got = kb.collection.query(query_embeddings=[query], n_results=k, include=[])["ids"][0]
        found += len(exact & set(got))
    return found / (k * len(questions))


def run_baseline(folder: Path) -> dict[str, Any]:
    """Build the langchain ensemble over the same chunks and time retrieval."""
    import jieba
    from langchain_classic.retrievers import EnsembleRetriever
    from langchain_community.retrievers import BM25Retriever
    from langchain_community.vectorstores import Chroma
    from langchain_core.embeddings import Embeddings

    from knowledge.ingest.embedding import HashedNgramEmbedding
    from knowledge.ingest.indexer import chunk_document, document_id
    from knowledge.ingest.splitter import SplitterConfig

    class SameEmbedding(Embeddings):
        """Our hashed n-gram embedding behind langchain's Embeddings interface."""

        def __init__(self) -> None:
            self.inner = HashedNgramEmbedding()

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [self.inner.embed_one(t).tolist() for t in texts]

        def embed_query(self, text: str) -> list[float]:
            return self.inner.embed_one(text).tolist()

    folder_ref = SourceFolder("bench", folder)
    started, cpu = time.perf_counter(), _cpu_s()
    chunks: list[Chunk] = []
    for path in iter_document_paths(folder):
        relative = path.relative_to(folder).as_posix()
        document = read_document(path, relative)
        chunks.extend(chunk_document(document, document_id(folder_ref, relative), SplitterConfig()))
    texts = [c.text for c in chunks]
    metadatas = [{"i": i} for i in range(len(chunks))]
    bm25 = BM25Retriever.from_texts(texts, metadatas=metadatas, preprocess_func=jieba.lcut, k=5)
    with tempfile.TemporaryDirectory() as persist:
        store = Chroma.from_texts(
            texts,
            SameEmbedding(),
            metadatas=metadatas,
            persist_directory=persist,
            collection_metadata={"hnsw:space": "cosine"},
        )
        dense = store.as_retriever(search_kwargs={"k": 5})
        ensemble = EnsembleRetriever(retrievers=[bm25, dense], weights=[0.5, 0.5])
        build_s, cpu = time.perf_counter() - started, _cpu_s() - cpu
        search = lambda q: [chunks[d.metadata["i"]] for d in ensemble.invoke(q)[:5]]  # noqa: E731
        return _measure(search, build_s, cpu, len(chunks))


def _measure(search: Any, build_s: float, build_cpu_s: float, chunks: int) -> dict[str, Any]:
    questions = _questions()
    search(questions[0])  # warm-up: jieba's dictionary, chromadb's first query
    latencies = []
    for question in questions:
        started = time.perf_counter()
        search(question)
        latencies.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(latencies)
    result: dict[str, Any] = {
        "chunks": chunks,
        "build_s": build_s,
        "build_cpu_s": build_cpu_s,
        "p50_ms": p50,
        "p95_ms": p95,
    }
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The indexer's worker processes (big builds): the largest one's peak, shown apart.
    result["worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def _child(system: str, folder: str) -> None:
    runner = run_ours if system == "ours" else run_baseline
    print(json.dumps(runner(Path(folder))))


def _run_in_child(system: str, folder: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", system, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    """Run every (system, corpus) pair and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=10_000, help="synthetic chunk target")
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="ours only, for profiling (a figure to quote needs the baseline in the same run)",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    with tempfile.TemporaryDirectory() as synthetic:
        make_synthetic_corpus(Path(synthetic), args.synthetic)
        corpora = {"shipped": BUILTIN_CORPUS, "synthetic": Path(synthetic)}
        columns = (
            "chunks",
            "build_s",
            "build_cpu_s",
            "p50_ms",
            "p95_ms",
            "peak_mb",
            "worker_mb",
            "hnsw_recall5",
        )
        print(f"{'corpus':<10} {'system':<9} " + " ".join(f"{c:>11}" for c in columns))
        for name, folder in corpora.items():
            for system in ("ours",) if args.no_baseline else ("ours", "baseline"):
                row = _run_in_child(system, folder)
                cells = [
                    f"{row[c]:>11.3f}"
                    if isinstance(row.get(c), float)
                    else f"{row.get(c, '-')!s:>11}"
                    for c in columns
                ]
                print(f"{name:<10} {system:<9} " + " ".join(cells), flush=True)


if __name__ == "__main__":
    main()
