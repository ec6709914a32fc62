"""The web UI: `dyads serve`, a read-only FastAPI app over a corpus store.

    from dyads.web import create_app
    app = create_app("corpus.duckdb")

Pages (Jinja2, autoescaped) and a JSON API under /api/ built from the same context dicts;
see app.py for the routes and the safety rules.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
