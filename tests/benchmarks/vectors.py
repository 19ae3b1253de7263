"""Vector benchmarks, each beside its peer in the same run.

    python -m tests.benchmarks.vectors --docs 100000 --queries 300
    python -m tests.benchmarks.vectors --docs 100000 --ingest-only
    python -m tests.benchmarks.vectors --recipes

0. **Export recipes** (`--recipes`), side by side in one run: the hand-written graph
   as built or fused by onnxruntime's BERT optimizer, int8 everywhere or with
   layers kept in fp32, queries through the int8 or the fp32 graph; quality against
   the fp32 graph (cosine, recall@10 of vector search) and documents/s per batch
   size, by the wall clock and per CPU-second (the machine is shared: CPU time is
   what the other jobs disturb least).

1. **Embedding throughput** of the packaged MiniLM on this CPU, documents/s: the
   int8 ONNX backend (the default) beside the fp32 torch one, rounds interleaved;
   and the median time to embed one new query with each.
2. **FAISS build time and memory** (FAISS's serialized index plus Segue's float32
   copy of the vectors) for 100k vectors: exact flat and HNSW (the
   index Segue picks above 20k vectors), text (384-d) and audio (32-d) sizes,
   with HNSW recall@10 against exact search.
3. **Hybrid query latency** at `--docs` documents beside lexical-only on the same
   engine and queries: descriptive queries ("chill acoustic folk from the 90s")
   in mode lexical, hybrid and semantic, and name queries in mode auto beside
   lexical (what the mode decision costs a name). Times are Segue's `took_ms`,
   query embedding included (its cache is cleared before every pass).

Embedding 100k texts would take half an hour on this CPU, so for (3) only the
first `--embed` documents are embedded by the model; every other document gets
the vector of an embedded document of the same type and first genre plus a
little noise, written to the engine's embedding cache under its own text. The
engine then loads through its normal path (cache hits, no model calls), and the
vectors have the clustered shape real ones have.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np
from tqdm import tqdm

from segue.config import Settings
from segue.engine import open_engine
from segue.indexer import EmbeddingCache, TextEmbedder, VectorIndex, embedding_text
from segue.indexer.embedding import BATCH
from segue.query import SearchRequest

from .side_by_side import _percentiles
from .workload import catalog, queries

MOODS = ("chill", "upbeat", "sad", "energetic", "relaxing", "dark", "happy", "mellow")
SCENES = ("for studying", "for a road trip", "for a rainy day", "to dance to",
          "for the gym", "late at night", "from the 80s", "from the 90s", "acoustic")


def describe_queries(docs: list[dict], n: int, seed: int = 4) -> list[str]:
    rng = np.random.default_rng(seed)
    genres = sorted({g for d in docs for g in d.get("genres") or []})
    out: set[str] = set()
    while len(out) < n:
        out.add(f"{rng.choice(MOODS)} {rng.choice(genres)} {rng.choice(SCENES)}")
    return sorted(out)


def embed_throughput(texts: list[str], rounds: int = 3) -> dict[str, float]:
    """Documents/s of each backend on the same texts, rounds interleaved (the machine
    is shared: the median of alternating rounds compares like with like)."""
    models = {"onnx": TextEmbedder(backend="onnx").model,
              "torch": TextEmbedder(backend="torch").model}
    rates: dict[str, list[float]] = {name: [] for name in models}
    for model in models.values():
        model.encode(texts[:64], BATCH)  # warm-up
    for _ in range(rounds):
        for name, model in models.items():
            started = time.perf_counter()
            model.encode(texts, BATCH)
            rates[name].append(len(texts) / (time.perf_counter() - started))
    return {name: float(np.median(r)) for name, r in rates.items()}


def query_latency(queries: list[str]) -> dict[str, float]:
    """Median ms to embed one query (cache cleared: each is new), per backend."""
    out = {}
    for name in ("onnx", "torch"):
        embedder = TextEmbedder(backend=name)
        embedder.clear_query_cache()
        ms = []
        for q in queries:
            started = time.perf_counter()
            embedder.embed_query(q)
            ms.append((time.perf_counter() - started) * 1000)
        out[name] = float(np.median(ms))
    return out


FFN_OUT = tuple(f"encoder.layer.{i}.output.dense/MatMul" for i in range(6))
RECIPES: dict[str, dict] = {
    "as built, int8 (shipped)": {"fuse": False, "excluded": ()},
    "fused, int8": {"fuse": True, "excluded": ()},
    "fused, int8 + int8 attention": {"fuse": True, "excluded": (), "attention_int8": True},
    "as built, int8, FFN-out fp32": {"fuse": False, "excluded": FFN_OUT},
    "fused, int8, FFN-out fp32": {"fuse": True, "excluded": FFN_OUT},
}


def recipes(texts: list[str], rounds: int = 3) -> None:
    """(0): each export recipe's quality and speed, in the same run."""
    from segue.catalog import load_demo
    from segue.evaluation import load_judgments
    from segue.indexer.onnx_backend import OnnxModel
    from segue.indexer.onnx_export import FP32, INT8, export

    judged = load_judgments(Path(__file__).resolve().parents[1] / "relevance"
                            / "descriptive.jsonl")
    wanted = {d for j in judged for d in j.relevant}
    demo = list(load_demo())
    sample = [embedding_text(d) for i, d in enumerate(demo) if i % 20 == 0 or d["id"] in wanted]
    asked = [j.query for j in judged] + describe_queries(demo, 200)
    models: dict[str, OnnxModel] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, recipe) in enumerate(RECIPES.items()):
            export(Path(TextEmbedder(backend="onnx").model_path), Path(tmp) / str(i), **recipe)
            model = OnnxModel(Path(TextEmbedder(backend="onnx").model_path))
            model.session = model._session(Path(tmp) / str(i) / INT8)
            model._query_session = model._session(Path(tmp) / str(i) / FP32)
            models[name] = model
        reference = next(iter(models.values()))
        docs_ref = reference.encode(sample, 16, query=True)
        queries_ref = reference.encode(asked, 1, query=True)

        def top(docs: np.ndarray, queries: np.ndarray) -> np.ndarray:
            return np.argsort(-(queries @ docs.T), axis=1)[:, :10]

        truth = top(docs_ref, queries_ref)

        def recall(found: np.ndarray) -> float:
            return float(np.mean([len(set(a) & set(b)) / 10
                                  for a, b in zip(found, truth, strict=True)]))

        print(f"## Export recipes: quality against the fp32 graph ({len(sample)} demo texts, "
              f"{len(asked)} descriptive queries)\n")
        print("| recipe | mean cosine (min) | recall@10, int8 queries | recall@10, fp32 queries |")
        print("|---|---|---|---|")
        for name, model in models.items():
            docs = model.encode(sample, 16)
            cos = np.sum(docs * docs_ref, axis=1)
            print(f"| {name} | {cos.mean():.4f} ({cos.min():.4f}) | "
                  f"{recall(top(docs, model.encode(asked, 1))):.3f} | "
                  f"{recall(top(docs, queries_ref)):.3f} |", flush=True)
        runs = [(name, batch) for name in models for batch in (16, 64)]
        wall: dict[tuple[str, int], list[float]] = {run: [] for run in runs}
        cpu: dict[tuple[str, int], list[float]] = {run: [] for run in runs}
        for name, batch in runs:
            models[name].encode(texts[:32], batch)  # warm-up
        for _ in range(rounds):
            for name, batch in runs:
                started, used = time.perf_counter(), time.process_time()
                models[name].encode(texts, batch)
                wall[(name, batch)].append(len(texts) / (time.perf_counter() - started))
                cpu[(name, batch)].append(len(texts) / (time.process_time() - used))
        first = runs[0]
        print(f"\n## Export recipes: documents/s, {len(texts)} catalog texts, median of "
              f"{rounds} interleaved rounds (ratios against '{first[0]}', batch {first[1]})\n")
        print("| recipe | batch | wall | per CPU-second |")
        print("|---|---|---|---|")
        for run in runs:
            w, c = float(np.median(wall[run])), float(np.median(cpu[run]))
            print(f"| {run[0]} | {run[1]} | {w:.0f} docs/s ({w / np.median(wall[first]):.2f}×) "
                  f"| {c:.0f} ({c / np.median(cpu[first]):.2f}×) |", flush=True)
        print()
        for label, query in (("int8", False), ("fp32", True)):
            model = models["as built, int8 (shipped)"]
            ms = []
            for q in describe_queries(demo, 100, seed=9):
                started = time.perf_counter()
                model.encode([q], 1, query=query)
                ms.append((time.perf_counter() - started) * 1000)
            print(f"Query embedding p50 through the {label} graph: {np.median(ms):.2f} ms")
        print()


def faiss_build(n: int, dim: int, hnsw: bool, rng: np.random.Generator
                ) -> tuple[float, int, float | None]:
    centers = rng.normal(size=(64, dim))
    vectors = (centers[rng.integers(0, 64, n)] + 0.8 * rng.normal(size=(n, dim))
               ).astype(np.float32)
    gc.collect()
    started = time.perf_counter()
    index = VectorIndex(dim, hnsw_above=0 if hnsw else n + 1)
    for i, v in enumerate(vectors):
        index.upsert(f"d{i}", "track", v)
    index.compact()
    took = time.perf_counter() - started
    # What the index holds: FAISS's own serialized form (vectors + graph) plus the
    # float32 copy Segue keeps for reconstruction and exact re-scoring.
    memory = len(faiss.serialize_index(index._index)) + index._vectors[:n].nbytes
    recall = None
    if hnsw:
        probes = vectors[rng.integers(0, n, 200)] + 0.1 * rng.normal(size=(200, dim))
        recall = float(np.mean([
            len({d for d, _ in index.search(q, 10)} & set(index.exact_search(q, 10))) / 10
            for q in probes.astype(np.float32)]))
    del index, vectors
    return took, memory, recall


def _no_model() -> TextEmbedder:
    raise RuntimeError("not loaded: this run measures ingest only")


def ingest_rates(docs: list[dict], rounds: int = 3) -> None:
    """Write-path throughput of the same documents (with their audio vectors) through
    the engine without its vector sinks (as before vectors), with the audio sink, and
    with audio + text sinks (texts queued; embedding runs in the background and is
    not waited for). Interleaved rounds, medians: the machine's load drifts."""
    configs = (("no vector sinks", "none", True), ("audio sink", "none", False),
               ("audio + text sinks", None, False))
    rates: dict[str, list[float]] = {label: [] for label, _, _ in configs}
    for _ in range(rounds):
        for label, model, strip in configs:
            with tempfile.TemporaryDirectory() as tmp:
                engine = open_engine(Settings(data_dir=Path(tmp), text_model=model))
                if engine.text is not None:  # the model is not needed to measure this
                    engine.text.load_embedder = _no_model
                engine.load()
                if strip:
                    engine.writer.sinks = [engine.lexical, engine.documents]
                started = time.perf_counter()
                for _ in engine.index_documents(docs):
                    pass
                engine.lexical.compact()
                engine.audio.compact()
                rates[label].append(len(docs) / (time.perf_counter() - started))
                engine.close()
    base = float(np.median(rates["no vector sinks"]))
    print(f"## Ingest, {len(docs):,} documents with audio vectors (median of {rounds})\n")
    print("| write path | ingest | ratio |")
    print("|---|---|---|")
    for label, _, _ in configs:
        rate = float(np.median(rates[label]))
        print(f"| {label} | {rate:,.0f} docs/s | {rate / base:.2f}× |")
    print()


def _latency(args: argparse.Namespace, docs: list[dict], texts: list[str]) -> int:
    """(3): search latency by mode at `--docs` documents."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        embedder = TextEmbedder(cache=None)
        real = embedder.embed(list(tqdm(texts[:args.embed], desc="embedding", file=sys.stderr)))
        by_group: dict[tuple, list[int]] = {}
        for i, d in enumerate(docs[:args.embed]):
            by_group.setdefault((d["type"], (d.get("genres") or [""])[0]), []).append(i)
        rng = np.random.default_rng(11)
        vectors: dict[bytes, np.ndarray] = {}
        for i, (d, text) in enumerate(zip(docs, texts, strict=True)):
            if i < args.embed:
                vec = real[i]
            else:
                group = by_group.get((d["type"], (d.get("genres") or [""])[0])) \
                    or range(args.embed)
                vec = real[rng.choice(list(group))] + 0.05 * rng.normal(size=real.shape[1])
                vec = (vec / np.linalg.norm(vec)).astype(np.float32)
            vectors[embedder.key(text)] = vec
        EmbeddingCache(data / "embeddings.sqlite3").put_many(vectors)
        del vectors

        engine = open_engine(Settings(data_dir=data, text_model=embedder.model_path))
        engine.load()
        started = time.perf_counter()
        for _ in engine.index_documents(tqdm(docs, desc="indexing", file=sys.stderr)):
            pass
        engine.lexical.compact()
        lexical_s = time.perf_counter() - started
        engine.wait_for_vectors()
        vectors_s = time.perf_counter() - started
        text = engine.stats()["vectors"]["text"]
        assert engine.text.embedder.model_calls == 0  # everything came from the cache

        described = describe_queries(docs, args.queries)
        names = [q for kind, q in queries(docs, args.queries * 2) if kind != "prefix"]
        runs = [("descriptive", described, "lexical"), ("descriptive", described, "hybrid"),
                ("descriptive", described, "semantic"), ("descriptive", described, "auto"),
                ("names", names, "lexical"), ("names", names, "auto")]
        print(f"## Search latency, {args.docs:,} documents "
              f"({text['index']} text index, {text['vectors']:,} vectors)\n")
        print(f"Indexed in {lexical_s:.1f} s (words), text vectors caught up "
              f"{vectors_s - lexical_s:.1f} s later from the cache.\n")
        print("| queries | mode | p50 | p99 | answered as hybrid |")
        print("|---|---|---|---|---|")
        # Modes interleaved query by query: on a shared machine, passes run one after
        # another would compare moments, not modes.
        by_run: dict[tuple[str, str], list[tuple[float, bool]]] = {}
        for label, batch in (("descriptive", described), ("names", names)):
            modes = [mode for lab, _, mode in runs if lab == label]
            engine.text.embedder.clear_query_cache()
            for q in batch[:20]:
                for mode in modes:
                    engine.search(SearchRequest(q=q, limit=10, mode=mode))  # warm-up
            engine.text.embedder.clear_query_cache()
            for q in batch:
                for mode in modes:
                    engine.text.embedder.clear_query_cache()  # each mode embeds anew
                    answer = engine.search(SearchRequest(q=q, limit=10, mode=mode))
                    by_run.setdefault((label, mode), []).append(
                        (answer.took_ms, answer.mode != "lexical"))
        for label, batch, mode in runs:
            ms = [t for t, _ in by_run[(label, mode)]]
            hybrid = sum(h for _, h in by_run[(label, mode)])
            p50, _, p99 = _percentiles(ms)
            print(f"| {label} ({len(batch)}) | {mode} | {p50:.2f} ms | {p99:.2f} ms | "
                  f"{hybrid / len(batch):.0%} |")
        engine.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--embed", type=int, default=3_000,
                        help="documents embedded by the model (the rest: neighbours)")
    parser.add_argument("--ingest-only", action="store_true",
                        help="only the ingest comparison")
    parser.add_argument("--skip-faiss", action="store_true",
                        help="leave out the FAISS build table")
    parser.add_argument("--embedding-only", action="store_true",
                        help="only embedding throughput and query latency")
    parser.add_argument("--recipes", action="store_true",
                        help="only the export recipes' quality and speed")
    parser.add_argument("--throughput-docs", type=int, default=1_000,
                        help="texts each backend embeds for the throughput table")
    args = parser.parse_args(argv)

    docs = list(tqdm(catalog(args.docs, 1), total=args.docs, desc="generating",
                     file=sys.stderr))
    if args.ingest_only:
        ingest_rates(docs)
        return 0
    texts = [embedding_text(d) for d in docs]
    if args.recipes:
        recipes(texts[:args.throughput_docs])
        return 0

    print("## Embedding throughput (packaged all-MiniLM-L6-v2, CPU)\n")
    sample = texts[:args.throughput_docs]
    rates = embed_throughput(sample)
    print(f"{len(sample):,} catalog texts (mean {np.mean([len(t) for t in sample]):.0f} "
          f"chars): onnx int8 {rates['onnx']:.0f} docs/s, torch fp32 {rates['torch']:.0f} "
          f"docs/s ({rates['onnx'] / rates['torch']:.2f}x)\n")
    latency = query_latency(describe_queries(docs, 200, seed=9))
    print(f"Query embedding p50 (200 new descriptions): onnx {latency['onnx']:.2f} ms, "
          f"torch {latency['torch']:.2f} ms\n")
    if args.embedding_only:
        return 0

    if args.skip_faiss:
        return _latency(args, docs, texts)
    print("## FAISS build, 100,000 vectors\n")
    print("| vectors | index | build | memory | recall@10 vs exact |")
    print("|---|---|---|---|---|")
    rng = np.random.default_rng(7)
    for dim in (32, 384):
        for hnsw in (False, True):
            took, memory, recall = faiss_build(100_000, dim, hnsw, rng)
            print(f"| {dim}-d | {'HNSW' if hnsw else 'flat'} | {took:.1f} s | "
                  f"{memory / 2**20:.0f} MiB | {'-' if recall is None else f'{recall:.3f}'} |")
    print()

    return _latency(args, docs, texts)


if __name__ == "__main__":
    raise SystemExit(main())
