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
ALL_BITS = 0xFF
# Fields that name a document (every field but genres and descriptions).
NAMING_BITS = ALL_BITS ^ ((1 << Field.GENRES) | (1 << Field.DESCRIPTION))


class Completions:
    def __init__(self, index: LexicalIndex) -> None:
        self.index = index
        self._popular: OrderedDict[tuple[str, int], list[int]] = OrderedDict()
        self._generation = -1
        self._together_cache: OrderedDict[tuple, tuple[np.ndarray | None]] = OrderedDict()
        self._held = np.zeros(0, np.int16)  # `_holding`'s scratch: words held, per document
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
        # The prefix's terms in vocabulary order, as many as fit in the budget of
        # postings, read in one copy; per term the best matched document (numpy).
        terms = index.vocab.prefixed(prefix, len(index.vocab))
        within = np.cumsum([index.document_frequency(t) for t in terms]) <= SCAN_POSTINGS
        terms = terms[:int(within.sum())]
        held, _, sizes = index.postings_of(terms)
        mask = np.zeros(index.capacity, np.bool_)
        mask[docs] = True
        best = _best_per_term(np.where(mask[held], index.popularity[held], -np.inf), sizes)
        found = np.flatnonzero(np.isfinite(best))
        # Most popular first; equal popularity keeps the vocabulary order.
        order = np.argsort(-best[found], kind="stable")[:limit]
        return [terms[i] for i in found[order].tolist()]

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
        together = self._holding(words, NAMING_BITS)
        if together is not None and not len(together):
            together = self._holding(words, ALL_BITS)
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

    def _holding(self, words: Sequence[Iterable[int]], bits: int) -> np.ndarray | None:
        """Live documents holding, in a field of `bits`, a term of every one of `words`,
        each once, in no particular order. One pass over the postings with a
        per-document count of the words held so far (a scratch array, left zeroed),
        instead of a sorted set per word."""
        index = self.index
        if len(self._held) < index.capacity:
            size = max(index.capacity, 2 * len(self._held), 1024)
            self._held = np.zeros(size, np.int16)
            self._stamp = np.zeros(size, np.int32)
        held = self._held
        first: np.ndarray | None = None
        together = np.empty(0, np.int32)
        for k, terms in enumerate(words):
            docs = self._postings_in(terms, bits)
            if k == 0:
                first = docs
                held[docs] = 1
                together = docs
                continue
            together = docs[held[docs] == k]
            held[together] = k + 1
            if not len(together):
                break
        if first is None:
            return None
        held[first] = 0
        # Each document once (the last of its repeats keeps its stamp), without sorting.
        at = np.arange(len(together), dtype=np.int32)
        self._stamp[together] = at
        together = together[self._stamp[together] == at]
        return together[index.live[together]]

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
