"""Retrieval on the embedded engine: query words → candidates with their matches.

1. **Expand** each query word into index terms, each with a match kind: the exact
   term and its synonyms, terms within the typo budget (deletion neighbourhood),
   phonetic neighbours and, for the word being typed, completions of it and of
   its one-typo variants (sorted terms, binary search). Expansions are cached until
   the next write (an LRU), so keystrokes that repeat a word pay once.
2. **Gather** the postings of all expansions with numpy into dense per-document
   scratch arrays: best match per word, words covered, a pre-score whose weights
   come from ranking (`prescore_weights`: the variant's own, applied as the features
   apply them). Cost grows with postings touched, never with the size of the
   catalog or vocabulary.
3. **Describe** the few best candidates word by word from the forward index, as
   ranking `Candidate`s with their `WordMatch`es.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

import numpy as np

from segue.analyzers import typo_cost
from segue.indexer import LexicalIndex
from segue.ranking import Candidate, MatchKind, PreScore, Variant, WordMatch, prescore_weights
from segue.schema import TYPE_CODES, Field

from .completions import ALL_BITS, Completions, positions_in
from .embedded_scope import ScopeMasks, narrow
from .gather import gather_word, gathered, warm
from .readings import split_ways
from .retrieval import Documents, Retrieved
from .scope import EVERYTHING, Scope
from .understanding import ParsedQuery, QueryWord, is_reading

if TYPE_CHECKING:
    from segue.indexer import TextVectors

PREFIX_EXPANSIONS = 48
CONTEXT_EXPANSIONS = 48      # completions of the last word among the other words' documents
TYPO_PREFIX_EXPANSIONS = 24
TYPO_PREFIX_WHEN_FEWER_THAN = 8
COMMON_SHARE = 0.03          # a word in more than 3 % of the catalog is "common"
COMMON_MIN_POSTINGS = 3_000  # ... but small catalogs gather everything
PHONETIC_EXPANSIONS = 16
_CACHE_SIZE = 8192


READING_COMPLETIONS = 8      # completions of a joined or layout reading being typed
SPLIT_WAYS = 3               # ways to split one word into index terms
SPLIT_TRIED = 16             # ... checked against the catalog before the best are kept
MIN_KNOWN_SPLIT_PART = 2     # a word that is a term itself splits into no one-letter part


@dataclass(slots=True, unsafe_hash=True)
class Expansion:
    """How a query word matches one index term; a value, not frozen for the cost of
    building one per term (see `ranking.WordMatch`)."""

    kind: MatchKind
    typos: int
    prefix_chars: int = 0
    reading: str | None = None  # the word as read to match, when not as typed
    split: tuple[int, ...] | None = None  # a word split: its terms, side by side in order
    context: bool = False  # a completion found among the other words' documents


def _split_key(terms: tuple[int, ...]) -> int:
    """The expansion key of a split: negative, so it never equals a term id (a tuple of
    ints hashes the same in every process)."""
    return -1 - (hash(terms) & 0x3FFF_FFFF_FFFF_FFFF)


def _joined_whole(e: Expansion) -> bool:
    """A word joined into the one before it, the joined word whole (not a completion of
    it while typing): the name it matches is shorter by one word."""
    return e.kind == MatchKind.COMPOUND and e.reading == "" and not e.prefix_chars


def _better(a: Expansion, b: Expansion | None) -> bool:
    return b is None or (a.kind, -a.typos) > (b.kind, -b.typos)


class EmbeddedRetriever:
    def __init__(self, index: LexicalIndex) -> None:
        self.index = index
        self.completions = Completions(index)
        self._cache: OrderedDict[tuple, dict[int, Expansion]] = OrderedDict()
        self._generation = -1  # the index generation `_cache` holds expansions for
        self._size = 0
        self._best = np.zeros(0, np.float32)
        self._flags = np.zeros(0, np.int8)
        self._total = np.zeros(0, np.float32)
        self._held = np.zeros(0, np.bool_)
        self._joins = np.zeros(0, np.int16)
        self._joined = np.zeros(0, np.int16)
        self._named = np.zeros(0, np.int16)
        self._begins = np.zeros(0, np.int16)
        self._wanted = np.zeros(0, np.bool_)  # per term: a query word may match it
        self.masks = ScopeMasks(index)
        warm(index.live, index.name_lengths)

    # -- 1. expansion -------------------------------------------------------------

    def expand(self, word: QueryWord, *, layouts: bool | None = None) -> dict[int, Expansion]:
        """Index terms the word may match; `layouts`: read it on other keyboard layouts
        too (None: only if it is poor as typed; see `_layouts`)."""
        vocab = self.index.vocab
        if layouts is None:
            layouts = not self._as_typed(word)
        # Kept until the next write: completions and splits follow popularity, which a
        # write changes without adding a term.
        if self.index.generation != self._generation:
            self._cache.clear()
            self._generation = self.index.generation
        key = (word.prefix, tuple(t.text for t in word.tokens), word.readings, layouts)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        out: dict[int, Expansion] = {}

        def offer(tid: int | None, exp: Expansion) -> None:
            if tid is not None and _better(exp, out.get(tid)):
                out[tid] = exp

        for tok in word.tokens:
            text = tok.text
            if is_reading(tok):
                # A reading of what the user typed in CJK: a homophone at best.
                offer(vocab.get(text), Expansion(MatchKind.PHONETIC, 0))
                continue
            offer(vocab.get(text), Expansion(MatchKind.EXACT, 0))
            if self.index.synonyms is not None:
                for syn in self.index.synonyms.expand(text):
                    offer(vocab.get(syn), Expansion(MatchKind.EXACT, 0))
            budget = vocab.budget.for_word(text)
            for tid, typos in vocab.within(text, budget):
                offer(tid, Expansion(MatchKind.TYPO, typos))
            phonetic = Expansion(MatchKind.PHONETIC, 0)  # one object for every term
            for tid in vocab.phonetic(text, PHONETIC_EXPANSIONS):
                offer(tid, phonetic)
            # A number word's digits ("one" -> 1) are a whole number, not a prefix of
            # 13 or 1989.
            spelled_number = text.isdigit() and not word.text[:1].isdigit()
            if word.prefix and not spelled_number:
                completions = self.completions.popular(text, PREFIX_EXPANSIONS)
                completed = Expansion(MatchKind.PREFIX, 0, len(text))
                for tid in completions:
                    offer(tid, completed)
                # A prefix that already completes to many words was most likely typed
                # right; looking for one-typo variants of it would only add noise.
                if budget and len(completions) < TYPO_PREFIX_WHEN_FEWER_THAN:
                    for tid, variant in vocab.prefixed_within_one(text, TYPO_PREFIX_EXPANSIONS):
                        offer(tid, Expansion(MatchKind.TYPO, typo_cost(text, variant, 1),
                                             len(variant)))

        def fill(tid: int | None, exp: Expansion) -> None:
            # Another reading of the word only adds terms it did not find as typed.
            if tid is not None and tid not in found_as_typed:
                offer(tid, exp)

        found_as_typed = set(out)
        self._expand_readings(word, fill, layouts)
        self._cache[key] = out
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return out

    def _as_typed(self, word: QueryWord) -> bool:
        """The word is an index term as typed, or begins one while being typed."""
        vocab = self.index.vocab
        typed = [t.text for t in word.tokens if not is_reading(t)]
        return any(vocab.get(t) is not None for t in typed) or (
            word.prefix and any(vocab.has_prefix(t) for t in typed))

    def _layouts(self, query: ParsedQuery) -> bool:
        """Read the query on other keyboard layouts: when one of its words with such a
        reading is poor as typed (then every word is read so: "hpv akh" is יפה שלי even
        though "akh" begins a Latin name)."""
        return any(not self._as_typed(w) for w in query.words
                   if any(r.kind == MatchKind.LAYOUT for r in w.readings))

    def _expansions(self, query: ParsedQuery) -> list[dict[int, Expansion]]:
        layouts = self._layouts(query)
        return [self.expand(w, layouts=layouts) for w in query.words]

    def _expand_readings(self, word: QueryWord,
                         offer: Callable[[int | None, Expansion], None], layouts: bool
                         ) -> None:
        """The word joined with its neighbours, split, or read on another layout
        (`readings`): each counts a typo; a layout reading may have typos of its own."""
        vocab = self.index.vocab
        typed = next((t.text for t in word.tokens if not is_reading(t)), None)
        for r in word.readings:
            if r.kind == MatchKind.LAYOUT:
                if not layouts:
                    continue
                if r.shown:
                    for tid, typos in vocab.within(r.text, vocab.budget.for_word(r.text)):
                        offer(tid, Expansion(r.kind, 1 + typos, reading=r.shown))
            # Words joined into one cost one typo in all: the first word carries it,
            # the words joined into it (shown "") none.
            cost = 1 if r.shown else 0
            tid = vocab.get(r.text)
            if tid is not None:
                offer(tid, Expansion(r.kind, cost, reading=r.shown))
            # A reading no term begins (most layout readings) completes to nothing.
            if r.prefix and (tid is not None or vocab.has_prefix(r.text)):
                for tid in vocab.prefixed(r.text, READING_COMPLETIONS):
                    # A joined word being typed reads as the term it completes to.
                    shown = vocab.terms[tid] if r.kind == MatchKind.COMPOUND and r.shown \
                        else r.shown
                    offer(tid, Expansion(r.kind, cost, len(r.text), reading=shown))
        if typed is None:
            return
        for tids in self._splits(typed):
            offer(_split_key(tids), Expansion(
                MatchKind.COMPOUND, 1, reading=" ".join(vocab.terms[t] for t in tids),
                split=tids))

    def _splits(self, text: str) -> list[tuple[int, ...]]:
        """The word written as several index terms ("linkinpark" -> linkin park), the
        ways the catalog itself uses: of the cuts into known words, those whose parts
        some document holds together, the one held by the most popular document first
        (what the cluster gets by cutting against its candidates). A word that is an
        index term itself ("feelgood", "conte") is cut too, into parts of two letters
        or more: "feelgood inc" is Feel Good Inc. as much as Feelgood."""
        vocab = self.index.vocab
        ways = split_ways(text, vocab.ids.__contains__, limit=SPLIT_TRIED)
        if vocab.get(text) is not None:
            ways = [w for w in ways if min(map(len, w)) >= MIN_KNOWN_SPLIT_PART]
        scored: list[tuple[float, int, tuple[int, ...]]] = []
        popularity = self.index.popularity
        for k, parts in enumerate(ways):
            tids = tuple(vocab.ids[t] for t in parts)
            docs = self._holding_all(tids)
            if len(docs):
                scored.append((-float(popularity[docs].max()), k, tids))
        scored.sort()
        return [tids for _, _, tids in scored[:SPLIT_WAYS]]

    def _postings(self, key: int, e: Expansion) -> tuple[np.ndarray, np.ndarray]:
        """A term's postings; for a split, the live documents holding all its terms,
        with the first term's field bits there."""
        if e.split is None:
            return self.index.postings(key)
        docs = self._holding_all(e.split)
        first, masks = self.index.postings(e.split[0])
        return docs, masks[positions_in(first, docs)]  # each found: all parts hold it

    def _holding_all(self, terms: tuple[int, ...]) -> np.ndarray:
        """The live documents holding every one of `terms` (the rarest term's postings
        checked against the others', as for the other words' documents)."""
        docs = self.completions.holding([[t] for t in terms], ALL_BITS)
        assert docs is not None  # a split has terms
        return docs

    def _frequency(self, key: int, e: Expansion) -> int:
        if e.split is None:
            return self.index.document_frequency(key)
        return min(self.index.document_frequency(t) for t in e.split)

    def in_context(self, query: ParsedQuery, expansions: list[dict[int, Expansion]]
                   ) -> list[dict[int, Expansion]]:
        """The word being typed after other words also completes to the words of the
        documents those words matched ("hotel cal" → california), not only to the
        catalog's most popular completions."""
        last = len(query.words) - 1
        word = query.words[last] if query.words else None
        if word is None or last == 0 or not word.prefix or is_reading(word.tokens[0]):
            return expansions
        # Term ids only: a split's key stands for several terms and has no postings.
        before = [[key for key, e in expansions[i].items() if e.split is None]
                  for i in range(last) if expansions[i] and not query.words[i].optional]
        before = [keys for keys in before if keys]
        if not before:
            return expansions
        extra = self.completions.among(word.text, before, CONTEXT_EXPANSIONS)
        grown = dict(expansions[last])
        for tid in extra:
            grown[tid] = replace(grown.get(tid, Expansion(MatchKind.PREFIX, 0, len(word.text))),
                                 context=True)
        return [*expansions[:last], grown]

    # -- 2. gathering -------------------------------------------------------------

    def _scratch(self) -> None:
        n = self.index.capacity
        if n > len(self._best):
            size = max(n, 2 * len(self._best), 1024)
            self._best = np.zeros(size, np.float32)    # `gather_word`'s scratch
            self._flags = np.zeros(size, np.int8)      # ... and its marks
            self._total = np.zeros(size, np.float32)
            self._held = np.zeros(size, np.bool_)    # gathered by a rarer word (a mark)
            self._joins = np.zeros(size, np.int16)   # words joined into another, per doc
            self._joined = np.zeros(size, np.int16)  # ... for the word being gathered
            self._named = np.zeros(size, np.int16)   # words found in the name, per doc
            self._begins = np.zeros(size, np.int16)  # the one typed word begins the name

    def retrieve(
        self, query: ParsedQuery, variant: Variant, *, limit: int,
        types: frozenset[str] | None = None, scope: Scope = EVERYTHING,
    ) -> Retrieved:
        """The `limit` best candidates (by pre-score, or by `scope.sort`) in `scope`,
        and how many documents matched."""
        if not query.words:
            return Retrieved((), 0)
        self._scratch()
        expansions = self.in_context(query, self._expansions(query))
        required = [i for i, w in enumerate(query.words) if not w.optional] \
            or list(range(len(query.words)))
        pre = prescore_weights(variant)
        per_word = 1.0 / len(required)
        kind_value = {k: v * per_word for k, v in pre.kind.items()}
        field_lut = _field_lut(pre, pre.field * per_word)
        coverage = pre.coverage * per_word
        exact_guess = pre.exact / len(required)
        # One word still being typed: a word it begins counts as the word itself, and
        # only a name equal to it is whole (as `match`, `exact` and `typing` rank it).
        one_typed = len(query.words) == 1 and query.words[0].prefix
        if one_typed:
            kind_value[MatchKind.PREFIX] = kind_value[MatchKind.EXACT]
        typo_cost = pre.typo
        live = self.index.live
        skip = self._too_common(expansions, required)
        touched = []
        covered: list[np.ndarray] = []  # the documents of each required word gathered so far
        joins = False  # some word was joined into another (`_joins` holds counts)
        # The rarer words first: a common word is then gathered only where it completes
        # among their documents (below).
        for i in sorted(range(len(expansions)), key=lambda k: k in skip):
            exp = expansions[i]
            if i in skip:
                # Still gathered where it was joined into the word before it ("dt mf"
                # -> DtMF, "three d" -> 3D): those postings the other word gathered;
                # and, being typed after them, where it completes in their documents
                # ("home s": sweet, in the documents holding "home"), as the cluster
                # scores every word of its candidates.
                exp = {t: e for t, e in exp.items()
                       if (e.kind == MatchKind.COMPOUND and e.reading == "") or e.context}
            if not exp:
                continue
            # Segments: each plain term's postings (read end to end in one copy), then
            # each split's documents.
            plain = [(t, e) for t, e in exp.items() if e.split is None]
            split_exps = [e for e in exp.values() if e.split is not None]
            docs, masks, sizes = self.index.postings_of([t for t, _ in plain])
            segments = [e for _, e in plain]
            if split_exps:
                parts_docs, parts_masks = [docs], [masks]
                for e in split_exps:
                    d, m = self._postings(-1, e)
                    parts_docs.append(d)
                    parts_masks.append(m)
                    sizes.append(len(d))
                    segments.append(e)
                docs, masks = np.concatenate(parts_docs), np.concatenate(parts_masks)
            if i in skip and any(e.context for e in segments):
                # A common word's completions among the rarer words' documents count
                # only in documents a rarer word gathered.
                segment = np.repeat(np.arange(len(segments)), sizes)
                context = np.asarray([e.context for e in segments], np.bool_)
                gathered_docs = np.concatenate(covered) if covered else docs[:0]
                self._held[gathered_docs] = True
                held = ~context[segment] | self._held[docs]
                self._held[gathered_docs] = False
                docs, masks = docs[held], masks[held]
                sizes = np.bincount(segment[held], minlength=len(segments)).tolist()
            if not len(docs):
                continue
            starts = np.fromiter(accumulate(sizes, initial=0), np.int64, len(sizes) + 1)
            required_word = i in required
            if required_word:
                # Documents holding this word joined into another: the name they match
                # is shorter by one word.
                joined = [docs[starts[k]:starts[k + 1]] for k, e in enumerate(segments)
                          if sizes[k] and _joined_whole(e)]
                for held in joined:
                    self._joined[held] = 1
                if joined:
                    joins = True
                    absorbed = np.concatenate(joined)
                    self._joins[absorbed] = self._joins[absorbed] + self._joined[absorbed]
                    self._joined[absorbed] = 0
            # Every match may make the whole name unless one word is typed, and only
            # then does "as typed" count. A split word counts, for the guess at
            # "exact", as the words it was split into: "greenday" is as long as the
            # name "Green Day".
            out = np.empty(len(docs), np.int32)
            n = gather_word(
                docs, masks, starts,
                np.asarray([kind_value[e.kind] - typo_cost * e.typos for e in segments],
                           np.float32),
                np.asarray([not (one_typed and e.kind == MatchKind.PREFIX)
                            for e in segments], np.bool_),
                np.asarray([e.kind in (MatchKind.EXACT, MatchKind.PREFIX)
                            for e in segments], np.bool_),
                np.asarray([len(e.split) if e.split else 0 for e in segments], np.int64),
                len(required) - 1, np.float32(exact_guess),
                np.float32(coverage if required_word else 0.0), _NAME_BITS,
                required_word, one_typed, field_lut, live, self.index.name_lengths,
                self._best, self._total, self._flags, self._named, self._begins, out)
            docs = out[:n]
            if required_word:
                covered.append(docs)
            touched.append(docs)
        if not touched:
            return Retrieved((), 0)
        # A cheap guess at the "exact" feature: the name has as many words as the
        # query and holds every one gathered (or an alias does); it lets fewer
        # candidates get the full features ("your s" keeps "Your Song" among them),
        # and a name that holds one word while the genre holds the other ("rock m":
        # Arctic Monkeys, a rock band) is not a whole-name match. Words joined into
        # one ("one republic" -> OneRepublic) make the name shorter.
        cand, scores, began = gathered(
            np.concatenate(touched), self._total, self._named, self._joins, self._begins,
            self.index.name_lengths, len(required),
            sum(1 for i in required if i not in skip), joins, np.float32(pre.exact),
            self._flags)
        begins = began if one_typed else None  # one word being typed marks the names
        if types is not None:
            codes = np.array([TYPE_CODES[t] for t in types], dtype=np.int8)
            keep = np.isin(self.index.kinds[cand], codes)
            cand, scores = cand[keep], scores[keep]
            begins = None if begins is None else begins[keep]
        points = self.index.popularity[cand]
        scores += np.float32(pre.popularity) * np.log1p(points)
        if begins is not None and pre.typing and begins.any():
            scores += _typing_guess(pre, points, begins)
        narrowed = None
        if scope != EVERYTHING:
            narrowed = narrow(self.index, self.masks, cand, scores, scope, limit)
            cand, scores = narrowed.candidates, narrowed.scores
        total = len(cand) if narrowed is None else narrowed.total
        if narrowed is None and len(cand) > limit:
            top = np.argpartition(-scores, limit - 1)[:limit]
            cand = cand[top]
        plan = self._plan(query, expansions)
        try:
            found = self._describe(cand.tolist(), plan)
        finally:
            plan.close()
        if narrowed is None:
            return Retrieved(found, total)
        ids = self.index.doc_id
        return Retrieved(found, total, facets=narrowed.facets,
                         keys={ids(n): k for n, k in narrowed.keys.items()},
                         versions={ids(n): tuple(map(ids, ms))
                                   for n, ms in narrowed.versions.items()})

    def admit(self, doc_ids: list[str], scope: Scope) -> list[str]:
        """Those of `doc_ids` in scope (found another way: by their vectors)."""
        mask = self.masks.mask(scope)
        if mask is None:
            return doc_ids
        numbers = map(self.index.number, doc_ids)
        return [d for d, n in zip(doc_ids, numbers, strict=True)
                if n is not None and n < len(mask) and mask[n]]

    def describe(self, query: ParsedQuery, doc_ids: list[str], beside: Documents
                 ) -> Retrieved:
        """Candidates for documents found by their vectors, with whatever words match
        (in the whole index: `beside` is not needed)."""
        numbers = [n for n in map(self.index.number, doc_ids) if n is not None]
        if not numbers:
            return Retrieved((), 0)
        plan = self._plan(query, self._expansions(query))
        try:
            return Retrieved(self._describe(numbers, plan), len(numbers))
        finally:
            plan.close()

    def _too_common(self, expansions: list[dict[int, Expansion]], required: list[int]
                    ) -> set[int]:
        """Words that would gather a large share of the catalog ("the", a one-letter
        last word) while a rarer word is there to pick the candidates. They are not
        gathered; they still match when the candidates are described, so they still
        count in ranking, and work stays bounded by the rare words' postings."""
        limit = max(COMMON_SHARE * len(self.index), COMMON_MIN_POSTINGS)
        volume = {i: sum(self._frequency(t, e) for t, e in expansions[i].items())
                  for i in required}
        if not any(v <= limit for v in volume.values()):
            return set()
        return {i for i, v in volume.items() if v > limit}

    # -- 3. description -----------------------------------------------------------

    def _describe(self, numbers: list[int], plan: _Plan) -> tuple[Candidate, ...]:
        """The documents as ranking candidates, with every match of a query word."""
        index = self.index
        tokens, counts = index.forward_tokens(numbers)
        # Most tokens match no query word: the plan's mark over the vocabulary picks the
        # few that may (numpy, once for every document), and only those are decoded,
        # column by column (`unpack_token` works on arrays as on ints).
        picked = np.flatnonzero(plan.wanted[tokens[:, 1]])
        rows = tokens[picked]
        owner = np.repeat(np.arange(len(numbers)), counts)[picked].tolist()
        fields, positions, starts, lengths, ordinals = index.unpack_token(rows[:, 0], rows[:, 3])
        matches: list[list[WordMatch]] = [[] for _ in numbers]
        held: set[tuple[int, int, int]] = set()
        held_for = -1
        known, lookup, surfaces = plan.terms, plan.term, plan.surfaces
        for d, term, surface, fld, pos, start, length, ordinal in zip(
                owner, rows[:, 1].tolist(), rows[:, 2].tolist(), fields.tolist(),
                positions.tolist(), starts.tolist(), np.maximum(lengths, 1).tolist(),
                ordinals.tolist(), strict=True):
            entries, idf, text = known.get(term) or lookup(term)
            if not entries:
                continue
            field = _FIELDS[fld]
            out = matches[d]
            for i, e in entries:
                if e.split is not None:
                    if held_for != d:
                        held = {(f[0], f[1], f[3]) for f in index.forward_packed(numbers[d])}
                        held_for = d
                    if not _beside(e.split, term, fld, pos, held):
                        continue
                out.append(WordMatch(
                    word=i, kind=e.kind, typos=e.typos, field=field, position=pos,
                    value_start=start, value_length=length, ordinal=ordinal,
                    exact_form=surface in surfaces[i], idf=idf, term=text,
                    prefix_chars=e.prefix_chars, reading=e.reading,
                ))
        kinds = index.kinds[numbers].tolist()
        popularity = index.popularity[numbers].tolist()
        doc_id = index.doc_id
        return tuple(
            Candidate(doc_id=doc_id(n), type=_TYPE_NAMES[k], popularity=float(p),
                      matches=m, ref=n)
            for n, k, p, m in zip(numbers, kinds, popularity, matches, strict=True))

    def _plan(self, query: ParsedQuery, expansions: list[dict[int, Expansion]]) -> _Plan:
        """The query's lookup tables, over this retriever's term mark (grown to the
        vocabulary; `_Plan.close` clears what it marked)."""
        size = len(self.index.vocab)
        if len(self._wanted) < size:
            self._wanted = np.zeros(max(size, 2 * len(self._wanted), 1024), np.bool_)
        return _Plan(self.index, query, expansions, self._wanted)


class EmbeddedVectors:
    """The text-vector side of the embedded engine, over its `TextVectors` sink."""

    def __init__(self, text: TextVectors) -> None:
        self.text = text

    def embed(self, text: str) -> np.ndarray | None:
        embedder = self.text.query_embedder()  # loaded on the first search by meaning
        return None if embedder is None else embedder.embed_query(text)

    def nearest(self, vector: np.ndarray, k: int, types: frozenset[str] | None
                ) -> list[tuple[str, float]]:
        return self.text.index.search(vector, k, types=types)

    def similarity(self, vector: np.ndarray, doc_ids: list[str]) -> dict[str, float]:
        return self.text.index.similarity(vector, doc_ids)


class _Plan:
    """Per-query lookup tables shared by every candidate's description."""

    def __init__(self, index: LexicalIndex, query: ParsedQuery,
                 expansions: list[dict[int, Expansion]], wanted: np.ndarray) -> None:
        self.index = index
        self.by_term: dict[int, list[tuple[int, Expansion]]] = {}
        for i, exp in enumerate(expansions):
            for term, e in exp.items():
                if e.split is None:
                    self.by_term.setdefault(term, []).append((i, e))
                    continue
                for part in dict.fromkeys(e.split):
                    self.by_term.setdefault(part, []).append((i, e))
        self.surfaces = [{index.surfaces.get(t.surface, -1) for t in w.tokens}
                         for w in query.words]
        self.prefixes = [(i, w.text) for i, w in enumerate(query.words)
                         if w.prefix and not is_reading(w.tokens[0])]
        self._n = max(len(index), 1)
        self.terms: dict[int, tuple[list[tuple[int, Expansion]], float, str]] = {}
        # The terms a description must look at: those expanded to, and every completion
        # of a word being typed (what `completion` accepts). Cleared by `close`.
        self.wanted = wanted
        self._marked = [np.fromiter(self.by_term, np.int64, len(self.by_term)),
                        *(index.vocab.starting_with(p) for _, p in self.prefixes)]
        for marked in self._marked:
            wanted[marked] = True

    def close(self) -> None:
        for marked in self._marked:
            self.wanted[marked] = False

    def term(self, term: int) -> tuple[list[tuple[int, Expansion]], float, str]:
        """What a description needs of a term, worked out once per query: the query
        words it matches (expanded to, or a completion of a word being typed: "your s"
        -> "Your Song", not only the most popular completions retrieval expanded it
        to), its idf and its text."""
        entries = self.by_term.get(term) or self._completion(term)
        df = self.index.document_frequency(term)
        found = self.terms[term] = (
            entries, math.log(1.0 + (self._n - df + 0.5) / (df + 0.5)),
            self.index.vocab.terms[term])
        return found

    def _completion(self, term: int) -> list[tuple[int, Expansion]]:
        if not self.prefixes:
            return []
        text = self.index.vocab.terms[term]
        return [(i, Expansion(MatchKind.PREFIX, 0, len(p)))
                for i, p in self.prefixes if text.startswith(p)]


_FIELDS = list(Field)
_NAME_BITS = (1 << Field.NAME) | (1 << Field.ALIASES)  # a posting in a name or an alias


def _beside(split: tuple[int, ...], term: int, fld: int, pos: int,
            held: set[tuple[int, int, int]]) -> bool:
    """A split word's part counts only beside its other parts, in order ("maroon 5")."""
    return any(part == term and all((fld, pos - k + q, other) in held
                                    for q, other in enumerate(split))
               for k, part in enumerate(split))


_TYPE_NAMES = {code: name for name, code in TYPE_CODES.items()}


def _typing_guess(pre: PreScore, popularity: np.ndarray, names: np.ndarray) -> np.ndarray:
    """The `typing` feature as retrieval can guess it: among the documents whose name
    holds the one word being typed, the most popular gets its whole weight, the others
    less by how far below it they are (popularity points)."""
    lead = popularity[names].max()
    share = np.clip(1.0 - (lead - popularity) / pre.typing_span, 0.0, 1.0)
    return (np.float32(pre.typing) * share * names).astype(np.float32)


@lru_cache(maxsize=64)
def _field_lut(pre: PreScore, weight: float) -> np.ndarray:
    """Pre-score of a posting's field bits: the weight of its best field."""
    lut = np.zeros(256, np.float32)
    for mask in range(1, 256):
        lut[mask] = weight * max(
            pre.field_weights.get(f, 0.0) for f in Field if mask & (1 << f)
        )
    return lut
