"""The term dictionary and the three structures that expand a query word into terms.

- **Prefixes** (search-as-you-type): the terms in sorted order; a prefix is a range
  found by two binary searches. New terms wait in a small sorted side list and are
  merged in bulk, so ingest never re-sorts the whole vocabulary per term.
- **Typos**: a deletion neighbourhood (SymSpell's symmetric-delete idea). Each term
  is indexed under every string obtained by deleting up to its typo budget of
  characters; a query word looks up its own deletions. Two words within
  Damerau–Levenshtein distance d share a deletion of at most d characters, so
  candidates come from hash lookups, never from scanning the vocabulary, and are
  then verified with jellyfish's Damerau–Levenshtein. Deletions are stored as
  64-bit hashes in sorted numpy arrays (12 bytes an entry instead of a Python
  string and list per entry); recent ones wait in a few small sorted runs and an
  unsorted tail (flat arrays, no Python object per entry) until the next merge.
- **Phonetic codes**: code -> terms, from `analyzers.phonetic_codes`.

We wrote this by hand because no maintained Python library offers an incremental
(add/remove at run time) fuzzy + prefix term index; symspellpy keeps one Python
dict entry per deletion and has no prefix search, and a trie in pure Python is
slower and larger than sorted arrays.
"""

from __future__ import annotations

import bisect
import zlib
from array import array
from collections.abc import Callable, Iterable

import jellyfish
import numpy as np

from segue.analyzers import TypoBudget, digits_agree, phonetic_codes, typo_cost


def _key(text: str) -> int:
    """A 63-bit hash of a deletion that is the same in every process (Python's own
    hash() is salted per process, and the index is saved and reloaded). A collision
    only costs one more Damerau–Levenshtein check."""
    raw = text.encode()
    return (zlib.crc32(raw) << 31) ^ zlib.adler32(raw)


def _keys(texts: Iterable[str]) -> list[int]:
    """`_key` of each text, in one comprehension (a term has dozens of deletions)."""
    crc32, adler32 = zlib.crc32, zlib.adler32
    return [(crc32(raw) << 31) ^ adler32(raw) for raw in map(str.encode, texts)]

_MERGE_PENDING_TERMS = 20_000
_MERGE_PENDING_DELETES = 200_000
_DELETES_RUN = 4_096  # recent deletions sorted into a run at a time
_LATIN = "abcdefghijklmnopqrstuvwxyz0123456789"


def deletions(word: str, depth: int) -> set[str]:
    """Every string obtained by deleting 1..depth characters (not the word itself)."""
    if depth == 2 and len(word) > 2:  # the usual budget, built directly (see below)
        return _two_deletions(word)
    out: set[str] = set()
    frontier = {word}
    for _ in range(min(depth, len(word) - 1)):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    out.discard(word)
    return out


def _two_deletions(word: str) -> set[str]:
    """`deletions(word, 2)` with each pair of places deleted once: the second deletion
    only at or right of the first, in the word without it (half the strings)."""
    ones = [word[:i] + word[i + 1:] for i in range(len(word))]
    out = set(ones)
    out.update([w[:j] + w[j + 1:] for i, w in enumerate(ones) for j in range(i, len(w))])
    return out


def single_edits(word: str) -> set[str]:
    """Norvig's edits at distance one (delete, transpose, replace, insert) over a-z0-9."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LATIN}
    out |= {a + c + b for a, b in splits for c in _LATIN}
    out.discard(word)
    return out


def _sorted_run(keys: list[np.ndarray], terms: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The parts joined and sorted by key; a stable sort keeps each key's terms in order."""
    joined = np.concatenate(keys)
    order = np.argsort(joined, kind="stable")
    return joined[order], np.concatenate(terms)[order]


class Vocabulary:
    """Folded terms <-> dense ids, with prefix, typo and phonetic lookups."""

    scan_typos = False

    def __init__(self, budget: TypoBudget | None = None, *, scan_typos: bool = False) -> None:
        self.budget = budget or TypoBudget()
        # A vocabulary of a few hundred terms (the cluster engine's candidates, built
        # per query) finds typos faster by checking every term than by first indexing
        # each term's deletions; the answer is the same (see `within`).
        self.scan_typos = scan_typos
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.weight = np.zeros(1024, dtype=np.float32)  # popularity the term leads to
        self._sorted: list[str] = []
        self._sorted_ids = np.empty(0, dtype=np.int32)
        self._pending: list[str] = []  # sorted, merged into _sorted in bulk
        self._del_keys = np.empty(0, dtype=np.int64)
        self._del_terms = np.empty(0, dtype=np.int32)
        # Deletions since the last merge: sorted (keys, terms) runs, oldest first, then
        # the newest in insertion order. Flat arrays rather than a dict of lists: a
        # list per deletion was hundreds of thousands of objects for the collector.
        self._del_runs: list[tuple[np.ndarray, np.ndarray]] = []
        self._del_tail_keys = array("q")
        self._del_tail_terms = array("i")
        self._del_pending_size = 0
        # code -> term ids, ascending; arrays: 4 bytes an id, not a Python int's 8 + 28.
        self._phonetic: dict[str, array] = {}

    def __len__(self) -> int:
        return len(self.terms)

    # -- building -------------------------------------------------------------------

    def intern(self, term: str, popularity: float = 0.0) -> int:
        """The term's id; each document adds its popularity to the term's weight, so a
        completion's weight is how much popular material it leads to."""
        tid = self.term_id(term)
        self.weight[tid] += max(popularity, 1.0) / 100.0
        return tid

    def term_id(self, term: str) -> int:
        """The term's id, added if new, without weight (see `add_weights`)."""
        tid = self.ids.get(term)
        return self._add(term) if tid is None else tid

    def add_weights(self, tids: np.ndarray, popularity: np.ndarray) -> None:
        """`intern`'s weight for many occurrences at once: one per (term, popularity)."""
        if len(tids):
            share = np.maximum(popularity, 1.0) / 100.0
            self.weight[: len(self.terms)] += np.bincount(
                tids, share, minlength=len(self.terms)).astype(np.float32)

    def _add(self, term: str) -> int:
        tid = len(self.terms)
        self.ids[term] = tid
        self.terms.append(term)
        if tid >= len(self.weight):
            self.weight = np.concatenate([self.weight, np.zeros_like(self.weight)])
        bisect.insort(self._pending, term)
        depth = 0 if self.scan_typos else self.budget.for_word(term)
        if depth:
            keys = _keys(deletions(term, depth))
            self._del_tail_keys.extend(keys)
            self._del_tail_terms.extend(array("i", [tid]) * len(keys))
            self._del_pending_size += len(keys)
            if len(self._del_tail_keys) >= _DELETES_RUN:
                self._seal_deletes()
        for code in phonetic_codes(term):
            tids = self._phonetic.get(code)
            if tids is None:
                tids = self._phonetic[code] = array("i")
            tids.append(tid)
        if len(self._pending) >= _MERGE_PENDING_TERMS:
            self._merge_terms()
        if self._del_pending_size >= _MERGE_PENDING_DELETES:
            self._merge_deletes()
        return tid

    def _merge_terms(self) -> None:
        merged = sorted(self._sorted + self._pending)  # timsort: two sorted runs, linear
        self._sorted = merged
        self._sorted_ids = np.fromiter((self.ids[t] for t in merged), np.int32, len(merged))
        self._pending = []

    def _seal_deletes(self) -> None:
        """Sort the tail into a run; merge the newest runs while the older of two is not
        more than twice the newer, so there are few runs and each entry is re-sorted
        only a few times before the big merge."""
        runs = self._del_runs
        runs.append(_sorted_run([np.array(self._del_tail_keys, dtype=np.int64)],
                                [np.array(self._del_tail_terms, dtype=np.int32)]))
        self._del_tail_keys, self._del_tail_terms = array("q"), array("i")
        while len(runs) > 1 and len(runs[-2][0]) <= 2 * len(runs[-1][0]):
            (k1, t1), (k2, t2) = runs[-2], runs.pop()
            runs[-1] = _sorted_run([k1, k2], [t1, t2])

    def _merge_deletes(self) -> None:
        """Everything pending into the big sorted arrays; oldest first, so a key's
        terms stay in the order they were added."""
        self._del_keys, self._del_terms = _sorted_run(
            [self._del_keys, *(k for k, _ in self._del_runs),
             np.array(self._del_tail_keys, dtype=np.int64)],
            [self._del_terms, *(t for _, t in self._del_runs),
             np.array(self._del_tail_terms, dtype=np.int32)])
        self._del_runs = []
        self._del_tail_keys, self._del_tail_terms = array("q"), array("i")
        self._del_pending_size = 0

    def frozen(self) -> Callable[[], Vocabulary]:
        """The vocabulary as it is now, for a snapshot written while terms are added.

        Call under the readers' lock; call the result outside it, to get the copy.
        Only C-speed copies are made under the lock: the sorted arrays and runs are
        replaced on merge, never changed in place, so they are shared; the unsorted
        tail of deletions is small and copied; the arrays inside the phonetic map only
        gain ids of newer terms, so they are shared now and cut back to the frozen
        terms later.
        """
        copy = Vocabulary.__new__(Vocabulary)
        copy.__dict__.update(self.__dict__)
        copy.ids = dict(self.ids)
        copy.terms = list(self.terms)
        copy.weight = self.weight.copy()
        copy._pending = list(self._pending)
        copy._del_runs = list(self._del_runs)
        copy._del_tail_keys = self._del_tail_keys[:]
        copy._del_tail_terms = self._del_tail_terms[:]
        copy._phonetic = dict(self._phonetic)
        known = len(self.terms)

        def settle() -> Vocabulary:
            table = copy._phonetic
            for key, tids in table.items():  # ascending ids: cut at the first newer one
                table[key] = tids[: bisect.bisect_left(tids, known)]
            return copy

        return settle

    def compact(self) -> None:
        """Merge the side structures; called after bulk loads."""
        if self._pending:
            self._merge_terms()
        if self._del_pending_size:
            self._merge_deletes()

    # -- lookups ------------------------------------------------------------------

    def get(self, term: str) -> int | None:
        return self.ids.get(term)

    def prefixed(self, prefix: str, limit: int) -> list[int]:
        """Up to `limit` terms starting with `prefix`, the most popular first."""
        hi_key = prefix + "\U0010ffff"
        lo = bisect.bisect_left(self._sorted, prefix)
        hi = bisect.bisect_left(self._sorted, hi_key, lo)
        found = self._sorted_ids[lo:hi]
        plo = bisect.bisect_left(self._pending, prefix)
        phi = bisect.bisect_left(self._pending, hi_key, plo)
        if phi > plo:
            extra = [self.ids[t] for t in self._pending[plo:phi]]
            found = np.concatenate([found, np.asarray(extra, dtype=np.int32)])
        if len(found) > limit:
            top = np.argpartition(-self.weight[found], limit - 1)[:limit]
            found = found[top]
        return found[np.argsort(-self.weight[found], kind="stable")].tolist()

    def starting_with(self, prefix: str) -> np.ndarray:
        """Every term starting with `prefix`, in no particular order (`prefixed`
        without ranking them: for marking them all)."""
        hi_key = prefix + "\U0010ffff"
        lo = bisect.bisect_left(self._sorted, prefix)
        found = self._sorted_ids[lo:bisect.bisect_left(self._sorted, hi_key, lo)]
        plo = bisect.bisect_left(self._pending, prefix)
        phi = bisect.bisect_left(self._pending, hi_key, plo)
        if phi > plo:
            extra = [self.ids[t] for t in self._pending[plo:phi]]
            found = np.concatenate([found, np.asarray(extra, dtype=np.int32)])
        return found

    def has_prefix(self, prefix: str) -> bool:
        for terms in (self._sorted, self._pending):
            i = bisect.bisect_left(terms, prefix)
            if i < len(terms) and terms[i].startswith(prefix):
                return True
        return False

    def within(self, word: str, max_typos: int) -> list[tuple[int, int]]:
        """Terms within `max_typos` Damerau–Levenshtein edits of `word`: (term id, typos
        as `typo_cost` counts them: a first-letter typo costs one more). Terms whose
        digits differ are not typos of the word ("2001" is not "2000")."""
        if max_typos <= 0:
            return []
        candidates: Iterable[int]
        if self.scan_typos:
            # Every term within `max_typos` is a candidate the deletions would have
            # found (both sides delete at most that many characters), so checking all
            # of them gives the same terms.
            candidates = range(len(self.terms))
        else:
            keys = {word} | deletions(word, max_typos)
            found: set[int] = set()
            for k in keys:  # the word's deletions may be whole terms (the user added letters)
                tid = self.ids.get(k)
                if tid is not None:
                    found.add(tid)
            found.update(self._deletion_hits(keys))
            # In term-id order, as the scan gives them: a set's order follows the order
            # the keys came in, and a set of strings iterates by Python's per-process
            # salted hash, so the same query would list its typos differently after a
            # restart (and rank its ties differently).
            candidates = sorted(found)
        out = []
        for tid in candidates:
            term = self.terms[tid]
            if term == word:
                continue
            typos = jellyfish.damerau_levenshtein_distance(word, term)
            if typos <= max_typos and digits_agree(word, term):
                out.append((tid, typo_cost(word, term, typos)))
        return out

    def _deletion_hits(self, keys: Iterable[str]) -> list[int]:
        """The terms indexed under `keys`' hashes: the tail's first, then each run's and
        the big arrays', key by key (a list: most keys hit nothing, a few hit a term)."""
        harr = np.asarray(_keys(keys), dtype=np.int64)
        out: list[int] = []
        if self._del_tail_keys:
            tail = np.array(self._del_tail_keys, dtype=np.int64)
            hit = np.isin(tail, harr)
            if hit.any():
                out.extend(np.array(self._del_tail_terms, dtype=np.int32)[hit].tolist())
        for sorted_keys, terms in (*self._del_runs, (self._del_keys, self._del_terms)):
            if len(sorted_keys):
                lo = np.searchsorted(sorted_keys, harr, "left")
                hi = np.searchsorted(sorted_keys, harr, "right")
                some = hi > lo
                for a, b in zip(lo[some].tolist(), hi[some].tolist(), strict=True):
                    out.extend(terms[a:b].tolist())
        return out

    def prefixed_within_one(self, prefix: str, limit: int) -> list[tuple[int, str]]:
        """Terms starting with a one-edit variant of `prefix`: (term id, variant prefix).

        Typo-tolerant search-as-you-type: "beyo" also finds "beyonce" when typed
        "bwyo". The variants are checked against the sorted terms by binary search.
        """
        # Digits are never typo-matched: without digits typed, a variant has none.
        same_digits = str.isalpha if prefix.isalpha() else (lambda v: digits_agree(prefix, v))
        if self._pending:
            edits: Iterable[str] = (v for v in single_edits(prefix) if self.has_prefix(v))
        else:
            edits = self._begun(prefix)
        # Longest first, then in alphabetical order: when two variants reach one term,
        # or terms weigh the same, the pair kept does not depend on how a set of
        # strings happens to be ordered in this process (it is salted per process).
        variants = sorted((v for v in edits if len(v) >= 2 and same_digits(v)),
                          key=lambda v: (-len(v), v))
        if not variants:
            return []
        found = self._each_prefixed(variants, limit)
        tids = np.concatenate(found)
        which = np.repeat(np.arange(len(variants)), [len(f) for f in found])
        if len(tids) > limit:
            top = np.argsort(-self.weight[tids], kind="stable")[:limit]
            tids, which = tids[top], which[top]
        return list(zip(tids.tolist(), [variants[k] for k in which.tolist()], strict=True))

    def _each_prefixed(self, prefixes: list[str], limit: int) -> list[np.ndarray]:
        """`prefixed` of each prefix; without pending terms, the ranges of `limit` terms
        or fewer ranked together in two numpy sorts instead of a few calls each."""
        if self._pending:
            return [np.asarray(self.prefixed(p, limit), np.int32) for p in prefixes]
        terms, bisect_left = self._sorted, bisect.bisect_left
        out: list[np.ndarray] = []
        places: list[int] = []  # where in `out` each small range goes
        small: list[np.ndarray] = []
        for p in prefixes:
            lo = bisect_left(terms, p)
            hi = bisect_left(terms, p + "\U0010ffff", lo)
            if hi - lo > limit:
                out.append(np.asarray(self.prefixed(p, limit), np.int32))
            else:
                places.append(len(out))
                out.append(self._sorted_ids[:0])  # filled below
                small.append(np.arange(lo, hi))
        if small:
            sizes = [len(r) for r in small]
            ids = self._sorted_ids[np.concatenate(small)]
            seg = np.repeat(np.arange(len(small)), sizes)
            # Heaviest first within each prefix, ties in sorted order (as `prefixed`).
            order = np.argsort(-self.weight[ids], kind="stable")
            order = order[np.argsort(seg[order], kind="stable")]
            for k, part in zip(places, np.split(ids[order], np.cumsum(sizes)[:-1]),
                               strict=True):
                out[k] = part
        return out

    def _begun(self, prefix: str) -> set[str]:
        """The one-edit variants of `prefix` (`single_edits`) that begin a sorted term.

        An edit at place i keeps `prefix[:i]`: once no term begins with that, no edit
        at i or after can begin one, and while few terms do, their own next letters
        say which edits there can; only the first places, under which many terms
        lie, are tried letter by letter. A few dozen binary searches instead of one
        per variant (hundreds for a word)."""
        terms = self._sorted
        bisect_left = bisect.bisect_left
        found: set[str] = set()

        def begins(v: str, lo: int, hi: int) -> bool:
            i = bisect_left(terms, v, lo, hi)
            return i < hi and terms[i].startswith(v)

        lo, hi = 0, len(terms)
        n = len(prefix)
        for i in range(n + 1):
            stem = prefix[:i]
            if i:
                lo = bisect_left(terms, stem, lo, hi)
                hi = bisect_left(terms, stem + "\U0010ffff", lo, hi)
                if lo == hi:
                    break
            # Deleting or swapping at i.
            edited = [stem + prefix[i + 1:]] if i < n else []
            if i < n - 1:
                edited.append(stem + prefix[i + 1] + prefix[i] + prefix[i + 2:])
            found.update(v for v in edited if begins(v, lo, hi))
            tails = (prefix[i + 1:], prefix[i:]) if i < n else (prefix[i:],)
            if hi - lo <= len(_LATIN):
                # Few terms: their letters at i are the only edits there worth checking.
                for term in terms[lo:hi]:
                    if len(term) > i and term[i] in _LATIN:
                        for tail in tails:
                            v = stem + term[i] + tail
                            if term.startswith(v):
                                found.add(v)
            else:
                # In ascending order, each search starts where the one before ended.
                at = lo
                for v in sorted([stem + c + tail for c in _LATIN for tail in tails]):
                    at = bisect_left(terms, v, at, hi)
                    if at < hi and terms[at].startswith(v):
                        found.add(v)
        found.discard(prefix)
        return found

    def phonetic(self, word: str, limit: int) -> list[int]:
        found: set[int] = set()
        for code in phonetic_codes(word):
            found.update(self._phonetic.get(code, ()))
        found.discard(self.ids.get(word, -1))
        return sorted(found, key=lambda t: -self.weight[t])[:limit]
