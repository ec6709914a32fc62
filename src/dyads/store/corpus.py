"""Actors across articles: the same actor in many articles is one corpus actor.

    rebuild_corpus(store)            # after writing documents: corpus_actors, corpus_actor_names, actor_links

An article's actor (`actors` row: doc_id, actor_id) joins a corpus actor by these rules, in order:

1. Knowledge base first. Actors linked to the same `kb_id` are one corpus actor, whose id is
   the kb_id ("person:bashar-al-assad"). "Bashar al-Assad", "Assad" and "President Assad" in
   three articles are one actor when the pipeline linked them, which it does for known actors.
2. Then names, for actors without a link. A name is compared by its key (`name_key`): case,
   accents, apostrophes, hyphens, the Arabic article ("al-", "el-"), a leading "the" and, for
   persons, leading titles ("President", "Gen.") left out; "Bashar al-Assad" and "bashar
   Assad" have the same key. Types are compared by family (`FAMILIES`): a country never joins
   a government or its army (they are different kb ids and different families), a person
   never joins a group.
   - An unlinked actor whose key is a name of exactly one linked corpus actor of the same
     family (its name or any alias with a capital letter seen in the corpus; "the regime" is
     a description, not a name) joins it; when several share the name, it joins none of them.
   - Otherwise unlinked actors with the same key and family are one corpus actor, with the id
     "name:<family>:<key>" ("name:person:riyad-darar", "name:group:rebels": a class of actors
     named alike, as event coders code "rebels" or "civilians").
   - A person named by one word only ("Darar", "President Assad") is a surname: it joins the
     one person of the corpus whose fuller name ends with that word, and only when there is
     exactly one; "Assad" alone stays apart when both Bashar and Hafez al-Assad are in the
     corpus.
   - A "person" without a capital letter ("a source", "one witness") is a description, not a
     name: it stays the article's own ("name:person:source@<doc_id>/<actor_id>").
   - Failing all else, a trailing "s" is dropped: the possessive of a corpus that lost its
     apostrophes ("Bashar al-Assads government").
   An unlinked actor's aliases are not used to join it to others: a pipeline error inside one
   article must not chain different actors together.

A corpus actor's name is its knowledge-base name when linked, else the fullest name most
articles use (names of several words first, then the most articles, then the longest). Its
type is the one most of its articles give. `corpus_actor_names` lists every form (each
article actor's name and aliases) with the number of articles naming it so.

The rules run over distinct (kb_id, type, name) triples, not over rows, and the tables are
filled by joins in DuckDB, so rebuilding is quick on large corpora (about 2 s for 10,000
articles); the three tables are emptied and filled in one transaction, so readers see the old
or the new corpus, never half, and the time of the rebuild is kept in `meta` ('corpus_built'):
a store with documents written after it is read with its corpus actors computed afresh.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any, Iterable, Optional

import pandas as pd
import pyarrow as pa

from ..kb.names import corpus_key as name_key  # the key actors of different articles are compared by
from .writer import _now

# type families compared by name matching: a country is not its government, a person not a group
FAMILIES = {
    "person": "person",
    "country": "country",
    "state": "state",
    "community": "community",
    "armed_group": "group",
    "political_group": "group",
    "organization": "group",
    "media": "group",
    "company": "group",
}

def family(type: Optional[str]) -> str:
    return FAMILIES.get(type or "", type or "unknown")


def _slug(key: str) -> str:
    return key.replace(" ", "-")


# ---------------------------------------------------------------- clustering

def cluster_actors(triples: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Corpus actors from the distinct article actors.

    `triples`: one row per distinct (kb_id, type, name) with `articles` (how many articles have
    such an actor) and `aliases` (every alias they use). Returns (mapping, clusters): mapping
    has kb_id, type, name, corpus_id (kb_id '' for none); clusters has corpus_id, name, type,
    kb_id."""
    rows = list(triples.itertuples(index=False))
    cid_of: list[Optional[str]] = [None] * len(rows)

    # 1. knowledge-base links, and the names each linked corpus actor goes by
    kb_index: dict[tuple[str, str], set[str]] = defaultdict(set)   # (family, key) -> kb ids
    surnames: dict[str, set[str]] = defaultdict(set)                 # last word -> person corpus ids
    for i, r in enumerate(rows):
        if not r.kb_id:
            continue
        cid_of[i] = r.kb_id
        fam = family(r.type)
        for form in _forms(r.name, r.aliases):
            if form != r.name and not _proper(form):
                continue  # a description ("the regime") is no name to match others by
            key = name_key(form, r.type)
            if not key:
                continue
            kb_index[(fam, key)].add(r.kb_id)
            if fam == "person":
                words = key.split()
                surnames[words[-1]].add(r.kb_id)

    # 2. unlinked actors: a name of exactly one linked actor, else a name cluster
    per_doc = [False] * len(rows)
    single_persons: list[tuple[int, str]] = []
    for i, r in enumerate(rows):
        if r.kb_id:
            continue
        fam = family(r.type)
        key = name_key(r.name, r.type)
        if not key:
            key = " ".join(str(r.name or "").casefold().split()) or "?"
        if fam == "person" and not _proper(r.name or ""):
            # "a source", "one witness": a description, not a name; each article's is its own
            cid_of[i], per_doc[i] = f"name:person:{_slug(key)}@", True
            continue
        if fam == "person" and " " not in key:
            single_persons.append((i, key))
            continue
        cid_of[i] = _one(kb_index, (fam, key)) or f"name:{fam}:{_slug(key)}"
        if fam == "person" and cid_of[i].startswith("name:"):
            surnames[key.split()[-1]].add(cid_of[i])

    # 3. a one-word person name is a surname: it joins the one person it can be
    for i, key in single_persons:
        cid_of[i] = _one(surnames, key) or f"name:person:{_slug(key)}"

    mapping = pd.DataFrame({
        "kb_id": [r.kb_id or "" for r in rows],
        "type": [r.type or "" for r in rows],
        "name": [r.name or "" for r in rows],
        "corpus_id": cid_of,
        "per_doc": per_doc,
    })

    return mapping, _clusters(rows, cid_of, per_doc)


def _clusters(rows: list, cid_of: list, per_doc: list) -> pd.DataFrame:
    """One row per corpus actor (corpus_id, name, type, kb_id): the KB name, else the fullest name
    most articles use; the commonest type. Per-article descriptions make none."""
    members: dict[str, list] = defaultdict(list)
    for r, cid, alone in zip(rows, cid_of, per_doc):
        if not alone:
            members[cid].append(r)
    out = []
    for cid, rs in members.items():
        linked = [r for r in rs if r.kb_id == cid]
        pool = linked or rs
        names: Counter = Counter()
        types: Counter = Counter()
        for r in pool:
            names[r.name] += int(r.articles)
        for r in pool:
            types[r.type] += int(r.articles)
        if linked:
            name = max(names, key=lambda n: (names[n], len(n), n))
        else:
            name = max(names, key=lambda n: (len(name_key(n).split()) > 1, names[n], len(n), n))
        type_ = max(types, key=lambda t: (types[t], t or ""))
        out.append((cid, name, type_, cid if linked else None))
    return pd.DataFrame(out, columns=["corpus_id", "name", "type", "kb_id"])


def _one(index: dict, key):
    """The one corpus id `index` has for `key`, else None (none, or several: ambiguous). A
    trailing "s" is dropped as a last resort: possessives whose apostrophe a corpus lost
    ("Bashar al-Assads", "Assads")."""
    hit = index.get(key, set())
    if not hit:
        k = key[-1] if isinstance(key, tuple) else key
        if k.endswith("s") and len(k.split()[-1]) > 3:
            hit = index.get((key[0], k[:-1]) if isinstance(key, tuple) else k[:-1], set())
    return next(iter(hit)) if len(hit) == 1 else None


def _proper(form: str) -> bool:
    """A proper name has a capital letter beyond a leading 'The'."""
    rest = re.sub(r"^(?i:the)\s+", "", form)
    return any(ch.isupper() for ch in rest)


def _forms(name: Optional[str], aliases: Any) -> Iterable[str]:
    if name:
        yield name
    if aliases is not None:
        for a in list(aliases):
            if a:
                yield a


# ---------------------------------------------------------------- the store

_TRIPLES_SQL = """
SELECT coalesce(kb_id, '') AS kb_id, coalesce(type, '') AS type, coalesce(name, '') AS name,
       count(DISTINCT doc_id) AS articles,
       list_distinct(flatten(list(coalesce(aliases, []::VARCHAR[])))) AS aliases
FROM actors GROUP BY ALL ORDER BY kb_id, type, name
"""

_LINKS_SQL = """
SELECT a.doc_id, a.actor_id,
       CASE WHEN m.per_doc::BOOLEAN THEN m.corpus_id::VARCHAR || a.doc_id || '/' || a.actor_id
            ELSE m.corpus_id::VARCHAR END AS corpus_id
FROM actors a JOIN _corpus_map m  -- the casts: an empty mapping frame comes without column types
  ON coalesce(a.kb_id, '') = m.kb_id::VARCHAR AND coalesce(a.type, '') = m.type::VARCHAR
 AND coalesce(a.name, '') = m.name::VARCHAR
"""

_ACTORS_SQL = """
SELECT l.corpus_id, coalesce(any_value(c.name), any_value(a.name)) AS name,
       coalesce(any_value(c.type), any_value(a.type)) AS type, any_value(c.kb_id) AS kb_id,
       count(DISTINCT a.doc_id)::INTEGER AS articles, coalesce(sum(a.mentions), 0)::INTEGER AS mentions
FROM actor_links l
JOIN actors a ON a.doc_id = l.doc_id AND a.actor_id = l.actor_id
LEFT JOIN _corpus_clusters c ON c.corpus_id = l.corpus_id
GROUP BY l.corpus_id
"""

_NAMES_SQL = """
SELECT l.corpus_id, f.form AS name, count(DISTINCT a.doc_id)::INTEGER AS count
FROM actors a
JOIN actor_links l ON l.doc_id = a.doc_id AND l.actor_id = a.actor_id,
     unnest(list_distinct(list_prepend(a.name, coalesce(a.aliases, []::VARCHAR[])))) AS f(form)
WHERE f.form IS NOT NULL AND f.form <> ''
GROUP BY ALL
"""


def corpus_frames(con) -> dict[str, pd.DataFrame]:
    """The three corpus tables computed from a connection's `actors` (nothing written):
    {"corpus_actors", "corpus_actor_names", "actor_links"}. Registers helper views on `con`."""
    triples = con.execute(_TRIPLES_SQL).df()
    mapping, clusters = cluster_actors(triples)
    con.register("_corpus_map", pa.Table.from_pandas(mapping, preserve_index=False))
    con.register("_corpus_clusters", pa.Table.from_pandas(clusters, preserve_index=False))
    try:
        links = con.execute(_LINKS_SQL).df()
        con.register("_corpus_links", links)
        actors = con.execute(_ACTORS_SQL.replace("actor_links", "_corpus_links")).df()
        names = con.execute(_NAMES_SQL.replace("actor_links", "_corpus_links")).df()
        con.unregister("_corpus_links")
    finally:
        con.unregister("_corpus_map")
        con.unregister("_corpus_clusters")
    return {"corpus_actors": actors, "corpus_actor_names": names, "actor_links": links}


def is_stale(con) -> bool:
    """Whether documents were written after the corpus actors were last rebuilt."""
    return bool(con.execute(
        """SELECT coalesce((SELECT max(stored_at) FROM documents)
                           > (SELECT TRY_CAST(value AS TIMESTAMP) FROM meta WHERE key = 'corpus_built'), true)
               OR (SELECT count(*) FROM actors) <> (SELECT count(*) FROM actor_links)
               OR EXISTS (SELECT 1 FROM actors a ANTI JOIN actor_links l USING (doc_id, actor_id))""").fetchone()[0])


def rebuild_corpus(store) -> dict[str, int]:
    """Recompute the corpus actors of a writable `Store` from its article actors: empty and
    fill corpus_actors, corpus_actor_names and actor_links in one transaction. Returns the row
    counts written. Called at the end of every ingest; safe to run any time."""
    con = store.con
    triples = con.execute(_TRIPLES_SQL).df()
    if triples.empty:  # no actors yet: nothing to cluster
        con.execute("BEGIN TRANSACTION")
        for t in ("actor_links", "corpus_actor_names", "corpus_actors"):
            con.execute(f"DELETE FROM {t}")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('corpus_built', ?)", [_now().isoformat()])
        con.execute("COMMIT")
        return {"corpus_actors": 0, "corpus_actor_names": 0, "actor_links": 0}
    mapping, clusters = cluster_actors(triples)
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("_corpus_map", pa.Table.from_pandas(mapping, preserve_index=False))
        con.register("_corpus_clusters", pa.Table.from_pandas(clusters, preserve_index=False))
        for t in ("actor_links", "corpus_actor_names", "corpus_actors"):
            con.execute(f"DELETE FROM {t}")
        con.execute(f"INSERT INTO actor_links (doc_id, actor_id, corpus_id) {_LINKS_SQL}")
        con.execute(f"INSERT INTO corpus_actors (corpus_id, name, type, kb_id, articles, mentions) {_ACTORS_SQL}")
        con.execute(f"INSERT INTO corpus_actor_names (corpus_id, name, count) {_NAMES_SQL}")
        # when: a document stored later makes the corpus stale (see CorpusStore)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('corpus_built', ?)", [_now().isoformat()])
        con.unregister("_corpus_map")
        con.unregister("_corpus_clusters")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("corpus_actors", "corpus_actor_names", "actor_links")}
