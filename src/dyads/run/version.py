"""What stamps the rows of a run: the pipeline version. The store only records it (the writer
takes it as an argument); the runner computes it here, where the knowledge base is known."""
from __future__ import annotations

import hashlib
import os
from typing import Iterable, Optional


# knowledge files the analysis never reads (the store's own tables: incidents, intensities, the
# ACLED mapping): changing them must not make every stored document be analysed again
STORE_ONLY = frozenset({"incidents.yaml", "intensity.yaml", "acled.yaml"})


def pipeline_version() -> str:
    """What made the rows: the package version and a digest of the knowledge files the analysis
    reads. A document stored by another pipeline is analysed again and replaced."""
    from .. import __version__, kb

    h = hashlib.sha256()
    for name, path in kb.data_files():  # the word lists under grammar/ and the user's overlay included
        if os.path.basename(name) in STORE_ONLY:
            continue
        with open(path, "rb") as f:
            h.update(name.encode() + b"\0" + f.read())
    return f"{__version__}+{h.hexdigest()[:10]}"


def pipeline_for(model: Optional[str] = None, actors_files: Iterable[str] = (), base: Optional[str] = None) -> str:
    """The pipeline version rows are stamped with: `base` (default `pipeline_version()`), plus
    the model when it is not the default and a digest of extra actors files, since both change
    the results."""
    version = base if base is not None else pipeline_version()
    if model or os.environ.get("DYADS_MODEL"):  # (spaCy is imported only then)
        from ..nlp.pipeline import DEFAULT_MODEL, model_name

        if model_name(model) != DEFAULT_MODEL:
            version += f"+model:{model_name(model)}"
    files = [str(p) for p in actors_files]
    if files:
        h = hashlib.sha256()
        for path in files:
            try:
                with open(path, "rb") as f:
                    h.update(f.read())
            except OSError:
                h.update(path.encode())  # the Analyzer reports the unreadable file (E101)
        version += f"+actors:{h.hexdigest()[:10]}"
    return version
