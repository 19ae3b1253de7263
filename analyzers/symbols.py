"""Step 2: symbols that carry meaning in artist names are mapped, not dropped.

Written by hand because no library knows music stylizations: `P!nk` is "pink",
`Ke$ha` is "kesha", `$uicideboy$` is "suicideboys", `A$AP` is "asap"; `&` and a
lone `+` read as "and" (`Florence + The Machine`), `×` as the credit "x".
A generic folding library (unidecode, ICU) keeps `$` and `!` as punctuation,
and a tokenizer then drops them, so "p!nk" would become "p" + "nk".
"""

from __future__ import annotations

# Characters that are words of their own.
SYMBOL_WORDS: dict[str, str] = {"&": "and", "+": "and", "×": "x"}

# Removed inside a word, joining its halves: "don't" -> "dont", "f**kin" -> "fkin".
JOINERS = "'*"
DOLLAR = "$"
BANG = "!"


def clean_atom(raw: str) -> tuple[str, str] | None:
    """(surface, mapped) of one run of word characters and in-word symbols, or None.

    `raw` holds letters, digits and marks plus any of ``' * $ !``. With a letter in
    the run, `$` reads "s" and `!` reads "i" — except a trailing `!`, which in names
    is an exclamation ("Wham!", "Panic! at the Disco"), not an "i". Without a letter
    ("$100", "!!!") the symbols are plain punctuation.
    """
    if not any(ch.isalpha() for ch in raw):
        kept = "".join(ch for ch in raw if ch.isalnum())
        return (kept, kept) if kept else None
    surface = raw.lstrip(JOINERS).rstrip(JOINERS + BANG)
    mapped = surface.replace(DOLLAR, "s").replace(BANG, "i")
    for joiner in JOINERS:
        mapped = mapped.replace(joiner, "")
    return (surface, mapped) if mapped else None
