"""GET /v1/search and /v1/suggest."""

from __future__ import annotations

import re
import time
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from segue.engines import Engine
from segue.query import (
    MAX_FILTER_CHARS,
    MAX_QUERY_CHARS,
    MODES,
    FilterError,
    Scope,
    ScopeError,
    SearchRequest,
    UnknownVariant,
    parse_facets,
    parse_filter,
    parse_sort,
)
from segue.ranking import UserContext
from segue.schema import (
    DOC_TYPES,
    FACETABLE,
    FILTERABLE,
    ISO_MARKETS,
    SORTABLE,
    MarketError,
    check_market,
)

from .auth import SEARCH, Caller
from .errors import Problem
from .openapi import problems
from .schemas import SearchAnswer, SimilarAnswer, SuggestAnswer

router = APIRouter(prefix="/v1", tags=["search"], dependencies=[Depends(SEARCH)])
Key = Annotated[Caller, Depends(SEARCH)]

MAX_LIKED = 50          # artists, and as many genres, per request
MAX_LIKED_CHARS = 200   # per name
_LIKED = {"items": {"type": "string", "maxLength": MAX_LIKED_CHARS}}


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    if not engine.ready:
        raise Problem(503, "Loading", "the index is still loading; retry shortly",
                      retry_after_s=1)
    return engine


_ONE_TYPE = "(?:" + "|".join(DOC_TYPES) + ")"
# What `type` may be, documented in /openapi.json and checked by the same expression.
TYPES_PATTERN = f"^$|^ *{_ONE_TYPE} *(?:, *{_ONE_TYPE} *)*$"
_TYPES = re.compile(TYPES_PATTERN)
TypeParam = Annotated[str | None, Query(
    description=f"comma-separated types: {', '.join(DOC_TYPES)}",
    json_schema_extra={"pattern": TYPES_PATTERN})]
QueryText = Annotated[str, Query(description="what the user typed",
                                 json_schema_extra={"maxLength": MAX_QUERY_CHARS})]


def _types(raw: str | None) -> frozenset[str] | None:
    if not raw:
        return None
    types = frozenset(t.strip() for t in raw.split(","))
    unknown = sorted(t for t in types - set(DOC_TYPES) if t)
    if unknown or not _TYPES.fullmatch(raw):
        what = f"unknown {', '.join(unknown)}" if unknown else f"'{raw}'"
        raise Problem(400, "Invalid type", f"query parameter 'type': {what}; use a "
                      f"comma-separated subset of {', '.join(DOC_TYPES)}")
    return types


def _market(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    try:
        return check_market(raw)
    except MarketError as e:
        raise Problem(400, "Invalid market", f"query parameter 'market': {e}") from None


def _scope(request: Request, filter: str | None, market: str | None, facets: str | None,
           sort: str | None, distinct: bool) -> Scope:
    """The search's scope, every part checked: a filter's mistake names its position."""
    try:
        expr = parse_filter(filter or "", request.app.state.engine.filterable)
    except FilterError as e:
        raise Problem(400, "Invalid filter", f"query parameter 'filter': {e}",
                      position=e.position, filter=(filter or "")[:200]) from None
    try:
        facet_names = parse_facets(facets or "")
    except ScopeError as e:
        raise Problem(400, "Invalid facets", f"query parameter 'facets': {e}") from None
    try:
        order = parse_sort(sort or "")
    except ScopeError as e:
        raise Problem(400, "Invalid sort", f"query parameter 'sort': {e}") from None
    return Scope(expr, _market(market), facet_names, order, distinct)


_FILTER_HELP = (
    "a filter in Meilisearch's syntax: = != > >= < <= IN [..] NOT AND OR, parentheses, "
    f"quoted strings; fields {', '.join(FILTERABLE)} (and configured ones); at most "
    f"{MAX_FILTER_CHARS} characters. Example: genres = \"hip hop\" AND year >= 1990")
_FACET = "(?:" + "|".join(FACETABLE) + ")"
_SORT = "(?:" + "|".join(SORTABLE) + ")"
# What facets, sort and market may be, documented in /openapi.json (the parsers say
# which part is wrong when a request does not follow it).
FACETS_PATTERN = f"^[ ,]*(?:{_FACET}(?: *,[ ,]*{_FACET})*)?[ ,]*$"
SORT_PATTERN = f"^ *(?:{_SORT} *(?:: *(?:[aA][sS][cC]|[dD][eE][sS][cC])? *)?)?$"
MARKET_CODES = ["", *sorted(ISO_MARKETS)]
Market = Annotated[str | None, Query(
    description="a two-letter ISO 3166-1 country code: only documents available there "
    "(those whose `markets` list it, or that have no `markets`)",
    json_schema_extra={"enum": MARKET_CODES})]
_MARKET_HELP = ("a two-letter ISO 3166-1 country code: only documents available there "
                "(those whose `markets` list it, or that have no `markets`)")


def _check_q(q: str) -> str:
    if len(q) > MAX_QUERY_CHARS:
        raise Problem(400, "Query too long", f"query parameter 'q' is {len(q)} characters; "
                      f"the limit is {MAX_QUERY_CHARS}")
    return q


def _user(request: Request, user_id: str | None, artists: list[str] | None,
          genres: list[str] | None) -> UserContext | None:
    """What the request says the user likes, merged with what their events said."""
    for name, values in (("user_artist", artists), ("user_genre", genres)):
        for value in values or ():
            if len(value) > MAX_LIKED_CHARS:
                raise Problem(400, "Invalid affinity", f"query parameter '{name}': "
                              f"'{value[:40]}…' is {len(value)} characters; the limit is "
                              f"{MAX_LIKED_CHARS}")
    sent = UserContext.of(artists or (), genres or ())
    kept = request.app.state.profiles.context(user_id) if user_id else None
    user = sent.merged(kept)
    return user or None


@router.get("/search", response_model=SearchAnswer,
            responses=problems(400, 403, 503))
async def search(
    request: Request,
    caller: Key,
    q: QueryText = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Annotated[int, Query(ge=0, le=1000)] = 0,
    type: TypeParam = None,
    explain: bool = False,
    variant: str | None = None,
    mode: Annotated[str, Query(description="auto (hybrid for descriptions, lexical for "
                               "names) | lexical | semantic | hybrid",
                               json_schema_extra={"enum": list(MODES)})] = "auto",
    user_id: Annotated[str | None, Query(max_length=256)] = None,
    user_artist: Annotated[list[str], Query(
        max_length=MAX_LIKED, description="an artist the user likes (repeat the parameter for "
        "more); raises their documents among near-ties, never above an exact match",
        json_schema_extra=_LIKED)] = [],  # noqa: B006 (FastAPI copies defaults)
    user_genre: Annotated[list[str], Query(
        max_length=MAX_LIKED, description="a genre the user likes (repeatable); counts half "
        "as much as an artist", json_schema_extra=_LIKED)] = [],  # noqa: B006
    semantic_ratio: Annotated[float | None, Query(
        ge=0.0, le=1.0, description="hybrid fusion by normalized blend with this weight "
        "on the semantic side; omitted: reciprocal rank fusion")] = None,
    filter: Annotated[str | None, Query(description=_FILTER_HELP, json_schema_extra={
        "maxLength": MAX_FILTER_CHARS})] = None,
    market: Market = None,
    facets: Annotated[str | None, Query(
        description=f"comma-separated: value counts over every match, top 20 per field; "
        f"of {', '.join(FACETABLE)} (year also as `decade`)",
        json_schema_extra={"pattern": FACETS_PATTERN})] = None,
    sort: Annotated[str | None, Query(
        description=f"field:asc|desc, field one of {', '.join(SORTABLE)}; relevance "
        "breaks ties (default: relevance)",
        json_schema_extra={"pattern": SORT_PATTERN})] = None,
    distinct: Annotated[bool, Query(
        description="collapse versions of one track (same name and artists) into the "
        "best, with `versions` and `version_ids` on the hit")] = True,
) -> JSONResponse:
    engine = _engine(request)
    if mode not in MODES:
        raise Problem(400, "Invalid mode", f"query parameter 'mode': '{mode}' is not "
                      f"available; use one of {', '.join(MODES)}")
    type = caller.narrow("type", type)  # a key bound to types searches only those
    market = caller.narrow("market", market)  # ... and one bound to a market, there
    req = SearchRequest(q=_check_q(q), limit=limit, offset=offset, types=_types(type),
                        explain=explain, variant=variant, user_id=user_id, mode=mode,
                        semantic_ratio=semantic_ratio,
                        user=_user(request, user_id, user_artist, user_genre),
                        scope=_scope(request, filter, market, facets, sort, distinct))
    try:
        answer = await run_in_threadpool(engine.search, req)
    except UnknownVariant as e:
        raise Problem(400, "Unknown variant", f"query parameter 'variant': {e}") from None
    top = answer.top
    if top is not None and not caller.sees_type(top.get("type")):
        # The top result is the best across types; a bound key never sees one outside
        # its binding: the best of its own types stands in (known on the first page).
        top = answer.hits[0] if offset == 0 and answer.hits else None
    body = SearchAnswer.model_validate({
        "query": answer.query, "took_ms": answer.took_ms, "total": answer.total,
        "top": top, "hits": answer.hits, "variant": answer.variant,
        "assignment": answer.assignment, "mode": answer.mode,
        "mode_reason": answer.mode_reason, "facets": answer.facets, "match": answer.match,
        "corrected_query": answer.corrected_query,
    }).model_dump(mode="json", exclude_none=True)
    body["top"] = body.get("top")  # required: null when nothing is good enough
    return JSONResponse(body)


@router.get("/similar", response_model=SimilarAnswer, response_model_exclude_none=True,
            responses=problems(400, 403, 404, 503))
async def similar(
    request: Request,
    caller: Key,
    id: Annotated[str, Query(min_length=1, max_length=512, description="a document id")],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    type: TypeParam = None,
    market: Market = None,
) -> dict:
    """More like this: nearest by audio vector, else by text vector; never the document."""
    engine = _engine(request)
    started = time.perf_counter()
    types = _types(caller.narrow("type", type))
    found = await run_in_threadpool(engine.similar, id, limit, types,
                                    _market(caller.narrow("market", market)))
    if found is None:
        raise Problem(404, "Not found", f"query parameter 'id': no document with id '{id}'")
    return {**found, "took_ms": round((time.perf_counter() - started) * 1000, 3)}


@router.get("/suggest", response_model=SuggestAnswer, responses=problems(400, 403, 503))
async def suggest(
    request: Request,
    caller: Key,
    q: QueryText = "",
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
    market: Market = None,
) -> dict:
    engine = _engine(request)
    started = time.perf_counter()
    where = _market(caller.narrow("market", market))
    if caller.key is not None and caller.key.types is not None:
        # Suggestions are not filtered by type in the engine: a bound key asks for the
        # most there are and keeps its types' (so it may get fewer than `limit`).
        found = await run_in_threadpool(engine.suggest, _check_q(q), 20, where)
        suggestions = [s for s in found if caller.sees_type(s.get("type"))][:limit]
    else:
        suggestions = await run_in_threadpool(engine.suggest, _check_q(q), limit, where)
    took = round((time.perf_counter() - started) * 1000, 3)
    return {"query": q, "took_ms": took, "suggestions": suggestions}
