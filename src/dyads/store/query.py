"""Reading a corpus store: pandas DataFrames over corpus actors.

    store = dyads.open_store("corpus.duckdb")          # read-only; E104 when there is none
    store.actors(name="assad")                         # corpus actors, their names and counts
    store.events(actor="Assad", category="ASSAULT", since="2014-03")
    store.quotes(speaker="Riyad Darar")
    store.quantities(actor="Alawites")
    store.network(min_weight=2)                        # relations folded over articles, per pair
    store.camps()                                      # structural-balance camps of that network
    store.disagreements()                              # where outlets and speakers differ
    store.incidents(min_articles=2)                    # happenings told by several articles (incidents.py)
    G = store.graph()                                  # the signed networkx graph, for exports

Filters, the same wherever they apply:
- `actor`: a corpus actor by its name or any name form it goes by ("Assad", "President Assad"),
  case, accents, hyphens and "al-" aside (`corpus.name_key`), or by its corpus id. Events and
  the network: either end; quotes: the speaker; quantities: what the number is about.
- `speaker`: who asserts it (`claimed_by`, a quote's speaker), matched the same way.
- `category`: a PLOVER category (case-insensitive). `source`: the outlet, `documents.source`.
- `since`, `until`: ISO "YYYY", "YYYY-MM" or "YYYY-MM-DD", inclusive, a period overlapping them
  counts ("2014" is within since="2014-03"). Events go by their own date where the text fixes
  one, else the article's; everything else (quotes, quantities, the network: what was reported
  then) by the article's date. Article dates are read as stored ("2014-03-20", "4/5/2017"
  month first as in US metadata, "20 March 2014") by the `dyads_day` SQL macro.
- `limit`: at most that many rows.

The network counts what `graph.article_relations` counts, between two different corpus actors:
the events `graph.event_voice` gives the article's voice or a side's own ("article", "self"),
which the writer stored in `events.voice` (a store written before gets it: `migrate.py`);
queries filter on that column and never restate the rule. `include_claimed=False` keeps the
articles' own voice only; a third party's claim ("other") never counts, though events and
disagreements show it. Every value reaches SQL as a parameter.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Optional, Sequence

import duckdb
import pandas as pd

from ..errors import DyadsError
from ..graph import as_date, counting_voices
from .corpus import corpus_frames, name_key
from .incident_queries import IncidentQueries
from .migrate import event_voices, is_old, shadow_events
from .locks import READER_WAIT
from .network_queries import EPS, NO_OUTLET, NetworkQueries  # noqa: F401  (EPS re-exported)
from .writer import Connected, default_db, existing, open_connection

_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

DAY_MACRO = r"""
CREATE OR REPLACE TEMP MACRO dyads_day(d) AS (
  CASE
    WHEN d IS NULL OR trim(d) = '' THEN NULL
    WHEN regexp_full_match(trim(d), '\d{4}(-\d{2}){0,2}') THEN trim(d)
    WHEN regexp_matches(d, '^\s*\d{4}-\d{1,2}-\d{1,2}') THEN
      strftime(try_strptime(regexp_extract(d, '^\s*(\d{4}-\d{1,2}-\d{1,2})', 1), '%Y-%m-%d'), '%Y-%m-%d')
    WHEN regexp_matches(d, '^\s*\d{1,2}[/.]\d{1,2}[/.]\d{4}') THEN strftime(
      CASE WHEN CAST(regexp_extract(d, '^\s*(\d{1,2})', 1) AS INTEGER) > 12
           THEN try_strptime(regexp_replace(regexp_extract(d, '^\s*(\d{1,2}[/.]\d{1,2}[/.]\d{4})', 1), '[.]', '/', 'g'), '%d/%m/%Y')
           ELSE try_strptime(regexp_replace(regexp_extract(d, '^\s*(\d{1,2}[/.]\d{1,2}[/.]\d{4})', 1), '[.]', '/', 'g'), '%m/%d/%Y')
      END, '%Y-%m-%d')
    WHEN regexp_full_match(trim(d), '\d{8}') THEN strftime(try_strptime(trim(d), '%Y%m%d'), '%Y-%m-%d')
    ELSE strftime(try_strptime(trim(d), ['%d %B %Y', '%B %d, %Y', '%B %d %Y', '%d %b %Y', '%b %d, %Y', '%b %d %Y',
                                         '%a, %d %b %Y %H:%M:%S %Z', '%A, %d %B %Y']), '%Y-%m-%d')
  END)
"""

# documents with their day and outlet, made once per connection
_DOCS = """CREATE OR REPLACE TEMP TABLE dyads_docs AS
SELECT doc_id, title, date AS raw_date, dyads_day(date) AS day, source AS outlet, url, chars, run_id, stored_at
FROM documents"""

QUERIES = ("documents", "actors", "events", "quotes", "quantities", "network", "camps", "disagreements", "incidents",
           "search")


def check_date(value: Optional[str], what: str = "--since", give: str = "--since and --until") -> Optional[str]:
    """`value` as an ISO date prefix (YYYY, YYYY-MM, YYYY-MM-DD), None when empty; else E109
    naming `what` was given and, as `give`, the options to give as dates (the web passes its
    own query parameters: an API caller has no --since)."""
    if value is None or value == "":
        return None
    v = str(value).strip()
    try:
        ok = bool(_ISO.fullmatch(v)) and bool(_dt.date.fromisoformat((v + "-01-01")[:10]))
    except ValueError:
        ok = False
    if not ok:
        raise DyadsError("E109", detail=f"{what} {value!r}", give=give)
    return v


class _Where:
    """WHERE clauses and their parameters, built together."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.clauses)) if self.clauses else ""

    def dates(self, expr: str, since: Optional[str], until: Optional[str]) -> None:
        since, until = check_date(since, "--since"), check_date(until, "--until")
        # '~' sorts after digits and '-': "2014~" >= "2014-03" and "2014-03-20" <= "2014-03~"
        if since:
            self.add(f"({expr}) || '~' >= ?", since)
        if until:
            self.add(f"({expr}) <= ?", until + "~")

    def outlet(self, expr: str, source: Optional[str]) -> None:
        if source:
            self.add(f"lower({expr}) = lower(?)", source)

    def ids(self, exprs: list[str], ids: Optional[list[str]]) -> None:
        """Any of `exprs` is one of `ids` (None: no filter; []: nothing matches)."""
        if ids is None:
            return
        self.add("(" + " OR ".join(f"list_contains(?, {e})" for e in exprs) + ")", *([ids] * len(exprs)))


class CorpusStore(NetworkQueries, IncidentQueries, Connected):
    """A corpus store opened read-only for queries; methods return pandas DataFrames."""

    lock_wait = READER_WAIT  # seconds to wait while an ingest holds the file, before E107

    def __init__(self, path=None):
        self.path = existing(str(path or default_db()))
        self._names: Optional[pd.DataFrame] = None
        self._open(self._connect())

    def _open(self, con) -> None:
        """Read the store through `con`: check it is a corpus store (E105), make the
        per-connection `dyads_day` macro and `dyads_docs` table, and the corpus actors when stale."""
        self.con = con
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        missing = {"documents", "actors", "events", "meta", "corpus_actors", "actor_links"} - tables
        if missing:
            self.con.close()
            raise DyadsError("E105", path=self.path, detail=f"not a dyads corpus store (no {', '.join(sorted(missing))} table)")
        if is_old(self.con):  # written before events carried their voice: computed here, read through a view
            shadow_events(self.con, self._event_voices())
        self.con.execute(DAY_MACRO)
        self.con.execute(_DOCS)
        self.stale_corpus = self._corpus_is_stale()
        if self.stale_corpus:  # written without rebuild_corpus: compute the corpus actors in memory
            for name, frame in corpus_frames(self.con).items():
                self.con.register(f"_fresh_{name}", frame)
                self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _fresh_{name}")
                self.con.unregister(f"_fresh_{name}")

    def _event_voices(self):
        """doc_id, event_id, voice of an old store's events (migrate.event_voices)."""
        return event_voices(self.con)

    def _connect(self):
        """Read-only; waits (bounded) while an ingest writes a batch, E107 after (locks.py)."""
        return open_connection(self.path, read_only=True, wait=self.lock_wait)

    def _event_filter(self, actor, speaker, category, source) -> "_Where":
        """The conditions events are filtered by: an actor at either end, who claims it, its
        category, the outlet."""
        w = _Where()
        w.ids(["ls.corpus_id", "lt.corpus_id"], self.match(actor))
        w.ids(["lc.corpus_id"], self.match(speaker))
        if category:
            w.add("e.category = upper(?)", category)
        w.outlet("d.outlet", source)
        return w

    def _corpus_is_stale(self) -> bool:
        """Whether documents were written after the corpus actors were last rebuilt."""
        from .corpus import is_stale

        return is_stale(self.con)

    def sql(self, query: str, params: Optional[list] = None) -> pd.DataFrame:
        """Any read-only SQL over the store (tables of schema.py, plus `dyads_docs` and the
        `dyads_day(date)` macro), with parameters."""
        return self.con.execute(query, params or []).df()

    # ------------------------------------------------------------ actors

    def _name_forms(self) -> pd.DataFrame:
        if self._names is None:
            df = self.con.execute("""SELECT corpus_id, name FROM corpus_actor_names
                                     UNION SELECT corpus_id, name FROM corpus_actors""").df()
            df["key"] = [name_key(n) for n in df["name"]]
            df["fold"] = [" ".join(str(n).casefold().split()) for n in df["name"]]
            self._names = df
        return self._names

    def match(self, actor: Optional[str]) -> Optional[list[str]]:
        """The corpus ids an actor filter names (None when there is no filter): its corpus id,
        or any name form, compared by `name_key` (else case-insensitively); failing that, the
        actors a form of which holds it as whole words ("Darar" for "Riyad Darar")."""
        if actor is None or str(actor).strip() == "":
            return None
        forms = self._name_forms()
        key, fold = name_key(actor), " ".join(str(actor).casefold().split())
        hit = (forms["key"] == key) if key else (forms["fold"] == fold)
        hit |= forms["fold"] == fold
        hit |= forms["corpus_id"] == str(actor).strip()
        if not hit.any() and key:
            hit = forms["key"].map(lambda k: f" {key} " in f" {k} ")
        return sorted(set(forms.loc[hit, "corpus_id"]))

    def documents(self, source: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                  limit: Optional[int] = None) -> pd.DataFrame:
        """The stored documents (without their text): id, title, date as stored and as ISO
        `day`, outlet, url, size, the run that stored them, and how many actors and events."""
        w = _Where()
        w.outlet("d.outlet", source)
        w.dates("d.day", since, until)
        return self._run(f"""
            SELECT d.doc_id, d.title, d.raw_date AS date, d.day, d.outlet, d.url, d.chars, d.run_id, d.stored_at,
                   (SELECT count(*) FROM actors a WHERE a.doc_id = d.doc_id) AS actors,
                   (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events
            FROM dyads_docs d {w.sql()} ORDER BY d.day NULLS LAST, d.doc_id""", w.params, limit)

    def actors(self, name: Optional[str] = None, type: Optional[str] = None, limit: Optional[int] = None) -> pd.DataFrame:
        """Corpus actors, most articles first: corpus_id, name, type, kb_id, articles, mentions,
        and `names`, every form with the number of articles using it. `name` keeps actors any of
        whose forms contains it (case-insensitive); `type` an actor type."""
        w = _Where()
        if name:
            w.add("""c.corpus_id IN (SELECT corpus_id FROM corpus_actor_names WHERE contains(lower(name), lower(?))
                                     UNION SELECT corpus_id FROM corpus_actors WHERE contains(lower(name), lower(?))
                                     UNION SELECT ?)""", name, name, name)
        if type:
            w.add("c.type = ?", type)
        df = self._run(f"""
            SELECT c.corpus_id, c.name, c.type, c.kb_id, c.articles, c.mentions,
                   (SELECT list({{'name': n.name, 'count': n.count}} ORDER BY n.count DESC, n.name)
                    FROM corpus_actor_names n WHERE n.corpus_id = c.corpus_id) AS names
            FROM corpus_actors c {w.sql()}
            ORDER BY c.articles DESC, c.mentions DESC, c.name""", w.params, limit)
        df["names"] = [{d["name"]: int(d["count"]) for d in (v if v is not None else [])} for v in df["names"]]
        return df

    # ------------------------------------------------------------ items of articles

    def events(self, actor: Optional[str] = None, category: Optional[str] = None, source: Optional[str] = None,
               since: Optional[str] = None, until: Optional[str] = None, include_claimed: bool = True,
               speaker: Optional[str] = None, limit: Optional[int] = None) -> pd.DataFrame:
        """Events with the corpus actors at their ends and who claims them, the article's day and
        outlet, the sentence they were found in and `voice` (graph.event_voice: "article" and
        "self" make relations, "other" is a third party's claim, null asserts no tie); in date
        order. Every event is listed; `include_claimed=False` keeps those in the articles' own
        voice (no `claimed_by`)."""
        w = self._event_filter(actor, speaker, category, source)
        if not include_claimed:
            w.add("e.claimed_by IS NULL")
        w.dates("coalesce(e.date, d.day)", since, until)
        return self._run(f"""
            SELECT e.doc_id, e.event_id, coalesce(e.date, d.day) AS date, d.day AS article_date, d.outlet,
                   e.category, e.mode, e.trigger, e.polarity, e.negated, e.modality,
                   ls.corpus_id AS source_id, cs.name AS source, lt.corpus_id AS target_id, ct.name AS target,
                   lc.corpus_id AS claimed_by_id, cc.name AS claimed_by, e.voice, e.cameo, e.quote,
                   substr(x.text, e.start + 1, e."end" - e.start) AS sentence
            FROM events e
            JOIN dyads_docs d ON d.doc_id = e.doc_id
            JOIN documents x ON x.doc_id = e.doc_id
            {_link("s", "e.source")} {_link("t", "e.target")} {_link("c", "e.claimed_by")}
            {w.sql()}
            ORDER BY date NULLS LAST, e.doc_id, e.start, e.event_id""", w.params, limit)

    def quotes(self, speaker: Optional[str] = None, source: Optional[str] = None, since: Optional[str] = None,
               until: Optional[str] = None, actor: Optional[str] = None, limit: Optional[int] = None) -> pd.DataFrame:
        """Quotes with their speaker as a corpus actor, the article's day and outlet. `actor`
        is the speaker too."""
        w = _Where()
        w.ids(["ls.corpus_id"], self.match(speaker))
        w.ids(["ls.corpus_id"], self.match(actor))
        w.outlet("d.outlet", source)
        w.dates("d.day", since, until)
        return self._run(f"""
            SELECT q.doc_id, q.quote_id, d.day AS date, d.outlet, ls.corpus_id AS speaker_id, cs.name AS speaker,
                   q.speaker_text, q.cue, q.kind, q.text
            FROM quotes q JOIN dyads_docs d ON d.doc_id = q.doc_id
            {_link("s", "q.speaker")}
            {w.sql()}
            ORDER BY d.day NULLS LAST, q.doc_id, q.start""", w.params, limit)

    def quantities(self, actor: Optional[str] = None, source: Optional[str] = None, since: Optional[str] = None,
                   until: Optional[str] = None, speaker: Optional[str] = None, unit: Optional[str] = None,
                   limit: Optional[int] = None) -> pd.DataFrame:
        """Quantities with what they are about (`subject`) and who states them (`claimed_by`) as
        corpus actors, the article's day and outlet."""
        w = _Where()
        w.ids(["ls.corpus_id"], self.match(actor))
        w.ids(["lc.corpus_id"], self.match(speaker))
        if unit:
            w.add("lower(q.unit) = lower(?)", unit)
        w.outlet("d.outlet", source)
        w.dates("d.day", since, until)
        return self._run(f"""
            SELECT q.doc_id, q.quantity_id, d.day AS date, d.outlet, q.text, q.value, q.low, q.high, q.approx,
                   q.unit, q.counts, ls.corpus_id AS subject_id, cs.name AS subject,
                   lc.corpus_id AS claimed_by_id, cc.name AS claimed_by
            FROM quantities q JOIN dyads_docs d ON d.doc_id = q.doc_id
            {_link("s", "q.subject")} {_link("c", "q.claimed_by")}
            {w.sql()}
            ORDER BY d.day NULLS LAST, q.doc_id, q.start""", w.params, limit)

    # ------------------------------------------------------------ the network

    def ties(self, actor: Optional[str] = None, category: Optional[str] = None, source: Optional[str] = None,
             since: Optional[str] = None, until: Optional[str] = None, speaker: Optional[str] = None,
             include_claimed: bool = True, doc: Optional[str] = None,
             voices: Optional[Sequence[str]] = None) -> pd.DataFrame:
        """The counting events grouped by article, ordered pair of corpus actors, category,
        speaker and voice: doc_id, s, t, category, outlet, day, speaker, voice, n (events), value
        (summed polarity), pos, neg, events (ids), incidents (the incidents they report, incidents.py;
        an event in none is its own, "doc#E3"); in document order, then by where in the
        article each group's first event is (so the first row of a pair shows who acted first).
        What network, graph, camps and disagreements fold. The events that count are those whose
        stored `voice` is one of `voices` (default `graph.counting_voices(include_claimed)`: the
        article's and the sides' own; disagreements add a third party's, "other"). `doc`: one
        article's only."""
        w = self._event_filter(actor, speaker, category, source)
        if doc is not None:
            w.add("e.doc_id = ?", doc)
        w.add("list_contains(?, e.voice)", list(voices if voices is not None else counting_voices(include_claimed)))
        w.add("ls.corpus_id <> lt.corpus_id")
        w.dates("d.day", since, until)
        df = self.con.execute(f"""
            SELECT e.doc_id, ls.corpus_id AS s, lt.corpus_id AS t, e.category, d.outlet, d.day,
                   lc.corpus_id AS speaker, e.voice, count(*)::INTEGER AS n,
                   sum(greatest(-1, least(1, e.polarity)))::DOUBLE AS value,
                   count(*) FILTER (WHERE e.polarity > 0)::INTEGER AS pos,
                   count(*) FILTER (WHERE e.polarity < 0)::INTEGER AS neg,
                   list(e.event_id ORDER BY e.start, e.event_id) AS events,
                   list(DISTINCT coalesce(ir.incident_id, e.doc_id || '#' || e.event_id)) AS incidents
            FROM events e JOIN dyads_docs d ON d.doc_id = e.doc_id
            LEFT JOIN ({self.incident_of()}) ir ON ir.doc_id = e.doc_id AND ir.event_id = e.event_id
            JOIN actor_links ls ON ls.doc_id = e.doc_id AND ls.actor_id = e.source
            JOIN actor_links lt ON lt.doc_id = e.doc_id AND lt.actor_id = e.target
            LEFT JOIN actor_links lc ON lc.doc_id = e.doc_id AND lc.actor_id = e.claimed_by
            {w.sql()}
            GROUP BY ALL ORDER BY e.doc_id, min(e.start), s, t, e.category""", w.params).df()
        # an undated article's day is None, never NaN: days are compared as strings downstream
        df["day"] = [as_date(x) for x in df["day"]]
        return df

    def disagreements(self, kind: Optional[str] = None, actor: Optional[str] = None, category: Optional[str] = None,
                      source: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                      speaker: Optional[str] = None, limit: Optional[int] = None) -> pd.DataFrame:
        """Where sources disagree (see `disagree.py`): relations between the same two corpus actors
        that one voice (an outlet, or a speaker it quotes) calls cooperative and another
        conflictual, and numbers about the same thing that differ. One row per topic and voice."""
        from .disagree import disagreements

        return disagreements(self, kind=kind, actor=actor, category=category, source=source, since=since,
                             until=until, speaker=speaker, limit=limit)

    def search(self, words=None, actor: Optional[str] = None, source: Optional[str] = None,
               since: Optional[str] = None, until: Optional[str] = None, limit: Optional[int] = None) -> pd.DataFrame:
        """Articles holding every one of `words` (a string, or the command line's list of words)
        in their title or text, in any form the stemmer
        joins, best first (BM25 over DuckDB's full-text index, search.py): doc_id, title, date,
        outlet, score, snippet, match, match_at; at most `limit` (default 100). `actor`: articles
        where it appears. `attrs`: `total` hits and coded `warnings` (W101-W103) when the index
        could not answer alone; E114 without words."""
        from .search import search

        text = words if isinstance(words, str) or words is None else " ".join(words)
        return search(self.con, text, ids=self.match(actor), source=source, since=since, until=until, limit=limit)

    # ------------------------------------------------------------ helpers

    def query(self, what: str, **options) -> pd.DataFrame:
        """Run one of QUERIES by name with the options it takes (E110, E111 otherwise); options
        that are None are left out; `own=True` is `include_claimed=False`."""
        import inspect

        if what not in QUERIES:
            raise DyadsError("E110", what="query", detail=what, choices=", ".join(QUERIES))
        fn = getattr(self, what)
        if what == "camps":
            takes = set(inspect.signature(self.graph).parameters) | {"method", "limit"}
        else:
            takes = set(inspect.signature(fn).parameters)
        given = {k: v for k, v in options.items() if v is not None}
        if given.pop("own", False):  # the command line's --own: the articles' own voice only
            given["include_claimed"] = False
        if what == "actors" and "actor" in given:  # --actor names the actor to list
            given["name"] = given.pop("actor")
        if not given.get("words"):  # the command line's WORDS (search's), none given
            given.pop("words", None)
        extra = sorted(set(given) - takes)
        if extra:
            shown = sorted(t for t in takes if t not in ("directed", "method", "words"))
            raise DyadsError("E111", what=f"query {what}", detail=", ".join(_flag(k) for k in extra),
                             choices=", ".join(_flag(t) for t in shown))
        limit = given.pop("limit", None) if what == "camps" else None
        df = fn(**given)
        return df.head(limit) if limit else df

    def _run(self, sql: str, params: list, limit: Optional[int]) -> pd.DataFrame:
        if limit:
            sql += " LIMIT ?"
            params = params + [int(limit)]
        return self.con.execute(sql, params).df()


def _flag(option: str) -> str:
    """The command-line flag of a query option (`include_claimed=False` is `--own`)."""
    if option == "words":  # search's argument
        return "WORDS"
    return "--own" if option == "include_claimed" else "--" + option.replace("_", "-")


def _link(a: str, col: str) -> str:
    """Joins from an article actor id column (`e.source`) to its corpus actor: the link as
    `l<a>`, the corpus actor as `c<a>` (no user value is formatted in)."""
    table = col.split(".")[0]
    return (f"LEFT JOIN actor_links l{a} ON l{a}.doc_id = {table}.doc_id AND l{a}.actor_id = {col} "
            f"LEFT JOIN corpus_actors c{a} ON c{a}.corpus_id = l{a}.corpus_id")
