"""The inner loop of gathering (`embedded.py`, step 2), compiled.

Every posting of every expansion of a query word passes through it. At a million
documents a query touches tens of thousands of postings, and written as numpy array
operations (a field lookup, a maximum per document, a sum, a mark, a reset) each step
is one more pass of random reads over million-entry scratch arrays. One compiled loop
does every step for a posting while its document's entries are in cache. numba (the
compiler ranx is built on) turns it into machine code on first use and caches that
beside this file, so a process pays the compile once per machine.
"""

from __future__ import annotations

import numpy as np
from numba import njit

WHOLE = 1   # flag: the word is in the document's name, and may make it whole
ADDED = 2   # flag: the document's best match of this word is counted


@njit(cache=True, nogil=True)
def gather_word(docs: np.ndarray, masks: np.ndarray, starts: np.ndarray,
                base: np.ndarray, whole: np.ndarray, typed: np.ndarray,
                split_parts: np.ndarray, split_words: int, exact_guess: np.float32,
                bonus: np.float32, name_bits: int, required: bool, one_typed: bool,
                field_lut: np.ndarray, live: np.ndarray, name_lengths: np.ndarray,
                best: np.ndarray, total: np.ndarray, flags: np.ndarray,
                named: np.ndarray, begins: np.ndarray, out: np.ndarray) -> int:
    """Add one query word's best match per document to `total`.

    The word's postings come as segments (`starts`), one per expansion: its pre-score
    `base`, whether a match may make the whole name (`whole`), whether it is the word
    as typed (`typed`), and for a split word the number of its parts (`split_parts`;
    a name of `split_words` + that many words then earns `exact_guess`). A posting
    scores its best field (`field_lut`) plus its segment's base; a document counts its
    best posting (at least 0) once, plus `bonus`. A required word also counts, per
    document, a match in the name (`named`) and, for one word being typed, a name it
    begins (`begins`). Live documents touched go to `out` in posting order, repeats
    kept; returns how many. `best` and `flags` are scratch, left zeroed.
    """
    n = 0
    for s in range(len(starts) - 1):
        b = base[s]
        parts = split_parts[s]
        names_whole = required and whole[s]
        names_typed = required and one_typed and typed[s]
        for k in range(starts[s], starts[s + 1]):
            d = docs[k]
            if not live[d]:
                continue
            v = field_lut[masks[k]] + b
            if parts > 0 and name_lengths[d] == split_words + parts:
                v = v + exact_guess
            if v > best[d]:
                best[d] = v
            out[n] = d
            n += 1
            if masks[k] & name_bits:
                if names_whole:
                    flags[d] |= WHOLE
                if names_typed:
                    begins[d] = 1
    for j in range(n):
        d = out[j]
        if flags[d] & ADDED:
            continue
        total[d] = total[d] + best[d] + bonus
        if flags[d] & WHOLE:
            named[d] += 1
        flags[d] = ADDED
    for j in range(n):
        d = out[j]
        best[d] = 0
        flags[d] = 0
    return n


@njit(cache=True, nogil=True)
def gathered(touched: np.ndarray, total: np.ndarray, named: np.ndarray,
             joins: np.ndarray, begins: np.ndarray, name_lengths: np.ndarray,
             words: int, found: int, joined: bool, exact: np.float32, marks: np.ndarray,
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The documents the words touched, each once (in the order of its last touch), with
    their pre-scores, and whether one word being typed begins their name; the scratch
    (`total`, `named`, `joins`, `begins`, `marks`) is left zeroed.

    A name earns `exact`, a cheap guess at the "exact" feature, when it has as many
    words as the query (fewer by the words joined into another, when `joined`) and
    holds all `found` words that were gathered.
    """
    last = np.empty(len(touched), np.int32)
    c = 0
    for j in range(len(touched) - 1, -1, -1):
        d = touched[j]
        if marks[d]:
            continue
        marks[d] = 1
        last[c] = d
        c += 1
    cand = last[:c][::-1].copy()
    scores = np.empty(c, np.float32)
    began = np.empty(c, np.bool_)
    for i in range(c):
        d = cand[i]
        s = total[d]
        length = name_lengths[d]
        same_length = length == words
        if joined:
            same_length = same_length or length == words - joins[d]
            joins[d] = 0
        if same_length and named[d] >= found:
            s = s + exact
        scores[i] = s
        began[i] = begins[d] > 0
        total[d] = 0
        named[d] = 0
        begins[d] = 0
        marks[d] = 0
    return cand, scores, began


def warm(live: np.ndarray, name_lengths: np.ndarray) -> None:
    """Compile both loops now (or load them from numba's cache: ~0.3 s, ~1 s the first
    time on a machine), for postings read straight from the index (read-only) and for
    copies, so that the first query after a start does not pay for it."""
    scratch_f, scratch_i8 = np.zeros(1, np.float32), np.zeros(1, np.int8)
    scratch_i16 = np.zeros(1, np.int16)
    one = np.zeros(1, np.float32)
    starts = np.zeros(2, np.int64)
    for docs, masks in ((np.frombuffer(b"", np.int32), np.frombuffer(b"", np.uint8)),
                        (np.zeros(0, np.int32), np.zeros(0, np.uint8))):
        gather_word(docs, masks, starts, one, np.ones(1, np.bool_), np.ones(1, np.bool_),
                    np.zeros(1, np.int64), 0, np.float32(0), np.float32(0), 0, True, False,
                    np.zeros(256, np.float32), live, name_lengths, scratch_f, scratch_f, scratch_i8,
                    scratch_i16, scratch_i16, np.zeros(0, np.int32))
    gathered(np.zeros(0, np.int32), scratch_f, scratch_i16, scratch_i16, scratch_i16,
             name_lengths, 1, 1, False, np.float32(0), scratch_i8)
