"""The catalog schema: the vocabulary the write side and the search side share.

A document is a JSON object with an `id`, a `type` (one of `DOC_TYPES`) and a
`name`; Segue reads a few more keys and keeps whatever else a catalog sends. The
indexer writes documents by these rules and the query and ranking code reads them
by the same ones, so both import this package and it imports neither: loading
`segue.ranking` never loads the store, FAISS or the write process.

- `fields`: the searchable `Field`s (a match is in NAME, in ALBUM...), the document
  key feeding each (`SEARCHED_KEYS`) and the vector and derived field names
  (`AUDIO_FIELD`, `TEXT_FIELD`, `TERMS_FIELD`), with those never sent back
  (`NOT_RETURNED`).
- `types`: the document types and their one-byte codes in the indexes.
- `validation`: `validate_document` and `validate_id`, whose `DocumentError` names
  the offending field, and the size limits they enforce.
- `filtering`: what a search may filter, facet and sort on (`FILTERABLE`, `Kind`),
  market codes, and `distinct_key` (which tracks are versions of one).
- `texts`: `field_texts`, which strings of a document feed which field.

    >>> validate_document({"type": "track", "name": "Flowers"}, "t1")
    {'id': 't1', 'type': 'track', 'name': 'Flowers'}
    >>> field_texts({"type": "track", "name": "Stay (with Justin Bieber)"},
    ...             lambda name: ("Stay", ["Justin Bieber"]), lambda line: [line])
    [(<Field.NAME: 0>, ['Stay']), (<Field.ARTISTS: 1>, ['Justin Bieber'])]
"""

from .fields import (
    AUDIO_FIELD,
    FILTERS_FIELD,
    NOT_RETURNED,
    SEARCHED_KEYS,
    TERMS_FIELD,
    TEXT_FIELD,
    Field,
)
from .filtering import (
    EVERYWHERE,
    FACET_VALUES,
    FACETABLE,
    FILTERABLE,
    ISO_MARKETS,
    KEYWORDS,
    MARKETS,
    NUMBERS,
    SORTABLE,
    Kind,
    MarketError,
    check_market,
    cluster_filters,
    distinct_key,
    filter_values,
    fold_value,
    number_value,
    sort_name,
)
from .texts import SplitArtists, SplitCredits, field_texts
from .types import DOC_TYPES, TYPE_CODES
from .validation import (
    MAX_ID_CHARS,
    MAX_LIST_ITEMS,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
    MAX_VECTOR_DIM,
    DocumentError,
    validate_document,
    validate_id,
)

__all__ = [
    "AUDIO_FIELD",
    "DOC_TYPES",
    "EVERYWHERE",
    "FACETABLE",
    "FACET_VALUES",
    "FILTERABLE",
    "FILTERS_FIELD",
    "ISO_MARKETS",
    "KEYWORDS",
    "MARKETS",
    "MAX_ID_CHARS",
    "MAX_LIST_ITEMS",
    "MAX_NAME_CHARS",
    "MAX_TEXT_CHARS",
    "MAX_VECTOR_DIM",
    "NOT_RETURNED",
    "NUMBERS",
    "SEARCHED_KEYS",
    "SORTABLE",
    "TERMS_FIELD",
    "TEXT_FIELD",
    "TYPE_CODES",
    "DocumentError",
    "Field",
    "Kind",
    "MarketError",
    "SplitArtists",
    "SplitCredits",
    "check_market",
    "cluster_filters",
    "distinct_key",
    "field_texts",
    "filter_values",
    "fold_value",
    "number_value",
    "sort_name",
    "validate_document",
    "validate_id",
]
