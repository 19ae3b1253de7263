"""The synonym file: groups per line, comments, folding, single tokens and phrases."""

from importlib.resources import files
from pathlib import Path

from segue.analyzers import Synonyms

SAMPLE = """\
# artists known by two names
2Pac, Tupac, 2-Pac   # "2-pac" folds to two words: a phrase

rnb, R&B, Rhythm and Blues
Beyoncé, Queen B
hip-hop, hiphop
"""


def test_single_token_equivalents() -> None:
    syn = Synonyms.from_lines(SAMPLE.splitlines())
    assert syn.expand("2pac") == ("tupac",)
    assert syn.expand("tupac") == ("2pac",)
    assert syn.expand("hiphop") == ()  # "hip-hop" is two words: a phrase


def test_expand_excludes_the_term_and_unknown_terms() -> None:
    syn = Synonyms.from_lines(["a1, b1, a1"])
    assert syn.expand("a1") == ("b1",)
    assert syn.expand("zzz") == ()


def test_terms_are_folded() -> None:
    syn = Synonyms.from_lines(["Beyoncé, Sasha Fierce, B"])
    assert syn.expand("beyonce") == ("b",)
    assert syn.expand("Beyoncé") == ("b",)


def test_multiword_groups_are_phrases() -> None:
    syn = Synonyms.from_lines(SAMPLE.splitlines())
    phrases = syn.phrases()
    assert phrases["rnb"] == ("r and b", "rhythm and blues")
    assert phrases["r and b"] == ("rnb", "rhythm and blues")
    assert phrases["rhythm and blues"] == ("rnb", "r and b")
    assert phrases["hip hop"] == ("hiphop",)
    assert phrases["2pac"] == ("tupac", "2 pac")
    assert "beyonce" in phrases and phrases["queen b"] == ("beyonce",)
    assert syn.expand("rnb") == ()


def test_comments_blank_lines_and_one_member_groups_are_ignored() -> None:
    syn = Synonyms.from_lines(["# only a comment", "", "   ", "lonely", "x, , ", "a1,a1"])
    assert syn.phrases() == {}
    assert syn.expand("lonely") == ()


def test_a_term_in_two_groups_expands_to_both() -> None:
    syn = Synonyms.from_lines(["dnb, drumnbass", "dnb, jungle"])
    assert syn.expand("dnb") == ("drumnbass", "jungle")
    assert syn.expand("jungle") == ("dnb",)


def test_cjk_entries() -> None:
    syn = Synonyms.from_lines(["藤井, fujii", "周杰伦, Jay Chou"])
    assert syn.expand("藤井") == ("fujii",)  # two characters: one bigram token
    assert syn.phrases()["周杰伦"] == ("jay chou",)  # three characters: two bigrams


def test_load_a_file(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.txt"
    path.write_text("\ufeff2pac, tupac\n", encoding="utf-8")  # with a BOM
    assert Synonyms.load(path).expand("2pac") == ("tupac",)
    assert Synonyms.load(str(path)).expand("tupac") == ("2pac",)


def test_the_shipped_default_file_loads() -> None:
    syn = Synonyms.load(str(files("segue.analyzers") / "synonyms.txt"))
    assert syn.expand("2pac") == ("tupac",)
    assert "rnb" in syn.phrases()
