"""The crash test for as long as you like: `python -m tests.durability.soak --kills 500`.

Same harness as `test_crash.py` (real child server, SIGKILL during bulk ingest, restart,
full check); prints the seed first and a summary at the end, exits 1 on the first
lost or half-applied write with the seed that reproduces it.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from .crash import CrashFailure, CrashRun, fresh_workdir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.durability.soak",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, help="default: a random one, printed")
    parser.add_argument("--threads", type=int, default=2, help="concurrent bulk writers")
    parser.add_argument("--ids-per-thread", type=int, default=40)
    parser.add_argument("--max-kill-delay", type=float, default=0.4,
                        help="seconds of writing before a kill, at most (uniform)")
    parser.add_argument("--clean-stop-rate", type=float, default=0.1,
                        help="share of rounds ended by SIGTERM (a saved index), half of "
                        "them cut short by a kill")
    parser.add_argument("--workdir", help="data and server logs (default: a temp dir); "
                        "emptied first")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    workdir = fresh_workdir(Path(args.workdir or tempfile.mkdtemp(prefix="segue-soak-")))
    run = CrashRun(workdir, seed, args.kills, threads=args.threads,
                   ids_per_thread=args.ids_per_thread, max_kill_delay_s=args.max_kill_delay,
                   clean_stop_rate=args.clean_stop_rate,
                   log=lambda line: print(line, flush=True))
    try:
        run.run()
    except CrashFailure as e:
        print(f"FAILED: {e}", file=sys.stderr)
        return 1
    print(f"ok; data and server logs in {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
