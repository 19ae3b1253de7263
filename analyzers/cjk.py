"""Step 4: scripts written without spaces — character bigrams plus a Latin reading.

Chinese, Japanese and Korean names have no spaces to cut at, so a run of Han,
kana or Hangul is indexed as overlapping character bigrams ("周杰伦" -> 周杰, 杰伦),
or as the single character when the run has one ("風"). Beside the bigrams, at
the same positions, goes a reading in Latin letters so that a fan who types the
name in Latin letters finds it:

- kana, and kanji next to kana or in a Japanese field: romaji from pykakasi
  (Hepburn): "藤井風" -> fujii, kaze (and "fujiikaze" joined);
- other Han: pinyin syllables from unidecode: "周杰伦" -> zhou, jie, lun;
- Hangul: unidecode's romanization of the run: "정국" -> "jeonggug".

The bigram rule is hand-written (a few lines) because the libraries that segment
these languages properly (jieba, MeCab, KoNLPy) need dictionaries per language,
and bigrams are what search engines (Lucene's CJKBigramFilter) use for recall.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .translit import fold_word

Alternatives = tuple[tuple[str, str], ...]  # (text, surface) pairs at one position

_HAN = (
    (0x2E80, 0x2FDF), (0x3005, 0x3005), (0x3007, 0x3007), (0x3021, 0x3029),
    (0x3038, 0x303B), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)
_KANA = (
    (0x3041, 0x3096), (0x3099, 0x309F), (0x30A1, 0x30FA), (0x30FC, 0x30FF),
    (0x31F0, 0x31FF), (0x1B000, 0x1B16F),
)
_HANGUL = (
    (0x1100, 0x11FF), (0x3131, 0x318E), (0xA960, 0xA97F), (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7FF),
)

HAN_KANA = 1
HANGUL = 2

# Any code point of the three scripts (assigned or not): a quick "is there CJK here?".
ANY_CJK = re.compile(
    "[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _HAN + _KANA + _HANGUL) + "]"
)


def _within(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def is_kana(ch: str) -> bool:
    return _within(ord(ch), _KANA)


def script(ch: str) -> int:
    """HAN_KANA, HANGUL, or 0 for a character of any other script (or unassigned)."""
    cp = ord(ch)
    if cp < 0x1100 or not (ch.isalnum() or unicodedata.category(ch)[0] == "M"):
        return 0
    if _within(cp, _HAN) or _within(cp, _KANA):
        return HAN_KANA
    if _within(cp, _HANGUL):
        return HANGUL
    return 0


def has_cjk(word: str) -> bool:
    """True if any character of `word` is Han, kana or Hangul."""
    return any(script(ch) for ch in word)


def _grams(run: str) -> list[str]:
    """Overlapping bigrams, or the run itself when it is one character."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


@cache
def _kakasi() -> object:
    """One pykakasi converter, built on first use: construction loads its dictionaries."""
    import pykakasi

    return pykakasi.kakasi()


def _romaji(run: str) -> list[tuple[str, str]]:
    """(romaji word, native span) per word that pykakasi segments out of the run."""
    words = []
    for item in _kakasi().convert(run):  # type: ignore[attr-defined]
        text = fold_word(item["hepburn"]) if item["hepburn"] != item["orig"] else ""
        if text and item["orig"]:
            words.append((text, item["orig"]))
    return words


def _short_vowels(romaji: str) -> str:
    """Romaji as usually written in Latin letters, long vowels unmarked: toukyou -> tokyo.

    pykakasi spells long vowels out ("ou", "uu"); fans and labels write "Tokyo",
    "Yuki". A hand rule because no library offers this spelling.
    """
    return romaji.replace("ou", "o").replace("uu", "u")


def _pinyin(run: str) -> list[tuple[str, str]]:
    """(syllable, character) per Han character that unidecode can read."""
    return [(text, ch) for ch in run if (text := fold_word(ch))]


def run_alternatives(run: str, kind: int, ja: bool) -> list[Alternatives]:
    """The alternatives at each position a run of one script occupies.

    The run takes as many positions as it has bigrams or reading words, whichever
    is more; the reading words sit beside the bigrams, and when there are several
    the whole reading joined ("zhoujielun") is one more alternative at the start.
    Romaji also comes with long vowels unmarked ("toukyou" and "tokyo").
    """
    grams = _grams(run)
    japanese = False
    if kind == HANGUL:
        reading = [(text, run)] if (text := fold_word(run)) else []
    elif ja or any(is_kana(ch) for ch in run):
        reading = _romaji(run)
        japanese = True
    else:
        reading = _pinyin(run)
    slots: list[list[tuple[str, str]]] = [[] for _ in range(max(len(grams), len(reading)))]
    for i, gram in enumerate(grams):
        slots[i].append((gram, gram))
    words = list(reading)
    if len(reading) > 1:
        words.append(("".join(text for text, _ in reading), run))
    for i, (text, surface) in enumerate(words):
        slot = slots[i if i < len(reading) else 0]
        _add(slot, (text, surface))
        if japanese:
            _add(slot, (_short_vowels(text), surface))
    return [tuple(slot) for slot in slots]


def _add(slot: list[tuple[str, str]], alternative: tuple[str, str]) -> None:
    if all(text != alternative[0] for text, _ in slot):
        slot.append(alternative)
