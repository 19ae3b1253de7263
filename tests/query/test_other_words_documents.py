"""The documents the other words of a query name ("hotel cal": those holding "hotel"),
found from the rarest word's postings with the others searched only where needed: the
same documents as the plain intersection of every word's postings, when a word is held
by a large share of the catalog ("the", "love"), when a word expands to several terms
(typos, completions), when documents were deleted or replaced, and when a word is only
in genres. A split word ("linkinpark") finds the documents holding all its parts the
same way."""

from __future__ import annotations

import random

import numpy as np
import pytest

from segue.analyzers import analyze
from segue.indexer import LexicalIndex
from segue.query.completions import ALL_BITS, NAMING_BITS, Completions, positions_in
from segue.query.embedded import EmbeddedRetriever, Expansion
from segue.ranking import MatchKind

# Common words first: drawn with falling weights, so "the" is in a large share of the
# names and "lluvia" in a handful, as in a real catalog.
WORDS = ["the", "love", "night", "you", "de", "la", "summer", "blue", "heart", "corazón",
         "дождь", "hotel", "california", "dancing", "queen", "sweet", "child", "mine",
         "lluvia", "noche", "город", "ночь", "amor", "rose", "vie", "stairway", "heaven"]
ARTISTS = ["The Eagles", "Björk", "Кино", "Beyoncé", "ABBA", "Guns N' Roses",
           "Édith Piaf", "Led Zeppelin", "Maná", "Нервы"]
GENRES = ["rock", "pop", "the blues", "chanson", "latin"]


def _catalog(seed: int) -> LexicalIndex:
    """Two thousand tracks in three batches, some replaced or deleted in between, then
    compacted or not: every way the postings get written."""
    rng = random.Random(seed)
    weights = [1.0 / (k + 1) for k in range(len(WORDS))]

    def doc(i: int) -> dict:
        name = " ".join(rng.choices(WORDS, weights, k=rng.randint(1, 4)))
        return {"id": f"tr-{i}", "type": "track", "name": name,
                "artists": [rng.choice(ARTISTS)], "genres": [rng.choice(GENRES)],
                "popularity": round(rng.uniform(1, 99), 1)}

    index = LexicalIndex()
    index.upsert_many([doc(i) for i in range(1_000)])
    index.upsert_many([doc(rng.randrange(1_000)) if k % 3 else doc(1_000 + k)
                       for k in range(600)])  # a third new, the rest replacing
    for i in rng.sample(range(1_000), 150):
        index.remove(f"tr-{i}")
    if seed % 2:
        index.compact()
    index.upsert_many([doc(2_000 + k) for k in range(400)])
    return index


def _intersection(index: LexicalIndex, words: list[list[int]], bits: int) -> set[int]:
    """The live documents holding, in a field of `bits`, a term of every word: each
    word's postings read whole, as sets."""
    held = []
    for terms in words:
        docs, masks, _ = index.postings_of(terms)
        held.append(set(docs[(masks & bits) != 0].tolist()))
    return {d for d in set.intersection(*held) if index.live[d]}


@pytest.mark.parametrize("seed", [1, 2])
def test_the_other_words_documents_are_the_intersection_of_their_postings(seed: int) -> None:
    index = _catalog(seed)
    vocab = index.vocab
    rng = random.Random(seed)
    completions = Completions(index)
    # Each word as the index holds it ("corazón" -> corazon), and its one-typo terms.
    held = {w: analyze(w)[0].text for w in WORDS}
    assert all(vocab.get(t) is not None for t in held.values())
    terms = [vocab.get(t) for t in (*held.values(), "eagles", "bjork", "rock", "blues")]
    typos = {w: [t for t, _ in vocab.within(held[w], 1)] for w in WORDS}
    asked = 0
    for _ in range(300):
        words = []
        for _ in range(rng.randint(1, 4)):
            word = rng.choice(WORDS)
            # A word, or its typo neighbourhood with a completion or two, as expanded.
            words.append(rng.choice([[vocab.get(held[word])], typos[word],
                                     [*typos[word], *rng.sample(terms, 2)]]))
        for bits in (NAMING_BITS, ALL_BITS):
            found = completions.holding(words, bits)
            assert found is not None
            assert len(set(found.tolist())) == len(found)  # each document once
            assert set(found.tolist()) == _intersection(index, words, bits)
            asked += 1
    assert asked == 600
    assert completions.holding([], ALL_BITS) is None


def test_a_common_word_before_the_one_typed_narrows_its_completions() -> None:
    """"the hotel ca": "the" is in hundreds of names, "hotel" in two; the completions are
    those of the documents holding both, a deleted one aside."""
    docs = [{"id": f"lt-the-{i}", "type": "track", "name": f"The Night {i}",
             "artists": ["The Cars"], "popularity": 50.0} for i in range(600)]
    docs += [
        {"id": "tr-hotel-california", "type": "track", "name": "Hotel California",
         "artists": ["The Eagles"], "popularity": 90.0},
        {"id": "tr-hotel-cabana", "type": "track", "name": "The Hotel Cabana",
         "artists": ["Naughty Boy"], "popularity": 60.0},
        {"id": "tr-hotel-costes", "type": "track", "name": "Hotel Costes",
         "artists": ["Stéphane Pompougnac"], "popularity": 40.0},
    ]
    index = LexicalIndex()
    index.upsert_many(docs)
    index.remove("tr-hotel-cabana")
    words = [[index.vocab.get("the")], [index.vocab.get("hotel")]]
    found = Completions(index).among("ca", words, 10)
    assert [index.vocab.terms[t] for t in found] == ["california"]


def test_a_split_word_finds_the_documents_holding_all_its_parts() -> None:
    """"linkinpark": "park" is in hundreds of names, "linkin" in two; the documents
    holding both are found, ascending, with the field bits of "linkin" there."""
    docs = [{"id": f"lt-park-{i}", "type": "track", "name": f"Park Avenue {i}",
             "artists": ["Park Jimin"], "popularity": 30.0} for i in range(500)]
    docs += [
        {"id": "ar-linkin-park", "type": "artist", "name": "Linkin Park", "popularity": 85},
        {"id": "tr-numb", "type": "track", "name": "Numb", "artists": ["Linkin Park"],
         "popularity": 80},
        {"id": "tr-linkin", "type": "track", "name": "Linkin", "artists": ["Mirela"],
         "popularity": 10},
    ]
    index = LexicalIndex()
    index.upsert_many(docs)
    retriever = EmbeddedRetriever(index)
    linkin, park = index.vocab.get("linkin"), index.vocab.get("park")
    split = Expansion(MatchKind.COMPOUND, 1, split=(linkin, park))
    numbers, masks = retriever._postings(-1, split)
    assert [index.doc_id(n) for n in numbers.tolist()] == ["ar-linkin-park", "tr-numb"]
    first, first_masks = index.postings(linkin)
    assert masks.tolist() == [first_masks[first.tolist().index(n)] for n in numbers.tolist()]
    assert retriever._splits("linkinpark") == [(linkin, park)]
    index.remove("ar-linkin-park")
    index.remove("tr-numb")
    assert retriever._splits("linkinpark") == []  # deleted: no document holds both


def test_positions_in_a_terms_postings() -> None:
    postings = np.array([3, 8, 15, 40], np.int32)
    docs = np.array([1, 3, 9, 15, 40, 41], np.int32)
    assert positions_in(postings, docs).tolist() == [-1, 0, -1, 2, 3, -1]
    assert positions_in(postings[:0], docs).tolist() == [-1] * 6
