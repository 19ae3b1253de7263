"""Response models: they make /openapi.json exact for client authors."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Hit(BaseModel):
    """A document as found: its stored fields plus score and highlight."""

    model_config = ConfigDict(extra="allow")
    id: str
    type: str
    name: str
    score: float
    highlight: dict[str, Any] = Field(default_factory=dict,
                                      description="field -> HTML-escaped text with <mark>")
    explain: dict[str, Any] | None = None
    versions: int | None = Field(None, description="with distinct=true: how many "
                                 "versions of this track (same name and artists) matched")
    version_ids: list[str] | None = Field(None, description="the other versions' ids")


class Assignment(BaseModel):
    """Which ranking variant answered, and why: requested, bucketed by user id, default."""

    variant: str
    version: int
    reason: str


class SearchAnswer(BaseModel):
    query: str
    took_ms: float = Field(description="server-side time to answer, in milliseconds")
    total: int = Field(description="documents that matched (after the type filter, the "
                       "filter and the market; versions collapsed by distinct count)")
    top: Hit | None = Field(description="the best entity across all types")
    hits: list[Hit]
    variant: str
    assignment: Assignment
    mode: str = Field("lexical", description="lexical | semantic | hybrid: what answered")
    mode_reason: str = Field("", description="why that mode (the auto rule, or requested)")
    facets: dict[str, dict[str, int]] | None = Field(
        None, description="when asked: per field, value -> matches (every match in scope, "
        "not the page), top 20 by count; `decade` beside `year`")
    match: Literal["good", "weak", "none"] = Field(
        "good", description="good: every typed word matched the best hit (then `top` is "
        "set); weak: only some did, or only loosely; none: nothing matches")
    corrected_query: str | None = Field(
        None, description="the words as matched, when the best hit needed typos or "
        "sound-alikes (\"Showing results for ...\"); absent otherwise")


class SimilarAnswer(BaseModel):
    id: str
    source: str | None = Field(None, description="audio | text: the vectors compared; "
                               "absent when the document has neither")
    took_ms: float
    hits: list[Hit]


class Suggestion(BaseModel):
    text: str
    id: str
    type: str
    highlight: str | None = None


class SuggestAnswer(BaseModel):
    query: str
    took_ms: float
    suggestions: list[Suggestion]


class BulkItemError(BaseModel):
    type: str
    reason: str


class BulkItem(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    id: str | None = Field(alias="_id")
    status: int
    result: str | None = None
    error: BulkItemError | None = None


class BulkAnswer(BaseModel):
    took: int = Field(description="milliseconds, the whole request (waits included)")
    errors: bool
    vectors_pending: int = Field(
        description="documents of this request searchable by their words but still "
                    "waiting for their text vectors (searches by meaning miss them)")
    vectors_timed_out: bool = Field(
        description="wait_for_vectors=true gave up after `timeout` with vectors pending")
    items: list[dict[str, BulkItem]] = Field(
        description="one per action, in order: {'index'|'create'|'update'|'delete': item}")


class DeleteAnswer(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    id: str = Field(alias="_id")
    result: str


class Health(BaseModel):
    status: str
    engine: str


class Ready(BaseModel):
    ready: bool
    documents: int
    text_vectors_backlog: int | None = Field(
        None, description="texts still waiting for the embedder (0: descriptive search "
        "sees every document); absent when text vectors are off")
    text_model: str | None = Field(
        None, description="loaded | not loaded (it loads on the first need: texts to "
        "embed or a search by meaning) | failed; absent when text vectors are off")
