"""Prometheus metrics at /metrics: requests by route and status, latency, documents."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from segue.engines import Engine

from .auth import PUBLIC

router = APIRouter(tags=["admin"])
_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0)


class Metrics:
    """One registry per app, so tests and several apps in a process never collide."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("segue_requests_total", "HTTP requests answered",
                                ["route", "method", "status"], registry=self.registry)
        self.latency = Histogram("segue_request_seconds", "Time to answer, by route",
                                 ["route"], buckets=_BUCKETS, registry=self.registry)
        self.documents = Gauge("segue_documents", "Documents in the index",
                               registry=self.registry)
        self.stream_messages = Counter(
            "segue_stream_messages_total", "Kafka messages consumed, by topic and outcome",
            ["topic", "outcome"], registry=self.registry)
        self.stream_batch = Histogram("segue_stream_batch_seconds",
                                      "Time to apply and commit one consumed batch",
                                      ["topic"], buckets=_BUCKETS, registry=self.registry)
        self.stream_lag = Gauge("segue_stream_lag", "Messages not yet consumed, by partition",
                                ["topic", "partition"], registry=self.registry)

    def count_batch(self, topic: str, seconds: float, applied: int, dead: int) -> None:
        self.stream_messages.labels(topic, "applied").inc(applied)
        self.stream_messages.labels(topic, "dead_lettered").inc(dead)
        self.stream_batch.labels(topic).observe(seconds)


def install(app: FastAPI) -> None:
    metrics = app.state.metrics = Metrics()

    @app.middleware("http")
    async def measure(request: Request,
                      call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        # The route's template, never the raw path: ids and queries stay out of labels.
        # `path_format` drops converters (`{doc_id:path}` is `{doc_id}`), as OpenAPI does.
        name = getattr(route, "path_format", None) or getattr(route, "path", "unmatched")
        metrics.requests.labels(name, request.method, str(response.status_code)).inc()
        metrics.latency.labels(name).observe(time.perf_counter() - started)
        return response

    app.include_router(router)


@router.get("/metrics", include_in_schema=False, dependencies=[Depends(PUBLIC)])
async def prometheus(request: Request) -> Response:
    metrics: Metrics = request.app.state.metrics
    engine: Engine = request.app.state.engine
    if engine.ready:
        metrics.documents.set(engine.stats()["documents"])
    stream = getattr(request.app.state, "stream", None)
    for consumer in stream.stats if stream is not None else ():
        for partition, lag in consumer.lag.items():
            metrics.stream_lag.labels(consumer.topic, str(partition)).set(lag)
    return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)
