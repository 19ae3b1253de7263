"""A configurable synonym file: "2pac" finds Tupac, "rnb" finds R&B.

One group per line, comma-separated equivalents, "#" starts a comment:

    2pac, tupac
    rnb, r&b, rhythm and blues   # "r&b" analyzes to three words: a phrase

Every entry is folded with the same analysis as documents and queries. An entry
that is one token ("2pac", "rnb") can be swapped for another such token
term-for-term (`expand`); a group with multi-word entries is also offered whole,
as phrases (`phrases`), since swapping one word of a phrase makes no sense.
Hand-written because the format is small and the folding must be ours.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .fold import fold
from .tokenize import analyze


class Synonyms:
    """Groups of equivalent terms, looked up by folded term."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        single: dict[str, list[str]] = {}
        phrases: dict[str, list[str]] = {}
        for group in groups:
            members = list(dict.fromkeys(m for raw in group if (m := fold(raw))))
            if len(members) < 2:
                continue
            singles = [m for m in members if _is_single(m)]
            for m in singles:
                single.setdefault(m, []).extend(o for o in singles if o != m)
            if len(singles) < len(members):
                for m in members:
                    phrases.setdefault(m, []).extend(o for o in members if o != m)
        self._single = {k: tuple(dict.fromkeys(v)) for k, v in single.items() if v}
        self._phrases = {k: tuple(dict.fromkeys(v)) for k, v in phrases.items()}

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Synonyms:
        """Read a UTF-8 synonym file."""
        with open(path, encoding="utf-8-sig") as f:
            return cls.from_lines(f)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Synonyms:
        """Parse lines in the synonym-file format."""
        groups = []
        for line in lines:
            line = line.split("#", 1)[0].strip()
            if line:
                groups.append(line.split(","))
        return cls(groups)

    def expand(self, term: str) -> tuple[str, ...]:
        """Other single-token terms equivalent to `term` (folded), not `term` itself."""
        return self._single.get(term) or self._single.get(fold(term), ())

    def phrases(self) -> dict[str, tuple[str, ...]]:
        """Groups with a multi-word entry: each folded entry -> the other entries."""
        return dict(self._phrases)

    def __repr__(self) -> str:
        return f"Synonyms({len(self._single)} terms, {len(self._phrases)} phrase entries)"


def _is_single(folded: str) -> bool:
    """One index token: no space, and not a CJK run that analysis cuts into bigrams."""
    if " " in folded:
        return False
    tokens = analyze(folded)
    return bool(tokens) and tokens[0].text == folded
