"""POST /v1/events: plays, likes, clicks and skips that personalize a user's later
searches.

Each event names a user and a document; its artists and genres strengthen the user's
affinities, a skip weakens them (`segue.ranking.Profiles`: in memory, bounded,
recent-weighted, and how far a skip goes). Events are answered one by one like
`_bulk` items: an unknown document or a malformed event fails alone.
DELETE /v1/events/{user_id} forgets a user.
"""

from __future__ import annotations

import math
import time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from segue.engines import Engine
from segue.ranking import Profiles, credited_artists, credited_genres

from .auth import EVENTS
from .errors import Problem
from .openapi import problems

router = APIRouter(prefix="/v1/events", tags=["events"], dependencies=[Depends(EVENTS)])

MAX_EVENTS = 1000


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_id: str = Field(min_length=1, max_length=256)
    type: Literal["play", "like", "click", "skip"] = Field(
        description="play, like, click: the user wants more of this document's artists "
                    "and genres; skip: less (never hidden, at most half as far down as "
                    "plays lift)")
    id: str = Field(min_length=1, max_length=512, description="the document played")
    at: float | None = Field(None, description="when, in Unix seconds (default: now)")


class EventItem(BaseModel):
    status: int
    error: str | None = None


class EventsAnswer(BaseModel):
    took: int = Field(description="milliseconds")
    errors: bool
    items: list[EventItem] = Field(description="one per event, in order")


class Forgotten(BaseModel):
    user_id: str
    forgotten: bool


_EXAMPLE = '{"events": [{"user_id": "u1", "type": "play", "id": "tr-…"}]}'


async def _json_body(request: Request) -> None:
    """Events are JSON: another media type is a 415, an empty body says what to send."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise Problem(415, "Unsupported media type",
                      f"header 'Content-Type': '{ctype or '(none)'}'; send the events as "
                      f"application/json, e.g. {_EXAMPLE}")
    if not await request.body():
        raise Problem(400, "Empty body", f"the body is empty; send {_EXAMPLE}")


def _record(request: Request, raw: list[Any]) -> list[dict[str, Any]]:
    return record_events(request.app.state.engine, request.app.state.profiles, raw)


def record_events(engine: Engine, profiles: Profiles, raw: list[Any]) -> list[dict[str, Any]]:
    """The one rule for activity events, from HTTP and from Kafka: each event is checked
    and recorded alone, answered `{"status": 200}` or with its error."""
    now = time.time()
    items: list[dict[str, Any]] = []
    for n, item in enumerate(raw):
        try:
            event = Event.model_validate(item)
        except ValidationError as e:
            where = "; ".join(f"{'.'.join(map(str, err['loc'])) or 'event'}: {err['msg']}"
                              for err in e.errors())
            items.append({"status": 400, "error": f"events[{n}]: {where}"})
            continue
        at = event.at
        if at is not None and (not math.isfinite(at) or at < 0):
            items.append({"status": 400, "error": f"events[{n}].at: not a time: {at}"})
            continue
        doc = engine.get(event.id)
        if doc is None:
            items.append({"status": 404, "error": f"events[{n}].id: no document "
                          f"'{event.id}'"})
            continue
        # A clock ahead of the server's must not outweigh everything else forever.
        profiles.record(event.user_id, event.type, credited_artists(doc), credited_genres(doc),
                        min(at, now) if at is not None else now)
        items.append({"status": 200})
    return items


@router.post("", response_model=EventsAnswer, response_model_exclude_none=True,
             dependencies=[Depends(_json_body)], responses=problems(400, 415))
async def post_events(
    request: Request,
    events: Annotated[list[Any], Body(
        embed=True, max_length=MAX_EVENTS, json_schema_extra={"minItems": 1},
        description='[{"user_id": "u1", "type": "play"|"like"|"click"|"skip", "id": "tr-…", '
                    '"at": 1732450000}]')],
) -> dict:
    if not events:
        raise Problem(400, "No events", f"body field 'events' is empty; send {_EXAMPLE}")
    started = time.perf_counter()
    items = await run_in_threadpool(_record, request, events)
    return {"took": int((time.perf_counter() - started) * 1000),
            "errors": any(i["status"] != 200 for i in items), "items": items}


@router.delete("/{user_id}", response_model=Forgotten)
async def forget(request: Request,
                 user_id: Annotated[str, Path(min_length=1, max_length=256)]) -> dict:
    return {"user_id": user_id, "forgotten": request.app.state.profiles.forget(user_id)}
