"""Completions of the word being typed, chosen by the documents, not by the alphabet.

- **Alone** ("despa"): a prefix completes first to the words of the most popular
  documents: per prefix, its terms ranked by the popularity of the best live document
  holding each (Meilisearch's prefix postings, a top-k completion trie), built on
  first use and kept until the next write.
- **After other words** ("hotel cal", "sweet child o"): the completions are picked
  among the words of the documents that the other words matched, so the wanted word
  is gathered however many vocabulary terms share its first letters.

Sorted terms and postings are the index's own; this module only chooses among them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence

import numpy as np

from segue.indexer import LexicalIndex
from segue.schema import Field

POPULAR_CACHE = 4096        # prefixes kept, per index generation
TOGETHER_CACHE = 32         # the other words' documents, for the last few queries,
TOGETHER_CACHED_DOCUMENTS = 65_536  # ... when they are not too many to keep
SCAN_DOCUMENTS = 256        # up to this many matched documents, read their words
SCAN_POSTINGS = 400_000     # beyond, check the prefix's postings against them (capped)
SEARCH_RATIO = 8            # a term with this many postings per document left is searched
ALL_BITS = 0xFF
# Fields that name a document (every field but genres and descriptions).
NAMING_BITS = ALL_BITS ^ ((1 << Field.GENRES) | (1 << Field.DESCRIPTION))


class Completions:
    def __init__(self, index: LexicalIndex) -> None:
        self.index = index
        self._popular: OrderedDict[tuple[str, int], list[int]] = OrderedDict()
        self._generation = -1
        self._together_cache: OrderedDict[tuple, tuple[np.ndarray | None]] = OrderedDict()
        self._mark = np.zeros(0, np.bool_)  # `holding`'s scratch: per document, a term held
        self._stamp = np.zeros(0, np.int32)  # ... and a position, to keep each document once
        self._begins = np.zeros(0, np.bool_)  # `_read`'s: per term, it begins the prefix

    def popular(self, prefix: str, limit: int) -> list[int]:
        """Up to `limit` terms starting with `prefix`, those held by the most popular
        documents first; cached per prefix until the index changes."""
        index = self.index
        self._fresh()
        key = (prefix, limit)
        found = self._popular.get(key)
        if found is not None:
            self._popular.move_to_end(key)
            return found
        terms = index.vocab.prefixed(prefix, len(index.vocab))
        if len(terms) > limit:
            best = self._best_popularity(terms)
            order = np.argsort(-best, kind="stable")[:limit]
            terms = [terms[i] for i in order.tolist()]
        self._popular[key] = terms
        if len(self._popular) > POPULAR_CACHE:
            self._popular.popitem(last=False)
        return terms

    def _best_popularity(self, terms: list[int]) -> np.ndarray:
        """Per term, the popularity of the most popular live document holding it (-1:
        none): all the terms' postings read in one copy and reduced per term by numpy,
        not one array per term (a short prefix has thousands of terms)."""
        index = self.index
        docs, _, sizes = index.postings_of(terms)
        top = _best_per_term(np.where(index.live[docs], index.popularity[docs], -np.inf),
                             sizes)
        return np.where(np.isneginf(top), -1.0, top).astype(np.float32)

    def among(self, prefix: str, words: Sequence[Iterable[int]], limit: int) -> list[int]:
        """Terms starting with `prefix` held by documents that every one of `words`
        (each: the terms a preceding query word expanded to) matched, most popular
        document first; empty when those words match no document together."""
        index = self.index
        docs = self._together(words)
        if docs is None or not len(docs):
            return []
        if len(docs) <= SCAN_DOCUMENTS:
            return self._read(prefix, np.sort(docs), limit)
        # The prefix's terms as `prefixed` ranks them (the most used first), as many as
        # fit in the budget of postings; per term the best matched document.
        terms: list[int] = []
        postings = 0
        for term in index.vocab.prefixed(prefix, len(index.vocab)):
            frequency = index.document_frequency(term)
            if postings + frequency > SCAN_POSTINGS:
                break
            postings += frequency
            terms.append(term)
        if not terms:
            return []
        best = self._best_postings(docs, terms)
        found = np.flatnonzero(np.isfinite(best))
        # Most popular first; equal popularity keeps the order of `terms`.
        order = np.argsort(-best[found], kind="stable")[:limit]
        return [terms[i] for i in found[order].tolist()]

    def _best_postings(self, docs: np.ndarray, terms: list[int]) -> np.ndarray:
        """Per term, the popularity of the most popular of `docs` holding it (-inf:
        none), from the terms' postings read in one copy and marked against `docs`;
        popularity is looked up for the postings marked alone."""
        index = self.index
        self._scratch()
        held, _, sizes = index.postings_of(terms)
        self._mark[docs] = True
        try:
            hits = np.flatnonzero(self._mark[held])
        finally:
            self._mark[docs] = False
        owners = np.searchsorted(np.cumsum(sizes), hits, side="right")
        return _best_of(len(terms), owners, index.popularity[held[hits]])

    def _together(self, words: Sequence[Iterable[int]]) -> np.ndarray | None:
        """Live documents holding a term of each word (None: no word to go by), in a
        field that names them when there are such: "rock m" completes among the
        documents named with "rock" (Rock Me Amadeus), not the thousands whose genre
        is rock; a word found only in genres still counts ("jazz m")."""
        self._fresh()
        # Each keystroke of the last word asks again for the same other words.
        key = tuple(tuple(terms) for terms in words)
        cached = self._together_cache.get(key)
        if cached is not None:
            self._together_cache.move_to_end(key)
            return cached[0]
        together = self.holding(words, NAMING_BITS)
        if together is not None and not len(together):
            together = self.holding(words, ALL_BITS)
        if together is None or len(together) <= TOGETHER_CACHED_DOCUMENTS:
            self._together_cache[key] = (together,)
            if len(self._together_cache) > TOGETHER_CACHE:
                self._together_cache.popitem(last=False)
        return together

    def _fresh(self) -> None:
        """Forget what the index held before its last change."""
        if self.index.generation != self._generation:
            self._popular.clear()
            self._together_cache.clear()
            self._generation = self.index.generation

    def holding(self, words: Sequence[Iterable[int]], bits: int) -> np.ndarray | None:
        """Live documents holding, in a field of `bits`, a term of every one of `words`,
        each once, in no particular order. The rarest word's postings alone are read
        whole; each other word, rarer first, is only checked on the documents left
        (`_holds`), so a common word ("the", a short completion) costs little."""
        index = self.index
        sized = sorted(((sum(map(index.document_frequency, terms)), terms)
                        for terms in map(list, words)), key=lambda w: w[0])
        if not sized:
            return None
        self._scratch()
        first = sized[0][1]
        # Repeats (a document may hold several of the word's terms) and deleted
        # documents are dropped at the end, from the documents left.
        together = self._postings_in(first, bits)
        for _, terms in sized[1:]:
            if not len(together):
                break
            together = together[self._holds(together, terms, bits)]
        if len(first) > 1:
            # Each document once, the last of its repeats keeping its stamp: no sort
            # (np.unique costs ten times as much).
            at = np.arange(len(together), dtype=np.int32)
            self._stamp[together] = at
            together = together[self._stamp[together] == at]
        return together[index.live[together]]

    def _holds(self, docs: np.ndarray, terms: list[int], bits: int) -> np.ndarray:
        """Which of `docs` hold one of `terms` in a field of `bits`: a term with many
        more postings than there are documents is searched for them (a binary search
        each: `positions_in`), the others' postings are read and marked in a scratch
        array over the documents."""
        index = self.index
        wide = SEARCH_RATIO * len(docs)
        read: list[int] = []
        searched: list[int] = []
        for t in terms:
            (searched if index.document_frequency(t) > wide else read).append(t)
        if read:
            held = self._postings_in(read, bits)
            self._mark[held] = True
            found = self._mark[docs]
            self._mark[held] = False
        else:
            found = np.zeros(len(docs), np.bool_)
        for t in searched:
            postings, masks = index.postings(t)
            at = positions_in(postings, docs)
            hit = at >= 0
            if bits != ALL_BITS:
                hit[hit] = (masks[at[hit]] & bits) != 0
            found |= hit
        return found

    def _scratch(self) -> None:
        """`holding`'s scratch arrays, one entry per document number."""
        if len(self._mark) < self.index.capacity:
            size = max(self.index.capacity, 2 * len(self._mark), 1024)
            self._mark = np.zeros(size, np.bool_)
            self._stamp = np.zeros(size, np.int32)

    def _postings_in(self, terms: Iterable[int], bits: int) -> np.ndarray:
        """The documents (with repeats) holding one of `terms` in a field of `bits`."""
        docs, masks, _ = self.index.postings_of(list(terms))
        return docs if bits == ALL_BITS else docs[(masks & bits) != 0]

    def _read(self, prefix: str, docs: np.ndarray, limit: int) -> list[int]:
        """The few matched documents' own words that start with `prefix`: every term
        starting with it marked in a scratch array over the vocabulary, the documents'
        tokens picked by that mark (numpy), their terms alone read."""
        index = self.index
        size = len(index.vocab)
        if len(self._begins) < size:
            self._begins = np.zeros(max(size, 2 * len(self._begins), 1024), np.bool_)
        marked = index.vocab.starting_with(prefix)
        self._begins[marked] = True
        try:
            numbers = docs.tolist()
            tokens, counts = index.forward_tokens(numbers)
            picked = np.flatnonzero(self._begins[tokens[:, 1]])
        finally:
            self._begins[marked] = False
        owner = np.repeat(np.arange(len(numbers)), counts)[picked].tolist()
        popularity = index.popularity[docs].tolist()
        best: dict[int, float] = {}
        for d, term in zip(owner, tokens[picked, 1].tolist(), strict=True):
            pop = popularity[d]
            if pop > best.get(term, -1.0):
                best[term] = pop
        return sorted(best, key=lambda t: -best[t])[:limit]


def _best_per_term(values: np.ndarray, sizes: list[int]) -> np.ndarray:
    """Per term, the largest of its postings' `values` (laid end to end, `sizes` each),
    -inf for a term without postings: one numpy reduction, not one array per term."""
    best = np.full(len(sizes), -np.inf, np.float32)
    counts = np.asarray(sizes, np.int64)
    some = np.flatnonzero(counts)
    if len(some):
        best[some] = np.maximum.reduceat(values, (np.cumsum(counts) - counts)[some])
    return best


def positions_in(postings: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Where each of `docs` stands in a term's `postings`, -1 where it does not: a binary
    search each, for a term's postings are ascending and hold a document once (the index
    appends ever higher numbers; compaction renumbers in order)."""
    if not len(postings):
        return np.full(len(docs), -1, np.intp)
    at = np.minimum(np.searchsorted(postings, docs), len(postings) - 1)
    return np.where(postings[at] == docs, at, -1)


def _best_of(n: int, owners: np.ndarray, popularity: np.ndarray) -> np.ndarray:
    """Per one of `n` terms, the largest `popularity` among its entries (`owners`, in
    ascending order, says whose each is), -inf for a term with none: one reduction per
    run of equal owners (`np.maximum.at` costs several times as much)."""
    best = np.full(n, -np.inf, np.float32)
    if len(owners):
        starts = np.flatnonzero(np.diff(owners, prepend=-1))
        best[owners[starts]] = np.maximum.reduceat(popularity, starts)
    return best
