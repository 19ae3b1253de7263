"""The FastAPI application: /v1 routers, problem+json errors, the demo page at /."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources

import swagger_ui_bundle
from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from segue.config import Settings
from segue.engines import Engine
from segue.ranking import Profiles

from . import admin, auth, documents, errors, events, metrics, openapi, search
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
        # Served below, as public routes: /docs loads Swagger UI from the installed
        # `swagger-ui-bundle` package, never from a CDN, so it works offline.
        openapi_url=None, docs_url=None, redoc_url=None,
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
    app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_bundle.swagger_ui_path)),
              name="swagger-ui")

    @app.get("/openapi.json", include_in_schema=False, dependencies=[Depends(auth.PUBLIC)])
    async def openapi_json() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs/openapi-3.0.json", include_in_schema=False,
             dependencies=[Depends(auth.PUBLIC)])
    async def openapi_30() -> JSONResponse:
        return JSONResponse(openapi.as_openapi_30(app.openapi()))

    @app.get("/docs", include_in_schema=False, dependencies=[Depends(auth.PUBLIC)])
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/docs/openapi-3.0.json", title="Segue API",
            swagger_js_url="/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/docs/assets/swagger-ui.css",
            swagger_favicon_url="/docs/assets/favicon-32x32.png")

    @app.get("/", include_in_schema=False, response_model=None,
             dependencies=[Depends(auth.PUBLIC)])
    async def demo_page() -> FileResponse | HTMLResponse:
        page = STATIC.joinpath("index.html")
        if not page.is_file():
            return HTMLResponse("<h1>Segue</h1><p>The demo page is not installed.</p>")
        return FileResponse(str(page))

    auth.check_declared(app)

    def exact_openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = openapi.document(app, engine)
        return app.openapi_schema

    app.openapi = exact_openapi  # type: ignore[method-assign]
    return app
