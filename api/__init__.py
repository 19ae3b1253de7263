"""The HTTP API: `create_app(engine, settings)` builds the FastAPI app.

Routers per resource (search, documents, admin), auth as dependencies, one error
handler turning every failure into application/problem+json. See DESIGN.md "API".
"""

from .app import create_app

__all__ = ["create_app"]
