"""Leading articles are optional when more words follow."""

import pytest

from segue.analyzers import ARTICLES, analyze


def toks(text: str) -> list[tuple[str, str, int, bool]]:
    return [(t.text, t.surface, t.position, t.optional) for t in analyze(text)]


def test_the_beatles() -> None:
    assert toks("The Beatles") == [("the", "the", 0, True), ("beatles", "beatles", 1, False)]


def test_an_article_alone_is_the_name() -> None:
    assert toks("The") == [("the", "the", 0, False)]


def test_only_a_leading_article_is_optional() -> None:
    assert toks("Florence and The Machine")[2] == ("the", "the", 2, False)


def test_the_the_keeps_its_second_the() -> None:
    assert toks("The The") == [("the", "the", 0, True), ("the", "the", 1, False)]


def test_los_tigres_del_norte() -> None:
    assert toks("Los Tigres del Norte") == [
        ("los", "los", 0, True),
        ("tigres", "tigres", 1, False),
        ("del", "del", 2, False),
        ("norte", "norte", 3, False),
    ]


def test_die_arzte() -> None:
    assert toks("Die Ärzte") == [("die", "die", 0, True), ("arzte", "ärzte", 1, False)]


def test_les_rita_mitsouko() -> None:
    assert toks("Les Rita Mitsouko") == [
        ("les", "les", 0, True),
        ("rita", "rita", 1, False),
        ("mitsouko", "mitsouko", 2, False),
    ]


def test_article_followed_only_by_punctuation_is_not_optional() -> None:
    assert toks("The !") == [("the", "the", 0, False)]


def test_article_before_a_compound_marks_only_the_article() -> None:
    assert toks("The-Dream") == [
        ("the", "the", 0, True),
        ("thedream", "the-dream", 0, False),
        ("dream", "dream", 1, False),
    ]


@pytest.mark.parametrize(
    "article",
    ["the", "a", "an", "los", "las", "el", "la", "die", "der", "das", "les", "le", "il", "i"],
)
def test_articles_of_the_contract(article: str) -> None:
    assert article in ARTICLES
    assert analyze(f"{article.title()} Name")[0].optional


def test_articles_are_folded() -> None:
    assert all(a == a.lower() and a.isascii() and a.isalpha() for a in ARTICLES)
