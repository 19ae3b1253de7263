"""Personalization: what a user likes, as one more explainable ranking feature.

A `UserContext` holds artist and genre affinities in [0, 1], keyed by their folded
form ("Beyoncé" and "beyonce" are one artist). It comes with the request (the
artists and genres a client saw the user play lately) and/or from `Profiles`, kept
from `POST /v1/events`. `personalize` reads it against the candidate's artists
and genres (`credited_artists`, `credited_genres` of its document) and adds the
variant's `affinity` weight of it, so that it only re-orders ties and near-ties:
it never lifts a hit above a whole-name match ranked above it.

    user = UserContext.of(artists=["Shakira", "Karol G"], genres=["reggaeton"])
    user.affinity(("Karol G", "Shakira"), ("latin pop",))   # (1.0, ("karol g", ...), ())

`Profiles` keeps each user's affinities in memory, bounded (the most recently seen
users, the strongest artists and genres each) and recent-weighted (exponential
decay with a half-life). A skip is the one negative event: see `Profiles` for how it
weighs and `UserContext.affinity` for how far it can lower a hit. It is not durable
on purpose: a restart loses a soft signal that the next plays rebuild, while making
every play an fsync'd write would put listening history on the path that guards the
catalog.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from segue.analyzers import fold

# A genre says less about what a user meant than an artist does.
GENRE_SHARE = 0.5
# How far skips can lower a hit, as a share of the affinity weight a liked artist
# adds: half. A skip says less than a play (a liked song is skipped for the mood, for
# having just heard it), and wrongly burying what a user wants costs more than
# wrongly lifting it; so skips alone move a hit down at most half as far as plays
# can move it up, past near-ties only, and never out of the results.
SKIP_SHARE = 0.5
# Net skips (skips less plays, both decayed) that make half the full aversion: one
# skip is a hint, a run of them a dislike; the aversion tends to 1 and never past it.
SKIPS_TO_HALF = 2.0
# The variant weight of a user's affinity: not a feature of the candidate alone, it is
# added by `personalize` after ranking, where the user context is known.
AFFINITY = "affinity"


@lru_cache(maxsize=65_536)
def key(name: str) -> str:
    """The folded form an artist or genre is matched by: case, accents, script.
    Cached: the same few thousand artist names come back search after search."""
    return fold(name) or name.casefold().strip()


@dataclass(frozen=True, slots=True)
class UserContext:
    artists: Mapping[str, float] = field(default_factory=dict)  # folded name -> (0, 1]
    genres: Mapping[str, float] = field(default_factory=dict)
    # Aversions from skips, folded name -> (0, 1) (`Profiles.context`).
    skipped_artists: Mapping[str, float] = field(default_factory=dict)
    skipped_genres: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, artists: Iterable[str] = (), genres: Iterable[str] = ()) -> UserContext:
        """Names as a client sends them, each with full weight."""
        return cls({key(a): 1.0 for a in artists if key(a)},
                   {key(g): 1.0 for g in genres if key(g)})

    def __bool__(self) -> bool:
        return bool(self.artists or self.genres or self.skipped_artists
                    or self.skipped_genres)

    def merged(self, other: UserContext | None) -> UserContext:
        """Both contexts; where both name an artist or genre, the stronger weight."""
        if not other:
            return self
        if not self:
            return other
        return UserContext(_max_merge(self.artists, other.artists),
                           _max_merge(self.genres, other.genres),
                           _max_merge(self.skipped_artists, other.skipped_artists),
                           _max_merge(self.skipped_genres, other.skipped_genres))

    def affinity(self, artists: Iterable[str], genres: Iterable[str],
                 ) -> tuple[float, tuple[str, ...], tuple[str, ...]]:
        """(value in [-SKIP_SHARE, 1], the liked artists and genres it came from).

        The strongest liked artist among the document's, else half the strongest
        liked genre: one favourite credited is enough, more do not add up. Less
        `SKIP_SHARE` of the aversion, read the same way from the skipped artists and
        genres: skips alone lower a hit by at most half the weight a liked artist
        adds (`skipped` names them).
        """
        artists, genres = tuple(map(key, artists)), tuple(map(key, genres))
        liked_artists = [(self.artists[k], k) for k in artists if k in self.artists]
        liked_genres = [(self.genres[k], k) for k in genres if k in self.genres]
        a = max((w for w, _ in liked_artists), default=0.0)
        g = GENRE_SHARE * max((w for w, _ in liked_genres), default=0.0)
        value = max(a, g)
        if self.skipped_artists or self.skipped_genres:
            value -= SKIP_SHARE * max(
                max((self.skipped_artists.get(k, 0.0) for k in artists), default=0.0),
                GENRE_SHARE * max((self.skipped_genres.get(k, 0.0) for k in genres),
                                  default=0.0))
        return (value, tuple(k for _, k in liked_artists),
                tuple(k for _, k in liked_genres))

    def skipped(self, artists: Iterable[str], genres: Iterable[str]
                ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The document's artists and genres the user skips (for an explanation)."""
        return (tuple(k for k in map(key, artists) if k in self.skipped_artists),
                tuple(k for k in map(key, genres) if k in self.skipped_genres))

    def describe(self) -> dict[str, dict[str, float]]:
        return {"artists": {k: round(v, 4) for k, v in self.artists.items()},
                "genres": {k: round(v, 4) for k, v in self.genres.items()},
                "skipped_artists": {k: round(v, 4) for k, v in self.skipped_artists.items()},
                "skipped_genres": {k: round(v, 4) for k, v in self.skipped_genres.items()}}


def credited_artists(doc: Mapping[str, Any]) -> tuple[str, ...]:
    """The artists a document is credited to; an artist document is its own."""
    artists = doc.get("artists") or []
    if doc.get("type") == "artist":
        artists = [doc.get("name", ""), *artists]
    return tuple(a for a in artists if isinstance(a, str))


def credited_genres(doc: Mapping[str, Any]) -> tuple[str, ...]:
    """The genres a document lists (strings only, as `credited_artists`)."""
    return tuple(g for g in doc.get("genres") or [] if isinstance(g, str))


def _max_merge(a: Mapping[str, float], b: Mapping[str, float]) -> dict[str, float]:
    out = dict(a)
    for k, v in b.items():
        out[k] = max(v, out.get(k, 0.0))
    return out


EVENT_WEIGHTS = {"play": 1.0, "like": 2.0, "click": 0.5, "skip": -1.0}


@dataclass(slots=True)
class _Profile:
    artists: dict[str, tuple[float, float]] = field(default_factory=dict)  # key -> (w, at)
    genres: dict[str, tuple[float, float]] = field(default_factory=dict)


class Profiles:
    """Users' recent affinities, in memory, bounded and decayed.

    Each event adds its weight (play 1, like 2, click 0.5, skip -1) to the
    document's artists and genres; weights halve every `half_life_s` seconds. A
    skip is a play taken back, under the same decay and caps: one sum per artist, so
    plays and skips of one artist offset each other, and an old run of skips fades as
    old plays do. A user keeps at most `per_user` artists and as many genres (the
    weakest signals go, liked or skipped); at most `max_users` users are kept (the
    least recently active go).

    `context` turns a positive sum into an affinity relative to the user's strongest
    (as before skips existed) and a negative one into an aversion on an absolute
    scale, 1 - 0.5 ** (net skips / SKIPS_TO_HALF): relative would make one lone skip
    a full dislike. It stays below 1, and `UserContext.affinity` weighs it by
    `SKIP_SHARE`.
    """

    def __init__(self, *, max_users: int = 100_000, per_user: int = 50,
                 half_life_s: float = 14 * 86_400.0) -> None:
        self.max_users = max_users
        self.per_user = per_user
        self.half_life_s = half_life_s
        self._users: OrderedDict[str, _Profile] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._users)

    def record(self, user_id: str, kind: str, artists: Iterable[str], genres: Iterable[str],
               at: float | None = None) -> None:
        weight = EVENT_WEIGHTS[kind]
        at = time.time() if at is None else at
        with self._lock:
            profile = self._users.pop(user_id, None) or _Profile()
            self._users[user_id] = profile
            for names, table in ((artists, profile.artists), (genres, profile.genres)):
                for k in {key(n) for n in names} - {""}:
                    old, then = table.get(k, (0.0, at))
                    # Decay the older sum to the later of the two instants, then add.
                    now = max(at, then)
                    table[k] = (self._decay(old, now - then)
                                + self._decay(weight, now - at), now)
                if len(table) > self.per_user:
                    latest = max(t for _, t in table.values())
                    weakest = sorted(table, key=lambda k: abs(self._decay(
                        table[k][0], latest - table[k][1])))
                    for k in weakest[:len(table) - self.per_user]:
                        del table[k]
            while len(self._users) > self.max_users:
                self._users.popitem(last=False)

    def context(self, user_id: str, now: float | None = None) -> UserContext | None:
        """The user's affinities now, each scaled so the strongest is 1."""
        now = time.time() if now is None else now
        with self._lock:
            profile = self._users.get(user_id)
            if profile is None:
                return None
            tables = (dict(profile.artists), dict(profile.genres))
        liked, skipped = [], []
        for table in tables:
            decayed = {k: self._decay(w, max(now - at, 0.0)) for k, (w, at) in table.items()}
            top = max(decayed.values(), default=0.0)
            liked.append({k: v / top for k, v in decayed.items() if v > 0})
            skipped.append({k: 1.0 - math.pow(0.5, -v / SKIPS_TO_HALF)
                            for k, v in decayed.items() if v < 0})
        return UserContext(liked[0], liked[1], skipped[0], skipped[1])

    def forget(self, user_id: str) -> bool:
        with self._lock:
            return self._users.pop(user_id, None) is not None

    def _decay(self, weight: float, elapsed_s: float) -> float:
        return weight * math.pow(0.5, elapsed_s / self.half_life_s)
