"""The `segue` command: serve, ingest, search, generate."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tqdm import tqdm

from .config import Settings
from .engine import open_engine

log = logging.getLogger("segue")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        data_dir=Path(args.data), engine=getattr(args, "engine", None),
        host=getattr(args, "host", None), port=getattr(args, "port", None),
    )


def _load(engine: Any, *, demo_if_empty: bool, show_progress: bool) -> None:
    seed = None
    if demo_if_empty:
        from segue.catalog import load_demo

        seed = load_demo
    with tqdm(desc="loading index", unit="doc", disable=not show_progress,
              file=sys.stderr) as bar:
        count = engine.load(bar.update, seed_if_empty=seed)
    log.info("ready: %d documents", count)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from segue.api import create_app

    settings = _settings(args)
    if settings.open_access:
        if not _is_loopback(settings.host):
            print(f"refusing to bind {settings.host}: no API key is configured. Set "
                  "SEGUE_ADMIN_KEY (and SEGUE_SEARCH_KEYS) or bind 127.0.0.1.",
                  file=sys.stderr)
            return 2
        print("segue: no API key configured; the API is open to anyone on this machine "
              "(loopback only)", file=sys.stderr)
    engine = open_engine(settings)
    loader = threading.Thread(
        target=_load, args=(engine,),
        kwargs={"demo_if_empty": args.load_demo_if_empty, "show_progress": True},
        name="segue-load", daemon=True,
    )
    loader.start()
    print(f"segue: serving on http://{settings.host}:{settings.port}/ "
          f"({settings.engine} engine, data in {settings.data_dir})", file=sys.stderr)
    # The engine closes (and saves its index) in the app's shutdown: uvicorn re-raises
    # SIGTERM after a graceful stop, so code after run() would never see it.
    app = create_app(engine, settings, on_shutdown=engine.close)
    # uvicorn stops gracefully on SIGTERM and then re-raises it to the handler it found:
    # this one, so a finished graceful stop exits 0, as a service manager expects.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level,
                access_log=False)
    return 0


def _read_documents(path: Path, errors: list[dict[str, Any]]) -> Iterator[Any]:
    with path.open("rb") as f:
        for n, line in enumerate(f, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                yield orjson.loads(line)
            except orjson.JSONDecodeError as e:
                errors.append({"line": n, "error": f"malformed JSON: {e.msg}"})


def cmd_ingest(args: argparse.Namespace) -> int:
    settings = _settings(args)
    engine = open_engine(settings)
    engine.load()
    path = Path(args.file)
    errors: list[dict[str, Any]] = []
    ok = 0
    with tqdm(desc=f"ingesting {path.name}", unit="doc", file=sys.stderr) as bar:
        for result in engine.index_documents(_read_documents(path, errors)):
            if result.ok:
                ok += 1
            else:
                errors.append({"id": result.doc_id, "status": result.status,
                               "error": result.error_type, "reason": result.reason})
            bar.update(1)
    engine.lexical.compact()
    report = Path(args.errors or f"{path}.errors.jsonl")
    if errors:
        report.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in errors))
        print(f"{ok} documents indexed, {len(errors)} rejected (see {report})", file=sys.stderr)
    else:
        print(f"{ok} documents indexed, none rejected", file=sys.stderr)
    engine.close()
    return 1 if errors and not ok else 0


def cmd_search(args: argparse.Namespace) -> int:
    from segue.query import SearchRequest

    engine = open_engine(_settings(args))
    engine.load()
    types = frozenset(args.type.split(",")) if args.type else None
    answer = engine.search(SearchRequest(q=args.query, limit=args.limit, types=types,
                                         explain=args.explain))
    if args.json:
        body = {"query": answer.query, "took_ms": answer.took_ms, "total": answer.total,
                "top": answer.top, "hits": answer.hits}
        print(orjson.dumps(body, option=orjson.OPT_INDENT_2).decode())
        return 0
    print(f"{answer.total} matches in {answer.took_ms:.2f} ms")
    if answer.top:
        print(f"top: [{answer.top['type']}] {answer.top['name']}  ({answer.top['id']})")
    for i, hit in enumerate(answer.hits, start=1):
        by = ", ".join(hit.get("artists") or [])
        print(f"{i:>2}. {hit['score']:8.2f}  [{hit['type']:<8}] {hit['name']}"
              + (f" — {by}" if by else ""))
    engine.close()
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from segue.catalog import generate

    out = open(args.out, "wb") if args.out else sys.stdout.buffer  # noqa: SIM115
    with tqdm(total=args.size, desc="generating", unit="doc", file=sys.stderr,
              disable=not args.out) as bar:
        for doc in generate(args.size, seed=args.seed):
            out.write(orjson.dumps(doc) + b"\n")
            bar.update(1)
    if args.out:
        out.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="segue", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the API and the demo page")
    serve.add_argument("--data", default="data", help="data directory")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--engine", default="embedded", choices=["embedded"])
    serve.add_argument("--load-demo-if-empty", action="store_true",
                       help="load the bundled demo catalog into an empty data directory")
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(func=cmd_serve)

    ingest = sub.add_parser("ingest", help="index a JSONL/NDJSON file of documents")
    ingest.add_argument("file")
    ingest.add_argument("--data", default="data")
    ingest.add_argument("--errors", help="where to write the per-item error report")
    ingest.set_defaults(func=cmd_ingest)

    search = sub.add_parser("search", help="a quick search from the shell")
    search.add_argument("query")
    search.add_argument("--data", default="data")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--type")
    search.add_argument("--explain", action="store_true")
    search.add_argument("--json", action="store_true")
    search.set_defaults(func=cmd_search)

    gen = sub.add_parser("generate", help="write a synthetic catalog as NDJSON")
    gen.add_argument("--size", type=int, default=10_000)
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--out", help="file to write (default: standard output)")
    gen.set_defaults(func=cmd_generate)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
