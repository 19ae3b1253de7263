"""While one word is typed: the names it begins compete by popularity (`typing`), a
word it begins counts as the word itself, and a half-typed word names nothing whole.
Once the query is clearly complete, or the completion is not far more popular,
exactness decides again. Each case is measured both ways: with the feature's weight
and without it."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from segue.ranking import (
    Candidate,
    MatchKind,
    QueryShape,
    UserContext,
    Variant,
    WordMatch,
    rank,
    shipped_variants,
)
from segue.schema import Field

DEFAULT = shipped_variants()["default"]


def without_typing() -> Variant:
    data = json.loads(json.dumps({
        "name": "no-typing", "version": 1, "weights": {**DEFAULT.weights, "typing": 0},
        "match_values": {k.name.lower(): v for k, v in DEFAULT.match_values.items()},
        "field_weights": {k.name.lower(): v for k, v in DEFAULT.field_weights.items()},
        "type_prior": DEFAULT.type_prior}))
    return Variant.from_dict(data)


def typed(word: str, *, space: bool = False) -> QueryShape:
    return QueryShape((word,), (False,), typing=not space)


def named(doc_id: str, word: str, term: str, popularity: float, *, length: int = 1,
          artist: bool = False) -> Candidate:
    """A document whose name begins with `term`, matched by the typed `word`: exactly
    when they are the same word, else as a completion."""
    kind = MatchKind.EXACT if term == word else MatchKind.PREFIX
    match = WordMatch(word=0, kind=kind, typos=0, field=Field.NAME, position=0,
                      value_start=0, value_length=length, ordinal=0,
                      exact_form=kind == MatchKind.EXACT, idf=3.0, term=term,
                      prefix_chars=len(word) if kind == MatchKind.PREFIX else 0)
    return Candidate(doc_id, "artist" if artist else "track", popularity, [match])


def first(query: QueryShape, *cands: Candidate, variant: Variant = DEFAULT) -> str:
    return rank(cands, query, variant)[0].candidate.doc_id


HELL = named("tr-hell", "hell", "hell", 12.0)                       # an unknown "Hell"
HELLO = named("tr-adele-hello", "hell", "hello", 90.0)              # Adele's "Hello"


def test_an_obscure_exact_name_does_not_bury_a_famous_completion():
    assert first(typed("hell"), HELL, HELLO) == "tr-adele-hello"
    # Measured the other way: without the feature, exactness alone answers "Hell".
    assert first(typed("hell"), HELL, HELLO, variant=without_typing()) == "tr-hell"


def test_exactness_reasserts_once_the_word_is_complete():
    assert first(typed("hell", space=True), HELL, HELLO) == "tr-hell"


def test_a_completion_in_a_near_tie_leaves_the_exact_name_first():
    # Six popularity points apart: the album named exactly as typed keeps the lead.
    wish = named("al-wish", "wish", "wish", 70.0)
    wywh = named("al-wish-you-were-here", "wish", "wish", 76.0, length=4)
    assert first(typed("wish"), wish, wywh) == "al-wish"


def test_a_completion_far_more_listened_to_leads_while_typing():
    # 21 points on a popularity scale that is logarithmic in plays: many times the
    # listening, so "wish" is most likely on its way to Wish You Were Here.
    wish = named("al-wish", "wish", "wish", 55.0)
    wywh = named("al-wish-you-were-here", "wish", "wish", 76.0, length=4)
    assert first(typed("wish"), wish, wywh) == "al-wish-you-were-here"
    assert first(typed("wish", space=True), wish, wywh) == "al-wish"


def test_what_a_user_listens_to_outweighs_the_crowds_guess():
    # "one": Drake's One Dance is 23 points more popular than Metallica's One, so the
    # crowd is on its way to it; a metal fan is on the way to Metallica.
    one = replace(named("tr-metallica-one", "one", "one", 20.6), artists=("Metallica",),
                  genres=("metal",))
    one_dance = replace(named("tr-one-dance", "one", "one", 43.4, length=2),
                        artists=("Drake",), genres=("hip hop",))
    crowd = rank([one, one_dance], typed("one"), DEFAULT)
    assert crowd[0].candidate.doc_id == "tr-one-dance"
    for fan in (UserContext.of(artists=["Metallica"]), UserContext.of(genres=["metal"])):
        assert rank([one, one_dance], typed("one"), DEFAULT, user=fan)[0].candidate.doc_id \
            == "tr-metallica-one"


def test_skips_make_a_completion_a_weaker_guess():
    # Two recordings of "Звезда по имени Солнце", three points apart: a listener who
    # skips Кино gets Би-2's first, and the explanation shows the personal `typing`.
    kino = replace(named("tr-zvezda-kino", "звезда", "звезда", 80.0, length=4),
                   artists=("Кино",), genres=("russian rock",))
    bi2 = replace(named("tr-zvezda-bi2", "звезда", "звезда", 77.0, length=4),
                  artists=("Би-2",), genres=("alternative rock",))
    assert first(typed("звезда"), kino, bi2) == "tr-zvezda-kino"
    skipper = UserContext(skipped_artists={"kino": 0.65})  # names folded as `key` does
    ranked = rank([kino, bi2], typed("звезда"), DEFAULT, user=skipper, explain=True)
    assert ranked[0].candidate.doc_id == "tr-zvezda-bi2"
    parts = {c.feature: c.value for c in ranked[1].explanation}
    assert 0 < parts["typing"] < 1 and parts["affinity"] < 0


def test_a_half_typed_word_is_a_beginning_not_a_whole_name():
    # "happ": the one-word name "Happier" is no more what was typed than
    # "Happier Than Ever", which is more popular.
    happier = named("tr-happier", "happ", "happier", 72.0)
    than_ever = named("tr-happier-than-ever", "happ", "happier", 87.0, length=3)
    assert first(typed("happ"), happier, than_ever) == "tr-happier-than-ever"


def test_a_word_typed_whole_is_still_the_beginning_of_a_name():
    # "flower" is on its way to Miley Cyrus's "Flowers" as much as to "Flower Boy".
    flower_boy = named("al-flower-boy", "flower", "flower", 76.0, length=2)
    flowers = named("tr-flowers", "flower", "flowers", 83.0)
    assert first(typed("flower"), flower_boy, flowers) == "tr-flowers"


def test_documents_named_alike_share_the_typing_value():
    """Two tracks called "Alone" get the same value, so their own order (popularity, a
    user's affinity) is what it would be without the feature."""
    walker = named("tr-alan-walker-alone", "alone", "alone", 20.0)
    marshmello = named("tr-marshmello-alone", "alone", "alone", 28.0)
    dancing = named("tr-alone-again", "alone", "alone", 43.0, length=2)
    ranked = rank([walker, marshmello, dancing], typed("alone"), DEFAULT, explain=True)
    value = {r.candidate.doc_id: dict((c.feature, c.value) for c in r.explanation)["typing"]
             for r in ranked}
    assert value["tr-alan-walker-alone"] == value["tr-marshmello-alone"] > 0
    assert value["tr-alone-again"] == 1.0


def test_the_explanation_names_the_feature_and_its_weight():
    (top, *_) = rank([HELL, HELLO], typed("hell"), DEFAULT, explain=True)
    typing = {c.feature: c for c in top.explanation}["typing"]
    assert (typing.value, typing.weight) == (1.0, DEFAULT.weights["typing"])
    assert sum(c.contribution for c in top.explanation) == pytest.approx(top.score)
