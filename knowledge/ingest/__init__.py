"""Corpus loading, Chinese-aware splitting, embedding and indexing into chromadb."""
