"""What a search may filter, facet and sort on, and which tracks are one track.

Both sides read these: the lexical index keeps a column or a value list for each
filterable field (`indexer/lexical.py`), the OpenSearch mapping a keyword or numeric
field (`mappings/build.py`), and the query side checks a filter's fields and values
against their `Kind` (`query/filters.py`).

    >>> filter_values({"type": "track", "genres": ["Hip Hop"], "explicit": True})["genres"]
    ('hip hop',)
    >>> distinct_key({"type": "track", "name": "Let It Be", "artists": ["The Beatles"]})
    'let it be\\x1fthe beatles'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from enum import Enum
from functools import lru_cache
from typing import Any


class Kind(Enum):
    KEYWORD = "keyword"   # exact strings, one or several per document (case-insensitive)
    NUMBER = "number"
    BOOLEAN = "boolean"


# The filterable fields every catalog has. A configuration may add keyword fields
# (`Settings.filterable`); `market=` reads `markets`, which is not a filter field.
FILTERABLE: dict[str, Kind] = {
    "type": Kind.KEYWORD,
    "genres": Kind.KEYWORD,
    "language": Kind.KEYWORD,
    "artists": Kind.KEYWORD,
    "year": Kind.NUMBER,
    "popularity": Kind.NUMBER,
    "duration_ms": Kind.NUMBER,
    "explicit": Kind.BOOLEAN,
}
NUMBERS: tuple[str, ...] = tuple(f for f, k in FILTERABLE.items() if k is Kind.NUMBER)
KEYWORDS: tuple[str, ...] = tuple(f for f, k in FILTERABLE.items()
                                  if k is Kind.KEYWORD and f != "type")
MARKETS = "markets"
EVERYWHERE = "*"      # the market value of a document without `markets`

FACETABLE: tuple[str, ...] = ("genres", "type", "year", "explicit", "language")
FACET_VALUES = 20     # values per facet, by count
SORTABLE: tuple[str, ...] = ("popularity", "year", "name", "duration_ms")

# ISO 3166-1 alpha-2, the officially assigned codes (and XK, used by catalogs for
# Kosovo). Written out here: the schema imports no library, and the list changes
# about once a decade.
_ISO_CODES = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL
GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
"""
ISO_MARKETS: frozenset[str] = frozenset(_ISO_CODES.split())


class MarketError(ValueError):
    pass


def check_market(raw: str) -> str:
    """The market as an upper-case ISO 3166-1 alpha-2 code; MarketError otherwise."""
    code = raw.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise MarketError(f"'{raw[:40]}' is not a two-letter country code (ISO 3166-1 "
                          "alpha-2, such as SE or US)")
    if code not in ISO_MARKETS:
        raise MarketError(f"'{code}' is not an ISO 3166-1 alpha-2 country code")
    return code


@lru_cache(maxsize=65_536)
def fold_value(value: str) -> str:
    """A keyword as filters compare it: NFKC, case-folded, spaces trimmed (cached:
    catalogs repeat their genres, languages and artists)."""
    return unicodedata.normalize("NFKC", value).casefold().strip()


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return (v for v in value if isinstance(v, str))
    return ()


def filter_values(doc: Mapping[str, Any], extra: Iterable[str] = ()
                  ) -> dict[str, tuple[str, ...]]:
    """A document's keyword values, folded, by field: the built-in keyword fields,
    `markets` (EVERYWHERE when it has none) and the configured `extra` fields."""
    out = {}
    for f in (*KEYWORDS, *extra):
        value = doc.get(f)
        out[f] = (fold_value(value),) if isinstance(value, str) else \
            _distinct([fold_value(v) for v in value if isinstance(v, str)]) \
            if isinstance(value, list) else ()
    markets = doc.get(MARKETS)
    out[MARKETS] = _distinct([m.upper() for m in markets if isinstance(m, str)]) \
        if isinstance(markets, list) else (EVERYWHERE,)
    return out


def _distinct(values: list[str]) -> tuple[str, ...]:
    return tuple(values) if len(values) < 2 else tuple(dict.fromkeys(values))


def cluster_filters(doc: Mapping[str, Any], extra: Iterable[str] = ()) -> dict[str, Any]:
    """What a cluster document carries for filters beside its own fields: the folded
    keyword values (`filter_values`) and the folded name `sort=name` orders by."""
    name = doc.get("name")
    return {**filter_values(doc, extra), "name": sort_name(name) if isinstance(name, str)
            else None}


def number_value(doc: Mapping[str, Any], field: str) -> float | None:
    value = doc.get(field)
    return float(value) if type(value) is int or type(value) is float else None


def distinct_key(doc: Mapping[str, Any]) -> str | None:
    """Which tracks are versions of one track: the same name and the same artists
    (folded, in any order). None for every other type: they never collapse."""
    if doc.get("type") != "track" or not isinstance(doc.get("name"), str):
        return None
    artists = sorted(fold_value(a) for a in _strings(doc.get("artists")))
    return "\x1f".join((fold_value(doc["name"]), *artists))


def sort_name(name: str) -> str:
    """A name as `sort=name` orders it: folded, so case never splits the order."""
    return fold_value(name)
