"""Input layer: read documents, normalise them once, give them ids, check them.

    from dyads.ingest import read_inputs, prepare
    from dyads.errors import DocumentFailure, DyadsError

    for item in read_inputs(paths, max_chars=limit):
        if isinstance(item, DocumentFailure):
            ...                                    # report item.as_dict(), go on
            continue
        try:
            article, warnings = prepare(item, max_chars=limit)
        except DyadsError as err:                  # E001, E002, E007, E009
            ...                                    # DocumentFailure(err, item.origin)
            continue
        ...                                        # offsets refer to article.text

`read_prepared` does both steps and yields `(article, warnings)` or a failure.
"""
from __future__ import annotations

from typing import Any, Iterator, Union

from ..errors import DocumentFailure, DyadsError
from ..model import Warning
from .language import check_language, detect_language
from .normalise import (
    DEFAULT_MAX_CHARS,
    IngestedArticle,
    binary_reason,
    count_suspicious,
    doc_id,
    normalise,
    prepare,
    sha256,
)
from .readers import extract_html, kind_of, read_inputs, visible_text

__all__ = [
    "DEFAULT_MAX_CHARS",
    "IngestedArticle",
    "binary_reason",
    "check_language",
    "count_suspicious",
    "detect_language",
    "doc_id",
    "extract_html",
    "kind_of",
    "normalise",
    "prepare",
    "read_inputs",
    "read_prepared",
    "sha256",
    "visible_text",
]


def read_prepared(
    paths: list[str],
    *,
    stdin: Any = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    check_lang: bool = True,
) -> Iterator[Union[tuple[IngestedArticle, list[Warning]], DocumentFailure]]:
    """`read_inputs` then `prepare`: `(article, warnings)` per good document, a failure per bad one."""
    for item in read_inputs(paths, stdin=stdin, max_chars=max_chars):
        if isinstance(item, DocumentFailure):
            yield item
            continue
        try:
            yield prepare(item, max_chars=max_chars, check_lang=check_lang)
        except DyadsError as err:
            yield DocumentFailure(err, origin=item.origin)
