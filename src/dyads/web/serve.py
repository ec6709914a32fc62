"""`dyads serve`: the web app on a local port.

    serve(db="corpus.duckdb")                         # http://127.0.0.1:8000/
    serve(paths=["article.txt"])                      # analyse into a temporary store, open its page

Binds to 127.0.0.1 unless told otherwise (`host`); the app then answers only requests naming
a loopback host. `server_config` builds the uvicorn configuration without starting anything,
and `prepare_article_store` the temporary store of `dyads serve FILE.txt`, so both are tested
without a server.
"""
from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from ..errors import DyadsError
from .app import LOOPBACK, create_app
from .context import article_href
from .store import open_store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def allowed_hosts_for(host: str) -> list[str]:
    """The Host headers the app answers when bound to `host`: the loopback names, plus the host
    itself; any when bound to every interface (0.0.0.0, ::)."""
    h = (host or "").strip().lower()
    if h in ("0.0.0.0", "::", "[::]", "*"):
        return ["*"]
    names = set(LOOPBACK)
    if h:
        names.add(h)
        if ":" in h and not h.startswith("["):
            names.add(f"[{h}]")
    return sorted(names)


def server_config(db: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, log_level: str = "info"):
    """The uvicorn.Config serving the app over `db` (nothing is started)."""
    import uvicorn

    app = create_app(db, allowed_hosts=allowed_hosts_for(host))
    return uvicorn.Config(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False,
                          lifespan="off")


@dataclass
class Prepared:
    """The temporary store of `dyads serve FILE`: where it is, the articles in it, the failures."""

    db: str
    directory: str
    doc_ids: list[str] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)

    @property
    def start_path(self) -> str:
        return article_href(self.doc_ids[0]) if len(self.doc_ids) == 1 else "/"

    def cleanup(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def prepare_article_store(paths: Sequence[str], directory: Optional[str] = None, model: Optional[str] = None,
                          actors_files: Iterable[str] = (), analyzer=None) -> Prepared:
    """Analyse the articles in `paths` into a new store in a temporary directory (or `directory`)
    with `dyads ingest`'s local runner, in this process (`analyzer`, or one built from `model` and
    `actors_files`), its corpus actors built. E136 when none could be analysed."""
    from ..run.ingest import ingest

    made = directory is None
    directory = directory or tempfile.mkdtemp(prefix="dyads-serve-")
    prepared = Prepared(db=os.path.join(directory, "article.duckdb"), directory=directory)
    try:
        if analyzer is None:
            from ..nlp.pipeline import Analyzer

            analyzer = Analyzer(model=model, actors_files=list(actors_files))
        report = ingest([str(p) for p in paths], db=prepared.db, model=model, actors_files=actors_files, quiet=True,
                        analyzer=analyzer, command="serve")
        prepared.doc_ids, prepared.failures = _stored_run(prepared.db, report.run_id)
        if not report.stored:
            detail = prepared.failures[0]["message"] if prepared.failures else "no document"
            raise DyadsError("E136", input=", ".join(map(str, paths)), detail=detail)
    except BaseException:
        if made:
            prepared.cleanup()
        raise
    return prepared


def _stored_run(db: str, run_id: str) -> tuple[list[str], list[dict]]:
    """The documents a run stored, and its failures as `DocumentFailure.as_dict()` has them."""
    from ..store.writer import open_connection

    con = open_connection(db, read_only=True)
    try:
        ids = [r[0] for r in con.execute("SELECT doc_id FROM documents WHERE run_id = ? ORDER BY stored_at, doc_id",
                                         [run_id]).fetchall()]
        fails = [{"code": c, "message": m, "input": o} for c, m, o in con.execute(
            "SELECT code, message, origin FROM failures WHERE run_id = ? ORDER BY failed_at", [run_id]).fetchall()]
    finally:
        con.close()
    return ids, fails


def serve(db: Optional[str] = None, paths: Sequence[str] = (), host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          open_browser: bool = False, model: Optional[str] = None, actors_files: Iterable[str] = (),
          say=print) -> None:
    """Serve a store (or the articles in `paths`, analysed into a temporary store) until stopped."""
    import uvicorn

    from ..store.writer import default_db

    prepared = None
    if paths:
        if db:
            raise DyadsError("E111", what="serve FILE", detail="--db", choices="--host, --port, --open, --model, --actors")
        say(f"analysing {', '.join(map(str, paths))} ...")
        prepared = prepare_article_store(paths, model=model, actors_files=actors_files)
        db = prepared.db
        for f in prepared.failures:
            say(f"{f['code']} {f['message']}")
    db = str(db or default_db())
    try:
        with open_store(db):  # fails early (E104, E105, E107) and computes stale corpus actors once
            pass
        config = server_config(db, host=host, port=port)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}{prepared.start_path if prepared else '/'}"
        say(f"dyads: serving {db} read-only at {url} (Ctrl-C stops)")
        if open_browser:
            import webbrowser

            threading.Timer(1.0, webbrowser.open, [url]).start()
        if prepared is not None and threading.current_thread() is threading.main_thread():
            # uvicorn re-raises SIGTERM once shut down: exit through `finally`, removing the temporary store
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            uvicorn.Server(config).run()
        except KeyboardInterrupt:  # Ctrl-C: uvicorn has shut down already
            pass
    finally:
        if prepared is not None:
            prepared.cleanup()
