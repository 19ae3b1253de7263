"""Properties of analysis that must hold for any text a user or a catalog can send."""

import itertools
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from segue.analyzers import (
    TypoBudget,
    analyze,
    fold,
    phonetic_codes,
    split_artists,
    split_credits,
)

# Everything but surrogates (hypothesis' default), plus explicit control characters.
ANY_TEXT = st.text(st.characters(codec=None) | st.characters(max_codepoint=0x9F))
# Latin script, with the punctuation and symbols names use, and Latin-1 controls.
LATIN = st.text(
    st.characters(max_codepoint=0x24F)
    | st.sampled_from(list("'’`-‐–/.&+×$!*()[], ")) | st.just("\u00ad")
)
LONG_TEXT = st.text(min_size=1, max_size=50).map(lambda s: (s * (10_000 // len(s) + 1))[:10_000])
_CJK_WORDS = (
    "CJK", "HIRAGANA", "KATAKANA", "HENTAIGANA", "HANGUL", "IDEOGRAPH", "KANGXI", "HANGZHOU",
)

# Build the lazily constructed romaji converter now: its one-time start-up (about
# half a second) is not what these tests measure, and would trip hypothesis' deadline.
analyze("ふ", language="ja")


def _is_cjk(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return any(word in name for word in _CJK_WORDS)


def check_tokens(text: str, language: str | None = None) -> None:
    tokens = analyze(text, language=language)
    positions = [t.position for t in tokens]
    if tokens:
        assert positions[0] == 0
        assert all(b - a in (0, 1) for a, b in itertools.pairwise(positions))
    for t in tokens:
        assert t.text and t.surface
        assert not any(ch.isspace() for ch in t.text + t.surface)
        # The key is lowercase ASCII letters/digits, or native CJK characters.
        assert (t.text.isascii() and t.text.isalnum() and t.text == t.text.lower()) or all(
            _is_cjk(ch) for ch in t.text
        )
        assert isinstance(t.optional, bool)


@settings(max_examples=300)
@given(ANY_TEXT)
def test_analyze_never_raises_and_tokens_are_well_formed(text: str) -> None:
    check_tokens(text)
    check_tokens(text, language="ja")


@given(st.text(st.characters(codec=None, categories=["Cs", "Cc", "Cf", "Zs", "Co", "Cn"])))
def test_surrogates_controls_and_unassigned_never_crash(text: str) -> None:
    check_tokens(text)
    fold(text)
    phonetic_codes(text)


@settings(max_examples=20, deadline=None)
@given(LONG_TEXT)
def test_ten_thousand_characters(text: str) -> None:
    check_tokens(text)


@given(ANY_TEXT)
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip() and "  " not in once


@given(LATIN)
def test_latin_text_analyzes_like_its_fold(text: str) -> None:
    # Relaxed from "equal texts": a compound ("AC/DC", "Anne-Marie") adds a joined
    # alternative ("acdc") that its folded form ("ac dc") cannot know about. The
    # words at each position (first token) and their flags must still be equal,
    # and folding must add nothing.
    original, folded = analyze(text), analyze(fold(text))
    assert _primary(folded) == _primary(original)
    assert {t.text for t in folded} <= {t.text for t in original}
    assert fold(text) == " ".join(text for text, _ in _primary(original))


def _primary(tokens: list) -> list[tuple[str, bool]]:
    first: dict[int, tuple[str, bool]] = {}
    for t in tokens:
        first.setdefault(t.position, (t.text, t.optional))
    return list(first.values())


@given(ANY_TEXT)
def test_phonetic_codes_never_raise(text: str) -> None:
    codes = phonetic_codes(text)
    assert all(code[:2] in ("M:", "N:") for code in codes)
    for t in analyze(text):
        phonetic_codes(t.text)


@given(ANY_TEXT)
def test_credits_and_budget_never_raise(text: str) -> None:
    _, credited = split_credits(text)
    assert all(a.strip() == a and a for a in credited)
    assert all(a.strip() == a and a for a in split_artists(text))
    assert TypoBudget().for_word(text) in (0, 1, 2)


@given(ANY_TEXT)
def test_analysis_is_deterministic_through_the_cache(text: str) -> None:
    assert analyze(text) == analyze(text)
