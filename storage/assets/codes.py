"""A 部件's 17-digit code (GB/T 30428.2): who it belongs to, what it is, which one.

440111 01 001 000123
│      │  │   └ sequence within the division and class (000001-999999)
│      │  └ minor class (小类)
│      └ major class (大类)
└ county-level administrative division (GB/T 2260, e.g. 440111 广州市白云区)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.assets.classes import AssetClasses

CODE = re.compile(r"[0-9]{17}")
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}
)
"""The first two digits of a GB/T 2260 division: the provinces and their peers."""


class BadAssetCode(ValueError):
    """The code is not a registry code; the message says which part is wrong."""


@dataclass(frozen=True, slots=True)
class AssetCode:
    """A code read into its parts."""

    division: str
    major: str
    minor: str
    sequence: str

    @property
    def class_code(self) -> str:
        return self.major + self.minor

    def __str__(self) -> str:
        return self.division + self.major + self.minor + self.sequence


def parse_code(text: str, classes: AssetClasses) -> AssetCode:
    """The parts of `text`, a 17-digit code of a known class; BadAssetCode otherwise."""
    code = text.strip()
    if not CODE.fullmatch(code):
        raise BadAssetCode(f"code {code!r} is not 17 digits")
    parts = AssetCode(code[:6], code[6:8], code[8:11], code[11:])
    if int(parts.division[:2]) not in PROVINCES or parts.division[2:] == "0000":
        raise BadAssetCode(f"code {code}: {parts.division} is not a county-level division")
    if parts.major not in classes.majors:
        raise BadAssetCode(f"code {code}: major class {parts.major} is not in the classes file")
    if classes.get(parts.class_code) is None:
        raise BadAssetCode(f"code {code}: class {parts.class_code} is not in the classes file")
    if parts.sequence == "000000":
        raise BadAssetCode(f"code {code}: the sequence 000000 is not used")
    return parts


def make_code(division: str, class_code: str, sequence: int) -> str:
    """The code of asset number `sequence` of a class in a division."""
    return f"{division}{class_code}{sequence:06d}"
