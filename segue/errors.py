"""Failures of an engine that the API answers in its own words, whatever the engine.

Below every folder (it imports nothing of Segue's): the cluster's write path in
`indexer/`, its reads in `query/` and the API all raise or answer the same type.
"""

from __future__ import annotations

RETRY_AFTER_S = 5


class EngineUnavailable(Exception):
    """The engine cannot answer now (its cluster is unreachable or timed out) but the
    process is fine: the API says 503 with a retry delay, never 500."""

    def __init__(self, reason: str, retry_after_s: int = RETRY_AFTER_S) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after_s = retry_after_s
