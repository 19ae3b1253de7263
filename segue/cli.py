"""The `segue` command: serve, ingest, search, generate, eval, consume, publish.

Every mistake is answered in one line on standard error that says what and where:
exit 2 for a usage error, 1 for anything else (SEGUE_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import logging
import os
import re
import signal
import socket
import sys
import threading
import time
from collections import deque
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import orjson
from tqdm import tqdm

from segue.indexer import DataDirLocked, fewer_full_collections, read_csv
from segue.query import EngineUnavailable
from segue.schema import DOC_TYPES

from .config import Settings, bulk_write_process
from .engine import open_engine
from .engines import Engine, Reindexable

if TYPE_CHECKING:
    from segue.stream import StreamWorker

log = logging.getLogger("segue")
LOAD_RETRY_S = 2


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _settings(args: argparse.Namespace, *, writes: bool = False) -> Settings:
    """`writes`: the command writes in bulk (serve, ingest), so the write path gets a
    process of its own unless SEGUE_WRITE_PROCESS=0."""
    return Settings.from_env(
        data_dir=Path(args.data), engine=getattr(args, "engine", None),
        host=getattr(args, "host", None), port=getattr(args, "port", None),
        opensearch_url=getattr(args, "opensearch_url", None),
        keys_file=Path(args.keys) if getattr(args, "keys", None) else None,
        write_process=bulk_write_process() if writes else False,
        embedder=getattr(args, "embedder", None),
    )


def _port_in_use(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None: checked before anything
    is printed or created, so a busy port leaves no data directory behind."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        with socket.socket(family, kind, proto) as probe:
            # As uvicorn binds: a port left in TIME_WAIT by a stopped server is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as e:
        return f"cannot listen on {host}:{port}: {e.strerror or e}"
    return None


def _load(engine: Engine, *, demo_if_empty: bool, show_progress: bool) -> None:
    try:
        _load_until_ready(engine, demo_if_empty=demo_if_empty, show_progress=show_progress)
    except Exception as e:
        # The server cannot become ready: say why in one line and stop, rather than
        # answer "still loading" for ever. The store's commits are durable; the
        # kernel releases the data directory.
        if os.environ.get("SEGUE_DEBUG"):
            log.exception("loading failed")
        print(f"segue serve: {_describe(e)}", file=sys.stderr, flush=True)
        os._exit(1)


def _load_until_ready(engine: Engine, *, demo_if_empty: bool, show_progress: bool) -> None:
    seed = None
    if demo_if_empty:
        from segue.catalog import load_demo

        seed = load_demo
    while True:
        try:
            with tqdm(desc="loading index", unit="doc", disable=not show_progress,
                      file=sys.stderr) as bar:
                count = engine.load(bar.update, seed_if_empty=seed)
            break
        except EngineUnavailable as e:
            # A cluster that is down when the server starts: /v1/ready says so, and
            # the server becomes ready as soon as the cluster answers.
            log.warning("the search cluster is unreachable (%s); retrying in %d s",
                        e.reason, LOAD_RETRY_S)
            time.sleep(LOAD_RETRY_S)
    log.info("ready: %d documents", count)


def _start_when_ready(engine: Engine, stream: StreamWorker) -> None:
    """Consume once the index is loaded: a batch applied earlier would wait anyway."""
    while not engine.ready:
        time.sleep(0.1)
    stream.start()


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from segue.api import create_app

    settings = _settings(args, writes=True)
    fewer_full_collections()
    if settings.open_access and not _is_loopback(settings.host):
        print(f"segue serve: refusing to bind {settings.host}: no API key is configured. "
              "Give a key file (--keys) or set SEGUE_ADMIN_KEY, or bind 127.0.0.1.",
              file=sys.stderr)
        return 2
    busy = _port_in_use(settings.host, settings.port)
    if busy:
        print(f"segue serve: {busy}", file=sys.stderr)
        return 1
    engine = open_engine(settings)
    if settings.open_access:
        print("segue: no API key configured; the API is open to anyone on this machine "
              "(loopback only)", file=sys.stderr)
    else:  # by name and scope: a key itself is never printed
        print("segue: API keys: " + "; ".join(
            f"{k.name} ({', '.join(sorted(k.scopes))}"
            + "".join(f", {p}={v}" for p, v in k.bound.items()) + ")"
            for k in settings.api_keys), file=sys.stderr)
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
    stream: StreamWorker | None = None

    def shutdown() -> None:
        if stream is not None:
            stream.stop()  # the batch in hand is applied and committed first
        engine.close()

    app = create_app(engine, settings, on_shutdown=shutdown)
    if args.kafka:
        from segue.stream import StreamWorker

        # The activity consumer feeds the app's profiles, so it is made with the app.
        stream = app.state.stream = StreamWorker(
            engine, args.kafka, profiles=app.state.profiles, max_lag=args.kafka_max_lag,
            **_stream_options(args))
        stream.observe(app.state.metrics.count_batch)
        threading.Thread(target=_start_when_ready, args=(engine, stream), daemon=True,
                         name="segue-stream-start").start()
    # uvicorn stops gracefully on SIGTERM and then re-raises it to the handler it found:
    # this one, so a finished graceful stop exits 0, as a service manager expects.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level,
                access_log=False)
    return 0


_LINE = re.compile(r"^line (\d+): ")


def cmd_consume(args: argparse.Namespace) -> int:
    """Apply the catalog topic to a data directory no server holds, until interrupted."""
    from segue.stream import StreamWorker

    engine = open_engine(_settings(args, writes=True))
    try:
        _load_until_ready(engine, demo_if_empty=False, show_progress=sys.stderr.isatty())
        worker = StreamWorker(engine, args.kafka, **_stream_options(args))
        worker.start()
        print(f"segue consume: applying {worker.consumers[0].topic} from {args.kafka} to "
              f"{args.data}; Ctrl-C to stop", file=sys.stderr)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.wait(1.0):
                pass
        except KeyboardInterrupt:
            pass
        worker.stop()
        applied = sum(s.applied for s in worker.stats)
        dead = sum(s.dead_lettered for s in worker.stats)
        print(f"segue consume: {applied} applied, {dead} dead-lettered", file=sys.stderr)
    finally:
        engine.close()
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from segue.stream import publish

    path = Path(args.file)
    with tqdm(desc=f"publishing to {args.topic}", unit="change",
              disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
        sent = publish(path, args.topic, args.kafka, bar.update)
    print(f"segue publish: {sent} changes on {args.topic} at {args.kafka}", file=sys.stderr)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Index a JSONL/NDJSON or CSV file through the same write path as the HTTP bulk;
    every rejected item goes to the error report with the line it came from."""
    path = Path(args.file)
    errors: list[dict[str, Any]] = []
    lines: deque[int] = deque()
    is_csv = path.suffix.lower() == ".csv"
    try:
        if is_csv:
            docs = read_csv(path, errors, lines)
        else:
            path.open("rb").close()  # a missing file is one clear line, before start-up
    except OSError as e:
        print(f"segue ingest: {_describe(e)}", file=sys.stderr)
        return 2
    except ValueError as e:
        print(f"segue ingest: {path}: {_describe(e)}", file=sys.stderr)
        return 2
    settings = _settings(args, writes=True)
    fewer_full_collections()
    engine = open_engine(settings)
    engine.load()
    ok = done = 0
    with contextlib.ExitStack() as stack:
        if is_csv:
            results = engine.index_documents(docs)
        else:  # the raw file: the write process parses it, in blocks
            results = engine.ingest(stack.enter_context(path.open("rb")))
        bar = stack.enter_context(tqdm(desc=f"ingesting {path.name}", unit="doc",
                                       file=sys.stderr))
        for result in results:
            # CSV rows are counted by the engine: say the file's line. A JSONL line
            # number is the file's already, at the start of every error reason.
            line = lines.popleft() if is_csv else None
            if result.ok:
                ok += 1
            else:
                reason = result.reason or ""
                if line is None:
                    line = int(_LINE.match(reason)[1])  # type: ignore[index]
                reason = _LINE.sub("", reason)
                errors.append({"line": line, "id": result.doc_id, "status": result.status,
                               "error": result.error_type, "reason": f"line {line}: {reason}"})
            done += 1
            if done % 1000 == 0:
                bar.update(1000)
        bar.update(done % 1000)
    engine.compact()
    if args.wait_vectors:
        _wait_for_vectors(engine)
    errors.sort(key=lambda e: e.get("line", 0))
    report = Path(args.errors or f"{path}.errors.jsonl")
    if errors:
        report.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in errors))
        print(f"{ok} documents indexed, {len(errors)} rejected (see {report})", file=sys.stderr)
    else:
        print(f"{ok} documents indexed, none rejected", file=sys.stderr)
    engine.close()
    return 1 if errors else 0  # 0 only when every line applied


def _wait_for_vectors(engine: Engine) -> None:
    """Block, with a progress bar, until every text is embedded (the embedder's cache
    makes this quick for texts seen before)."""
    backlog = engine.embedding_backlog()
    if backlog is None:
        return
    with tqdm(desc="embedding texts", unit="doc", total=backlog, file=sys.stderr) as bar:
        while not engine.wait_for_vectors(0.5):
            backlog = engine.embedding_backlog() or 0
            bar.total = max(bar.total, bar.n + backlog)
            bar.update(max(bar.total - backlog - bar.n, 0))
        bar.update(bar.total - bar.n)


def cmd_search(args: argparse.Namespace) -> int:
    from segue.query import SearchRequest

    settings = _settings(args)
    if settings.engine == "embedded" and not settings.data_dir.is_dir():
        print(f"segue search: --data {settings.data_dir}: no such data directory",
              file=sys.stderr)
        return 1
    # The text model is loaded only if the query needs meaning (a one-word or a name
    # query never does): then every text is embedded first and the query asked again.
    engine = open_engine(replace(settings, embed_in_background=False))
    engine.load()
    request = SearchRequest(q=args.query, limit=args.limit, types=args.type,
                            explain=args.explain, mode=args.mode)
    answer = engine.search(request)
    if answer.mode != "lexical" and engine.embedding_backlog() is not None:
        _wait_for_vectors(engine)
        answer = engine.search(request)
    if args.json:
        body = {"query": answer.query, "took_ms": answer.took_ms, "total": answer.total,
                "top": answer.top, "hits": answer.hits, "mode": answer.mode}
        print(orjson.dumps(body, option=orjson.OPT_INDENT_2).decode())
        return 0
    print(f"{answer.total} matches in {answer.took_ms:.2f} ms ({answer.mode}: "
          f"{answer.mode_reason})")
    if answer.top:
        print(f"top: [{answer.top['type']}] {answer.top['name']}  ({answer.top['id']})")
    for i, hit in enumerate(answer.hits, start=1):
        by = ", ".join(hit.get("artists") or [])
        print(f"{i:>2}. {hit['score']:8.2f}  [{hit['type']:<8}] {hit['name']}"
              + (f" — {by}" if by else ""))
    engine.close()
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    """Blue/green on the cluster: a new index from the current mappings, alias swapped."""
    from segue.cluster import ClusterEngine

    settings = _settings(args)
    engine = ClusterEngine(settings, dialect=args.engine, alias=args.alias)
    engine.load()
    old, new = engine.reindex()
    print(f"alias '{args.alias}' now on {new} ({engine.count()} documents)"
          + (f"; {old} deleted" if old else ""))
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


def cmd_eval(args: argparse.Namespace) -> int:
    """Judged queries against one or more ranking variants on an engine; ranx metrics,
    paired tests against the baseline (overall and per category), TREC runs and a
    Markdown/HTML report."""
    import tempfile

    from segue.engine import load_variants
    from segue.evaluation import (
        DEFAULT_METRICS,
        compare_runs,
        load_judgments,
        load_trec_run,
        run_queries,
        save_trec_run,
        write_report,
    )
    from segue.query import SearchRequest
    from segue.ranking import UserContext

    def fail(message: str) -> int:
        print(f"segue eval: {message}", file=sys.stderr)
        return 2

    # Hundreds of searches: one assignment log line each would drown the progress bars.
    logging.getLogger("segue.assignment").setLevel(logging.WARNING)
    # Cluster clients log each failed request with its traceback; eval says it once.
    for client_log in ("opensearch", "elastic_transport"):
        logging.getLogger(client_log).setLevel(logging.CRITICAL)

    try:
        judged = load_judgments(Path(args.judgments),
                                Path(args.queries) if args.queries else None)
    except (OSError, ValueError, KeyError) as e:
        return fail(f"{args.judgments}: {e}")
    if not judged:
        return fail(f"{args.judgments}: no judged query with a relevant id")
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    metrics = [m.strip() for m in args.metrics.split(",") if m.strip()] \
        if args.metrics else list(DEFAULT_METRICS)
    if not variants or len(set(variants)) != len(variants):
        return fail(f"--variants must name distinct variants, got {args.variants!r}")
    ranx_metric = re.compile(r"(hits|hit_rate|precision|recall|f1|r-precision|mrr|map|ndcg"
                             r"|ndcg_burges)(@[1-9][0-9]*)?(-l[1-9][0-9]*)?")
    bad = [m for m in metrics if not ranx_metric.fullmatch(m)]
    if bad or not metrics:
        return fail(f"unknown metrics {bad}; ranx knows hits, hit_rate, precision, recall, "
                    "f1, r-precision, mrr, map, ndcg, ndcg_burges, each with an optional @k and "
                    "-lN (count grades >= N only)")
    if not 0 < args.alpha < 1:
        return fail(f"--alpha must be between 0 and 1, got {args.alpha}")
    with tempfile.TemporaryDirectory(prefix="segue-eval-") as tmp:
        data = Path(tmp) if args.catalog else Path(args.data)
        # A catalog evaluated on a cluster goes into an index of its own, dropped after.
        alias = f"segue-eval-{os.getpid()}-{time.time_ns() % 10**9}" \
            if args.catalog and args.engine != "embedded" else None
        settings = Settings.from_env(data_dir=data, engine=args.engine,
                                     opensearch_url=args.opensearch_url,
                                     opensearch_index=alias, write_process=False)
        try:
            known = load_variants(settings)
        except (OSError, ValueError) as e:
            return fail(str(e))
        unknown = [v for v in variants if v not in known]
        if unknown:
            return fail(f"unknown variants {unknown}; known: {', '.join(sorted(known))}")
        runs: dict[str, dict[str, dict[str, float]]] = {}
        notes = []
        if args.baseline:
            try:
                name, run = load_trec_run(Path(args.baseline))
            except (OSError, ValueError, IndexError) as e:
                return fail(f"--baseline {args.baseline}: {e}")
            name = f"baseline:{name}"
            runs[name] = run
            notes.append(f"Baseline run read from `{args.baseline}`.")
        try:
            engine = open_engine(settings)
            count = engine.load()
        except DataDirLocked as e:
            return fail(_describe(e))
        except EngineUnavailable as e:
            cause = type(e.__cause__).__name__ if e.__cause__ else "EngineUnavailable"
            return fail(f"--engine {args.engine}: the search cluster at "
                        f"{settings.opensearch_url} is unreachable ({e.reason}; {cause})")
        except Exception as e:  # any client's "cannot reach" is a usage error
            return fail(f"--engine {args.engine}: {type(e).__name__}: {e}")

        def release() -> None:
            if alias is not None and isinstance(engine, Reindexable):
                engine.drop()
            engine.close()

        if args.catalog:
            indexed = rejected = malformed = 0
            with tqdm(desc=f"indexing {Path(args.catalog).name}", unit="doc",
                      file=sys.stderr) as bar, Path(args.catalog).open("rb") as lines:
                for result in engine.ingest(lines):
                    indexed += result.ok
                    malformed += result.error_type == "parse_exception"
                    rejected += not result.ok and result.error_type != "parse_exception"
                    bar.update(1)
            engine.compact()
            if malformed or not indexed:
                release()
                return fail(f"{args.catalog}: {indexed} documents indexed, "
                            f"{malformed} malformed lines")
            if rejected:
                print(f"segue eval: {args.catalog}: {rejected} documents rejected "
                      "(`segue ingest` lists why)", file=sys.stderr)
            notes.append(f"Catalog: `{args.catalog}` ({indexed:,} documents"
                         + (f", {rejected:,} rejected" if rejected else "") + ").")
        else:
            if not count:
                release()
                return fail(f"{args.data}: no documents indexed (use --catalog FILE)")
            notes.append(f"Index: `{args.data}` ({count:,} documents).")
        notes.append(f"Engine: {engine.name}.")
        # Descriptive queries are answered with text vectors: all of them, so that a
        # run does not depend on how far the background embedder had come.
        _wait_for_vectors(engine)

        def searcher(variant: str):
            def search(q: str, user: UserContext | None = None) -> list[str]:
                answer = engine.search(SearchRequest(q=q, limit=args.depth, variant=variant,
                                                     user=user))
                return [hit["id"] for hit in answer.hits]
            return search

        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for variant in variants:
            runs[variant] = run_queries(searcher(variant), judged, label=variant)
            save_trec_run(runs[variant], out / f"{variant}.run", variant)
        release()
    try:
        results = compare_runs(judged, runs, metrics, stat_test=args.test, alpha=args.alpha)
    except (KeyError, ValueError) as e:
        return fail(f"ranx: {e}")
    results.notes.extend(notes)
    paths = write_report(results, out)
    for v in results.variants:
        row = "  ".join(f"{m} {results.overall[v][m]:.3f}" for m in metrics)
        print(f"{v:>20}  {row}")
    print(f"report: {paths['markdown']}, {paths['html']}; runs: "
          + ", ".join(str(out / f"{v}.run") for v in variants))
    print(results.verdict())
    return 1 if args.fail_on_regression and results.regressions() else 0


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in one line (exit 2) instead of the usage text."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


class _Help(argparse.ArgumentDefaultsHelpFormatter):
    """Shows each flag's default, except the ones that mean "not given"."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default in (None, False):
            return action.help
        return super()._get_help_string(action)


def _port(value: str) -> int:
    port = int(value) if value.isdigit() else -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"invalid port {value!r}: a number from 1 to 65535")
    return port


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"invalid value {value!r}: a whole number above 0")
    return number


def _types(value: str) -> frozenset[str]:
    types = frozenset(t.strip() for t in value.split(",") if t.strip())
    unknown = sorted(types - set(DOC_TYPES))
    if unknown or not types:
        raise argparse.ArgumentTypeError(f"unknown type {', '.join(unknown) or repr(value)}; "
                                         f"known: {', '.join(DOC_TYPES)}")
    return types


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("segue")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


ENGINES = ["embedded", "opensearch", "elasticsearch"]
CLUSTER_URL_HELP = ("cluster engines: node URLs, comma-separated (default "
                    "SEGUE_OPENSEARCH_URL or http://127.0.0.1:9200)")


def _kafka_topics(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kafka-catalog-topic", default="segue.catalog", metavar="TOPIC",
                        help="catalog changes (bad ones go to TOPIC.dead)")
    parser.add_argument("--kafka-activity-topic", default="segue.activity", metavar="TOPIC",
                        help="plays, likes, clicks, skips and forget events")
    parser.add_argument("--kafka-group", default="segue", metavar="GROUP",
                        help="the consumer group whose committed offsets say what is applied")


def _stream_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"catalog_topic": args.kafka_catalog_topic,
            "activity_topic": args.kafka_activity_topic, "group": args.kafka_group,
            "instance": f"{socket.gethostname()}:{Path(args.data).resolve()}"}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="segue", description=__doc__, formatter_class=_Help)
    parser.add_argument("--version", action="version", version=f"segue {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, help=help, description=help, formatter_class=_Help)
        if name in ("serve", "ingest", "search", "eval"):
            parser.add_argument("--embedder", choices=("onnx", "torch"), metavar="NAME",
                                help="what runs the text model: onnx (int8, ONNX Runtime) "
                                "or torch (default: SEGUE_EMBEDDER, else onnx)")
        return parser

    serve = command("serve", "serve the API and the demo page")
    serve.add_argument("--data", default="data", help="data directory (one server or "
                       "ingest at a time)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on; other "
                       "than loopback only with an API key (--keys or SEGUE_ADMIN_KEY)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on")
    serve.add_argument("--engine", default="embedded", choices=ENGINES,
                       help="where documents are indexed and searched")
    serve.add_argument("--opensearch-url", help=CLUSTER_URL_HELP)
    serve.add_argument("--load-demo-if-empty", action="store_true",
                       help="load the bundled demo catalog into an empty data directory")
    serve.add_argument("--keys", metavar="FILE", help="API keys and their scopes (admin, "
                       "write, events, search), a JSON or TOML file; default "
                       "SEGUE_KEYS_FILE; SEGUE_ADMIN_KEY and SEGUE_SEARCH_KEYS add to it")
    serve.add_argument("--log-level", default="info",
                       choices=["critical", "error", "warning", "info", "debug", "trace"],
                       help="uvicorn's log level")
    serve.add_argument("--kafka", metavar="HOST:PORT", help="also consume catalog changes "
                       "(segue.catalog) and listening activity (segue.activity) from this "
                       "Kafka broker")
    serve.add_argument("--kafka-max-lag", type=_positive, default=10_000,
                       help="/v1/ready says not ready while a consumer is more messages "
                       "behind than this")
    _kafka_topics(serve)
    serve.set_defaults(func=cmd_serve)

    consume = command("consume", "apply catalog changes from Kafka to a data directory no "
                      "server is using, until stopped")
    consume.add_argument("--kafka", metavar="HOST:PORT", required=True,
                         help="the Kafka broker")
    consume.add_argument("--data", default="data", help="data directory")
    _kafka_topics(consume)
    consume.set_defaults(func=cmd_consume)

    publish = command("publish", "send a _bulk NDJSON file (action line, then document "
                      "line) to a Kafka topic, one message per change keyed by its id")
    publish.add_argument("file", help="the changes, in _bulk NDJSON form")
    publish.add_argument("--topic", default="segue.catalog", help="the topic to send to")
    publish.add_argument("--kafka", metavar="HOST:PORT", required=True,
                         help="the Kafka broker")
    publish.set_defaults(func=cmd_publish)

    ingest = command("ingest", "index a JSONL/NDJSON or CSV (.csv) file of documents; "
                     "exit 0 when every line applied, 1 when some were rejected")
    ingest.add_argument("file", help="the documents: one JSON object a line, or CSV with "
                        "a header")
    ingest.add_argument("--data", default="data", help="data directory (not one a server "
                        "is using)")
    ingest.add_argument("--errors", help="where to write the per-item error report "
                        "(default: FILE.errors.jsonl)")
    ingest.add_argument("--wait-vectors", action="store_true",
                        help="also embed every text before exiting (otherwise the next "
                        "start embeds what is left, in the background)")
    ingest.set_defaults(func=cmd_ingest)

    search = command("search", "a quick search from the shell")
    search.add_argument("query", help="what a listener would type")
    search.add_argument("--data", default="data", help="data directory")
    search.add_argument("--limit", type=_positive, default=10, help="hits to show")
    search.add_argument("--type", type=_types, help="only these document types, "
                        f"comma-separated ({', '.join(DOC_TYPES)})")
    search.add_argument("--explain", action="store_true",
                        help="keep each ranking feature's contribution (with --json)")
    search.add_argument("--mode", default="auto", choices=("auto", "lexical", "semantic",
                                                           "hybrid"),
                        help="words, text vectors, both, or chosen by the query")
    search.add_argument("--json", action="store_true", help="print the API's answer as JSON")
    search.set_defaults(func=cmd_search)

    reindex = command("reindex", "cluster engines: rebuild the index from the current "
                      "mappings behind its alias, without downtime")
    reindex.add_argument("--engine", default="opensearch", choices=ENGINES[1:],
                         help="the cluster's kind")
    reindex.add_argument("--opensearch-url", help=CLUSTER_URL_HELP)
    reindex.add_argument("--alias", default="segue", help="the alias searches and writes "
                         "address")
    reindex.add_argument("--data", default="data", help=argparse.SUPPRESS)
    reindex.set_defaults(func=cmd_reindex)

    gen = command("generate", "write a synthetic catalog as NDJSON")
    gen.add_argument("--size", type=_positive, default=10_000, help="documents to write")
    gen.add_argument("--seed", type=int, default=0, help="the same seed writes the same "
                     "catalog")
    gen.add_argument("--out", help="file to write (default: standard output)")
    gen.set_defaults(func=cmd_generate)

    ev = command("eval", "evaluate ranking variants against judged queries")
    ev.add_argument("--judgments", required=True,
                    help="JSONL (qid, query, category, relevant {id: grade}) or TREC qrels "
                         "('qid 0 docid grade')")
    ev.add_argument("--queries", help="for TREC qrels: JSONL or TSV of qid, query[, category]")
    ev.add_argument("--variants", default="default", help="comma-separated; the first is "
                    "the baseline unless --baseline is given")
    where = ev.add_mutually_exclusive_group()
    where.add_argument("--data", default="data", help="an existing data directory")
    where.add_argument("--catalog", help="a JSONL/NDJSON catalog, indexed into a temporary "
                       "directory")
    ev.add_argument("--metrics", help="ranx metrics, comma-separated (default: "
                    "ndcg@10,mrr@10,recall@10,precision@10,map@10,hit_rate@1,hit_rate@1-l2; "
                    "-l2 counts only the documents graded 2, the one they meant)")
    ev.add_argument("--engine", default="embedded", choices=ENGINES,
                    help="the engine that answers (the same ranking runs on each)")
    ev.add_argument("--opensearch-url", help=CLUSTER_URL_HELP)
    ev.add_argument("--depth", type=_positive, default=10, help="results asked per query")
    ev.add_argument("--out", default="eval-report", help="directory for runs and reports")
    ev.add_argument("--baseline", help="a TREC run file to compare every variant against")
    ev.add_argument("--test", default="student", choices=["student", "fisher"],
                    help="paired test: Student's t or Fisher's randomization")
    ev.add_argument("--alpha", type=float, default=0.05,
                    help="significance level of the paired tests")
    ev.add_argument("--fail-on-regression", action="store_true",
                    help="exit 1 when a metric of a variant is significantly lower than the "
                         "baseline's")
    ev.set_defaults(func=cmd_eval)
    return parser


def _describe(error: BaseException) -> str:
    """A known failure in the user's words: what, and where."""
    if isinstance(error, DataDirLocked):
        message = f"{error}; stop it first (one process per data directory)"
    elif isinstance(error, OSError) and error.filename is not None:
        message = f"{error.filename}: {error.strerror or error}"
    elif isinstance(error, OSError):
        message = error.strerror or str(error)
    elif isinstance(error, EngineUnavailable):
        message = f"the search cluster is unreachable: {error.reason}"
    elif isinstance(error, ValueError):
        message = str(error)
    else:
        message = (f"unexpected {type(error).__name__}: {error} "
                   "(run with SEGUE_DEBUG=1 for the traceback)")
    return " ".join(message.split())  # one line, whatever the exception held


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print(f"segue {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        if os.environ.get("SEGUE_DEBUG"):
            raise
        print(f"segue {args.command}: {_describe(e)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
