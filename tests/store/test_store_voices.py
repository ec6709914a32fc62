"""Which events a corpus store counts, and in whose voice: what `graph.event_voice` said, stored by
the writer in `events.voice`; and a store written before that column still answering the same
(read-only through a view, migrated when opened to be written). Articles built by hand."""
from __future__ import annotations

import json

import duckdb
import pytest

from dyads.graph import article_relations
from dyads.model import Actor, ArticleResult, Document, Event, Mention
from dyads.store import Store, open_store
from dyads.store.corpus import rebuild_corpus
from dyads.store.migrate import is_old

MILITIA = ("A1", "Northern Militia", "armed_group", "group:northern-militia")
ARMY = ("A2", "Coastal Army", "state", "mil:coastal")
ENVOY = ("A3", "Island Republic", "country", "country:ISL")


def article(doc_id, events, source="Wire") -> ArticleResult:
    """events: (id, source, target, category, polarity, extra Event fields)."""
    actors = [MILITIA, ARMY, ENVOY]
    text = f"Article {doc_id}. " + " ".join(a[1] for a in actors)
    r = ArticleResult(
        document=Document(id=doc_id, source=source, date="2024-06-01", chars=len(text), sha256=doc_id),
        actors=[Actor(i, n, t, kb_id=k, aliases=[n], mentions=[Mention(0, 1, n)]) for i, n, t, k in actors],
        events=[Event(eid, cat, "x", 0, len(text), source=s, target=t, polarity=p, **kw)
                for eid, s, t, cat, p, kw in events])
    r.relations = article_relations(r.events)
    r.text = text
    return r


# d1: the article's own (E1); the militia's claim about itself (E2, source) and the army's about
# what was done to it (E3, target); the Island Republic's claim about the two (E4: a third party);
# the army's denial (E5), a threat (E6), a hypothetical (E7), the militia's negated claim (E8).
ARTICLES = [
    article("d1", [
        ("E1", "A1", "A2", "ASSAULT", -1, {}),
        ("E2", "A1", "A2", "ASSAULT", -1, {"claimed_by": "A1"}),
        ("E3", "A1", "A2", "COERCE", -1, {"claimed_by": "A2"}),
        ("E4", "A2", "A1", "AID", 1, {"claimed_by": "A3"}),
        ("E5", "A2", "A1", "ASSAULT", -1, {"claimed_by": "A2", "negated": True}),
        ("E6", "A2", "A1", "ASSAULT", -1, {"modality": "future"}),
        ("E7", "A3", "A1", "AID", 1, {"modality": "hypothetical"}),
        ("E8", "A1", "A3", "SUPPORT", 1, {"claimed_by": "A1", "negated": True}),
    ]),
    article("d2", [
        ("E1", "A3", "A2", "SUPPORT", 1, {"claimed_by": "A3"}),
        ("E2", "A3", "A2", "SUPPORT", 1, {"modality": "historical"}),
        ("E3", "A2", "A1", "ASSAULT", -1, {"claimed_by": "A3"}),
    ], source="Courier"),
]
KB = {a[0]: a[3] for a in (MILITIA, ARMY, ENVOY)}


def build(path, results=ARTICLES) -> None:
    with Store(str(path)) as st:
        st.write(results, st.start_run("test", [], "t"))
        rebuild_corpus(st)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "v.duckdb"
    build(path)
    return str(path)


def expected_pairs(include_claimed=True) -> dict:
    """(source kb id, target kb id) -> (weight, voices), summed over the articles' relations."""
    out: dict = {}
    for r in ARTICLES:
        for rel in article_relations(r.events, include_claimed):
            w, v = out.get((KB[rel.source], KB[rel.target]), (0, {}))
            out[(KB[rel.source], KB[rel.target])] = (w + rel.weight, {k: v.get(k, 0) + rel.voices.get(k, 0)
                                                                       for k in set(v) | set(rel.voices)})
    return out


def network_pairs(store, **kw) -> dict:
    net = store.network(directed=True, **kw)
    return {(r.source_id, r.target_id): (int(r.weight), r.voices) for r in net.itertuples()}


def test_the_writer_stores_each_events_voice(db):
    with open_store(db) as s:
        got = dict(((d, e), v) for d, e, v in s.sql("SELECT doc_id, event_id, voice FROM events").itertuples(index=False))
    assert {k: (v if isinstance(v, str) else None) for k, v in got.items()} == {
        ("d1", "E1"): "article", ("d1", "E2"): "self", ("d1", "E3"): "self", ("d1", "E4"): "other",
        ("d1", "E5"): None, ("d1", "E6"): None, ("d1", "E7"): None, ("d1", "E8"): None,
        ("d2", "E1"): "self", ("d2", "E2"): "article", ("d2", "E3"): "other"}


def test_the_store_network_gives_the_relations_of_the_articles(db):
    with open_store(db) as s:
        assert network_pairs(s) == expected_pairs() == {
            ("group:northern-militia", "mil:coastal"): (3, {"article": 1, "self": 2}),
            ("country:ISL", "mil:coastal"): (2, {"article": 1, "self": 1})}
        assert network_pairs(s, include_claimed=False) == expected_pairs(False) == {
            ("group:northern-militia", "mil:coastal"): (1, {"article": 1}),
            ("country:ISL", "mil:coastal"): (1, {"article": 1})}
        G = s.graph()
        assert G.edges["group:northern-militia", "mil:coastal"]["voices"] == {"article": 1, "self": 2}
        assert not G.has_edge("country:ISL", "group:northern-militia")  # only a hypothetical and a negated claim


def test_a_third_party_claim_is_an_event_and_a_voice_but_no_tie(db):
    with open_store(db) as s:
        ev = s.events(speaker="Island Republic")
        assert set(zip(ev["doc_id"], ev["event_id"], ev["voice"])) == {("d1", "E4", "other"), ("d2", "E1", "self"),
                                                                       ("d2", "E3", "other")}
        assert s.network(speaker="Island Republic")["weight"].tolist() == [1]   # only its claim about itself
        assert s.network(category="AID").empty                                  # E4 is the only asserted AID
        d = s.disagreements(kind="relation")
    # the army's attack on the militia: the Island Republic says so in d2, and says the army aided it in d1
    assert set(d["topic"]) == {"Coastal Army → Northern Militia"}
    assert sorted(zip(d["outlet"], d["speaker"], d["sign"])) == [("Courier", "Island Republic", -1),
                                                                  ("Wire", "Island Republic", 1)]


def test_the_article_voice_option_lists_only_unclaimed_events(db):
    with open_store(db) as s:
        own = s.events(include_claimed=False)
    assert sorted(zip(own["doc_id"], own["event_id"])) == [("d1", "E1"), ("d1", "E6"), ("d1", "E7"), ("d2", "E2")]


def make_old(path) -> None:
    """What dyads wrote before voices: no events.voice, no relations.voices, schema 1, and
    relations of the article's own voice only in the result JSON and table."""
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE events DROP COLUMN voice")
    con.execute("ALTER TABLE relations DROP COLUMN voices")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    con.execute("DELETE FROM relations")
    for doc_id, text in con.execute("SELECT doc_id, result FROM documents").fetchall():
        data = json.loads(text)
        old = article_relations([Event(**e) for e in data["events"] if e["claimed_by"] is None])
        data["relations"] = [{k: v for k, v in r.__dict__.items() if k != "voices"} for r in old]
        con.execute("UPDATE documents SET result = ? WHERE doc_id = ?", [json.dumps(data), doc_id])
        for r in old:
            con.execute("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [doc_id, r.source, r.target, r.polarity, r.weight, json.dumps(r.categories), r.events])
    con.close()


def test_a_store_written_before_voices_answers_read_only_and_is_migrated_when_written(tmp_path):
    path = tmp_path / "old.duckdb"
    build(path)
    make_old(path)
    with open_store(str(path)) as s:  # read-only: voices computed, read through a view
        assert is_old(s.con)
        assert network_pairs(s) == expected_pairs()
        assert network_pairs(s, include_claimed=False) == expected_pairs(False)
        assert s.events(speaker="Island Republic")["voice"].tolist().count("other") == 2
    with Store(str(path)):  # opened to be written: migrated in place
        pass
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert not is_old(con)
        assert con.execute("SELECT voice FROM events WHERE doc_id = 'd1' AND event_id = 'E3'").fetchone() == ("self",)
        rows = con.execute("SELECT source, target, weight, voices FROM relations WHERE doc_id = 'd1'").fetchall()
        assert [(s_, t, w, json.loads(v)) for s_, t, w, v in rows] == [("A1", "A2", 3, {"article": 1, "self": 2})]
        data = json.loads(con.execute("SELECT result FROM documents WHERE doc_id = 'd2'").fetchone()[0])
        assert [(r["source"], r["target"], r["voices"]) for r in data["relations"]] == [
            ("A3", "A2", {"article": 1, "self": 1})]
    finally:
        con.close()
    with open_store(str(path)) as s:
        assert network_pairs(s) == expected_pairs()


def test_a_new_store_is_not_migrated_again(db):
    with Store(db) as st:
        assert not is_old(st.con)


def test_cli_own_keeps_the_article_voice_and_is_refused_where_it_does_not_apply(db, tmp_path):
    from typer.testing import CliRunner

    from dyads.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["query", "network", "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    assert {(r["source_id"], r["target_id"]): r["voices"] for r in json.loads(res.stdout)} == {
        ("group:northern-militia", "mil:coastal"): {"article": 1, "self": 2}, ("country:ISL", "mil:coastal"): {"article": 1, "self": 1}}
    res = runner.invoke(app, ["query", "network", "--db", db, "--own", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert {r["weight"] for r in json.loads(res.stdout)} == {1}
    res = runner.invoke(app, ["query", "quotes", "--db", db, "--own"])
    assert res.exit_code == 2 and "--own does not apply" in res.output
    out = tmp_path / "own.json"
    res = runner.invoke(app, ["export", "--db", db, "--format", "json", "--own", str(out)])
    assert res.exit_code == 0, res.output
    links = json.loads(out.read_text(encoding="utf-8"))["links"]
    assert sorted(link["weight"] for link in links) == [1, 1] and all(link["voices"] == {"article": 1} for link in links)
