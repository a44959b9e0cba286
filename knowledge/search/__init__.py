"""Retrieval as an explicit list of stages: rewrite, BM25, vector, fuse, rerank (pipeline.py)."""
