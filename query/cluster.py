"""Retrieval on the cluster engine: a structured query for recall, Segue's matching for ranking.

1. **Recall**: OpenSearch finds the candidates. The query is built from Segue's parsed
   query as structured DSL, word by word (`term`, `fuzzy` with the typo budget,
   `match` on the phonetic and prefix subfields, `match` on the analyzed names, `term`
   on the word's other readings: joined, split, on another keyboard layout), so
   the user's text never reaches the cluster as query syntax: `name:*` or `OR 1=1`
   are words like any other. Popularity breaks ties, as on the embedded engine.
2. **Matching**: ranking needs to know how each query word matched each candidate
   (exact, prefix, typo, phonetic; field, position). Segue computes that with its own
   analyzers and matcher over the few candidates only: a small `LexicalIndex` of
   them, searched by `EmbeddedRetriever`. The same `ranking/` code then orders the
   candidates of both engines, so a variant means the same thing on each.

The candidates' documents come back with the hits (without the `terms` field, which
only the cluster reads) and go to the search stages with the candidates
(`Retrieved.documents`): hits are shaped from them, with a round trip (`lookup`)
only for what the answer did not hold.

Matching builds that small index per query, so its statistics (document frequencies,
completions' weights) are those of the candidates, exactly as before; what repeats
from query to query is kept instead of redone: the analysis of each field value (a
bounded cache keyed by the text itself, so an updated document is analyzed anew and
an unchanged one never again), and typo lookups check the few hundred terms directly
rather than first indexing every term's deletions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from segue.analyzers import Synonyms, TypoBudget
from segue.indexer import LexicalIndex
from segue.indexer.lexical import analyze_value
from segue.ranking import MatchKind, Variant
from segue.schema import FILTERS_FIELD, TERMS_FIELD, TEXT_FIELD

from .cluster_scope import aggregations, facets_from, filter_clauses, sort_clause
from .embedded import EmbeddedRetriever
from .readings import split_points
from .retrieval import Documents, Retrieved
from .scope import EVERYTHING, Scope
from .understanding import ParsedQuery, QueryWord, is_reading

RECALL_DEPTH = 100  # candidates asked of the cluster for Segue to match (60 already
# gives the same relevance scores on the collection; the margin is for larger catalogs)
JOIN_BOOST = 3.0    # a joined reading's term clause, as high as the word's exact term
NAME_FIELDS = ("name^3", "artists^2", "aliases^2", "album", "show", "owner")


def _word_clause(word: QueryWord, budget: TypoBudget, synonyms: Synonyms | None
                 ) -> dict[str, Any]:
    """Any way this one word may match: the best of them counts (dis_max)."""
    clauses: list[dict[str, Any]] = []
    for tok in word.tokens:
        text = tok.text
        if is_reading(tok):
            clauses.append({"term": {TERMS_FIELD: {"value": text, "boost": 0.5}}})
            continue
        clauses.append({"term": {TERMS_FIELD: {"value": text, "boost": 3.0}}})
        for syn in (synonyms.expand(text) if synonyms is not None else ()):
            if " " not in syn:
                clauses.append({"term": {TERMS_FIELD: {"value": syn, "boost": 3.0}}})
        typos = budget.for_word(text)
        if typos:
            clauses.append({"fuzzy": {TERMS_FIELD: {"value": text, "fuzziness": typos,
                                               "transpositions": True,
                                               "max_expansions": 64, "boost": 1.5}}})
        for sub in ("metaphone", "nysiis"):
            clauses.append({"match": {f"{TERMS_FIELD}.{sub}": {"query": text, "boost": 0.7}}})
        if word.prefix:
            clauses.append({"term": {f"{TERMS_FIELD}.prefix": {"value": text, "boost": 2.0}}})
            if typos:
                clauses.append({"fuzzy": {f"{TERMS_FIELD}.prefix": {
                    "value": text, "fuzziness": 1, "transpositions": True,
                    "max_expansions": 32, "boost": 0.8}}})
    clauses.extend(_reading_clauses(word))
    return {"dis_max": {"queries": clauses}}


def _reading_clauses(word: QueryWord) -> list[dict[str, Any]]:
    """The word joined with its neighbours or read on another layout (`readings`), and
    split: a document holding a word the typed one begins with and a word it ends with
    ("guns" ... "roses" for "gunsnroses"; Segue's matching then wants every part, side
    by side). The cluster has no vocabulary to pick the splits, so one clause asks for
    every cut at once; the embedded engine asks only for cuts into index terms."""
    clauses: list[dict[str, Any]] = []
    for r in word.readings:
        field = f"{TERMS_FIELD}.prefix" if r.prefix else TERMS_FIELD
        # Words joined into one index term are as sure a sign as a word typed exactly:
        # "young blood" must recall Youngblood beside the many documents holding both
        # words (ranking then weighs the join like one typo).
        boost = JOIN_BOOST if r.kind == MatchKind.COMPOUND else 1.5
        clauses.append({"term": {field: {"value": r.text, "boost": boost}}})
    typed = word.tokens[0]
    cuts = [] if is_reading(typed) else split_points(typed.text)
    if cuts:
        heads = sorted({a for a, _ in cuts})
        tails = sorted({b for _, b in cuts})
        clauses.append({"bool": {"must": [{"terms": {TERMS_FIELD: heads}},
                                          {"terms": {TERMS_FIELD: tails}}], "boost": 1.5}})
    return clauses


def build_query(query: ParsedQuery, budget: TypoBudget, synonyms: Synonyms | None = None,
                *, types: frozenset[str] | None = None, size: int = RECALL_DEPTH,
                scope: Scope = EVERYTHING) -> dict[str, Any]:
    """The search body for a parsed query: one clause per word, plus the names analyzed
    by the mappings' own analyzers, scored with a popularity prior; the scope's filter
    and market in `bool.filter`, its facets as aggregations, its sort."""
    words = [_word_clause(w, budget, synonyms) for w in query.words]
    text = " ".join(t.text for w in query.words for t in w.tokens[:1])
    should = [*words, {"multi_match": {"query": text, "fields": list(NAME_FIELDS),
                                       "type": "best_fields", "operator": "or"}}]
    bool_query: dict[str, Any] = {"should": should, "minimum_should_match": 1}
    filters = filter_clauses(scope)
    if types is not None:
        filters.insert(0, {"terms": {"type": sorted(types)}})
    if filters:
        bool_query["filter"] = filters
    body: dict[str, Any] = {
        "size": size,
        "track_total_hits": True,
        "_source": {"excludes": [TERMS_FIELD]},
        "query": {"function_score": {
            "query": {"bool": bool_query},
            "functions": [{"field_value_factor": {"field": "popularity", "modifier": "log1p",
                                                  "missing": 0}}],
            "boost_mode": "sum",
        }},
    }
    if scope.facets:
        body["aggs"] = aggregations(scope.facets)
    if scope.sort is not None:
        body["sort"] = sort_clause(scope.sort)
        body["track_scores"] = True
    return body


def popular_query(query: ParsedQuery, *, types: frozenset[str] | None = None,
                  size: int, scope: Scope = EVERYTHING) -> dict[str, Any] | None:
    """For one word being typed, the most popular documents holding a word it begins,
    in scope (None for any other query). The embedded engine completes such a word
    first to the words of the most popular documents (`Completions.popular`) and ranks
    a completion like the word itself; the relevance query alone favours the names
    holding the word whole ("heart": hundreds of them), so a far more popular name it
    begins (Heartless) would not be among the candidates ranking sees."""
    if len(query.words) != 1 or not query.words[0].prefix:
        return None
    word = query.words[0]
    # A number word's digits ("one" -> 1) are a whole number, not a prefix of 13.
    texts = [t.text for t in word.tokens if not is_reading(t)
             and not (t.text.isdigit() and not word.text[:1].isdigit())]
    if not texts:
        return None
    filters: list[dict[str, Any]] = [{"terms": {f"{TERMS_FIELD}.prefix": texts}},
                                     *filter_clauses(scope)]
    if types is not None:
        filters.append({"terms": {"type": sorted(types)}})
    return {"size": size, "track_total_hits": False,
            "_source": {"excludes": [TERMS_FIELD, TEXT_FIELD]},
            "query": {"bool": {"filter": filters}},
            "sort": [{"popularity": {"order": "desc", "missing": "_last"}}]}


class ClusterRetriever:
    """A `Retriever` over an OpenSearch/Elasticsearch index (through an `index` alias)."""

    def __init__(self, client: Any, index: str, budget: TypoBudget,
                 synonyms: Synonyms | None = None, depth: int = RECALL_DEPTH,
                 filterable: tuple[str, ...] = ()) -> None:
        self.client = client
        self.filterable = filterable
        self.index = index
        self.budget = budget
        self.synonyms = synonyms
        self.depth = depth

    def retrieve(
        self, query: ParsedQuery, variant: Variant, *, limit: int,
        types: frozenset[str] | None = None, scope: Scope = EVERYTHING,
    ) -> Retrieved:
        """The cluster recalls (and counts, and facets) the matches in scope; Segue
        matches the recalled ones word by word, sorts and collapses them with the
        embedded engine's code over a small index of them."""
        if not query.words:
            return Retrieved((), 0)
        body = build_query(query, self.budget, self.synonyms, types=types,
                           size=max(self.depth, limit), scope=scope)
        body["_source"] = {"excludes": [TEXT_FIELD]}
        bodies = [body]
        if scope.sort is not None:
            # Beside the first by key, the most relevant: the top result is among them.
            relevant = build_query(query, self.budget, self.synonyms, types=types,
                                   size=max(self.depth, limit), scope=scope.bare())
            relevant["_source"] = {"excludes": [TEXT_FIELD]}
            relevant["track_total_hits"] = False
            bodies.append(relevant)
        popular = popular_query(query, types=types, size=limit, scope=scope)
        if popular is not None:
            bodies.append(popular)
        answer, *more = self._search(bodies)
        hits = [h for a in (answer, *more) for h in a["hits"]["hits"]]
        docs = {h["_id"]: _document(h["_source"]) for h in hits}
        facets = facets_from(answer.get("aggregations", {}), scope.facets)
        if not docs:
            return Retrieved((), 0, facets=facets)
        local = LexicalIndex(self.budget, self.synonyms, analyzer=analyze_value,
                             scan_typos=True, filterable=self.filterable)
        local.upsert_many(docs.values())
        # The filter and market were the cluster's; the local index sorts and collapses.
        here = Scope(sort=scope.sort, distinct=scope.distinct)
        found = EmbeddedRetriever(local).retrieve(query, variant, limit=limit, types=types,
                                                  scope=here)
        total = answer["hits"]["total"]
        return Retrieved(found.candidates,
                         int(total["value"] if isinstance(total, Mapping) else total), docs,
                         facets=facets, keys=found.keys, versions=found.versions)

    def _search(self, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The answers to `bodies`, in one round trip when there are several. A search
        `_msearch` answers with an error is asked again alone, so it fails as a lone
        search would (the client's exception, which the outage handling reads)."""
        if len(bodies) == 1:
            return [self.client.search(index=self.index, body=bodies[0])]
        lines = [line for b in bodies for line in ({}, b)]
        answers = self.client.msearch(index=self.index, body=lines)["responses"]
        return [self.client.search(index=self.index, body=b) if "error" in a else a
                for a, b in zip(answers, bodies, strict=True)]

    def admit(self, doc_ids: list[str], scope: Scope) -> list[str]:
        """Those of `doc_ids` in scope, asked of the cluster in one request."""
        clauses = filter_clauses(scope)
        if not clauses or not doc_ids:
            return doc_ids
        answer = self.client.search(index=self.index, body={
            "size": len(doc_ids), "_source": False,
            "query": {"bool": {"filter": [{"ids": {"values": doc_ids}}, *clauses]}}})
        inside = {h["_id"] for h in answer["hits"]["hits"]}
        return [d for d in doc_ids if d in inside]

    def describe(self, query: ParsedQuery, doc_ids: list[str], beside: Documents
                 ) -> Retrieved:
        """Candidates for documents found by their vectors, with whatever words match,
        matched among the documents `beside` them (same collection statistics); the
        answer holds the documents it had to look up."""
        looked_up = self.lookup([i for i in doc_ids if i not in beside])
        docs = {**beside, **looked_up}
        local = LexicalIndex(self.budget, self.synonyms)
        for doc in docs.values():
            local.upsert(doc)
        found = EmbeddedRetriever(local).describe(query, [i for i in doc_ids if i in docs], {})
        return Retrieved(found.candidates, found.total, looked_up)

    def lookup(self, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Documents by id, as the cluster holds them now."""
        if not doc_ids:
            return {}
        found = self.client.mget(index=self.index, body={"docs": [
            {"_id": i, "_source": {"excludes": [TEXT_FIELD]}} for i in doc_ids]})
        return {d["_id"]: _document(d["_source"]) for d in found["docs"] if d.get("found")}


def _document(source: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in source.items() if k not in (TERMS_FIELD, FILTERS_FIELD)}
