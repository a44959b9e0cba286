"""The asker's language, from the question itself (a resident may write English in a Chinese
chat, or the other way round): English when Latin letters far outnumber Chinese characters."""

from __future__ import annotations

import re
from typing import Final

_LATIN: Final = re.compile(r"[A-Za-z]")
_HAN: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# "my grandparents' building in 越秀 is from the 80s" is English with a place name in it;
# "旧楼装gdq有bt吗" is Chinese with pinyin initials.
LATIN_PER_HAN: Final = 3


def asker_language(question: str) -> str:
    """'en' for an English question, else 'zh'."""
    latin = len(_LATIN.findall(question))
    han = len(_HAN.findall(question))
    return "en" if latin >= 3 and latin >= LATIN_PER_HAN * han else "zh"
