"""Full-text search over the stored articles: DuckDB's FTS extension, BM25 over title and text.

    search(con, "shelling Aleppo", source="Reuters", limit=50)   # a reader: the hits, best first
    refresh_index(con)                                             # the writer: rebuild when documents changed

A hit holds every word of the query (stop words aside) in its title or text, in any form the
Porter stemmer joins ("shelled" finds "shelling", "armies" finds "army"); hits are ranked by
BM25 (`match_bm25` of the extension, title and text together).

The extension. DuckDB cannot download extensions here; the PyPI package `duckdb-extension-fts`
ships the build for one duckdb version (pyproject.toml pins both), as
`<package>/extensions/v<version>/fts.duckdb_extension`, loaded by path into each database that
searches or indexes. When it cannot be loaded, the search scans the articles for the text as
typed (as dyads did before), unranked, and says so (W101).

The index: `PRAGMA create_fts_index` over documents(title, text), in the schema
`fts_main_documents` of the store file. DuckDB never updates such an index when the table
changes; it can only be built again whole. So:
- the writer notes each document it writes (new or changed) in `search_pending`, in the
  transaction that writes the document (`Store.replace_documents`), so the note cannot be lost;
- when a run finishes (`Store.finish_run(..., "done")`: every ingest, local or Dask, even one
  that stored nothing), `refresh_index` rebuilds the whole index and empties `search_pending`
  in one transaction, if anything is pending or there is no index yet; a run killed before
  leaves the notes for the next one;
- a reader ranks with the index the documents that are not pending, and matches the pending
  ones (stored by an ingest under way or killed) by scanning their words with the same
  tokenizer and stemmer: a changed document is found by its new text, never by its old. They
  come after the ranked hits, unranked (W103). A store with no index yet is scanned whole (W102).
The cost is the rebuild: it reads every article, so an ingest of one article into a big store
pays for the whole corpus (about a second for the 804 FA-KES articles on this machine; see
benchmarks/search_speed.py), while the web waits for the writer's turn.
"""
from __future__ import annotations

import datetime as _dt
import importlib.util
import os
import re
import unicodedata
from typing import Optional

import duckdb
import pandas as pd

from ..errors import DyadsError, message
from .locks import first_line

PACKAGE = "duckdb_extension_fts"
SCHEMA = "fts_main_documents"  # where create_fts_index puts the index of `documents`
STEMMER = "porter"
IGNORE = r"(\.|[^a-z0-9])+"  # after folding, what separates words: letters and digits count (the default drops digits)
INDEX_SQL = (f"PRAGMA create_fts_index('documents', 'doc_id', 'title', 'text', stemmer='{STEMMER}', "
             f"stopwords='english', ignore='{IGNORE}', strip_accents=1, lower=1, overwrite=1)")
K, B = 1.2, 0.75  # BM25's parameters, match_bm25's defaults
# BM25 over the index's tables, for every article at once (the extension's match_bm25 is a macro
# called per article: about 0.1 s a query on this loaded machine, even over two articles);
# parameters: the stems, then how many there are (an article must hold them all)
RANKED = f"""SELECT docs.name AS doc_id,
       sum(log((st.num_docs - dc.df + 0.5) / (dc.df + 0.5) + 1)
           * tf.n * ({K} + 1) / (tf.n + {K} * (1 - {B} + {B} * docs.len / st.avgdl))) AS score
FROM (SELECT t.docid, t.termid, count(*) AS n FROM {SCHEMA}.terms t
      SEMI JOIN (SELECT termid FROM {SCHEMA}.dict WHERE list_contains(?, term)) q ON q.termid = t.termid
      GROUP BY ALL) tf
JOIN {SCHEMA}.dict dc ON dc.termid = tf.termid
JOIN {SCHEMA}.docs docs ON docs.docid = tf.docid
CROSS JOIN {SCHEMA}.stats st
ANTI JOIN search_pending p ON p.doc_id = docs.name
GROUP BY docs.name HAVING count(*) = ?"""
DEFAULT_LIMIT = 100
BEFORE, AFTER = 90, 150  # characters of a snippet around the first matching word
COLUMNS = ["doc_id", "title", "date", "outlet", "score", "snippet", "match", "match_at"]


def _tokens(expr: str) -> str:
    """SQL for the words of `expr` as the index cuts them (lower case, accents stripped)."""
    return f"string_split_regex(regexp_replace(lower(strip_accents({expr})), '{IGNORE}', ' ', 'g'), '\\s+')"


# ---------------------------------------------------------------- the extension and the index

def extension_path() -> str:
    """The FTS extension of the installed duckdb, from the installed package (never downloaded);
    LookupError saying what is missing."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError("the Python package duckdb-extension-fts is not installed")
    base = os.path.join(list(spec.submodule_search_locations)[0], "extensions")
    path = os.path.join(base, f"v{duckdb.__version__}", "fts.duckdb_extension")
    if not os.path.isfile(path):
        have = ", ".join(sorted(os.listdir(base))) if os.path.isdir(base) else "none"
        raise LookupError(f"duckdb-extension-fts has no build for duckdb {duckdb.__version__} (it has {have})")
    return path


def load(con) -> Optional[str]:
    """Load the extension into `con`'s database: None when it is loaded, else why it cannot be.
    DuckDB never downloads it here: it would try on the probe below when it is not loaded."""
    try:
        con.execute("SET autoinstall_known_extensions = false")
    except duckdb.Error:
        pass
    if _answers(con, f"SELECT stem('a', '{STEMMER}')"):  # loaded already (a catalogue query costs more)
        return None
    try:
        con.execute("LOAD '" + extension_path().replace("'", "''") + "'")
        return None
    except LookupError as exc:
        return str(exc)
    except duckdb.Error as exc:
        return first_line(exc)


def _answers(con, sql: str):
    """The first row of `sql`, or None when it fails (a function or table that is not there)."""
    try:
        return con.execute(sql).fetchone()
    except duckdb.Error:
        return None


def has_index(con) -> bool:
    return _answers(con, f"SELECT num_docs FROM {SCHEMA}.stats") is not None


def pending(con) -> Optional[int]:
    """How many documents were written since the index was built (None: a store from before search_pending)."""
    got = _answers(con, "SELECT count(*) FROM search_pending")
    return None if got is None else got[0]


def refresh_index(con, force: bool = False) -> bool:
    """Build the index again, whole, when documents were written since it was built or there is
    none (or `force`), and empty `search_pending`, in one transaction; a writer's connection.
    True when it was built; False when it was fresh or the extension cannot be loaded (the
    notes stay, readers scan those documents)."""
    if load(con) is not None:
        return False
    if not force and has_index(con) and not pending(con):
        return False
    con.execute("SET enable_progress_bar = false")  # DuckDB would draw one on the terminal of the ingest
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(INDEX_SQL)
        con.execute("DELETE FROM search_pending")
        now = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None).isoformat()
        con.execute("INSERT OR REPLACE INTO meta VALUES ('search_built', ?)", [now])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


# ---------------------------------------------------------------- searching

def search(con, text: Optional[str], ids: Optional[list[str]] = None, source: Optional[str] = None,
           since: Optional[str] = None, until: Optional[str] = None, limit: Optional[int] = None) -> pd.DataFrame:
    """The articles holding the words of `text`, best first: COLUMNS (`date` the article's ISO
    day, `score` BM25, None for articles matched by a scan; `snippet` a short passage around the
    first matching word, which is `match`, at `match_at` in it, -1 when only the title holds it).
    `ids`: only articles with one of these corpus actors; `source`, `since`, `until` as the other
    queries. `df.attrs`: `total` (hits before the limit) and `warnings` (coded, when the index
    could not answer alone). A connection of `CorpusStore` (it needs `dyads_docs`)."""
    from .query import _Where

    text = (text or "").strip()
    if not text:
        raise DyadsError("E115")
    w = _Where()
    if ids is not None:  # an actor: the articles where one of its corpus ids appears
        w.add("h.doc_id IN (SELECT doc_id FROM actor_links WHERE list_contains(?, corpus_id))", ids)
    w.outlet("d.outlet", source)
    w.dates("d.day", since, until)
    plan = _plan(con, text)
    rows = con.execute(f"""
        WITH hits AS ({plan.sql}),
        top AS (SELECT h.doc_id, d.title, d.day AS date, d.outlet, h.score, count(*) OVER () AS total
                FROM hits h JOIN dyads_docs d ON d.doc_id = h.doc_id {w.sql()}
                ORDER BY h.score DESC NULLS LAST, d.day DESC NULLS LAST, h.doc_id LIMIT ?)
        SELECT top.*, x.text FROM top JOIN documents x ON x.doc_id = top.doc_id
        ORDER BY top.score DESC NULLS LAST, top.date DESC NULLS LAST, top.doc_id""",
                       plan.params + w.params + [int(limit or DEFAULT_LIMIT)]).fetchall()
    spans = _spans(con, {r[0]: r[-1] or "" for r in rows}, plan)
    out = [r[:5] + snippet(r[-1] or "", spans.get(r[0])) for r in rows]
    df = pd.DataFrame(out, columns=COLUMNS)
    if df.empty:
        df = df.astype({"score": "float64", "match_at": "int64"})
    df.attrs.update(total=int(rows[0][5]) if rows else 0, warnings=plan.warnings)
    return df


class _Plan:
    """How a query is answered: the SQL of its hits (doc_id, score) with its parameters, the
    stems it matches (None: the text as typed), and the warnings to give."""

    def __init__(self, sql: str, params: list, stems: Optional[set[str]], warnings: list[dict]):
        self.sql, self.params, self.stems, self.warnings = sql, params, stems, warnings


def _warn(code: str, **info) -> dict:
    return {"code": code, "message": message(code, **info)}


def _plan(con, text: str) -> _Plan:
    """The index for documents it holds, a scan of their words for the pending ones; a scan of
    every article without an index; the text as typed without the extension."""
    why = load(con)
    if why is not None:
        sql = ("SELECT doc_id, NULL::DOUBLE AS score FROM documents "
               "WHERE contains(lower(text), lower(?)) OR contains(lower(coalesce(title, '')), lower(?))")
        return _Plan(sql, [text, text], None, [_warn("W101", detail=why)])
    state = _answers(con, f"SELECT (SELECT count(*) FROM search_pending), (SELECT num_docs FROM {SCHEMA}.stats)")
    indexed, n = state is not None, (state[0] if state else 0)
    stems = set(_terms(con, text, _stopwords(con) if indexed else frozenset()))
    if not stems:  # only stop words or punctuation: nothing to look for
        return _Plan("SELECT NULL::VARCHAR AS doc_id, NULL::DOUBLE AS score WHERE false", [], stems, [])
    words_of = _tokens("coalesce(title, '') || ' ' || text")
    scan = (f"SELECT doc_id, NULL::DOUBLE AS score FROM {{}} "
            f"WHERE list_has_all(list_transform({words_of}, t -> stem(t, '{STEMMER}')), ?::VARCHAR[])")
    if not indexed:
        why = "written before dyads indexed its articles, or without the FTS extension"
        return _Plan(scan.format("documents"), [sorted(stems)], stems, [_warn("W102", detail=why)])
    ranked = [sorted(stems), len(stems)]
    if not n:
        return _Plan(RANKED, ranked, stems, [])
    # the pending articles first, apart (MATERIALIZED): their words are cut and stemmed, not all articles'
    only = ("(WITH p AS MATERIALIZED (SELECT x.doc_id, x.title, x.text FROM documents x "
            "SEMI JOIN search_pending s ON s.doc_id = x.doc_id) " + scan.format("p") + ")")
    return _Plan(f"{RANKED} UNION ALL {only}", ranked + [sorted(stems)], stems,
                 [_warn("W103", detail=f"{n} article{'s' if n != 1 else ''}")])


_IGNORE = re.compile(IGNORE)
_STOP: list[frozenset] = []  # the index's stop words (the extension's English list), read once


def _stopwords(con) -> frozenset:
    if not _STOP:
        _STOP.append(frozenset(con.execute(f"SELECT list(sw) FROM {SCHEMA}.stopwords").fetchone()[0] or ()))
    return _STOP[0]


def _terms(con, text: str, stop: frozenset) -> dict[str, str]:
    """stem -> the first word of the query with it: the words cut as the index cuts them
    (folded, letters and digits), stop words left out (they are not indexed, so no article
    would hold them); a hit must hold every stem."""
    words = [w for w in _IGNORE.sub(" ", _fold(text)).split() if w not in stop]
    _stem_words(con, set(words))
    out: dict[str, str] = {}
    for w in words:
        out.setdefault(_STEMS[w], w)
    return out


# ---------------------------------------------------------------- snippets

_SPACE = re.compile(r"\s+")


def _fold(word: str) -> str:
    """Lower case, accents stripped (the index's folding)."""
    if word.isascii():
        return word.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def _spans(con, texts: dict[str, str], plan: _Plan) -> dict[str, Optional[tuple[int, int]]]:
    """doc_id -> where in its text the first word that matches is (its stem is one of the
    query's; the text as typed without the extension), None when only the title matches."""
    if plan.stems is None:
        return {d: _typed_span(t, plan.params[0]) for d, t in texts.items()}
    return _stem_spans(con, texts, plan.stems)


def _typed_span(text: str, q: str) -> Optional[tuple[int, int]]:
    m = re.search(re.escape(q), text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


_STEMS: dict[str, str] = {}  # word -> its stem, kept across searches (bounded below)


def _stem_spans(con, texts: dict[str, str], stems: set[str]) -> dict[str, Optional[tuple[int, int]]]:
    """doc_id -> (start, end) of the first word whose stem is one of `stems`. Porter changes
    only endings, so the words tried are those beginning as a stem does: the first few of each
    text, then more for the texts where none matched; each word stemmed once, by the
    extension, the unknown ones of a round in one query."""
    heads = sorted({re.escape(s[:3]) for s in stems}, key=len, reverse=True)
    starts = re.compile(r"\b(?:" + "|".join(heads) + r")\w*", re.IGNORECASE)
    out: dict[str, Optional[tuple[int, int]]] = {d: None for d in texts}
    left = {d: starts.finditer(t) for d, t in texts.items()}
    for take in (4, 60):
        tried = {d: [(m.start(), m.end(), _fold(m.group())) for m in _first(it, take)] for d, it in left.items()}
        _stem_words(con, {f for found in tried.values() for _, _, f in found})
        for d, found in tried.items():
            out[d] = next(((s, e) for s, e, f in found if _STEMS.get(f) in stems), None)
        left = {d: it for d, it in left.items() if out[d] is None and len(tried[d]) == take}
        if not left:
            break
    return out


def _first(it, n: int) -> list:
    return [m for _, m in zip(range(n), it)]


def _stem_words(con, words: set[str]) -> None:
    new = sorted(w for w in words if w not in _STEMS)
    if not new:
        return
    if len(_STEMS) > 100_000:
        _STEMS.clear()
    _STEMS.update(con.execute(f"SELECT w, stem(w, '{STEMMER}') FROM unnest(?::VARCHAR[]) AS u(w)", [new]).fetchall())


def snippet(text: str, span: Optional[tuple[int, int]]) -> tuple[str, str, int]:
    """(snippet, match, match_at): the text around `span`, cut at spaces, white space folded;
    without a span, the text's beginning (match "", match_at -1)."""
    if span is None:
        head = text[:BEFORE + AFTER]
        if len(text) > len(head):
            head = (head.rsplit(" ", 1)[0] if " " in head else head) + "…"
        return _SPACE.sub(" ", head).strip(), "", -1
    s, e = span
    lo, hi = max(0, s - BEFORE), min(len(text), e + AFTER)
    before, after = text[lo:s], text[e:hi]
    if lo > 0:
        before = "…" + (before.split(" ", 1)[1] if " " in before else before)
    if hi < len(text):
        after = (after.rsplit(" ", 1)[0] if " " in after else after) + "…"
    before, after = _SPACE.sub(" ", before).lstrip(), _SPACE.sub(" ", after).rstrip()
    return before + text[s:e] + after, text[s:e], len(before)
