"""The compiled gathering loops against the same rules written as plain numpy: a query
word's best match per document counted once, names marked once, each document once in
the order of its last touch, and the scratch left zeroed for the next query."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from segue.query.gather import gather_word, gathered

DOCS = 12
NAME_BITS = 0b11


def _reference_word(docs, masks, sizes, base, whole, typed, parts, split_words, guess,
                    bonus, required, one_typed, lut, live, lengths, total, named, begins):
    """The numpy passes the loop replaced."""
    segment = np.repeat(np.arange(len(sizes)), sizes)
    vals = lut[masks] + base[segment]
    split = parts[segment] > 0
    vals[split] += guess * (lengths[docs[split]] == split_words + parts[segment][split])
    keep = live[docs]
    docs, vals, masks, segment = docs[keep], vals[keep], masks[keep], segment[keep]
    best = np.zeros(DOCS, np.float32)
    np.maximum.at(best, docs, vals)
    total[docs] = total[docs] + best[docs] + bonus
    if required:
        in_name = (masks & NAME_BITS) != 0
        hit = docs[in_name & whole[segment]]
        named[hit] = named[hit] + 1
        if one_typed:
            begins[docs[in_name & typed[segment]]] = 1
    return docs


word = st.fixed_dictionaries({
    "postings": st.lists(st.lists(st.tuples(st.integers(0, DOCS - 1), st.integers(0, 7)),
                                  max_size=8), min_size=1, max_size=4),
    "base": st.lists(st.floats(-1, 3, width=32), min_size=4, max_size=4),
    "whole": st.lists(st.booleans(), min_size=4, max_size=4),
    "typed": st.lists(st.booleans(), min_size=4, max_size=4),
    "parts": st.lists(st.sampled_from([0, 0, 2, 3]), min_size=4, max_size=4),
    "required": st.booleans(),
})


@settings(max_examples=150, deadline=None)
@given(words=st.lists(word, min_size=1, max_size=3), one_typed=st.booleans(),
       dead=st.sets(st.integers(0, DOCS - 1), max_size=4),
       lengths=st.lists(st.integers(1, 5), min_size=DOCS, max_size=DOCS),
       joined=st.booleans())
def test_the_loops_follow_the_numpy_rules(words, one_typed, dead, lengths, joined):
    lut = np.linspace(0, 2, 8).astype(np.float32)
    live = np.ones(DOCS, np.bool_)
    live[list(dead)] = False
    name_lengths = np.asarray(lengths, np.int16)
    guess, bonus = np.float32(0.7), np.float32(0.25)
    joins = np.asarray([k % 2 for k in range(DOCS)], np.int16)
    best, flags = np.zeros(DOCS, np.float32), np.zeros(DOCS, np.int8)
    total, named, begins = (np.zeros(DOCS, np.float32), np.zeros(DOCS, np.int16),
                            np.zeros(DOCS, np.int16))
    ref_total, ref_named, ref_begins = total.copy(), named.copy(), begins.copy()
    touched, ref_touched = [], []
    for w in words:
        segments = w["postings"]
        sizes = [len(s) for s in segments]
        docs = np.asarray([d for s in segments for d, _ in s], np.int32)
        masks = np.asarray([m for s in segments for _, m in s], np.uint8)
        k = len(segments)
        base = np.asarray(w["base"][:k], np.float32)
        whole = np.asarray(w["whole"][:k], np.bool_)
        typed = np.asarray(w["typed"][:k], np.bool_)
        parts = np.asarray(w["parts"][:k], np.int64)
        starts = np.asarray([0, *np.cumsum(sizes)], np.int64)
        out = np.empty(len(docs), np.int32)
        n = gather_word(docs, masks, starts, base, whole, typed, parts, 1, guess, bonus,
                        NAME_BITS, w["required"], one_typed, lut, live, name_lengths,
                        best, total, flags, named, begins, out)
        touched.append(out[:n])
        ref_touched.append(_reference_word(
            docs, masks, sizes, base, whole, typed, parts, 1, guess, bonus,
            w["required"], one_typed, lut, live, name_lengths, ref_total, ref_named,
            ref_begins))
        assert out[:n].tolist() == ref_touched[-1].tolist()
        assert total.tolist() == ref_total.tolist()
        assert named.tolist() == ref_named.tolist()
        assert begins.tolist() == ref_begins.tolist()
        assert not best.any() and not flags.any()

    words_typed, found = 2, sum(w["required"] for w in words)
    cand, scores, began = gathered(np.concatenate(touched), total, named, joins.copy(),
                                   begins, name_lengths, words_typed, found, joined,
                                   guess, flags)
    every = np.concatenate(ref_touched).tolist()
    last = {d: i for i, d in enumerate(every)}
    order = sorted(last, key=last.__getitem__)
    assert cand.tolist() == order
    same = name_lengths[order] == words_typed
    if joined:
        same |= name_lengths[order] == words_typed - joins[order]
    expected = ref_total[order] + guess * (same & (ref_named[order] >= found))
    assert scores.tolist() == expected.astype(np.float32).tolist()
    assert began.tolist() == (ref_begins[order] > 0).tolist()
    assert not total.any() and not named.any() and not begins.any() and not flags.any()


def test_a_document_counts_its_best_match_once_and_never_below_nothing():
    # Document 3 matches the word twice (0.9, and -0.4 by a costly typo) and counts
    # 0.9 once; document 5 only matches by the costly typo and counts nothing rather
    # than less than nothing.
    docs = np.asarray([3, 5, 3], np.int32)
    masks = np.asarray([1, 4, 1], np.uint8)
    lut = np.zeros(8, np.float32)
    total = np.zeros(8, np.float32)
    out = np.empty(3, np.int32)
    n = gather_word(docs, masks, np.asarray([0, 1, 3], np.int64),
                    np.asarray([0.9, -0.4], np.float32), np.ones(2, np.bool_),
                    np.ones(2, np.bool_), np.zeros(2, np.int64), 0, np.float32(0),
                    np.float32(0), NAME_BITS, True, False, lut, np.ones(8, np.bool_),
                    np.ones(8, np.int16), np.zeros(8, np.float32), total,
                    np.zeros(8, np.int8), np.zeros(8, np.int16), np.zeros(8, np.int16), out)
    assert out[:n].tolist() == [3, 5, 3]
    assert total[3] == np.float32(0.9) and total[5] == 0.0
