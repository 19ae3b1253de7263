"""A/B assignment: stable per user, following the shares, explicit choice first."""

from __future__ import annotations

import logging

import pytest

from segue.query import SearchRequest, UnknownVariant
from segue.ranking import TrafficError, assign, parse_traffic

TRAFFIC = {"default": 0.8, "popular": 0.2}


def test_the_same_user_always_gets_the_same_variant():
    first = [assign(requested=None, user_id=f"user-{i}", traffic=TRAFFIC,
                    default="default").variant for i in range(500)]
    again = [assign(requested=None, user_id=f"user-{i}", traffic=TRAFFIC,
                    default="default").variant for i in range(500)]
    assert first == again


def test_shares_are_followed_and_the_salt_reshuffles():
    names = [assign(requested=None, user_id=f"u{i}", traffic=TRAFFIC, default="default")
             for i in range(20_000)]
    share = sum(a.variant == "popular" for a in names) / len(names)
    assert share == pytest.approx(0.2, abs=0.015)
    assert all(a.reason == "bucketed" for a in names)
    salted = [assign(requested=None, user_id=f"u{i}", traffic=TRAFFIC, default="default",
                     salt="exp-2").variant for i in range(20_000)]
    moved = sum(a.variant != b for a, b in zip(names, salted, strict=True))
    assert moved > 3_000  # a new experiment reshuffles users


def test_a_requested_variant_wins_and_no_user_means_default():
    assert assign(requested="popular", user_id="u1", traffic={"default": 1.0},
                  default="default").reason == "requested"
    plain = assign(requested=None, user_id=None, traffic=TRAFFIC, default="default")
    assert (plain.variant, plain.reason) == ("default", "default")


@pytest.mark.parametrize("spec", ["default:0.5", "default", "default:x", ":1", "a:-1,b:2"])
def test_bad_traffic_specs_are_refused(spec):
    with pytest.raises(TrafficError):
        parse_traffic(spec)


def test_search_reports_and_logs_the_assignment(make_engine, caplog):
    engine = make_engine([{"id": "a", "type": "artist", "name": "Aurora", "popularity": 5}],
                         traffic={"default": 0.5, "popular": 0.5})
    with caplog.at_level(logging.INFO, logger="segue.assignment"):
        answers = [engine.search(SearchRequest(q="aurora", user_id=f"listener-{i}"))
                   for i in range(40)]
    assert {a.assignment["variant"] for a in answers} == {"default", "popular"}
    assert all(a.assignment["reason"] == "bucketed" for a in answers)
    assert all(a.variant == a.assignment["variant"] for a in answers)
    assert "bucketed" in caplog.text and "listener-" not in caplog.text  # ids never logged
    asked = engine.search(SearchRequest(q="aurora", variant="popular", user_id="listener-1"))
    assert asked.assignment == {"variant": "popular", "version": 4, "reason": "requested"}


def test_traffic_naming_an_unknown_variant_is_refused_at_start(make_engine):
    with pytest.raises(UnknownVariant, match="nope"):
        make_engine([], traffic={"default": 0.5, "nope": 0.5})
