"""tantivy (Rust, via its Python bindings) as the peer Segue is measured against.

The configuration a careful engineer would give it for a search box: name, artists,
album, aliases, show and owner as text fields with lower-casing and ASCII folding;
every query word a fuzzy term query (Damerau–Levenshtein distance 1, transposition
costing one) on every field, the last word also as a prefix; BM25 decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
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


class TantivyPeer:
    def __init__(self, docs: Iterable[dict[str, Any]], *, heap_bytes: int = 256_000_000) -> None:
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

    def query(self, text: str) -> tantivy.Query:
        words = _WORD.findall(_fold(text))
        clauses = []
        for i, word in enumerate(words):
            last = i == len(words) - 1
            for name in FIELDS:
                clauses.append((tantivy.Occur.Should, tantivy.Query.fuzzy_term_query(
                    self.schema, name, word, distance=1, transposition_cost_one=True,
                    prefix=last)))
        return tantivy.Query.boolean_query(clauses)

    def search(self, text: str, limit: int = 10) -> Sequence[str]:
        if not _WORD.search(text):
            return []
        hits = self.searcher.search(self.query(text), limit).hits
        return [self.searcher.doc(address)["id"][0] for _, address in hits]
