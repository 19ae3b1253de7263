"""Ranking: one re-ranker for every engine.

Engines retrieve `Candidate`s, each with the `WordMatch`es that say how every query
word matched (exact, prefix, typo, phonetic; which field; where). `rank` turns
them into features, weighs them by a `Variant` and sorts:

    ranked = rank(candidates, QueryShape(("beyon",), (False,)), shipped_variants()["default"])
    ranked[0].explanation  # (Contribution("coverage", 1.0, 50.0), ...)
"""

from .assignment import Assignment, TrafficError, assign, bucket, parse_traffic
from .candidates import Candidate, MatchKind, QueryShape, WordMatch
from .confidence import Strength, as_typed, corrected_query, noise, strength
from .features import FEATURES, PreScore, prescore_weights
from .personalization import AFFINITY, Profiles, UserContext, credited_artists, credited_genres
from .ranker import Contribution, Ranked, personalize, rank
from .variants import DEFAULT_VARIANT, Variant, VariantError, shipped_variants

__all__ = [
    "AFFINITY",
    "DEFAULT_VARIANT",
    "FEATURES",
    "Assignment",
    "Candidate",
    "Contribution",
    "MatchKind",
    "PreScore",
    "Profiles",
    "QueryShape",
    "Ranked",
    "Strength",
    "TrafficError",
    "UserContext",
    "Variant",
    "VariantError",
    "WordMatch",
    "as_typed",
    "assign",
    "bucket",
    "corrected_query",
    "credited_artists",
    "credited_genres",
    "noise",
    "parse_traffic",
    "personalize",
    "prescore_weights",
    "rank",
    "shipped_variants",
    "strength",
]
