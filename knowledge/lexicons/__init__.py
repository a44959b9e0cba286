"""Word lists as data files (synonyms, Cantonese, typos, small talk, anchors, tokenizer words).

See loader.py for the file formats; every file is validated when first used.
"""

from knowledge.lexicons.loader import (
    LexiconError,
    groups,
    load_groups,
    load_mapping,
    load_word_list,
    mapping,
    word_list,
)

__all__ = [
    "LexiconError",
    "groups",
    "load_groups",
    "load_mapping",
    "load_word_list",
    "mapping",
    "word_list",
]
