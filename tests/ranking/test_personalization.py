"""User contexts and the profiles kept from events: folded names, recency, bounds."""

from __future__ import annotations

import pytest

from segue.ranking import Profiles, UserContext

DAY = 86_400.0


def test_names_match_folded_and_artists_count_more_than_genres():
    user = UserContext.of(artists=["Beyoncé", "Sigur Rós"], genres=["K-Pop"])
    assert user.affinity(["beyonce"], []) == (1.0, ("beyonce",), ())
    assert user.affinity(["SIGUR ROS", "Jónsi"], ["ambient"])[0] == 1.0
    assert user.affinity(["BTS"], ["k-pop"]) == (0.5, (), ("k pop",))
    assert user.affinity(["Shakira"], ["latin pop"])[0] == 0.0
    assert not UserContext.of([], []) and UserContext.of(["Кино"])
    assert UserContext.of(["Кино"]).affinity(["kino"], [])[0] == 1.0


def test_merging_keeps_the_stronger_weight():
    sent = UserContext.of(artists=["Karol G"])
    kept = UserContext({"karol g": 0.4, "shakira": 0.7}, {"reggaeton": 1.0})
    both = sent.merged(kept)
    assert dict(both.artists) == {"karol g": 1.0, "shakira": 0.7}
    assert dict(both.genres) == {"reggaeton": 1.0}
    assert sent.merged(None) is sent and UserContext().merged(kept) is kept


def test_recent_plays_outweigh_older_ones():
    profiles = Profiles(half_life_s=14 * DAY)
    now = 1_000 * DAY
    for _ in range(3):  # three plays a month ago ...
        profiles.record("ana", "play", ["Queen"], ["rock"], at=now - 30 * DAY)
    profiles.record("ana", "play", ["Rosalía"], ["flamenco"], at=now)  # ... one today
    user = profiles.context("ana", now=now)
    assert user.artists["rosalia"] == 1.0
    assert user.artists["queen"] == pytest.approx(3 * 0.5 ** (30 / 14), rel=1e-6)
    # Events may arrive out of order: the same sum either way.
    other = Profiles(half_life_s=14 * DAY)
    other.record("ana", "play", ["Rosalía"], ["flamenco"], at=now)
    for _ in range(3):
        other.record("ana", "play", ["Queen"], ["rock"], at=now - 30 * DAY)
    assert other.context("ana", now=now) == user
    assert profiles.context("nobody") is None


def test_a_like_counts_more_than_a_play_and_a_click_less():
    profiles = Profiles()
    profiles.record("u", "like", ["A"], [], at=0.0)
    profiles.record("u", "play", ["B"], [], at=0.0)
    profiles.record("u", "click", ["C"], [], at=0.0)
    assert dict(profiles.context("u", now=0.0).artists) == {"a": 1.0, "b": 0.5, "c": 0.25}


def test_profiles_stay_bounded():
    profiles = Profiles(max_users=3, per_user=2, half_life_s=14 * DAY)
    for n in range(5):
        profiles.record(f"user-{n}", "play", ["A"], [], at=float(n))
    assert len(profiles) == 3 and profiles.context("user-0") is None
    # Two plays of Old long ago weigh less today than one play of Weak: Old goes.
    profiles.record("user-4", "play", ["Old"], [], at=-60 * DAY)
    profiles.record("user-4", "play", ["Old"], [], at=-60 * DAY)
    profiles.record("user-4", "like", ["Strong"], [], at=10.0)
    profiles.record("user-4", "play", ["Weak"], [], at=10.0)
    assert set(profiles.context("user-4", now=10.0).artists) == {"strong", "weak"}
    assert profiles.forget("user-4") and not profiles.forget("user-4")


def test_a_skip_takes_back_a_play_and_a_run_of_skips_is_a_bounded_dislike():
    from segue.ranking.personalization import SKIP_SHARE

    profiles = Profiles(half_life_s=14 * DAY)
    now = 1_000 * DAY
    # Played Кино twice, skipped once: still liked (one sum per artist).
    for kind in ("play", "play", "skip"):
        profiles.record("ana", kind, ["Кино"], ["russian rock"], at=now)
    ana = profiles.context("ana", now=now)
    assert dict(ana.artists) == {"kino": 1.0} and not ana.skipped_artists
    # Skipped every Кино track in a row: an aversion on an absolute scale, below 1
    # however many skips, so one hit goes down by at most SKIP_SHARE.
    for n in range(3):
        profiles.record("bo", "skip", ["Кино"], ["russian rock"], at=now - n)
    bo = profiles.context("bo", now=now)
    assert not bo.artists
    assert bo.skipped_artists["kino"] == pytest.approx(1 - 0.5 ** 1.5, rel=1e-3)
    assert bo.skipped_genres["russian rock"] == bo.skipped_artists["kino"]
    value, liked, _ = bo.affinity(["KINO"], ["Russian Rock"])
    assert -SKIP_SHARE < value < -0.3 and liked == ()
    assert bo.skipped(["KINO", "Би-2"], ["russian rock"]) == (("kino",), ("russian rock",))
    assert bo.affinity(["Би-2"], ["alternative rock"])[0] == 0.0
    for _ in range(50):
        profiles.record("cy", "skip", ["Кино"], [], at=now)
    assert -SKIP_SHARE <= profiles.context("cy", now=now).affinity(["Кино"], [])[0] < -0.49
    # The same decay as plays: a run of skips two months ago has mostly faded.
    for _ in range(3):
        profiles.record("dee", "skip", ["Кино"], [], at=now - 60 * DAY)
    assert profiles.context("dee", now=now).skipped_artists["kino"] < 0.15


def test_a_strong_dislike_is_kept_over_a_faint_liking():
    profiles = Profiles(per_user=2)
    for _ in range(4):
        profiles.record("u", "skip", ["Кино"], [], at=0.0)
    profiles.record("u", "like", ["Björk"], [], at=0.0)
    profiles.record("u", "click", ["Sigur Rós"], [], at=0.0)
    user = profiles.context("u", now=0.0)
    assert set(user.artists) == {"bjork"} and set(user.skipped_artists) == {"kino"}
