"""The HTTP API: `create_app(engine, settings)` builds the FastAPI app.

Routers per resource (search, documents, admin), auth as dependencies, one error
handler turning every failure into application/problem+json. The routes and their
answers are documented by the app itself, in `/openapi.json` and `/docs`.
"""

from .app import create_app

__all__ = ["create_app"]
