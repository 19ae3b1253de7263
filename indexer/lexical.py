"""The in-memory lexical index of the embedded engine.

Three parts, each sized for a million short documents in a few hundred megabytes:

- **postings**: per term, the internal numbers of the documents holding it (an
  `array('i')`, 4 bytes a posting) and beside it a byte of field bits, so
  retrieval can weigh a match in `name` above one in `album` without touching
  the document;
- **forward index**: per document, its analyzed tokens as packed ints (field,
  position, optional flag, term id, surface id, place in the field value), read
  for the few top candidates only, to tell exactness, proximity and coverage;
- **document arrays**: liveness, popularity and type as numpy arrays indexed by
  the internal number, for vectorized filtering and priors.

An update is a delete plus an add under a new internal number; deleted numbers
stay in postings until `compact()` drops them, as in Lucene segments.

Catalogs repeat their field values (an artist on each of her tracks, an album on
each of its tracks, a genre on thousands), so each distinct text is analyzed once
and each distinct value at each place in a document packed once, both kept in
bounded caches; a repeat costs a lookup and an array copy. Term weights are added
once per batch (`upsert_many`).
"""

from __future__ import annotations

import os
import pickle
from array import array
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from segue.analyzers import Synonyms, Token, TypoBudget, analyze, split_artists, split_credits
from segue.schema import TYPE_CODES, Field, field_texts

from . import collector
from .attributes import AttributeRow, Attributes, attribute_row
from .checksums import CrcWriter, Unusable, file_crc
from .stored import StoredDocument
from .vocabulary import Vocabulary

# Between two values of a list field (two artists), so they never look adjacent.
_VALUE_GAP = 2
_COMPACT_DEAD_FRACTION = 0.25
_COMPACT_MIN_DEAD = 5_000
SNAPSHOT_FORMAT = 4  # bump when the saved layout changes
_TRAILER = b"SEGUECRC"  # then the CRC-32 of everything before it, 4 bytes big-endian
# Entries of each of the two value caches (analyzed texts, packed values): a few
# hundred bytes each. Beyond the catalog's repeated values (artists, albums, genres)
# larger caches mostly hold one-off track names.
VALUE_CACHE = 65_536
# Rebuilt on load, never saved: caches, the synonyms (settings), the id -> number map.
_NOT_SAVED = frozenset({"_value", "_text", "synonyms", "_numbers", "_postings", "_fields",
                        "analyzer"})
# Saved after the rest, a slice at a time (see `FrozenIndex.save`).
_LISTS = ("_ids", "_forward", "_postings", "_fields")
_SAVE_SLICE = 20_000


@lru_cache(maxsize=VALUE_CACHE)
def _credits(name: str) -> tuple[str, tuple[str, ...]]:
    main, credited = split_credits(name)
    return main, tuple(credited)


@lru_cache(maxsize=VALUE_CACHE)
def analyze_value(text: str, ja: bool) -> tuple[Token, ...]:
    """The tokens of one field value, kept in a bounded cache keyed by the text itself
    (so a changed value is analyzed anew): catalogs repeat their values, and the
    cluster engine analyzes every document it writes and its candidates per query."""
    return tuple(analyze(text, language="ja" if ja else None))


@lru_cache(maxsize=VALUE_CACHE)
def _artists(line: str) -> tuple[str, ...]:
    return tuple(split_artists(line))


# The two caches' entries are plain tuples, not NamedTuples: the collector stops
# tracking a plain tuple of bytes and ints once it has looked at it, but tracks a
# NamedTuple for as long as it lives, and the caches hold 130k of them.

# One analyzed field value at its place in a document, ready to append:
# (forward: 4 packed ints per token, see `forward_packed`;
#  tids: each token's term as packed ints, in order (term weights count each);
#  unique: the distinct terms (postings hold a document once);
#  last: position of the last token, the next value starts after it;
#  words: words in the value, articles aside)
_Value = tuple[bytes, bytes, tuple[int, ...], int, int]

# One analyzed field value wherever it stands (see `_place`):
# (rows: per token (position, optional 0/1, term, surface, packed ordinal);
#  tids, unique, last, words: as in `_Value`, `last` before placing)
_Text = tuple[tuple[tuple[int, int, int, int, int], ...], bytes, tuple[int, ...], int, int]


def _place(text: _Text | None, field: int, offset: int) -> _Value | None:
    """An analyzed value packed at `offset` in `field`: per token (field, position,
    optional), term, surface, (value start, value length, ordinal); see `forward_packed`.
    One pass over precomputed rows: a value seen at a new place costs only this."""
    if text is None:
        return None
    rows, tids, unique, last, words = text
    head = field << 24
    value = (min(offset, 0x7FFFF) << 12) | (min(words, 63) << 6)
    forward = array("i", [
        packed
        for position, optional, tid, sid, ordinal in rows
        for packed in (head | (min(position + offset, 0x7FFFFF) << 1) | optional, tid, sid,
                       value | ordinal)
    ])
    return forward.tobytes(), tids, unique, last + offset, words


def _value_layout(tokens: list[Token]) -> tuple[int, list[int]]:
    """The words of one value (its distinct positions, optional tokens aside) and each
    token's ordinal among them (-1 for an optional token)."""
    ordinals: dict[int, int] = {}
    for tok in tokens:
        if not tok.optional and tok.position not in ordinals:
            ordinals[tok.position] = len(ordinals)
    return len(ordinals), [-1 if tok.optional else ordinals[tok.position] for tok in tokens]


class FrozenIndex:
    """A `LexicalIndex.freeze()` copy, to be written to disk outside the readers' lock."""

    def __init__(self, state: dict[str, Any], postings: list[array], lengths: list[int],
                 fields: list[array]) -> None:
        self._state = state
        self._postings = postings
        self._lengths = lengths
        self._fields = fields

    def save(self, path: Path, *, seq: int, fingerprint: str) -> None:
        """Write atomically (temporary file, fsync, rename). `seq` is the store sequence
        the index reflects; `fingerprint` names the analysis settings, so a snapshot
        built under other settings is never reused."""
        state = dict(self._state)
        state["vocab"] = state["vocab"]()
        lists = {name: state.pop(name) for name in _LISTS if name in state}
        # A slice is one step under the GIL, so a posting list growing meanwhile in
        # another thread is cut consistently at the length it had when frozen.
        lists["_postings"] = _Cut(self._postings, self._lengths)
        lists["_fields"] = _Cut(self._fields, self._lengths)
        tmp = path.with_suffix(".tmp")
        try:
            self._write(tmp, state, lists, fingerprint, seq)
        except BaseException:  # a full disk: the old snapshot stays, no partial file
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, path)

    def _write(self, tmp: Path, state: dict[str, Any], lists: dict[str, Any],
               fingerprint: str, seq: int) -> None:
        with collector.paused(), tmp.open("wb") as f:
            out = CrcWriter(f)
            pickle.dump((SNAPSHOT_FORMAT, fingerprint, seq, state), out, protocol=5)
            # The long lists go in slices: pickling one holds the GIL throughout, and
            # searches running meanwhile must get it back every few milliseconds.
            for name in _LISTS:
                items = lists[name]
                for i in range(0, len(items), _SAVE_SLICE):
                    pickle.dump(list(items[i : i + _SAVE_SLICE]), out, protocol=5)
                pickle.dump(None, out)
            f.write(_TRAILER + out.crc.to_bytes(4, "big"))  # checked by `read`
            f.flush()
            os.fsync(f.fileno())


class _Cut:
    """Posting lists cut to their frozen lengths, a slice at a time while saving."""

    def __init__(self, arrays: list[array], lengths: list[int]) -> None:
        self.arrays, self.lengths = arrays, lengths

    def __len__(self) -> int:
        return len(self.arrays)

    def __getitem__(self, part: slice) -> list[array]:
        return [a[:n] for a, n in zip(self.arrays[part], self.lengths[part], strict=True)]


def analyzed_fields(doc: Mapping[str, Any]) -> list[tuple[Field, list[Token]]]:
    """Each searchable field's tokens, as the lexical index sees them (credits moved to
    ARTISTS); shared with the cluster engine's writer so both engines index the same
    words."""
    language = doc.get("language")
    ja = isinstance(language, str) and language[:2].lower() == "ja"
    out = []
    for field, texts in field_texts(doc, _credits, _artists):
        tokens = [t for text in texts for t in analyze_value(text, ja)]
        if tokens:
            out.append((field, tokens))
    return out


class Digest(NamedTuple):
    """What the lexical index reads of a valid document, as plain values that cross
    processes cheaply (the write process computes it: see `LexicalIndex.digest`)."""

    id: str
    type_code: int                             # `TYPE_CODES`
    ja: bool                                   # analyzed as Japanese
    popularity: float
    texts: list[tuple[int, list[str]]]         # `field_texts`, fields as ints
    attributes: AttributeRow                   # what filters read (`attributes.py`)


# `Digest`'s fields in order as a plain tuple: the form that crosses the pipe from the
# write process, because a NamedTuple pickles at 2.5 times the cost of a tuple (446 vs
# 182 ms for 100,000 digests, a tenth of an ingest's time); the index unpacks either.
DigestRow = tuple[str, int, bool, float, list[tuple[int, list[str]]], AttributeRow]


def digest(doc: Mapping[str, Any]) -> Digest:
    """The document's `Digest`."""
    language = doc.get("language")
    return Digest(doc["id"], TYPE_CODES[doc["type"]],
                  isinstance(language, str) and language[:2].lower() == "ja",
                  float(doc.get("popularity") or 0.0),
                  [(int(field), texts) for field, texts in field_texts(doc, _credits, _artists)],
                  attribute_row(doc))



class _Column:
    """A growable numpy column indexed by internal document number."""

    def __init__(self, dtype: Any, fill: Any = 0) -> None:
        self.data = np.full(1024, fill, dtype=dtype)
        self.fill = fill

    def reserve(self, size: int) -> None:
        if size > len(self.data):
            grown = np.full(max(2 * len(self.data), size), self.fill, dtype=self.data.dtype)
            grown[: len(self.data)] = self.data
            self.data = grown


Analyzer = Callable[[str, bool], "list[Token] | tuple[Token, ...]"]


def _analyze(text: str, ja: bool) -> list[Token]:
    return analyze(text, language="ja" if ja else None)


class LexicalIndex:
    def __init__(self, budget: TypoBudget | None = None, synonyms: Synonyms | None = None,
                 *, analyzer: Analyzer = _analyze, scan_typos: bool = False,
                 filterable: tuple[str, ...] = ()) -> None:
        """`analyzer` (text, is Japanese) -> tokens may be a shared cache, and
        `scan_typos` suits a small index built per query: see `Vocabulary`;
        `filterable`: keyword fields a configuration adds to the filterable ones."""
        self.vocab = Vocabulary(budget, scan_typos=scan_typos)
        self.analyzer = analyzer
        self.synonyms = synonyms
        self.surfaces: dict[str, int] = {}
        self._postings: list[array] = []
        self._fields: list[array] = []
        # bytes, not arrays: a million arrays would be a million objects for every full
        # garbage collection to visit; bytes are not tracked by the collector.
        self._forward: list[bytes | None] = []
        self._ids: list[str | None] = []
        self._numbers: dict[str, int] = {}
        self._live = _Column(np.bool_, False)
        self._popularity = _Column(np.float32, 0.0)
        self._kind = _Column(np.int8, -1)
        self._name_length = _Column(np.uint8, 0)
        self.attributes = Attributes(filterable)
        self._dead = 0
        self.generation = 0  # bumped on every change; query caches key on it
        self._caches()

    # -- writing ----------------------------------------------------------------------

    def _caches(self) -> None:
        # Two levels: a value's analysis by its text (an artist is also an artist's
        # name, a genre sits at several places in a list), then its packed tokens at
        # each place; a miss in the second is a cheap repacking, not an analysis.
        self._text = lru_cache(maxsize=VALUE_CACHE)(self._analyze_text)
        self._value = lru_cache(maxsize=VALUE_CACHE)(self._placed_value)

    @staticmethod
    def digest(doc: Mapping[str, Any]) -> Digest:
        """What this index reads of a valid document: computed where the document is
        decided (the write process), it spares the indexing side that work (a
        `StoredDocument` carries it)."""
        return digest(doc)

    def upsert(self, doc: Mapping[str, Any]) -> bool:
        """Index a validated document; True when it was new."""
        return self.upsert_many((doc,)) == 1

    def upsert_many(self, docs: Iterable[Mapping[str, Any]]) -> int:
        """Index validated documents in order; how many were new.

        Per document only Python lists grow; the numpy columns, the postings and the
        term weights are written once per batch (readers wait on the engine's lock
        meanwhile, so they never see a batch half written).
        """
        occurrences = array("i")  # every token's term, for the term weights
        counts: list[int] = []    # ... how many of them each document has
        hits = array("i")         # (term, document number, field bits) per posting
        numbers: list[int] = []
        columns: list[tuple[float, int, int]] = []  # popularity, type, name length
        attributes: list[AttributeRow] = []
        written: list[Mapping[str, Any]] = []
        created = 0
        for doc in docs:
            before = len(occurrences)
            number, existed, row, attribute = self._upsert(doc, occurrences, hits)
            created += not existed
            numbers.append(number)
            columns.append(row)
            attributes.append(attribute)
            written.append(doc)
            counts.append(len(occurrences) - before)
        if not numbers:
            return 0
        self._write_postings(hits)
        self._write_columns(numbers, columns)
        self.attributes.add(numbers, attributes, written)
        popularity = np.fromiter((c[0] for c in columns), np.float64, len(columns))
        self.vocab.add_weights(np.frombuffer(occurrences, dtype=np.int32),
                               np.repeat(popularity, counts))
        self.generation += 1
        self._maybe_compact()
        return created

    def _upsert(self, doc: Mapping[str, Any], occurrences: array, hits: array
                ) -> tuple[int, bool, tuple[float, int, int], AttributeRow]:
        # Computed by the write process when the document comes from there.
        view = doc.digest if type(doc) is StoredDocument else None
        doc_id, kind, ja, popularity, texts, attribute = view or digest(doc)
        existed = self._remove(doc_id)
        number = len(self._ids)
        masks: dict[int, int] = {}
        forward: list[bytes] = []
        name_length = 0
        value_at = self._value
        for field, values in texts:
            bit = 1 << field
            offset = 0
            for text in values:
                value = value_at(text, ja, field, offset)
                if value is None:
                    continue
                packed, tids, unique, last, words = value
                if offset == 0 and field == Field.NAME:
                    name_length = words
                forward.append(packed)
                occurrences.frombytes(tids)
                for tid in unique:
                    masks[tid] = masks.get(tid, 0) | bit
                offset = last + _VALUE_GAP
        for tid, mask in masks.items():
            hits.extend((tid, number, mask))
        self._ids.append(doc_id)
        self._forward.append(b"".join(forward))
        self._numbers[doc_id] = number
        return number, existed, (popularity, kind, min(name_length, 255)), attribute

    def _write_postings(self, hits: array) -> None:
        """Append a batch's postings, one `extend` per term (numbers stay ascending: a
        stable sort by term keeps each term's documents in batch order)."""
        triples = np.frombuffer(hits, dtype=np.int32).reshape(-1, 3)
        order = np.argsort(triples[:, 0], kind="stable")
        terms, docs, masks = triples[order].T
        cuts = np.flatnonzero(np.diff(terms)) + 1
        starts = np.concatenate(([0], cuts)).tolist()
        ends = np.concatenate((cuts, [len(terms)])).tolist()
        docs_raw, masks_raw = docs.astype(np.int32).tobytes(), masks.astype(np.uint8).tobytes()
        postings, fields = self._postings, self._fields
        for tid, a, b in zip(terms[starts].tolist(), starts, ends, strict=True):
            postings[tid].frombytes(docs_raw[4 * a : 4 * b])
            fields[tid].frombytes(masks_raw[a:b])

    def _write_columns(self, numbers: list[int], columns: list[tuple[float, int, int]]
                       ) -> None:
        at = np.asarray(numbers, dtype=np.int64)
        popularity, kinds, name_lengths = zip(*columns, strict=True)
        for column in (self._live, self._popularity, self._kind, self._name_length):
            column.reserve(numbers[-1] + 1)
        # A document replaced later in the same batch is already dead again.
        self._live.data[at] = [self._ids[n] is not None for n in numbers]
        self._popularity.data[at] = popularity
        self._kind.data[at] = kinds
        self._name_length.data[at] = name_lengths

    def _analyze_value(self, text: str, ja: bool, field: Field, offset: int) -> _Value | None:
        """The tokens of one value placed at `offset` in its field (cached by the caller)."""
        return _place(self._analyze_text(text, ja), field, offset)

    def _placed_value(self, text: str, ja: bool, field: Field, offset: int) -> _Value | None:
        """`_analyze_value` through the cache of analyzed texts."""
        return _place(self._text(text, ja), field, offset)

    def _analyze_text(self, text: str, ja: bool) -> _Text | None:
        """A value's terms, surfaces and word layout, the same in every field and place."""
        tokens = self.analyzer(text, ja)
        if not tokens:
            return None
        words, ordinals = _value_layout(tokens)
        term_id, surfaces = self.vocab.term_id, self.surfaces
        tids = [term_id(tok.text) for tok in tokens]
        sids = [surfaces.setdefault(tok.surface, len(surfaces)) for tok in tokens]
        while len(self._postings) < len(self.vocab):
            self._postings.append(array("i"))
            self._fields.append(array("B"))
        rows = tuple([(tok.position, int(tok.optional), tid, sid, min(ordinal + 1, 63))
                      for tok, tid, sid, ordinal in zip(tokens, tids, sids, ordinals, strict=True)])
        return (rows, array("i", tids).tobytes(), tuple(dict.fromkeys(tids)),
                tokens[-1].position, words)

    def remove(self, doc_id: str) -> bool:
        removed = self._remove(doc_id)
        if removed:
            self.generation += 1
            self._maybe_compact()
        return removed

    def _remove(self, doc_id: str) -> bool:
        number = self._numbers.pop(doc_id, None)
        if number is None:
            return False
        if number < len(self._live.data):
            self._live.data[number] = False
        self._forward[number] = None
        self._ids[number] = None
        self._dead += 1
        return True

    def _maybe_compact(self) -> None:
        if self._dead >= _COMPACT_MIN_DEAD and self._dead > _COMPACT_DEAD_FRACTION * len(self._ids):
            self.compact()

    def compact(self) -> None:
        """Drop deleted documents from postings and renumber the live ones."""
        live = self._live.data[: len(self._ids)]
        if self._dead:
            renumber = np.cumsum(live, dtype=np.int64) - 1
            for tid, docs in enumerate(self._postings):
                if not docs:
                    continue
                numbers = np.frombuffer(docs, dtype=np.int32)
                keep = live[numbers]
                if keep.all():
                    kept_docs, kept_fields = renumber[numbers], None
                else:
                    kept_docs = renumber[numbers[keep]]
                    kept_fields = np.frombuffer(self._fields[tid], dtype=np.uint8)[keep]
                self._postings[tid] = array("i", kept_docs.astype(np.int32).tobytes())
                if kept_fields is not None:
                    self._fields[tid] = array("B", kept_fields.tobytes())
            keep_numbers = np.flatnonzero(live)
            self._forward = [self._forward[i] for i in keep_numbers]
            self._ids = [self._ids[i] for i in keep_numbers]
            self._numbers = {doc_id: i for i, doc_id in enumerate(self._ids)}
            n = len(self._ids)
            for col in (self._live, self._popularity, self._kind, self._name_length):
                data = np.full(len(col.data), col.fill, dtype=col.data.dtype)
                data[:n] = col.data[keep_numbers]
                col.data = data
            self.attributes.compact(keep_numbers, renumber, live)
            self._dead = 0
            self.generation += 1
        self.vocab.compact()

    # -- snapshots ----------------------------------------------------------------------

    def save(self, path: Path, *, seq: int, fingerprint: str) -> None:
        """Write the whole index to `path` (see `FrozenIndex.save`)."""
        self.freeze().save(path, seq=seq, fingerprint=fingerprint)

    def freeze(self) -> FrozenIndex:
        """The index as it is now, unchanged by later writes; take it under the readers'
        lock, then save it outside: searches wait for the copy, not for the disk.

        Copy-on-write where the layout allows it: forward entries and replaced arrays
        are never changed in place, so they are shared; postings grow in place, so only
        their lengths are noted now and they are cut to those lengths while saving.
        """
        with collector.paused():
            return self._freeze()

    def _freeze(self) -> FrozenIndex:
        state = {k: v for k, v in self.__dict__.items() if k not in _NOT_SAVED}
        state["vocab"] = self.vocab.frozen()  # settled by FrozenIndex.save
        state["surfaces"] = dict(self.surfaces)
        state["_forward"] = list(self._forward)
        state["_ids"] = list(self._ids)
        for name in ("_live", "_popularity", "_kind", "_name_length"):
            column = _Column.__new__(_Column)
            column.data, column.fill = getattr(self, name).data.copy(), getattr(self, name).fill
            state[name] = column
        state["attributes"] = self.attributes.copy()
        return FrozenIndex(state, list(self._postings), list(map(len, self._postings)),
                           list(self._fields))

    @classmethod
    def load(cls, path: Path, *, fingerprint: str, synonyms: Synonyms | None = None
             ) -> tuple[LexicalIndex, int] | None:
        """The saved index and its store sequence, or None if absent or not reusable."""
        try:
            return cls.read(path, fingerprint=fingerprint, synonyms=synonyms)
        except Unusable:
            return None

    @classmethod
    def read(cls, path: Path, *, fingerprint: str, synonyms: Synonyms | None = None
             ) -> tuple[LexicalIndex, int]:
        """The saved index and its store sequence; raises `Unusable` saying why not
        (absent, damaged: its checksum, or built by other code)."""
        try:
            body = path.stat().st_size - len(_TRAILER) - 4  # what the checksum covers
            with path.open("rb") as f:
                f.seek(max(body, 0))
                trailer = f.read()
                if body < 0 or not trailer.startswith(_TRAILER) or int.from_bytes(
                        trailer[len(_TRAILER):], "big") != file_crc(path, body):
                    raise Unusable(f"{path} is damaged (its checksum does not match)")
                f.seek(0)
                fmt, saved_fingerprint, seq, state = pickle.load(f)
                if fmt != SNAPSHOT_FORMAT or saved_fingerprint != fingerprint:
                    raise Unusable(f"{path} was saved by another version of the code",
                                   damaged=False)
                for name in _LISTS:
                    items = state[name] = []
                    while (part := pickle.load(f)) is not None:
                        items.extend(part)
        except FileNotFoundError:
            raise Unusable(f"no snapshot at {path}", damaged=False) from None
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError) as e:
            raise Unusable(f"{path} cannot be read: {e}") from e
        index = cls.__new__(cls)
        index.__dict__.update(state)
        index._numbers = {doc_id: i for i, doc_id in enumerate(index._ids) if doc_id is not None}
        index.synonyms = synonyms
        index.analyzer = _analyze
        index._caches()
        return index, seq

    # -- reading (the retrieval side calls these) -------------------------------------

    def __len__(self) -> int:
        return len(self._numbers)

    @property
    def capacity(self) -> int:
        """One past the highest internal document number in use."""
        return len(self._ids)

    def postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        """Document numbers and field bits of a term (views: use them under the read lock)."""
        if term >= len(self._postings):
            return np.empty(0, np.int32), np.empty(0, np.uint8)
        return (np.frombuffer(self._postings[term], dtype=np.int32),
                np.frombuffer(self._fields[term], dtype=np.uint8))

    def postings_of(self, terms: list[int]) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """The postings of several terms end to end, in order (document numbers, field
        bits), and how many each term has: one copy for them all, not one array per term."""
        n = len(self._postings)
        known = [t for t in terms if t < n]
        if len(known) < len(terms):
            docs_parts = [self._postings[t] if t < n else b"" for t in terms]
            field_parts = [self._fields[t] if t < n else b"" for t in terms]
        else:
            docs_parts = [self._postings[t] for t in terms]
            field_parts = [self._fields[t] for t in terms]
        return (np.frombuffer(b"".join(docs_parts), dtype=np.int32),
                np.frombuffer(b"".join(field_parts), dtype=np.uint8),
                [len(p) for p in docs_parts])

    def document_frequency(self, term: int) -> int:
        return len(self._postings[term]) if term < len(self._postings) else 0

    def forward_packed(self, number: int) -> list[tuple[int, int, bool, int, int, int, int, int]]:
        """A document's tokens as plain ints, in order: (field, position, optional, term,
        surface, value start, value length, ordinal), plain ints for ranking's hot path.
        """
        raw = self._forward[number]
        if raw is None:
            return []
        packed = array("i", raw)
        return [((meta >> 24), (meta >> 1) & 0x7FFFFF, bool(meta & 1), tid, sid,
                 value >> 12, (value >> 6) & 63, (value & 63) - 1)
                for meta, tid, sid, value in zip(packed[0::4], packed[1::4], packed[2::4],
                                                 packed[3::4], strict=True)]

    def forward_tokens(self, numbers: list[int]) -> tuple[np.ndarray, list[int]]:
        """Several documents' packed tokens end to end, as one (tokens, 4) int32 array
        (meta, term, surface, value), and how many each has: column 1 picks the tokens
        worth decoding, with numpy, for all of them at once."""
        raws = [self._forward[n] or b"" for n in numbers]
        tokens = np.frombuffer(b"".join(raws), dtype=np.int32).reshape(-1, 4)
        return tokens, [len(r) >> 4 for r in raws]

    @staticmethod
    def unpack_token(meta: int, value: int) -> tuple[int, int, int, int, int]:
        """(field, position, value start, value length, ordinal) of one packed token
        (a row of `forward_tokens`), as `forward_packed` decodes them."""
        return meta >> 24, (meta >> 1) & 0x7FFFFF, value >> 12, (value >> 6) & 63, (value & 63) - 1

    @property
    def live(self) -> np.ndarray:
        return self._live.data

    @property
    def popularity(self) -> np.ndarray:
        return self._popularity.data

    @property
    def kinds(self) -> np.ndarray:
        return self._kind.data

    @property
    def name_lengths(self) -> np.ndarray:
        """Words in each document's name (articles aside), for a cheap exactness guess."""
        return self._name_length.data

    def doc_id(self, number: int) -> str:
        doc_id = self._ids[number]
        if doc_id is None:
            raise KeyError(number)
        return doc_id

    def number(self, doc_id: str) -> int | None:
        return self._numbers.get(doc_id)

    def stats(self) -> dict[str, int]:
        return {
            "documents": len(self),
            "deleted_pending_compaction": self._dead,
            "terms": len(self.vocab),
            "postings": sum(len(p) for p in self._postings),
        }
