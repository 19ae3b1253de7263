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
decay with a half-life). It is not durable on purpose: a restart loses a soft signal
that the next plays rebuild, while making every play an fsync'd write would put
listening history on the path that guards the catalog.
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

    @classmethod
    def of(cls, artists: Iterable[str] = (), genres: Iterable[str] = ()) -> UserContext:
        """Names as a client sends them, each with full weight."""
        return cls({key(a): 1.0 for a in artists if key(a)},
                   {key(g): 1.0 for g in genres if key(g)})

    def __bool__(self) -> bool:
        return bool(self.artists or self.genres)

    def merged(self, other: UserContext | None) -> UserContext:
        """Both contexts; where both name an artist or genre, the stronger weight."""
        if not other:
            return self
        if not self:
            return other
        return UserContext(_max_merge(self.artists, other.artists),
                           _max_merge(self.genres, other.genres))

    def affinity(self, artists: Iterable[str], genres: Iterable[str],
                 ) -> tuple[float, tuple[str, ...], tuple[str, ...]]:
        """(value in [0, 1], the artists and the genres it came from).

        The strongest liked artist among the document's, else half the strongest
        liked genre: one favourite credited is enough, more do not add up.
        """
        liked_artists = [(self.artists[k], k) for k in map(key, artists) if k in self.artists]
        liked_genres = [(self.genres[k], k) for k in map(key, genres) if k in self.genres]
        a = max((w for w, _ in liked_artists), default=0.0)
        g = GENRE_SHARE * max((w for w, _ in liked_genres), default=0.0)
        return (max(a, g), tuple(k for _, k in liked_artists),
                tuple(k for _, k in liked_genres))

    def describe(self) -> dict[str, dict[str, float]]:
        return {"artists": {k: round(v, 4) for k, v in self.artists.items()},
                "genres": {k: round(v, 4) for k, v in self.genres.items()}}


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


EVENT_WEIGHTS = {"play": 1.0, "like": 2.0, "click": 0.5}


@dataclass(slots=True)
class _Profile:
    artists: dict[str, tuple[float, float]] = field(default_factory=dict)  # key -> (w, at)
    genres: dict[str, tuple[float, float]] = field(default_factory=dict)


class Profiles:
    """Users' recent affinities, in memory, bounded and decayed.

    Each event adds its weight (play 1, like 2, click 0.5) to the document's artists
    and genres; weights halve every `half_life_s` seconds. A user keeps at most
    `per_user` artists and as many genres (the weakest go); at most `max_users`
    users are kept (the least recently active go).
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
                    weakest = sorted(table, key=lambda k: self._decay(
                        table[k][0], latest - table[k][1]))
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
        scaled = []
        for table in tables:
            decayed = {k: self._decay(w, max(now - at, 0.0)) for k, (w, at) in table.items()}
            top = max(decayed.values(), default=0.0)
            scaled.append({k: v / top for k, v in decayed.items()} if top > 0 else {})
        return UserContext(*scaled)

    def forget(self, user_id: str) -> bool:
        with self._lock:
            return self._users.pop(user_id, None) is not None

    def _decay(self, weight: float, elapsed_s: float) -> float:
        return weight * math.pow(0.5, elapsed_s / self.half_life_s)
