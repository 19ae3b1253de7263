"""Writes `segue.json`, the OpenSearch index definition, from Segue's own analyzer rules.

    python mappings/build.py

The analyzers mirror `analyzers/` one step each, with what a stock OpenSearch holds
(core modules plus analysis-phonetic; analysis-icu is not on Maven Central): symbol
rules as pattern char filters, transliteration as a mapping char filter built here
from unidecode (the same library the embedded engine folds with), folding by
`asciifolding`, number words as digits by a `synonym` filter, CJK bigrams by
`cjk_bigram`, codes by `phonetic`. The `terms` field
holds the tokens Segue's own `analyze` produced, so retrieval can also meet readings
(pinyin, romaji) and credits exactly as the embedded engine sees them.
"""

from __future__ import annotations

import json
from pathlib import Path

from unidecode import unidecode

from segue.analyzers.numbers import NUMBER_WORDS
from segue.analyzers.translit import SPELLED_AS
from segue.schema import (
    AUDIO_FIELD,
    FILTERS_FIELD,
    KEYWORDS,
    MARKETS,
    TERMS_FIELD,
    TEXT_FIELD,
)

TEXT_FIELDS = ("name", "artists", "album", "aliases", "show", "owner")
TEXT_DIM = 384      # all-MiniLM-L6-v2
AUDIO_DIM = 32      # the demo catalog's; the engine sets the configured one at creation
SCRIPTS = [(0x0370, 0x03FF), (0x0400, 0x04FF)]  # Greek, Cyrillic


def translit_mappings() -> list[str]:
    out = []
    for lo, hi in SCRIPTS:
        for code in range(lo, hi + 1):
            ch = chr(code)
            latin = SPELLED_AS.get(ch) or unidecode(ch).strip()
            if ch.isalpha() and latin.isalpha() and latin.isascii():
                out.append(f"{ch} => {latin}")
    return out


def pattern(name: str, regex: str, replacement: str) -> tuple[str, dict]:
    return name, {"type": "pattern_replace", "pattern": regex, "replacement": replacement}


CHAR_FILTERS = dict([
    # "Ke$ha", "$uicideboy$", "A$AP": a dollar touching a letter reads "s".
    pattern("segue_dollar", r"(?<=\p{L})\$|\$(?=\p{L})", "s"),
    # "P!nk", "!llmind": a bang before a letter reads "i"; a trailing one ("Wham!") goes.
    pattern("segue_bang", r"!(?=\p{L})", "i"),
    # "don't", "F**kin'": apostrophes and asterisks inside a word join its halves.
    pattern("segue_joiners", r"(?<=[\p{L}\p{N}])['’*]+(?=[\p{L}\p{N}])", ""),
    # "AC/DC": both halves and the joined word.
    pattern("segue_slash", r"([\p{L}\p{N}]+)/([\p{L}\p{N}]+)", "$1 $2 $1$2"),
    # "&", a lone "+", and "×" are words.
    pattern("segue_and", r"&|(?<=\s)\+(?=\s)", " and "),
    pattern("segue_times", r"×", " x "),
    ("segue_translit", {"type": "mapping", "mappings": translit_mappings()}),
])
SYMBOLS = ["segue_dollar", "segue_bang", "segue_joiners", "segue_slash", "segue_and",
           "segue_times"]

def number_rules() -> list[str]:
    """Each English and Spanish number word also as its digits ("five => five, 5"), the
    same table `analyzers.numbers` reads. Runs of number words read as one number
    ("nineteen seventy five" -> 1975) reach the cluster through the `terms` field,
    which holds Segue's own tokens; a synonym rule per possible run would not."""
    return [f"{word} => {word}, {value}" for word, value in sorted(NUMBER_WORDS.items())]


FILTERS = {
    # "Maroon Five" is also "Maroon 5" (`analyzers/numbers.py`).
    "segue_numbers": {"type": "synonym", "synonyms": number_rules()},
    "segue_cjk_bigram": {"type": "cjk_bigram", "output_unigrams": False},
    # Credit markers separate artists; they are not words of the name.
    "segue_credits": {"type": "stop", "stopwords": ["feat", "ft", "featuring"]},
    "segue_words_only": {"type": "keep_types", "types": ["<ALPHANUM>"]},
    "segue_phonetic_length": {"type": "length", "min": 4},
    "segue_metaphone": {"type": "phonetic", "encoder": "metaphone", "replace": True},
    "segue_nysiis": {"type": "phonetic", "encoder": "nysiis", "replace": True},
    "segue_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 24},
}

FOLDED = ["cjk_width", "lowercase", "asciifolding", "segue_numbers", "segue_credits",
          "segue_cjk_bigram"]
ANALYZERS = {
    # The index key: symbols mapped, folded, transliterated, CJK as bigrams.
    "segue_text": {"type": "custom", "char_filter": [*SYMBOLS, "segue_translit"],
                   "tokenizer": "standard", "filter": FOLDED},
    # The unfolded form, so an exact accented query ranks above a folded match.
    "segue_exact": {"type": "custom", "char_filter": SYMBOLS, "tokenizer": "standard",
                    "filter": ["cjk_width", "lowercase", "segue_cjk_bigram"]},
    # Search-as-you-type: every prefix of every word (queried with segue_text).
    "segue_prefix": {"type": "custom", "char_filter": [*SYMBOLS, "segue_translit"],
                     "tokenizer": "standard", "filter": [*FOLDED, "segue_edge"]},
    "segue_metaphone": {"type": "custom", "char_filter": [*SYMBOLS, "segue_translit"],
                        "tokenizer": "standard",
                        "filter": [*FOLDED, "segue_words_only", "segue_phonetic_length",
                                   "segue_metaphone"]},
    "segue_nysiis": {"type": "custom", "char_filter": [*SYMBOLS, "segue_translit"],
                     "tokenizer": "standard",
                     "filter": [*FOLDED, "segue_words_only", "segue_phonetic_length",
                                "segue_nysiis"]},
    # Tokens already analyzed by Segue, one per whitespace-separated word.
    "segue_terms": {"type": "custom", "tokenizer": "whitespace"},
    "segue_terms_metaphone": {"type": "custom", "tokenizer": "whitespace",
                              "filter": ["segue_phonetic_length", "segue_metaphone"]},
    "segue_terms_nysiis": {"type": "custom", "tokenizer": "whitespace",
                           "filter": ["segue_phonetic_length", "segue_nysiis"]},
    "segue_terms_prefix": {"type": "custom", "tokenizer": "whitespace",
                           "filter": ["segue_edge"]},
}


def text_field() -> dict:
    return {"type": "text", "analyzer": "segue_text", "fields": {
        "exact": {"type": "text", "analyzer": "segue_exact"},
        "prefix": {"type": "text", "analyzer": "segue_prefix", "search_analyzer": "segue_text"},
        "metaphone": {"type": "text", "analyzer": "segue_metaphone"},
        "nysiis": {"type": "text", "analyzer": "segue_nysiis"},
    }}


def definition() -> dict:
    properties: dict = {field: text_field() for field in TEXT_FIELDS}
    properties.update({
        "id": {"type": "keyword"},
        "type": {"type": "keyword"},
        "description": {"type": "text", "analyzer": "segue_text"},
        "genres": {"type": "keyword", "fields": {"text": {"type": "text",
                                                           "analyzer": "segue_text"}}},
        "language": {"type": "keyword"},
        "markets": {"type": "keyword"},
        "year": {"type": "integer"},
        "duration_ms": {"type": "long"},
        "explicit": {"type": "boolean"},
        "popularity": {"type": "float"},
        # Segue's folded values of the keyword filters (`cluster_filters`): `filter=`,
        # `market=`, facets and `sort=name` read these; a configured field lands here
        # as a keyword too (the dynamic template below).
        FILTERS_FIELD: {"type": "object", "dynamic": True, "properties": {
            name: {"type": "keyword"} for name in (*KEYWORDS, MARKETS, "name")}},
        TERMS_FIELD: {"type": "text", "analyzer": "segue_terms", "norms": False, "fields": {
            "prefix": {"type": "text", "analyzer": "segue_terms_prefix",
                       "search_analyzer": "segue_terms", "norms": False},
            "metaphone": {"type": "text", "analyzer": "segue_terms_metaphone", "norms": False},
            "nysiis": {"type": "text", "analyzer": "segue_terms_nysiis", "norms": False},
        }},
        # Vectors through the k-NN plugin's Lucene engine: the plugin zip on Maven Central
        # carries no native FAISS/NMSLIB libraries.
        TEXT_FIELD: {"type": "knn_vector", "dimension": TEXT_DIM, "method": {
            "name": "hnsw", "engine": "lucene", "space_type": "cosinesimil"}},
        AUDIO_FIELD: {"type": "knn_vector", "dimension": AUDIO_DIM, "method": {
            "name": "hnsw", "engine": "lucene", "space_type": "cosinesimil"}},
    })
    return {
        "settings": {
            "index": {"knn": True, "max_ngram_diff": 24},
            "analysis": {"char_filter": CHAR_FILTERS, "filter": FILTERS,
                         "analyzer": ANALYZERS},
        },
        # Fields not named here are kept in _source and returned, never searched.
        "mappings": {"dynamic": False, "properties": properties, "dynamic_templates": [
            {"filter_keywords": {"path_match": f"{FILTERS_FIELD}.*",
                                 "mapping": {"type": "keyword"}}}]},
    }


if __name__ == "__main__":
    target = Path(__file__).with_name("segue.json")
    target.write_text(json.dumps(definition(), ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {target}")
