"""`kill -9` of a consuming server loses nothing and commits nothing ahead of the store.

The seed is printed in every failure; `python -m tests.stream.crash` is the soak.
"""

from __future__ import annotations

import random
from pathlib import Path

from .crash import KafkaCrashRun

KILLS = 20


def test_sigkill_while_consuming_loses_nothing_and_brings_nothing_back(
        kafka: str, tmp_path: Path) -> None:
    seed = random.SystemRandom().randrange(10**9)
    report = KafkaCrashRun(tmp_path, seed, changes=4000, kills=KILLS, rate=70).run()
    assert report.kills == KILLS
    # Not vacuous: offsets were checked, and most kills came after the consumer had
    # committed more (it was consuming when killed).
    assert report.checks >= KILLS // 2 and report.advanced >= KILLS // 2, report.summary()
    assert all(report.kinds.get(op, 0) > 100 for op in ("index", "update", "delete"))
    # The store says where each partition stands: nothing read again after a kill is
    # applied twice, so no change is ever found stale and dead-lettered.
    assert report.dead_letters == 0, report.summary()
    print(f"seed {seed}: {report.summary()}")
