"""Scripts without spaces: bigrams, unigrams, and a Latin reading beside them."""

from segue.analyzers import analyze


def toks(text: str, **kw: str) -> list[tuple[str, str, int]]:
    return [(t.text, t.surface, t.position) for t in analyze(text, **kw)]


def test_han_bigrams_with_pinyin_alternatives() -> None:
    assert toks("周杰伦") == [
        ("周杰", "周杰", 0),
        ("zhou", "周", 0),
        ("zhoujielun", "周杰伦", 0),
        ("杰伦", "杰伦", 1),
        ("jie", "杰", 1),
        ("lun", "伦", 2),
    ]


def test_one_character_run_is_a_unigram() -> None:
    assert toks("風") == [("風", "風", 0), ("feng", "風", 0)]


def test_bigram_text_equals_surface_and_is_native() -> None:
    for t in analyze("周杰伦 방탄소년단 ふじいかぜ"):
        if not t.text.isascii():
            assert t.text == t.surface
            assert len(t.text) <= 2


def test_kana_gets_romaji() -> None:
    # pykakasi reads a kana-only run as one word; the joined romaji is what it offers.
    assert toks("ふじいかぜ") == [
        ("ふじ", "ふじ", 0),
        ("fujiikaze", "ふじいかぜ", 0),
        ("じい", "じい", 1),
        ("いか", "いか", 2),
        ("かぜ", "かぜ", 3),
    ]


def test_kanji_in_a_japanese_field_gets_romaji() -> None:
    assert toks("藤井 風", language="ja") == [
        ("藤井", "藤井", 0),
        ("fujii", "藤井", 0),
        ("風", "風", 1),
        ("kaze", "風", 1),
    ]
    assert toks("藤井風", language="ja-JP") == [
        ("藤井", "藤井", 0),
        ("fujii", "藤井", 0),
        ("fujiikaze", "藤井風", 0),
        ("井風", "井風", 1),
        ("kaze", "風", 1),
    ]


def test_kanji_next_to_kana_gets_romaji_without_a_language() -> None:
    assert toks("宇多田ヒカル") == [
        ("宇多", "宇多", 0),
        ("utada", "宇多田", 0),
        ("utadahikaru", "宇多田ヒカル", 0),
        ("多田", "多田", 1),
        ("hikaru", "ヒカル", 1),
        ("田ヒ", "田ヒ", 2),
        ("ヒカ", "ヒカ", 3),
        ("カル", "カル", 4),
    ]


def test_romaji_long_vowels_also_unmarked() -> None:
    texts = {t.text for t in analyze("東京事変", language="ja")}
    assert {"toukyou", "tokyo", "jihen", "toukyoujihen", "tokyojihen"} <= texts


def test_hangul_bigrams_with_unidecode_romanization() -> None:
    assert toks("정국") == [("정국", "정국", 0), ("jeonggug", "정국", 0)]


def test_mixed_latin_and_hangul() -> None:
    assert toks("BTS (방탄소년단)") == [
        ("bts", "bts", 0),
        ("방탄", "방탄", 1),
        ("bangtansonyeondan", "방탄소년단", 1),
        ("탄소", "탄소", 2),
        ("소년", "소년", 3),
        ("년단", "년단", 4),
    ]


def test_script_change_inside_a_chunk_splits() -> None:
    assert toks("TWICEの") == [("twice", "twice", 0), ("の", "の", 1), ("no", "の", 1)]
    assert toks("乃木坂46") == [
        ("乃木", "乃木", 0),
        ("nai", "乃", 0),
        ("naimuban", "乃木坂", 0),
        ("木坂", "木坂", 1),
        ("mu", "木", 1),
        ("ban", "坂", 2),
        ("46", "46", 3),
    ]


def test_words_after_a_run_continue_after_its_positions() -> None:
    assert [t.position for t in analyze("周杰伦 Jay Chou") if t.text in ("jay", "chou")] == [3, 4]


def test_halfwidth_katakana_is_nfkc_normalized() -> None:
    assert toks("ｶﾀｶﾅ")[0] == ("カタ", "カタ", 0)


def test_cjk_readings_are_never_optional() -> None:
    # 啊 reads "a", an English article, but it is not one here.
    assert toks("啊 Beatles") == [("啊", "啊", 0), ("a", "啊", 0), ("beatles", "beatles", 1)]
    assert not any(t.optional for t in analyze("啊 Beatles"))
