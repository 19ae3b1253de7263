"""A/B assignment: which variant a request is ranked by, and why.

A request may name a variant; otherwise a user id is bucketed by a stable hash into
the configured traffic shares (the same user gets the same variant on every server
and after every restart); otherwise the default applies. The salt lets an
experiment reshuffle users without changing their ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass


class TrafficError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Assignment:
    variant: str
    reason: str  # "requested" | "bucketed" | "default"


def parse_traffic(spec: str) -> dict[str, float]:
    """"default:0.9,popular:0.1" -> shares; they must be positive and sum to 1."""
    shares: dict[str, float] = {}
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        name, sep, share = part.partition(":")
        try:
            value = float(share) if sep else float("nan")
        except ValueError:
            value = float("nan")
        if not name or not value > 0:
            raise TrafficError(f"traffic share {part!r}: write it as name:share, "
                               "share a positive number")
        shares[name.strip()] = value
    if shares and abs(sum(shares.values()) - 1.0) > 1e-6:
        raise TrafficError(f"traffic shares sum to {sum(shares.values()):g}, not 1")
    return shares


def bucket(user_id: str, salt: str = "") -> float:
    """A user's stable place in [0, 1)."""
    digest = hashlib.sha256(f"{salt}\x00{user_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign(
    *, requested: str | None, user_id: str | None, traffic: Mapping[str, float],
    default: str, salt: str = "",
) -> Assignment:
    if requested:
        return Assignment(requested, "requested")
    if user_id and traffic:
        point, edge = bucket(user_id, salt), 0.0
        for name, share in traffic.items():
            edge += share
            if point < edge:
                return Assignment(name, "bucketed")
        return Assignment(list(traffic)[-1], "bucketed")
    return Assignment(default, "default")
