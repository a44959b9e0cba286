"""Folding a message for the danger check, and the features the model reads: character
n-grams (digits read as 0) and Latin words.

One fold for the rules and the model alike: simplified characters, half-width lower case,
Cantonese words and typos in standard written form (knowledge/search/dialect.py), squeezed spaces.
It does what `zhconv.convert` and `dialect.standardize` do, but through per-character
lookup tables in numpy, because the check runs on every message and a 4,096-character one
must cost well under a millisecond (zhconv alone takes two). zhconv's phrase table is left
out: its single-character table gives the same text on every message we have.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

import numpy as np
import numpy.typing as npt
from zhconv import convert

from knowledge.search.dialect import CANTONESE, TYPOS

MAX_CHARS: Final = 4096
"""Telegram's longest message; what lies beyond is not read (captions stop at 1,024)."""
BITS: Final = 20
"""Hashed n-gram buckets: 2**20, so that the few thousand n-grams the data has rarely collide."""
ORDERS: Final = (1, 2, 3, 4)

Codes = npt.NDArray[np.uint64]

_DROP: Final = 0xFFFFFFFF
_SPACE: Final = 0x20
_WORDS: Final = {k: v for k, v in {**CANTONESE, **TYPOS}.items() if len(k) > 1}
_CHARACTERS: Final = {k: v for k, v in {**CANTONESE, **TYPOS}.items() if len(k) == 1}
_LONGEST: Final = max(map(len, _WORDS))
_YUAN: Final = re.compile(r"(?<=\d)\s*蚊")  # 1200蚊 is 1200元, as dialect.standardize says
_SEED: Final = np.uint64(0x9E3779B97F4A7C15)
_MIX: Final = np.uint64(0xBF58476D1CE4E5B9)
_PAIR_SHIFT: Final = np.uint64(48)
_ZERO: Final = np.uint64(ord("0"))
_A: Final = np.uint64(ord("a"))
_Z: Final = np.uint64(ord("z"))
_NINE: Final = np.uint64(ord("9"))

U32 = npt.NDArray[np.uint32]
Starts = npt.NDArray[np.uint32]


def _pair_hash(
    first: npt.NDArray[np.uint64], second: npt.NDArray[np.uint64]
) -> npt.NDArray[np.intp]:
    return (((first * _SEED) ^ second) * _MIX >> _PAIR_SHIFT).astype(np.intp)


def _lookup_tables() -> tuple[U32, U32, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Per-character folds of the Basic Multilingual Plane, and where dialect words may start.

    The first fold is zhconv's single-character table plus width, case and spaces; the second
    maps the one-character dialect words (咗 → 了), applied after the longer words (唔该 → 请).
    """
    convert("測", "zh-hans")  # loads zhconv's tables
    from zhconv import zhconv as tables

    simplified = {
        ord(k): ord(v) for k, v in tables.zhcdicts["zh2Hans"].items() if len(k) == len(v) == 1
    }
    fold = np.arange(0x110000, dtype=np.uint32)  # every code point: one lookup, no branch
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or (code < 0x20 and char not in "\t\n\r"):
            fold[code] = _DROP  # what the store drops too: lone surrogates, C0 controls
        elif char.isspace():
            fold[code] = _SPACE
        else:
            lower = char.lower()
            lowered = ord(lower) if len(lower) == 1 else code
            fold[code] = simplified.get(lowered, lowered)
    dialect = np.arange(0x10000, dtype=np.uint32)
    for key, value in _CHARACTERS.items():
        if len(value) == 1:
            dialect[ord(key)] = ord(value)
    pairs = np.zeros(1 << 16, dtype=np.bool_)
    for word in _WORDS:
        pairs[_pair_hash(codes_of(word[0]), codes_of(word[1]))] = True
    expands = np.zeros(0x10000, dtype=np.bool_)
    for key, value in _CHARACTERS.items():
        expands[ord(key)] = len(value) > 1
    return fold, dialect, pairs, expands


def codes_of(text: str) -> Codes:
    """The code points of `text` as an array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(
        np.uint64
    )


def _text_of(codes: U32) -> str:
    return codes.astype("<u4").tobytes().decode("utf-32-le")


def _is_cjk(codes: U32) -> npt.NDArray[np.bool_]:
    return (codes >= 0x4E00) & (codes <= 0x9FFF)


_FOLD, _DIALECT, _WORD_PAIRS, _EXPANDS = _lookup_tables()
_WORDS_BY_PAIR: Final[dict[int, tuple[str, ...]]] = {}
for _word in _WORDS:
    _pair = int(_pair_hash(codes_of(_word[0]), codes_of(_word[1]))[0])
    _WORDS_BY_PAIR[_pair] = (*_WORDS_BY_PAIR.get(_pair, ()), _word)


def _fold_characters(text: str) -> U32:
    raw = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes: U32 = _FOLD[raw]
    codes = codes[codes != _DROP]
    space = codes == _SPACE
    if not space.any():
        return codes
    # Squeeze: of each run of spaces keep the last; none at either end.
    solid = np.flatnonzero(~space)
    if solid.size == 0:
        return codes[:0]
    keep = ~space | (np.concatenate((codes[1:], [0])) != _SPACE)
    keep[: solid[0]] = False
    keep[solid[-1] + 1 :] = False
    codes = codes[keep]
    space = codes == _SPACE
    before = np.concatenate(([_SPACE], codes[:-1]))
    after = np.concatenate((codes[1:], [_SPACE]))
    # No space between Chinese characters ("煤 气 味") or inside "! !".
    drop = space & (
        (_is_cjk(before) & _is_cjk(after)) | ((before == ord("!")) & (after == ord("!")))
    )
    squeezed: U32 = codes[~drop]
    return squeezed


def _replace_words(text: str, codes: U32) -> str:
    """Dialect words and typos of two or more characters: leftmost, longest first, in one
    pass, as dialect.standardize does; the pattern holds only the words whose first two
    characters occur, so that its scan runs in C over a handful of alternatives."""
    if codes.size < 2:
        return text
    wide = codes.astype(np.uint64)
    pairs = _pair_hash(wide[:-1], wide[1:])
    found = np.unique(pairs[_WORD_PAIRS[pairs]])
    if found.size == 0:
        return text
    words = tuple(sorted(word for pair in found.tolist() for word in _WORDS_BY_PAIR.get(pair, ())))
    return _pattern(words).sub(_replacement, text) if words else text


def _replacement(match: re.Match[str]) -> str:
    return _WORDS[match.group(0)]


@functools.lru_cache(maxsize=512)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _replace_characters(text: str, codes: U32) -> str:
    """One-character dialect words: 咗 → 了 by table, 冇 → 没有 by replacement."""
    small = np.minimum(codes, 0xFFFF)
    mapped = np.where(codes < 0x10000, _DIALECT[small], codes)
    if (mapped != codes).any():
        text = _text_of(mapped)
    if _EXPANDS[small].any():
        for key, value in _CHARACTERS.items():
            if len(value) > 1 and key in text:
                text = text.replace(key, value)
    return text


def fold(text: str | None) -> str:
    """Simplified characters, standard words, half-width lower case, squeezed spaces."""
    if not text:
        return ""
    codes = _fold_characters(unicodedata.normalize("NFKC", text[:MAX_CHARS]))
    folded = _text_of(codes)
    replaced = _replace_words(folded, codes)
    if replaced is not folded:
        codes = codes_of(replaced).astype(np.uint32)
    folded = _replace_characters(replaced, codes)
    # No dialect word holds 蚊 or a digit, so this can come last.
    return _YUAN.sub("元", folded) if "蚊" in folded else folded


def ngram_buckets(
    codes: Codes, orders: tuple[int, ...] = ORDERS, bits: int = BITS, digits: bool = False
) -> list[npt.NDArray[np.uint32]]:
    """For each order, the hashed bucket of the n-gram starting at each position; with
    `digits`, every digit is read as 0 (a house number says nothing of danger, but 12楼
    and 3栋 are common in the dangers' addresses)."""
    if digits:
        codes = np.where((codes >= _ZERO) & (codes <= _NINE), _ZERO, codes)
    result = []
    shift = np.uint64(64 - bits)
    chain = codes * _SEED  # the hash of the n-gram of each order, extended one order at a time
    for order in range(1, max(orders) + 1):
        if order > 1:
            chain = (chain[:-1] ^ codes[order - 1 :]) * _SEED
        if order in orders:
            mixed = (chain ^ np.uint64(order)) * _MIX
            result.append((mixed >> shift).astype(np.uint32))
    return result


_INVERSE: Final = np.uint64(pow(int(_SEED), -1, 1 << 64))
_WORD: Final = np.uint64(0x100)
_WORD_PAIR: Final = np.uint64(0x200)
_POWERS: Final = np.cumprod(np.full(MAX_CHARS, _SEED, dtype=np.uint64)) * _INVERSE  # 1, P, P², …


def word_buckets(codes: Codes, bits: int = BITS) -> tuple[npt.NDArray[np.uint32], Starts]:
    """The hashed buckets of the Latin words (runs of a–z) and of each two neighbouring words,
    with where each starts. Character n-grams see no further than four letters: "smelling
    burnt, not gas" needs the words."""
    letter = (codes >= _A) & (codes <= _Z)
    if not letter.any():
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.uint32)
    edges = np.diff(letter.astype(np.int8), prepend=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    at = np.flatnonzero(letter)
    word_of = np.cumsum(edges == 1)[at] - 1
    with np.errstate(over="ignore"):
        terms = codes[at] * _POWERS[at - starts[word_of]]  # a polynomial hash of each word
        words = np.add.reduceat(terms, np.flatnonzero(at == starts[word_of]))
        pairs = words[:-1] * _SEED ^ words[1:]
        shift = np.uint64(64 - bits)
        hashed = np.concatenate(((words ^ _WORD) * _MIX, (pairs ^ _WORD_PAIR) * _MIX)) >> shift
    return hashed.astype(np.uint32), np.concatenate((starts, starts[:-1])).astype(np.uint32)


_SENTENCE_ENDS: Final = np.zeros(0x10000, dtype=np.bool_)
_SENTENCE_ENDS[[ord(c) for c in "。!?;…"]] = True


def sentence_starts(codes: Codes, longest: int) -> npt.NDArray[np.intp]:
    """Where each sentence of the folded text starts; a sentence longer than `longest` is cut."""
    ends = _SENTENCE_ENDS[np.minimum(codes, 0xFFFF)]
    # An English full stop ends a sentence when a space follows it.
    ends[:-1] |= (codes[:-1] == ord(".")) & (codes[1:] == _SPACE)
    after = np.flatnonzero(ends[:-1] & ~ends[1:]) + 1
    starts = np.concatenate(([0], after))
    lengths = np.diff(np.append(starts, codes.size))
    too_long = np.flatnonzero(lengths > longest)
    if too_long.size == 0:
        return starts
    cuts = [np.arange(starts[i] + longest, starts[i] + lengths[i], longest) for i in too_long]
    return np.sort(np.concatenate([starts, *cuts]))
