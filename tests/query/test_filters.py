"""Filter expressions: what parses into which tree, and every malformed one answered
with what is wrong and where."""

from __future__ import annotations

import pytest

from segue.query import FilterError, parse_filter
from segue.query.filters import MAX_FILTER_CHARS, And, Compare, In, Not, Or


def test_meilisearch_examples_parse_into_typed_trees():
    assert parse_filter('genres = "hip hop" AND year >= 1990 AND explicit = false') == And((
        Compare("genres", "=", "hip hop", 0), Compare("year", ">=", 1990.0, 23),
        Compare("explicit", "=", False, 40)))
    # AND binds tighter than OR; NOT applies to what follows; IN takes a list.
    assert parse_filter("type = track OR type = album AND NOT year < 2000") == Or((
        Compare("type", "=", "track", 0),
        And((Compare("type", "=", "album", 16), Not(Compare("year", "<", 2000.0, 37))))))
    assert parse_filter("language NOT IN [sv, 'no']") == Not(In("language", ("sv", "no"), 0))


def test_values_are_compared_folded_and_quoted_strings_keep_their_spaces_and_quotes():
    assert parse_filter('artists = "Beyoncé"') == Compare("artists", "=", "beyoncé", 0)
    assert parse_filter('artists = "Guns N\' Roses"').value == "guns n' roses"
    assert parse_filter(r"artists = 'Guns N\' Roses'").value == "guns n' roses"
    assert parse_filter('genres = "Rock En Español"').value == "rock en español"
    assert parse_filter('genres = "AND"').value == "and"   # a keyword, quoted, is a value


def test_keywords_are_case_insensitive_and_spacing_is_free():
    assert parse_filter("year>1990 and(explicit=TRUE or genres in[pop])") == And((
        Compare("year", ">", 1990.0, 0),
        Or((Compare("explicit", "=", True, 14), In("genres", ("pop",), 31)))))


def test_configured_fields_are_filterable_keywords():
    assert parse_filter('label = "Sub Pop"', ["label"]) == Compare("label", "=", "sub pop", 0)
    with pytest.raises(FilterError, match="unknown field 'label'"):
        parse_filter('label = "Sub Pop"')


def test_an_empty_filter_is_no_filter():
    assert parse_filter("") is None
    assert parse_filter("   ") is None


MALFORMED = [
    # (filter, position, what the message says)
    ('(genres = "rock"', 16, "ends too early"),
    ('genres = "rock")', 15, "unexpected ')'"),
    ('((year > 1990) AND (explicit = true)', 36, "ends too early"),
    ('genres = "rock" AND', 19, "ends too early"),
    ("year ~ 1990", 5, "unexpected character '~'"),
    ("year => 1990", 6, "unexpected '>'"),
    ("year == 1990", 6, "unexpected '='"),
    ('year = "nineteen ninety"', 7, "number field"),
    ("year > abc", 7, "number field"),
    ("explicit = maybe", 11, "boolean field"),
    ("explicit > true", 9, "takes = != IN"),
    ('genres >= "rock"', 7, "takes = != IN"),
    ('mood = "happy"', 0, "unknown field 'mood'"),
    ("type IN [track, song]", 16, "'song' is not a type"),
    ('genres = "x" OR 1=1', 16, "unexpected '1'"),
    ("genres = \"x\"; DROP TABLE documents", 12, "unexpected character ';'"),
    ('genres = "x" OR "1" = "1"', 16, "unexpected '\"1\"'"),
    ('{"term": {"genres": "rock"}}', 0, "unexpected character '{'"),
    ('genres = "unterminated', 9, "not closed"),
    ("genres IN [rock, pop", 20, "ends too early"),
    ("year = 1e999", 7, "not a finite number"),
    ("x" * (MAX_FILTER_CHARS + 1), MAX_FILTER_CHARS, "the limit is"),
    ("genres = rock OR " * 600 + "genres = pop", MAX_FILTER_CHARS, "the limit is"),
    ("(" * 60 + "year = 1" + ")" * 60, 40, "nests deeper"),
    ("NOT " * 60 + "year = 1", 160, "nests deeper"),
]


@pytest.mark.parametrize(("text", "position", "message"), MALFORMED,
                         ids=[m[2] + f"@{m[1]}" for m in MALFORMED])
def test_a_malformed_filter_says_what_and_where(text: str, position: int, message: str):
    with pytest.raises(FilterError) as caught:
        parse_filter(text)
    assert caught.value.position == position
    assert message in caught.value.message
    assert str(caught.value).endswith(f"at position {position}")


def test_a_ten_kilobyte_expression_is_refused_before_it_is_parsed():
    text = " OR ".join(f'artists = "artist {i}"' for i in range(500))
    assert len(text) > 10_000
    with pytest.raises(FilterError, match=f"the limit is {MAX_FILTER_CHARS}"):
        parse_filter(text)
