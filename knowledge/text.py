"""Text normalisation and tokenisation for Chinese (with English mixed in).

Both rankers see the same terms: jieba words (search mode, so 门前三包 also yields 门前/三包)
plus character bigrams of every Chinese run. Bigrams rescue the cases where jieba cuts a
colloquial phrase badly (闻到煤气味 → 闻到/煤/气味), words keep precision on long terms.
"""

from __future__ import annotations

import logging
import math
import operator
import re
import threading
import unicodedata
from collections.abc import Iterable
from typing import Final

import jieba
import jieba.posseg
import rjieba

from knowledge import lexicons

# Domain terms jieba's general dictionary splits wrongly; adding them keeps them whole.
# (knowledge/lexicons/domain_words.txt)
DOMAIN_WORDS: Final = lexicons.word_list("domain_words")

# Words that carry no topic: question words, particles, pronouns, polite filler.
# (knowledge/lexicons/stopwords.txt)
STOPWORDS: Final = frozenset(lexicons.word_list("stopwords"))

_CJK: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ASCII_WORD: Final = re.compile(r"[a-z0-9]+(?:[.+][a-z0-9]+)*")
# Question words and particles are cut out of Chinese runs before bigramming, so that
# 怎么办/多少钱 do not produce rare, high-idf bigrams such as 么办 or 少钱.
_QUESTION_NOISE: Final = re.compile(
    "|".join(
        [
            *sorted(
                (w for w in STOPWORDS if _CJK.fullmatch(w) and len(w) > 1), key=len, reverse=True
            ),
            "[吗呢吧啊呀嘛哦]",
        ]
    )
)
# jieba's own notion of a Chinese character (its re_han_default): a run is cut in stretches
# of these, and any other character of a run (extension A's 㩒, say) stands alone, as jieba does.
_JIEBA_HAN: Final = re.compile(r"[\u4e00-\u9fd5]+|.", re.DOTALL)
_tokenizer_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_search_cutter: rjieba.Jieba | None = None
_pos_tokenizer: jieba.posseg.POSTokenizer | None = None


# What the store drops from every text (storage/db/types.py): NUL, lone surrogates, and C0
# controls but tab and newline. Dropped here too, so "燃气\x00泄漏" matches 燃气泄漏.
_UNWANTED: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def normalize(text: str) -> str:
    """Drop control characters, fold full-width letters and digits to ASCII, lower-case,
    and squeeze whitespace."""
    folded = unicodedata.normalize("NFKC", _UNWANTED.sub("", text)).lower()
    return re.sub(r"\s+", " ", folded).strip()


def _jieba() -> jieba.Tokenizer:
    """A private jieba tokenizer (not the global one, so we never change other users' cuts)."""
    with _tokenizer_lock:
        return _jieba_unlocked()


def _jieba_unlocked() -> jieba.Tokenizer:
    global _tokenizer
    if _tokenizer is None:
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word in DOMAIN_WORDS:
            tokenizer.add_word(word, freq=20000)
        _tokenizer = tokenizer
    return _tokenizer


def _cutter() -> rjieba.Jieba:
    """jieba-rs with our domain words: the same dictionary, HMM and search mode as jieba,
    about 15 times faster (jieba's cut was two thirds of preparing a document for the index)."""
    global _search_cutter
    with _tokenizer_lock:
        if _search_cutter is None:
            cutter = rjieba.Jieba()
            for word in DOMAIN_WORDS:
                cutter.add_word(word, 20000, None)
            _search_cutter = cutter
        return _search_cutter


def cut_for_search(run: str) -> list[str]:
    """jieba's search-mode cut of a run of Chinese characters (`lcut_for_search`).

    On the 20,965 distinct runs of our corpus, FAQ and dev questions this equals jieba's cut
    but for one run, where a word of one repeated character (嘀嘀嘀) is split the other way."""
    cutter = _cutter()
    cut: list[str] = []
    for stretch in _JIEBA_HAN.findall(run):
        if len(stretch) == 1:
            cut.append(stretch)
        else:
            cut.extend(cutter.cut_for_search(stretch, True))
    return cut


def words(text: str, cuts: dict[str, list[str]] | None = None) -> list[str]:
    """jieba search-mode words of normalised text, without stopwords and punctuation.

    `cuts` keeps each run of Chinese already cut (jieba cuts a run alike wherever it stands):
    the indexer passes one per document, whose overlapping chunks repeat a fifth of its runs.
    """
    folded = normalize(text)
    result: list[str] = []
    for run in _CJK.findall(folded):
        cut = cuts.get(run) if cuts is not None else None
        if cut is None:
            cut = [w for w in cut_for_search(run) if w not in STOPWORDS]
            if cuts is not None:
                cuts[run] = cut
        result.extend(cut)
    # ASCII is taken by regex, not jieba, so that 1+4+n and 12345 stay whole.
    result.extend(w for w in _ASCII_WORD.findall(folded) if w not in STOPWORDS)
    return result


def place_names(text: str) -> list[str]:
    """Chinese place names (jieba's `ns` tag) mentioned in the text, e.g. 杭州, 荔湾区."""
    with _tokenizer_lock:
        global _pos_tokenizer
        if _pos_tokenizer is None:
            _pos_tokenizer = jieba.posseg.POSTokenizer(_jieba_unlocked())
        tagger = _pos_tokenizer
    return [
        pair.word
        for run in _CJK.findall(normalize(text))
        for pair in tagger.lcut(run)
        if pair.flag == "ns" and len(pair.word) > 1
    ]


def general_idf(word: str) -> float:
    """How unusual `word` is in general Chinese, from jieba's dictionary frequencies.

    Everyday words (今天, 推荐, 注意) score low, topical ones (比特币, 钢瓶) high; a word
    jieba has never seen scores highest. This weighs a question's words by how much they
    say about its topic, independently of our small corpus.
    """
    tokenizer = _jieba()
    frequency = tokenizer.FREQ.get(word, 0)
    return math.log(tokenizer.total / (frequency + 1.0))


def char_bigrams(text: str) -> list[str]:
    """Bigrams of each run of Chinese characters (a lone character is kept as itself)."""
    grams: list[str] = []
    for run in _CJK.findall(_QUESTION_NOISE.sub(" ", normalize(text))):
        if len(run) == 1:
            grams.append(run)
        grams.extend(map(operator.add, run[:-1], run[1:]))
    return grams


def terms(text: str) -> list[str]:
    """The index terms of `text`: content words plus `#`-marked character bigrams."""
    return words(text) + ["#" + gram for gram in char_bigrams(text)]


def has_content(text: str) -> bool:
    """True when `text` holds at least one Chinese character or ASCII letter/digit."""
    folded = normalize(text)
    return bool(_CJK.search(folded) or _ASCII_WORD.search(folded))


def unique(items: Iterable[str]) -> list[str]:
    """The items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
