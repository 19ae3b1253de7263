"""Credits in titles and artist lines; credit markers are optional tokens."""

import pytest

from segue.analyzers import analyze, split_artists, split_credits


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Flowers (feat. Jane Doe)", ("Flowers", ["Jane Doe"])),
        ("Señorita - ft. Camila Cabello", ("Señorita", ["Camila Cabello"])),
        ("Stay (with Justin Bieber)", ("Stay", ["Justin Bieber"])),
        ("Flowers [Feat. Jane Doe]", ("Flowers", ["Jane Doe"])),
        ("Flowers (featuring Jane Doe)", ("Flowers", ["Jane Doe"])),
        ("Flowers (ft Jane Doe)", ("Flowers", ["Jane Doe"])),
        ("Flowers feat. Jane Doe", ("Flowers", ["Jane Doe"])),
        ("Flowers - feat. Jane Doe", ("Flowers", ["Jane Doe"])),
        ("Flowers feat. Jane Doe - Radio Edit", ("Flowers - Radio Edit", ["Jane Doe"])),
        ("Flowers (feat. Jane Doe) (Live)", ("Flowers (Live)", ["Jane Doe"])),
        ("Flowers feat. Jane Doe (Remix)", ("Flowers (Remix)", ["Jane Doe"])),
        ("Flowers (feat. Jane Doe, John Roe)", ("Flowers", ["Jane Doe", "John Roe"])),
        ("Flowers (feat. Jane Doe) [with John Roe]", ("Flowers", ["Jane Doe", "John Roe"])),
    ],
)
def test_split_credits(title: str, expected: tuple[str, list[str]]) -> None:
    assert split_credits(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Flowers",
        "Stay With Me",
        "Yours - With Love",
        "Love (Remix)",
        "Feather",
        "Defeat the Night",
        "Daft Punk Is Playing at My House",
        "",
    ],
)
def test_titles_without_credits_come_back_unchanged(title: str) -> None:
    assert split_credits(title) == (title, [])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Calvin Harris feat. Dua Lipa", ["Calvin Harris", "Dua Lipa"]),
        ("Calvin Harris (feat. Dua Lipa)", ["Calvin Harris", "Dua Lipa"]),
        ("Calvin Harris ft. Dua Lipa", ["Calvin Harris", "Dua Lipa"]),
        ("Calvin Harris Featuring Dua Lipa", ["Calvin Harris", "Dua Lipa"]),
        ("A with B", ["A", "B"]),
        ("A vs. B", ["A", "B"]),
        ("A vs B", ["A", "B"]),
        ("Marshmello x Anne-Marie", ["Marshmello", "Anne-Marie"]),
        ("Marshmello X Anne-Marie", ["Marshmello", "Anne-Marie"]),
        ("Marshmello × Anne-Marie", ["Marshmello", "Anne-Marie"]),
        ("Lil Nas X", ["Lil Nas X"]),
        ("X Ambassadors", ["X Ambassadors"]),
        ("Simon & Garfunkel", ["Simon & Garfunkel"]),
        ("Tyler, The Creator", ["Tyler, The Creator"]),
        ("Tyler, The Creator feat. Kali Uchis, Frank Ocean",
         ["Tyler, The Creator", "Kali Uchis", "Frank Ocean"]),
        ("Daft Punk", ["Daft Punk"]),
        ("A feat. B x C", ["A", "B", "C"]),
        ("A feat. B feat. B", ["A", "B"]),
        ("", []),
    ],
)
def test_split_artists(line: str, expected: list[str]) -> None:
    assert split_artists(line) == expected


def test_credit_markers_between_words_are_optional_tokens() -> None:
    tokens = [(t.text, t.position, t.optional) for t in analyze("Calvin Harris feat. Dua Lipa")]
    assert tokens == [
        ("calvin", 0, False),
        ("harris", 1, False),
        ("feat", 2, True),
        ("dua", 3, False),
        ("lipa", 4, False),
    ]


@pytest.mark.parametrize("marker", ["ft.", "featuring", "with", "x", "X", "vs.", "vs"])
def test_each_credit_marker_is_optional(marker: str) -> None:
    tokens = analyze(f"Alpha {marker} Beta")
    assert [(t.position, t.optional) for t in tokens] == [(0, False), (1, True), (2, False)]


def test_credit_marker_at_an_edge_is_a_plain_word() -> None:
    assert [(t.text, t.optional) for t in analyze("Lil Nas X")] == [
        ("lil", False), ("nas", False), ("x", False),
    ]
    assert [(t.text, t.optional) for t in analyze("With Confidence")] == [
        ("with", False), ("confidence", False),
    ]
