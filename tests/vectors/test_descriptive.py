"""The descriptive judgments (tests/relevance/descriptive.jsonl) on the demo catalog:
hybrid search, the default for descriptions, must find what lexical search alone
misses, measured with ranx on graded judgments."""

from __future__ import annotations

from pathlib import Path

import pytest

from segue.evaluation import Judged, load_judgments, run_queries, score

JUDGMENTS = Path(__file__).resolve().parents[1] / "relevance" / "descriptive.jsonl"
METRICS = ("ndcg@10", "mrr@10", "hit_rate@10-l2")


@pytest.fixture(scope="module")
def by_mode(demo_client) -> dict[str, dict[str, float]]:
    judged: list[Judged] = load_judgments(JUDGMENTS)

    def searcher(mode: str):
        def search(q: str) -> list[str]:
            r = demo_client.get("/v1/search", params={"q": q, "limit": 10, "mode": mode})
            assert r.status_code == 200, r.text
            return [h["id"] for h in r.json()["hits"]]
        return search

    results = {mode: score(judged, run_queries(searcher(mode), judged, progress=False),
                           METRICS)["all"] for mode in ("lexical", "auto")}
    print("\n", results)
    return results


def test_descriptions_are_found_by_meaning_not_only_by_words(by_mode) -> None:
    # Measured: NDCG@10 0.411 against 0.350, MRR@10 0.642 against 0.549.
    assert by_mode["auto"]["ndcg@10"] >= by_mode["lexical"]["ndcg@10"] + 0.04
    assert by_mode["auto"]["mrr@10"] > by_mode["lexical"]["mrr@10"] + 0.05


def test_the_playlist_made_for_the_intent_is_usually_on_the_first_page(by_mode) -> None:
    # Measured 0.69: the English MiniLM misses the intents only playlists in other
    # languages serve ("Musik zum Entspannen", "Sextou!", "Музыка для сна").
    assert by_mode["auto"]["hit_rate@10-l2"] >= 0.6
