"""Hybrid search: when to ask the vectors, and how to merge their answer with the words'.

**Mode.** A search box mostly receives names, and names are the lexical side's
job; vectors are for descriptions ("rainy day acoustic", "música para estudiar").
`choose_mode` reads the query and the lexical candidates (already ranked):

1. one word → lexical: a single word is a name being typed far more often than not;
2. a top candidate's name or alias *is* the query (whole, or being typed, or with a
   typo: the `exact` feature ≥ 0.5) → lexical;
3. no top candidate holds even half of the words in a name-like field (name,
   artists, album, aliases, show): the words are found in genres or descriptions,
   or not at all → hybrid (a misspelt name still has most words in a name);
4. more than half of the words are descriptive vocabulary (`descriptive.txt`:
   moods, activities, eras, instruments, "music for", in several languages) →
   hybrid;
5. otherwise lexical.

**Fusion.** Reciprocal rank fusion (Cormack et al. 2009) by default: each list gives
1/(k + rank), k = 60, so agreement between the two lists wins and neither side's
score scale matters. With a `semantic_ratio` the two scores are min-max normalized
per query and blended: ratio × semantic + (1 − ratio) × lexical.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

from segue.ranking import Ranked
from segue.schema import Field

from .understanding import ParsedQuery

MODES = ("auto", "lexical", "semantic", "hybrid")
RRF_K = 60
DECIDE_DEPTH = 10       # lexical candidates looked at to decide the mode
NAME_LIKE = frozenset({Field.NAME, Field.ARTISTS, Field.ALBUM, Field.ALIASES, Field.SHOW})


@lru_cache(maxsize=1)
def descriptive_words() -> frozenset[str]:
    """Folded words that describe music rather than name it."""
    text = resources.files(__package__).joinpath("descriptive.txt").read_text("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        words.update(w for w in line.split() if w)
    return frozenset(words)


def choose_mode(query: ParsedQuery, lexical: Sequence[Ranked]) -> tuple[str, str]:
    """("lexical" | "hybrid", the rule that decided), per the module's rules."""
    shape = query.shape
    words = shape.required
    if len(words) < 2:
        return "lexical", "one word"
    top = lexical[:DECIDE_DEPTH]
    for r in top:
        contributions = {c.feature: c.value for c in r.explanation}
        if contributions.get("exact", 0.0) >= 0.5:
            return "lexical", "a name matches the query"
    if not any(2 * _words_in_names(r, words) >= len(words) for r in top):
        return "hybrid", "no name holds half the words"
    vocabulary = descriptive_words()
    described = sum(1 for i in words if shape.words[i] in vocabulary)
    if 2 * described > len(words):
        return "hybrid", "descriptive words"
    return "lexical", "the words name something"


def _words_in_names(r: Ranked, words: Sequence[int]) -> int:
    found = {m.word for m in r.candidate.matches if m.field in NAME_LIKE}
    return sum(1 for w in words if w in found)


def rrf(*rankings: Sequence[str], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion of ranked id lists (rank 1 = first)."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, start=1):
            fused[doc_id] = fused.get(doc_id, 0.0) + 1.0 / (k + rank)
    return fused


def _min_max(scores: Mapping[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    span = high - low
    return {d: (s - low) / span if span > 0 else 1.0 for d, s in scores.items()}


def blend(lexical: Mapping[str, float], semantic: Mapping[str, float],
          ratio: float) -> dict[str, float]:
    """ratio × normalized semantic + (1 − ratio) × normalized lexical; a side that did
    not find a document gives it 0."""
    lex, sem = _min_max(lexical), _min_max(semantic)
    return {d: ratio * sem.get(d, 0.0) + (1.0 - ratio) * lex.get(d, 0.0)
            for d in lex.keys() | sem.keys()}
