"""Fusion arithmetic on real-looking ranked lists."""

from __future__ import annotations

import pytest

from segue.query import blend, rrf


def test_rrf_rewards_agreement_between_the_lists():
    lexical = ["pl-rainy-day", "tr-rain-on-me", "tr-rainy-days-and-mondays"]
    semantic = ["tr-fast-car", "pl-rainy-day", "tr-the-night-we-met"]
    fused = rrf(lexical, semantic)
    assert max(fused, key=fused.get) == "pl-rainy-day"
    assert fused["pl-rainy-day"] == pytest.approx(1 / 61 + 1 / 62)
    assert fused["tr-fast-car"] == pytest.approx(1 / 61)
    assert fused["tr-rain-on-me"] > fused["tr-the-night-we-met"]


def test_blend_normalizes_each_side_and_weighs_them_by_the_ratio():
    lexical = {"tr-take-on-me": 120.0, "pl-80s": 90.0, "tr-hunting": 60.0}
    semantic = {"pl-80s": 0.71, "tr-forever-young": 0.52, "tr-take-on-me": 0.33}
    words = blend(lexical, semantic, 0.0)
    assert max(words, key=words.get) == "tr-take-on-me" and words["tr-forever-young"] == 0.0
    meaning = blend(lexical, semantic, 1.0)
    assert max(meaning, key=meaning.get) == "pl-80s" and meaning["tr-hunting"] == 0.0
    half = blend(lexical, semantic, 0.5)
    assert half["pl-80s"] == pytest.approx(0.5 * 0.5 + 0.5 * 1.0)
