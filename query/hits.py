"""A ranked candidate as the API shows it: its stored fields, highlights and, when
asked, the explanation that the same ranking objects carry."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from segue.ranking import Candidate, MatchKind, Ranked, UserContext, Variant
from segue.schema import NOT_RETURNED, Field

from .highlight import highlight

_HIGHLIGHTED: dict[Field, str] = {
    Field.NAME: "name", Field.ARTISTS: "artists", Field.ALBUM: "album",
    Field.ALIASES: "aliases", Field.SHOW: "show", Field.OWNER: "owner",
}

_BEGUN = frozenset({MatchKind.PREFIX, MatchKind.TYPO})  # kinds that may mark a word's start


def as_hit(r: Ranked, docs: Mapping[str, dict[str, Any]], explain: bool,
           variant: Variant, fusion: Mapping[str, dict[str, Any]],
           user: UserContext | None = None) -> dict[str, Any]:
    doc = docs[r.candidate.doc_id]
    hit: dict[str, Any] = {"id": doc["id"], "type": doc["type"], "name": doc["name"],
                           "score": round(r.score, 4)}
    for k, v in doc.items():
        if k not in hit and k not in NOT_RETURNED:
            hit[k] = v
    hit["highlight"] = _highlights(r.candidate, doc)
    if explain:
        hit["explain"] = {
            "variant": f"{variant.name}@{variant.version}",
            "score": round(r.score, 4),
            "features": [
                {"feature": c.feature, "value": round(c.value, 4), "weight": c.weight,
                 "contribution": round(c.contribution, 4)}
                for c in r.explanation
            ],
            "matches": [
                {"word": m.word, "kind": m.kind.name.lower(), "typos": m.typos,
                 "field": m.field.name.lower(), "term": m.term, "exact_form": m.exact_form,
                 **({} if m.reading is None else {"reading": m.reading})}
                for m in r.candidate.matches
            ],
        }
        if user:
            value, artists, genres = user.affinity(r.candidate.artists, r.candidate.genres)
            hit["explain"]["affinity"] = {"value": round(value, 4), "artists": list(artists),
                                          "genres": list(genres)}
            skipped_artists, skipped_genres = user.skipped(r.candidate.artists,
                                                           r.candidate.genres)
            if skipped_artists or skipped_genres:
                hit["explain"]["affinity"]["skipped"] = {"artists": list(skipped_artists),
                                                         "genres": list(skipped_genres)}
        if r.candidate.doc_id in fusion:
            hit["explain"]["fusion"] = fusion[r.candidate.doc_id]
    return hit


def _highlights(candidate: Candidate, doc: Mapping[str, Any]) -> dict[str, Any]:
    by_field: dict[Field, tuple[set[str], set[str]]] = {}
    for m in candidate.matches:
        if m.field not in _HIGHLIGHTED:
            continue
        whole, prefixes = by_field.setdefault(m.field, (set(), set()))
        if m.prefix_chars and m.kind in _BEGUN:
            prefixes.add(m.term[: m.prefix_chars])
        else:
            whole.add(m.term)
    # Frozen, as `highlight` memoizes on them; once per field, not per value.
    marks = {fld: (frozenset(whole), frozenset(prefixes))
             for fld, (whole, prefixes) in by_field.items()}
    out: dict[str, Any] = {}
    for fld, (terms, starts) in marks.items():
        key = _HIGHLIGHTED[fld]
        value = doc.get(key)
        if isinstance(value, str):
            marked = highlight(value, terms, starts)
            if marked is not None:
                out[key] = marked
        elif isinstance(value, list):
            marked_list = [highlight(v, terms, starts) if isinstance(v, str) else None
                           for v in value]
            if any(marked_list):
                out[key] = [h if h is not None else _escape(v)
                            for h, v in zip(marked_list, value, strict=True)]
    # Credits moved from a track title to ARTISTS still show in the title text.
    if "name" not in out and Field.ARTISTS in marks:
        marked = highlight(doc["name"], *marks[Field.ARTISTS])
        if marked is not None:
            out["name"] = marked
    return out


def _escape(value: Any) -> str:
    return html.escape(str(value))
