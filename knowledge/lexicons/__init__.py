"""Word lists as data files (synonyms, Cantonese, typos, small talk, anchors, tokenizer words,
questions out of scope).

See loader.py for the file formats; every file is validated when first used.
"""

from knowledge.lexicons.loader import (
    LexiconError,
    groups,
    load_groups,
    load_mapping,
    load_phrases,
    load_word_list,
    mapping,
    phrases,
    word_list,
)

__all__ = [
    "LexiconError",
    "groups",
    "load_groups",
    "load_mapping",
    "load_phrases",
    "load_word_list",
    "mapping",
    "phrases",
    "word_list",
]
