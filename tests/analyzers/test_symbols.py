"""Symbols that carry meaning in names are mapped, not dropped."""

from segue.analyzers import analyze


def toks(text: str) -> list[tuple[str, str, int, bool]]:
    return [(t.text, t.surface, t.position, t.optional) for t in analyze(text)]


def test_bang_inside_a_word_is_an_i() -> None:
    assert toks("P!nk") == [("pink", "p!nk", 0, False)]


def test_bang_leading_a_word_is_an_i() -> None:
    assert toks("!llmind") == [("illmind", "!llmind", 0, False)]


def test_trailing_bang_is_an_exclamation() -> None:
    # Deliberate: "Wham!", "Help!", "Panic! at the Disco" end in an exclamation.
    assert toks("Wham!") == [("wham", "wham", 0, False)]
    assert [t[0] for t in toks("Panic! at the Disco")] == ["panic", "at", "the", "disco"]


def test_dollar_inside_a_word_is_an_s() -> None:
    assert toks("Ke$ha") == [("kesha", "ke$ha", 0, False)]
    assert toks("A$AP Rocky") == [("asap", "a$ap", 0, False), ("rocky", "rocky", 1, False)]


def test_dollar_at_both_edges_is_an_s() -> None:
    assert toks("$uicideboy$") == [("suicideboys", "$uicideboy$", 0, False)]
    assert toks("Ty Dolla $ign")[-1] == ("sign", "$ign", 2, False)


def test_dollar_and_bang_without_letters_are_dropped() -> None:
    assert toks("$100") == [("100", "100", 0, False)]
    assert toks("$ ! !!! $$") == []


def test_slash_splits_and_joins() -> None:
    assert toks("AC/DC") == [
        ("ac", "ac", 0, False),
        ("acdc", "ac/dc", 0, False),
        ("dc", "dc", 1, False),
    ]


def test_asterisk_is_dropped() -> None:
    assert toks("*NSYNC") == [("nsync", "nsync", 0, False)]


def test_asterisks_inside_a_word_join_it() -> None:
    assert toks("F**kin' Perfect") == [
        ("fkin", "f**kin", 0, False),
        ("perfect", "perfect", 1, False),
    ]


def test_ampersand_is_the_word_and() -> None:
    assert toks("Simon & Garfunkel") == [
        ("simon", "simon", 0, False),
        ("and", "&", 1, False),
        ("garfunkel", "garfunkel", 2, False),
    ]
    assert toks("R&B") == [("r", "r", 0, False), ("and", "&", 1, False), ("b", "b", 2, False)]


def test_fullwidth_ampersand() -> None:
    assert toks("Ａ＆Ｂ")[1] == ("and", "&", 1, False)


def test_plus_between_words_is_and() -> None:
    assert toks("Florence + The Machine") == [
        ("florence", "florence", 0, False),
        ("and", "+", 1, False),
        ("the", "the", 2, False),
        ("machine", "machine", 3, False),
    ]


def test_plus_elsewhere_is_dropped() -> None:
    assert toks("C++") == [("c", "c", 0, False)]
    assert toks("+44") == [("44", "44", 0, False)]
    assert toks("+") == []


def test_multiplication_sign_is_the_credit_x() -> None:
    assert toks("Marshmello × Bastille") == [
        ("marshmello", "marshmello", 0, False),
        ("x", "×", 1, True),
        ("bastille", "bastille", 2, False),
    ]


def test_other_symbols_and_emoji_are_dropped() -> None:
    assert toks("Love ♥ you 🎵 (live) #1 @home") == [
        ("love", "love", 0, False),
        ("you", "you", 1, False),
        ("live", "live", 2, False),
        ("1", "1", 3, False),
        ("home", "home", 4, False),
    ]
