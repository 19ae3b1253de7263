"""The FastAPI application: /v1 routers, problem+json errors, the demo page at /."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import Depends, FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from segue.config import Settings
from segue.engines import Engine
from segue.ranking import Profiles

from . import admin, documents, errors, events, metrics, search
from .params import reject_unknown_parameters

STATIC = resources.files(__package__).joinpath("static")


def create_app(engine: Engine, settings: Settings, *,
               on_shutdown: Callable[[], None] | None = None) -> FastAPI:
    """`on_shutdown` runs after the last request on a graceful stop (SIGTERM, SIGINT)."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if on_shutdown is not None:
            on_shutdown()

    app = FastAPI(
        title="Segue",
        version="1",
        summary="Search and discovery for music catalogs.",
        openapi_url="/openapi.json",
        lifespan=lifespan,
        dependencies=[Depends(reject_unknown_parameters)],
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.profiles = Profiles()  # in memory: see ranking/personalization.py for why
    errors.install(app)
    metrics.install(app)
    for module in (search, documents, events, admin):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.get("/", include_in_schema=False, response_model=None)
    async def demo_page() -> FileResponse | HTMLResponse:
        page = STATIC.joinpath("index.html")
        if not page.is_file():
            return HTMLResponse("<h1>Segue</h1><p>The demo page is not installed.</p>")
        return FileResponse(str(page))

    return app
