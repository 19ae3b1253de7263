"""tantivy (Rust, via its Python bindings) as the peer Segue is measured against.

The configuration a careful engineer would give it for a search box: name, artists,
album, aliases, show and owner as text fields with lower-casing and ASCII folding;
every query word a fuzzy term query (Damerau–Levenshtein distance 1, transposition
costing one) on every field, the last word also as a prefix; BM25 decides.

`TantivyPeer.tuned(docs)` is the set-up the chart collection measures against (issue
13): per-field boosts (name over artists and aliases over album), the fuzzy distance
by word length (0 up to 3 letters, 1 up to 7, else 2: Segue's own default budget),
the last word as a prefix, and each word also as an exact term. The exact clause is
what gives BM25 a say: tantivy scores every fuzzy or prefix match alike (a constant
score per matched term), so without it an exact match ranks no higher than a typo.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import tantivy

FIELDS = ("name", "artists", "album", "aliases", "show", "owner")
_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ; ".join(str(v) for v in value)
    return value if isinstance(value, str) else ""


#: Per-field boosts of the tuned set-up: a name match over a credit over an album.
TUNED_BOOSTS: Mapping[str, float] = {"name": 3.0, "artists": 2.0, "aliases": 2.0,
                                     "album": 1.0, "show": 1.0, "owner": 0.5}


def distance_by_length(word: str) -> int:
    """0 up to 3 letters, 1 up to 7, else 2 (Segue's default typo budget)."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


class TantivyPeer:
    def __init__(self, docs: Iterable[dict[str, Any]], *, heap_bytes: int = 256_000_000,
                 boosts: Mapping[str, float] | None = None,
                 distance: Callable[[str], int] | None = None) -> None:
        """`boosts` and `distance` unset: distance 1 on every field alike (the shipped
        collection's peer); set, the tuned set-up (see `tuned`)."""
        self.boosts = boosts
        self.distance = distance
        builder = tantivy.SchemaBuilder()
        for name in FIELDS:
            builder.add_text_field(name, stored=False, tokenizer_name="folded")
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema)
        self.index.register_tokenizer(
            "folded",
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build(),
        )
        writer = self.index.writer(heap_bytes, 1)  # one thread: a reproducible doc order
        for doc in docs:
            fields = {name: _text(doc.get(name)) for name in FIELDS}
            writer.add_document(tantivy.Document(id=doc["id"], **fields))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    @classmethod
    def tuned(cls, docs: Iterable[dict[str, Any]]) -> TantivyPeer:
        """Per-field boosts, fuzzy distance by word length, the last word as prefix."""
        return cls(docs, boosts=TUNED_BOOSTS, distance=distance_by_length)

    def query(self, text: str) -> tantivy.Query:
        if self.boosts is not None:
            return self._tuned_query(text)
        words = _WORD.findall(_fold(text))
        clauses = []
        for i, word in enumerate(words):
            last = i == len(words) - 1
            for name in FIELDS:
                clauses.append((tantivy.Occur.Should, tantivy.Query.fuzzy_term_query(
                    self.schema, name, word, distance=1, transposition_cost_one=True,
                    prefix=last)))
        return tantivy.Query.boolean_query(clauses)

    def _tuned_query(self, text: str) -> tantivy.Query:
        words = _WORD.findall(_fold(text))
        boosts = self.boosts or {}
        budget = self.distance or distance_by_length
        clauses = []
        for i, word in enumerate(words):
            last = i == len(words) - 1
            for name in FIELDS:
                boost = boosts.get(name, 1.0)
                exact = tantivy.Query.term_query(self.schema, name, word)
                clauses.append((tantivy.Occur.Should,
                                tantivy.Query.boost_query(exact, 2.0 * boost)))
                loose = tantivy.Query.fuzzy_term_query(
                    self.schema, name, word, distance=budget(word),
                    transposition_cost_one=True, prefix=last)
                clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(loose, boost)))
        return tantivy.Query.boolean_query(clauses)

    def search(self, text: str, limit: int = 10) -> Sequence[str]:
        if not _WORD.search(text):
            return []
        hits = self.searcher.search(self.query(text), limit).hits
        return [self.searcher.doc(address)["id"][0] for _, address in hits]
