"""The corpus store read back: corpus actors across articles, queries, the network, its camps,
where sources disagree, exports and `dyads query` / `dyads export`.

First, model-free tests on articles built by hand (the rules of `rebuild_corpus`, the folding of
the network, the date filters); then a small corpus of the team's own articles, analysed by the
real pipeline (slow), where two outlets disagree: one gives the Alawites 10 per cent of the
population and another 12 per cent; one says Turkey supported the Free Syrian Army and another
that Turkey attacked it.
"""
from __future__ import annotations

import csv
import json
import re

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import dyads
from dyads.cli import app
from dyads.errors import DyadsError
from dyads.model import Actor, ArticleResult, Document, Event, Mention, Quantity
from dyads.store import Store, open_store
from dyads.store.corpus import cluster_actors, name_key, rebuild_corpus
from dyads.store.export import EXPORT_TABLES, export

runner = CliRunner()


# ---------------------------------------------------------------- hand-built articles

def article(doc_id, actors, events=(), quantities=(), source=None, date=None) -> ArticleResult:
    """actors: (id, name, type, kb_id, aliases); events: (source, target, category, polarity[, claimed_by]);
    quantities: (text, value, unit, counts, subject[, claimed_by])."""
    text = f"Article {doc_id}. " + " ".join(a[1] for a in actors)
    acts = [Actor(id=i, name=n, type=t, kb_id=k, aliases=list(al), mentions=[Mention(0, 1, n)])
            for i, n, t, k, al in actors]
    evs = [Event(id=f"E{j + 1}", category=e[2], trigger="x", start=0, end=len(text), source=e[0], target=e[1],
                 polarity=e[3], claimed_by=e[4] if len(e) > 4 else None) for j, e in enumerate(events)]
    qs = [Quantity(id=f"N{j + 1}", text=q[0], start=0, end=1, value=q[1], unit=q[2], counts=q[3], subject=q[4],
                   claimed_by=q[5] if len(q) > 5 else None) for j, q in enumerate(quantities)]
    r = ArticleResult(document=Document(id=doc_id, source=source, date=date, chars=len(text), sha256=doc_id),
                      actors=acts, events=evs, quantities=qs)
    r.text = text
    return r


BASHAR = ("A1", "Bashar al-Assad", "person", "person:bashar-al-assad", ["Bashar al-Assad"])
HAFEZ = ("A2", "Hafez al-Assad", "person", "person:hafez-al-assad", ["Hafez al-Assad"])


def build(path, results, rebuild=True):
    with Store(str(path)) as st:
        st.write(results, st.start_run("test", [], "t"))
        if rebuild:
            return rebuild_corpus(st)


def links(path) -> dict:
    """(doc_id, actor_id) -> corpus_id."""
    with open_store(str(path)) as s:
        return {(d, a): c for d, a, c in s.sql("SELECT doc_id, actor_id, corpus_id FROM actor_links").itertuples(index=False)}


def test_events_keep_trigger_offsets_and_a_store_written_before_them_gains_the_columns(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    build(path, [article("d1", [BASHAR, HAFEZ], [("A1", "A2", "ASSAULT", -1)])], rebuild=False)
    con = duckdb.connect(str(path))  # a store as written before events had trigger offsets
    con.execute("ALTER TABLE events DROP COLUMN trigger_start")
    con.execute("ALTER TABLE events DROP COLUMN trigger_end")
    con.close()
    new = article("d2", [BASHAR, HAFEZ], [("A2", "A1", "ASSAULT", -1)])
    new.events[0].trigger_start, new.events[0].trigger_end = 3, 7
    build(path, [new], rebuild=False)
    with open_store(str(path)) as s:
        rows = s.sql("SELECT doc_id, trigger_start, trigger_end FROM events ORDER BY doc_id")
    assert [tuple(r) for r in rows.itertuples(index=False)][1] == ("d2", 3, 7)
    assert pd.isna(rows["trigger_start"].iloc[0])  # the old row: unknown, not invented


@pytest.mark.parametrize("name,type,key", [
    ("President Bashar al-Assad", "person", "bashar assad"),
    ("Bashar Al-Assad", "person", "bashar assad"),
    ("Assad's", "person", "assad"),
    ("Gen. Qassem Soleimani", "person", "qassem soleimani"),
    ("The Free Syrian Army", "armed_group", "free syrian army"),
    ("Hizbullah", "armed_group", "hizbullah"),
    ("Shi'ites", "community", "shiites"),
    ("Président", "person", "president"),            # a title alone stays: nothing else is left
    ("President of Syria", "state", "president of syria"),  # titles are stripped from persons only
])
def test_name_key(name, type, key):
    assert name_key(name, type) == key


def test_kb_links_and_names_make_one_corpus_actor_and_a_surname_joins_the_one_person(tmp_path):
    db = tmp_path / "c.duckdb"
    build(db, [
        article("d1", [BASHAR, ("A2", "Riyad Darar", "person", None, ["Riyad Darar"]),
                       ("A3", "Syria", "country", "country:SYR", ["Syria"])]),
        article("d2", [("A1", "Assad", "person", "person:bashar-al-assad", ["President Assad"]),
                       ("A2", "Darar", "person", None, ["Darar"]),
                       ("A3", "Syrian government", "state", "gov:SYR", ["the regime"])]),
        # unlinked names of linked actors join them; a country and its government stay two
        article("d3", [("A1", "Bashar Assad", "person", None, []), ("A2", "Syrian Government", "state", None, []),
                       ("A3", "Syria", "state", None, []), ("A4", "regime", "state", None, [])]),
    ])
    ln = links(db)
    assert ln[("d1", "A1")] == ln[("d2", "A1")] == ln[("d3", "A1")] == "person:bashar-al-assad"
    assert ln[("d1", "A2")] == ln[("d2", "A2")] == "name:person:riyad-darar"
    assert ln[("d3", "A2")] == "gov:SYR"
    assert ln[("d3", "A3")] not in ("country:SYR", "gov:SYR")      # 'Syria' as a state is not the country
    assert ln[("d3", "A4")] != "gov:SYR"                            # a description ('the regime') names nothing
    with open_store(str(db)) as s:
        a = s.actors().set_index("corpus_id")
        assert a.loc["person:bashar-al-assad", "name"] == "Bashar al-Assad"
        assert a.loc["person:bashar-al-assad", "articles"] == 3
        assert {"Bashar al-Assad", "Assad", "President Assad", "Bashar Assad"} <= set(a.loc["person:bashar-al-assad", "names"])
        assert a.loc["name:person:riyad-darar", "name"] == "Riyad Darar"   # the fullest name, not the commoner
        assert a.loc["name:person:riyad-darar", "names"] == {"Riyad Darar": 1, "Darar": 1}
        assert a.loc["country:SYR", "type"] == "country" and a.loc["gov:SYR", "type"] == "state"
        assert set(s.query("actors", actor="syria", type="state")["corpus_id"]) == {"gov:SYR", "name:state:syria"}
        # an actor filter takes any name form
        assert s.match("president assad") == ["person:bashar-al-assad"]
        assert s.match("DARAR") == ["name:person:riyad-darar"]
        assert s.match("nobody at all") == []
        assert s.match("Riyad") == ["name:person:riyad-darar"]   # failing a name, whole words of one
        assert s.match("Dara") == []


def test_an_ambiguous_surname_joins_nobody(tmp_path):
    db = tmp_path / "c.duckdb"
    build(db, [article("d1", [BASHAR, HAFEZ]), article("d2", [("A1", "Assad", "person", None, ["Assad"])]),
               article("d3", [("A1", "President Assad", "person", None, [])])])
    ln = links(db)
    assert ln[("d2", "A1")] == ln[("d3", "A1")] == "name:person:assad"
    assert ln[("d1", "A1")] != ln[("d1", "A2")]


def test_descriptions_of_persons_stay_apart_and_lost_apostrophes_are_forgiven(tmp_path):
    db = tmp_path / "c.duckdb"
    build(db, [article("d1", [BASHAR, ("A2", "source", "person", None, []), ("A3", "Rebels", "armed_group", None, [])]),
               article("d2", [("A1", "Bashar al-Assads", "person", None, []), ("A2", "source", "person", None, []),
                              ("A3", "rebels", "armed_group", None, [])])])
    ln = links(db)
    assert ln[("d2", "A1")] == "person:bashar-al-assad"
    assert ln[("d1", "A2")] == "name:person:source@d1/A2" and ln[("d2", "A2")] == "name:person:source@d2/A2"
    assert ln[("d1", "A3")] == ln[("d2", "A3")] == "name:group:rebels"   # a class of actors is one
    with open_store(str(db)) as s:
        a = s.actors().set_index("corpus_id")
        assert a.loc["name:person:source@d1/A2", "name"] == "source" and a.loc["name:person:source@d1/A2", "articles"] == 1
        assert a.loc["name:group:rebels", "articles"] == 2


def test_a_surname_is_not_matched_across_types():
    triples = pd.DataFrame([
        ("", "person", "Riyad Darar", 1, []), ("", "organization", "Darar", 1, []), ("", "person", "Darar", 2, []),
    ], columns=["kb_id", "type", "name", "articles", "aliases"])
    mapping, clusters = cluster_actors(triples)
    cid = dict(zip(zip(mapping["type"], mapping["name"]), mapping["corpus_id"]))
    assert cid[("person", "Darar")] == cid[("person", "Riyad Darar")] == "name:person:riyad-darar"
    assert cid[("organization", "Darar")] == "name:group:darar"
    assert len(clusters) == 2


def test_rebuild_is_recomputable_and_follows_rewritten_documents(tmp_path):
    db = tmp_path / "c.duckdb"
    first = build(db, [article("d1", [BASHAR]), article("d2", [("A1", "Riyad Darar", "person", None, [])])])
    again = build(db, [])
    assert first == again == {"corpus_actors": 2, "corpus_actor_names": 2, "actor_links": 2}
    build(db, [article("d2", [("A1", "Hafez al-Assad", "person", "person:hafez-al-assad", [])])])  # d2 rewritten
    with open_store(str(db)) as s:
        assert set(s.actors()["corpus_id"]) == {"person:bashar-al-assad", "person:hafez-al-assad"}


def test_a_store_written_without_rebuild_is_read_with_corpus_actors_computed(tmp_path):
    db = tmp_path / "c.duckdb"
    build(db, [article("d1", [BASHAR]), article("d2", [("A1", "Assad", "person", "person:bashar-al-assad", [])])],
          rebuild=False)
    with open_store(str(db)) as s:
        assert s.stale_corpus
        a = s.actors()
        assert list(a["corpus_id"]) == ["person:bashar-al-assad"] and a["articles"].tolist() == [2]
    build(db, [])  # rebuilt: fresh
    with open_store(str(db)) as s:
        assert not s.stale_corpus
    # a document written again after the rebuild, its actor ids the same, its actor another
    build(db, [article("d2", [("A1", "Hafez al-Assad", "person", "person:hafez-al-assad", [])])], rebuild=False)
    with open_store(str(db)) as s:
        assert s.stale_corpus
        assert dict(zip(s.actors()["corpus_id"], s.actors()["articles"])) == {
            "person:bashar-al-assad": 1, "person:hafez-al-assad": 1}


def test_a_store_whose_documents_have_no_actors_reads_as_empty(tmp_path):
    """An ingest where no document has an actor (all failed, or an article of numbers): every read
    of the corpus tables is empty, not a DuckDB type error from an untyped empty mapping."""
    db = tmp_path / "c.duckdb"
    assert build(db, [article("d1", [])]) == {"corpus_actors": 0, "corpus_actor_names": 0, "actor_links": 0}
    build(db, [article("d2", [])], rebuild=False)  # stale: the reader computes them itself
    with open_store(str(db)) as s:
        assert s.stale_corpus
        assert s.actors().empty and s.network().empty
    result = runner.invoke(app, ["query", "actors", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


IRAN = ("A1", "Iran", "country", "country:IRN", ["Iran"])
HEZ = ("A2", "Hezbollah", "armed_group", "group:hezbollah", ["Hezbollah"])
TUR = ("A3", "Turkey", "country", "country:TUR", ["Turkey"])


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory):
    """Built once for the module: the tests below only read it."""
    db = tmp_path_factory.mktemp("hand") / "h.duckdb"
    build(db, [
        article("h1", [IRAN, HEZ], [("A1", "A2", "SUPPORT", 1), ("A2", "A1", "CONSULT", 0)], source="Alpha", date="2014-01-10"),
        # h2: Turkey says it supported Hezbollah (its own claim: counts); Iran says so too (a third party's: does not)
        article("h2", [IRAN, HEZ, TUR], [("A1", "A2", "AID", 1), ("A3", "A2", "ASSAULT", -1),
                                         ("A3", "A2", "SUPPORT", 1, "A3"), ("A3", "A2", "SUPPORT", 1, "A1")],
                source="Beta", date="2/3/2014"),
        article("h3", [IRAN, HEZ, TUR], [("A3", "A2", "SUPPORT", 1)], source="Alpha", date="2014"),
    ])
    return str(db)


@pytest.fixture
def hand_store(hand_db):
    with open_store(hand_db) as s:
        yield s


def test_network_folds_events_per_pair_with_outlets_dates_and_categories(hand_store):
    net = hand_store.network().set_index(["source", "target"])
    ih = net.loc[("Iran", "Hezbollah")]  # both directions in one undirected pair
    assert (ih["weight"], ih["articles"], ih["positive"], ih["negative"], ih["neutral"]) == (3, 2, 2, 0, 1)
    assert ih["categories"] == {"AID": 1, "CONSULT": 1, "SUPPORT": 1}
    assert ih["first"] == "2014-01-10" and ih["last"] == "2014-02-03"   # "2/3/2014" is month first
    assert ih["outlets"] == {"Alpha": {"weight": 2, "positive": 1, "negative": 0, "polarity": 0.5},
                             "Beta": {"weight": 1, "positive": 1, "negative": 0, "polarity": 1.0}}
    th = net.loc[("Turkey", "Hezbollah")]
    assert (th["weight"], th["value"], th["sign"]) == (3, 1.0, 1)
    assert th["voices"] == {"article": 2, "self": 1} and ih["voices"] == {"article": 3}
    own = hand_store.network(include_claimed=False).set_index(["source", "target"]).loc[("Turkey", "Hezbollah")]
    assert (own["weight"], own["sign"], own["voices"]) == (2, 0, {"article": 2})
    directed = hand_store.network(directed=True)
    assert set(zip(directed["source"], directed["target"])) == {("Iran", "Hezbollah"), ("Hezbollah", "Iran"),
                                                                 ("Turkey", "Hezbollah")}


@pytest.mark.parametrize("filters,pairs", [
    ({"since": "2014-02"}, {("Iran", "Hezbollah"): 1, ("Turkey", "Hezbollah"): 3}),   # "2014" overlaps February
    ({"until": "2014-01"}, {("Iran", "Hezbollah"): 2, ("Turkey", "Hezbollah"): 1}),  # and "2014" overlaps January
    ({"since": "2014-01-11", "until": "2014-02-03"}, {("Iran", "Hezbollah"): 1, ("Turkey", "Hezbollah"): 3}),
    ({"source": "beta"}, {("Iran", "Hezbollah"): 1, ("Turkey", "Hezbollah"): 2}),
    ({"category": "assault"}, {("Turkey", "Hezbollah"): 1}),
    ({"speaker": "Turkey"}, {("Turkey", "Hezbollah"): 1}),   # Turkey's claim about itself
    ({"speaker": "Iran"}, {}),                                # Iran's claim about Turkey and Hezbollah: no tie
    ({"actor": "turkey"}, {("Turkey", "Hezbollah"): 3}),
    ({"min_weight": 3}, {("Iran", "Hezbollah"): 3, ("Turkey", "Hezbollah"): 3}),
    ({"since": "2015"}, {}),
])
def test_network_filters(hand_store, filters, pairs):
    net = hand_store.network(**filters)
    assert dict(zip(zip(net["source"], net["target"]), net["weight"])) == pairs


def test_bad_dates_and_options_are_coded_errors(hand_store, tmp_path):
    with pytest.raises(DyadsError) as e:
        hand_store.events(since="March 2014")
    assert e.value.code == "E109"
    with pytest.raises(DyadsError) as e:
        hand_store.query("quotes", category="ASSAULT")
    assert e.value.code == "E111"
    with pytest.raises(DyadsError) as e:
        hand_store.query("everything")
    assert e.value.code == "E110"
    with pytest.raises(DyadsError) as e:
        open_store(str(tmp_path / "missing.duckdb"))
    assert e.value.code == "E104"
    with pytest.raises(DyadsError) as e:
        export(hand_store, "events", tmp_path / "e.csv", "csv", min_weight=2)
    assert e.value.code == "E111" and "--min-weight" in str(e.value)
    with pytest.raises(DyadsError) as e:
        export(hand_store, "network", tmp_path / "n.csv", "csv")
    assert e.value.code == "E110"


def test_the_graph_is_graph_py_s_signed_network_of_corpus_actors(hand_store):
    G = hand_store.graph()
    assert set(G.nodes) == {"country:IRN", "group:hezbollah", "country:TUR"}
    e = G.edges["country:IRN", "group:hezbollah"]
    assert e["weight"] == 3 and e["sign"] == 1 and sorted(e["docs"]) == ["h1", "h2"]
    assert "h2#E1" in e["evidence"] and e["outlets"] == {"Alpha": 2, "Beta": 1}
    assert G.nodes["country:TUR"]["name"] == "Turkey"
    assert isinstance(hand_store.graph(directed=True), nx.DiGraph)


# ---------------------------------------------------------------- who acted, camps, undated articles

BURHAN = ("A1", "Abdel Fattah al-Burhan", "person", "person:burhan", ["Burhan"])
EGYPT = ("A2", "Egypt", "country", "country:EGY", ["Egypt"])
RSF = ("A3", "Rapid Support Forces", "armed_group", "group:rsf", ["RSF"])
SAF = ("A4", "Sudanese Armed Forces", "state", "mil:SDN", ["the army"])
WAGNER = ("A5", "Wagner Group", "armed_group", "group:wagner", ["Wagner"])
CHAD = ("A6", "Chad", "country", "country:TCD", ["Chad"])
LIBYA = ("A7", "Libya", "country", "country:LBY", ["Libya"])

# Each source acts on its target; corpus ids sort the other way round ("country:EGY" <
# "person:burhan"), so folding a pair by id order would make Egypt thank Burhan. s2 has no date.
SUDAN = [
    article("s1", [BURHAN, EGYPT], [("A1", "A2", "SUPPORT", 1)], source="Nile Times", date="2023-05-02"),  # Burhan thanked Egypt
    article("s2", [BURHAN, EGYPT], [("A1", "A2", "SUPPORT", 1)], source="Nile Times"),                     # the same, undated
    article("s3", [BURHAN, EGYPT, RSF, SAF], [("A3", "A4", "ASSAULT", -1), ("A2", "A3", "ACCUSE", -1)],
            source="Red Sea Wire", date="2023-05-04"),
    article("s4", [BURHAN, EGYPT], [("A2", "A1", "CONSULT", 0)], source="Red Sea Wire", date="2023-05-05"),
    article("s5", [RSF, WAGNER], [("A5", "A3", "AID", 1)], source="Red Sea Wire", date="2023-05-06"),
    article("s6", [CHAD, LIBYA], [("A6", "A7", "ACCUSE", -1)], source="Sahel Post", date="2023-05-06"),
    article("s7", [BURHAN, EGYPT], [("A1", "A2", "ACCUSE", -1)], source="Red Sea Wire", date="2023-05-07"),
]


@pytest.fixture(scope="module")
def sudan_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("sudan") / "sudan.duckdb"
    build(db, SUDAN)
    return str(db)


@pytest.fixture
def sudan(sudan_db):
    with open_store(sudan_db) as s:
        yield s


def test_network_rows_go_from_who_acted(sudan):
    net = sudan.network()
    rows = {(r.source, r.target): (r.by_source, r.by_target) for r in net.itertuples()}
    assert rows == {("Abdel Fattah al-Burhan", "Egypt"): (3, 1),   # Burhan acted 3 times, Egypt once
                    ("Egypt", "Rapid Support Forces"): (1, 0), ("Rapid Support Forces", "Sudanese Armed Forces"): (1, 0),
                    ("Wagner Group", "Rapid Support Forces"): (1, 0), ("Chad", "Libya"): (1, 0)}
    be = net.set_index(["source", "target"]).loc[("Abdel Fattah al-Burhan", "Egypt")]
    assert (be["source_id"], be["target_id"]) == ("person:burhan", "country:EGY")
    assert (be["weight"], be["first"], be["last"]) == (4, "2023-05-02", "2023-05-07")   # s2, undated, counts, dates none
    directed = sudan.network(directed=True)
    assert {(r.source, r.target): (r.weight, r.by_source, r.by_target) for r in directed.itertuples()
            if "Egypt" in (r.source, r.target) and "Abdel Fattah al-Burhan" in (r.source, r.target)} == {
        ("Abdel Fattah al-Burhan", "Egypt"): (3, 3, 0), ("Egypt", "Abdel Fattah al-Burhan"): (1, 1, 0)}


def test_on_an_even_pair_the_first_to_act_is_the_source(tmp_path):
    db = tmp_path / "even.duckdb"
    build(db, [article("e1", [BURHAN, EGYPT], [("A1", "A2", "SUPPORT", 1)]),
               article("e2", [BURHAN, EGYPT], [("A2", "A1", "SUPPORT", 1)])])
    with open_store(str(db)) as s:
        (row,) = s.network().itertuples()
        assert (row.source, row.target, row.by_source, row.by_target) == ("Abdel Fattah al-Burhan", "Egypt", 1, 1)
        G = s.graph()
        from dyads.graph import orient
        assert orient(G, "country:EGY", "person:burhan") == ("person:burhan", "country:EGY", 1, 1)


def test_events_and_disagreements_keep_who_acted(sudan):
    ev = sudan.events(actor="Burhan", category="SUPPORT")
    assert set(zip(ev["source"], ev["target"], ev["source_id"], ev["target_id"])) == {
        ("Abdel Fattah al-Burhan", "Egypt", "person:burhan", "country:EGY")}
    d = sudan.disagreements(kind="relation")
    assert set(d["topic"]) == {"Abdel Fattah al-Burhan → Egypt"}   # Nile Times: thanked; Red Sea Wire: accused
    assert set(zip(d["subject"], d["object"])) == {("Abdel Fattah al-Burhan", "Egypt")}
    assert sorted(zip(d["outlet"], d["sign"])) == [("Nile Times", 1), ("Red Sea Wire", -1)]


def test_camps_say_which_opposes_which_and_lone_actors_are_unaligned(sudan):
    c = sudan.camps()
    camp = dict(zip(c["name"], c["camp"]))
    ours = camp["Abdel Fattah al-Burhan"]
    assert ours == camp["Egypt"] == camp["Sudanese Armed Forces"] in (0, 1)  # a camp, not unaligned (-1)
    theirs = camp["Rapid Support Forces"]
    assert theirs == camp["Wagner Group"] in (0, 1) and theirs != ours
    assert {camp["Chad"], camp["Libya"]} == {-1}        # two foes alone: no camps of one
    assert sorted(set(c["camp"])) == [-1, 0, 1]
    assert c.attrs["oppositions"] == [{"camp": 0, "opposes": 1, "conflict": 2.0, "cooperation": 0.0}]
    assert sorted(c.attrs["alone"]) == ["Chad", "Libya"] and c.attrs["rivals"] == {"Chad": ["Libya"], "Libya": ["Chad"]}
    opposes = dict(zip(c["name"], c["opposes"]))
    assert opposes["Rapid Support Forces"] == [ours] and opposes["Egypt"] == [theirs]
    assert opposes["Wagner Group"] == [] and opposes["Chad"] == []


def test_cli_query_network_and_camps_read_as_who_did_what(sudan_db):
    res = runner.invoke(app, ["query", "network", "--db", sudan_db])
    assert res.exit_code == 0, res.output
    rows = [[c.strip() for c in line.strip("│").split("│")] for line in res.stdout.splitlines() if line.startswith("│")]
    # weight (incidents), reports (events), by_source, by_target; the name wraps in the table
    assert ["Abdel Fattah", "Egypt", "4", "4", "3", "1"] in [r[:6] for r in rows]
    res = runner.invoke(app, ["query", "network", "--db", sudan_db, "--format", "csv"])
    rows = list(csv.DictReader(res.stdout.splitlines()))
    assert [(r["source"], r["target"], r["by_source"], r["by_target"]) for r in rows if "Egypt" in (r["source"], r["target"])
            and "Abdel Fattah al-Burhan" in (r["source"], r["target"])] == [("Abdel Fattah al-Burhan", "Egypt", "3", "1")]
    res = runner.invoke(app, ["query", "camps", "--db", sudan_db])
    assert res.exit_code == 0, res.output           # s2 is undated: this was a TypeError
    assert "camp 0 opposes camp 1" in res.stdout
    assert re.search(r"^unaligned, alone on their side of a conflict: "
                     r"(Chad \(opposes Libya\), Libya \(opposes Chad\)|Libya \(opposes Chad\), Chad \(opposes Libya\))$",
                     res.stdout, re.M)
    lines = [line for line in res.stdout.splitlines() if "Rapid Support Forces" in line]
    assert len(lines) == 1 and re.search(r"│ camp 1 +│ Rapid Support Forces +│ armed_group +│ camp 0 +│", lines[0])
    assert re.search(r"│ unaligned +│ Chad ", res.stdout)
    res = runner.invoke(app, ["query", "camps", "--db", sudan_db, "--format", "json"])
    data = json.loads(res.stdout)
    assert data["oppositions"][0]["opposes"] == 1 and {r["name"] for r in data["camps"] if r["camp"] == -1} == {"Chad", "Libya"}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_network_exports_go_from_who_acted(sudan_db, tmp_path, fmt):
    path = tmp_path / f"net.{fmt}"
    res = runner.invoke(app, ["export", "--db", sudan_db, "--format", fmt, str(path)])
    assert res.exit_code == 0, res.output             # s2 is undated: graphml was a TypeError
    if fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["directed"]
        edges = {(l["source"], l["target"]): l for l in data["links"]}
        camp = {n["id"]: n["camp"] for n in data["nodes"]}
    else:
        from dyads.graph import read_graphml

        G = read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        assert G.is_directed()
        edges = {(u, v): d for u, v, d in G.edges(data=True)}
        camp = dict(G.nodes(data="camp"))
    assert edges[("person:burhan", "country:EGY")]["weight"] == 3
    assert edges[("country:EGY", "person:burhan")]["weight"] == 1
    assert ("mil:SDN", "group:rsf") not in edges and ("group:rsf", "mil:SDN") in edges
    assert ("group:wagner", "group:rsf") in edges and ("country:TCD", "country:LBY") in edges
    assert camp["person:burhan"] == camp["country:EGY"] != camp["group:rsf"] and camp["country:TCD"] == -1


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_event_tables_export_who_acted(sudan_db, tmp_path, fmt):
    (path,) = export(sudan_db, "events", tmp_path / f"events.{fmt}", fmt)
    if fmt == "csv":
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    else:
        rows = pq.read_table(path).to_pylist()
    ends = {(r["doc_id"], r["category"]): (r["source"], r["target"]) for r in rows}
    assert ends[("s1", "SUPPORT")] == ("A1", "A2") and ends[("s4", "CONSULT")] == ("A2", "A1")
    assert ends[("s3", "ASSAULT")] == ("A3", "A4")


def test_the_web_network_goes_from_who_acted_and_reports_camps(sudan_db):
    import asyncio

    import httpx

    from dyads.web import create_app

    async def run(*paths):
        transport = httpx.ASGITransport(app=create_app(sudan_db))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return [await client.get(p) for p in paths]

    page, api, bad = asyncio.run(run("/network", "/api/network", "/api/network?since=2023-13"))
    assert page.status_code == 200 and api.status_code == 200   # s2 is undated: both were a TypeError
    data = api.json()
    edges = {(e["from"], e["to"]): e for e in data["edges"]}
    be = edges[("person:burhan", "country:EGY")]
    assert (be["by_from"], be["by_to"], be["from_label"]) == (3, 1, "Abdel Fattah al-Burhan")
    assert ("country:EGY", "person:burhan") not in edges
    assert ("group:rsf", "mil:SDN") in edges and ("country:EGY", "group:rsf") in edges
    camps = {c["camp"]: {m["name"] for m in c["members"]} for c in data["camps"]}
    ours = next(k for k, v in camps.items() if "Egypt" in v)
    theirs = next(k for k, v in camps.items() if "Wagner Group" in v)
    assert [c["opposes"] for c in data["camps"] if c["camp"] == ours] == [[theirs]]
    assert data["oppositions"] == [{"camp": 0, "opposes": 1, "conflict": 2.0, "cooperation": 0.0}]
    assert {u["name"]: u["against"] for u in data["unaligned"] if u["alone"]} == {"Chad": ["Libya"], "Libya": ["Chad"]}
    assert not any(m["name"] in ("Chad", "Libya") for c in data["camps"] for m in c["members"])
    assert "opposes camp" in page.text and "alone on their side" in page.text
    assert re.search(r">Chad</a> \(opposes Libya\)", page.text)
    assert "an arrow points from the actor that acted" in page.text
    # an API caller is told of the API's parameters, never of a command-line option
    assert bad.status_code == 422
    msg = bad.json()["error"]["message"]
    assert "E109" in bad.text and "since and until parameters" in msg and "--" not in msg


def test_camp_colours_are_never_the_colours_of_the_ties_signs():
    from pathlib import Path

    static = Path(dyads.__file__).parent / "web" / "static"
    js = (static / "network.js").read_text(encoding="utf-8")
    camp = re.findall(r"#[0-9a-fA-F]{6}", re.search(r"var CAMP = \[([^\]]*)\]", js).group(1))
    sign = re.findall(r"#[0-9a-fA-F]{6}", re.search(r"var SIGN = \{([^}]*)\}", js).group(1))
    assert len(camp) >= 6 and len(sign) == 3

    def hue(c: str) -> float:
        import colorsys

        r, g, b = (int(c[i:i + 2], 16) / 255 for i in (1, 3, 5))
        return colorsys.rgb_to_hls(r, g, b)[0] * 360

    def apart(a: str, b: str) -> float:
        d = abs(hue(a) - hue(b))
        return min(d, 360 - d)

    for c in camp:  # far in hue from the green and the red of cooperative and conflictual ties
        assert min(apart(c, s) for s in sign[:2]) > 25, c
    css = (static / "style.css").read_text(encoding="utf-8")
    css_camps = re.findall(r"\.camp-\d \{ border-color: (#[0-9a-fA-F]{6}); \}", css)
    assert css_camps == camp   # the page's camp list and the drawing use one palette


# ---------------------------------------------------------------- the real pipeline

ARTICLES = [
    ("a1", "Damascus Daily", "2014-03-01",
     "Syrian President Bashar al-Assad met Russian President Vladimir Putin in Moscow on Tuesday. "
     "Iran supported Hezbollah with weapons and money."),
    ("a2", "Levant Observer", "3/5/2014",
     "President Assad accused Turkey of arming the rebels. Iran supported Hezbollah with fighters."),
    ("a3", "Levant Observer", "2014-03-10",
     "Alawites make up 10 per cent of the population of Syria, said Riyad Darar, a member of the opposition."),
    ("a4", "Damascus Daily", "12 March 2014",
     "Alawites make up 12 per cent of the population of Syria, according to the government."),
    ("a5", "Levant Observer", "2014-04-02", "Turkey supported the Free Syrian Army with weapons."),
    ("a6", "Damascus Daily", "2014-04-03", "Turkey attacked the Free Syrian Army near Azaz."),
    ("a7", "Gulf Wire", "2014-05-01",
     "The Syrian opposition accused Assad of massacres. "
     "Riyad Darar, an opposition figure, said the regime had bombed hospitals."),
    ("a8", "Gulf Wire", "2014-06-01",
     "Syria rejected the United Nations report. Russia supports the Syrian government, the Kremlin said."),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from dyads import Analyzer
    from dyads.model import Article

    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    results = list(Analyzer(batch_size=4).pipe([Article(text=t, id=i, source=s, date=d) for i, s, d, t in ARTICLES]))
    assert all(isinstance(r, ArticleResult) for r in results)
    build(db, results)
    return str(db)


@pytest.fixture
def store(corpus):
    with open_store(corpus) as s:
        yield s


@pytest.mark.slow
def test_the_same_actor_in_several_articles_is_one_corpus_actor(store):
    a = store.actors().set_index("corpus_id")
    assad = a.loc["person:bashar-al-assad"]
    assert assad["name"] == "Bashar al-Assad" and assad["articles"] == 3
    assert {"Bashar al-Assad", "Assad", "President Assad"} <= set(assad["names"])
    darar = a[a["name"] == "Riyad Darar"]
    assert len(darar) == 1 and darar["articles"].iloc[0] == 2
    assert a.loc["country:SYR", "type"] == "country" and a.loc["gov:SYR", "type"] == "state"
    assert set(store.actors(name="assad")["corpus_id"]) == {"person:bashar-al-assad"}
    assert set(store.events(actor="Assad")["doc_id"]) == {"a1", "a2", "a7"}


@pytest.mark.slow
def test_documents_carry_iso_days_and_outlets(store):
    d = store.documents().set_index("doc_id")
    assert len(d) == 8
    assert d.loc["a2", "day"] == "2014-03-05" and d.loc["a4", "day"] == "2014-03-12"
    assert d.loc["a4", "date"] == "12 March 2014" and d.loc["a6", "outlet"] == "Damascus Daily"
    assert store.documents(source="Gulf Wire")["doc_id"].tolist() == ["a7", "a8"]


@pytest.mark.slow
def test_events_query_with_actor_names_outlets_and_filters(store):
    ev = store.events(category="ASSAULT", since="2014-04", until="2014-04-30")
    assert ev[["doc_id", "outlet", "source", "target"]].values.tolist() == [["a6", "Damascus Daily", "Turkey", "Free Syrian Army"]]
    assert "attacked the Free Syrian Army" in ev["sentence"].iloc[0]
    claimed = store.events(speaker="Kremlin")
    assert claimed[["source", "target", "category"]].values.tolist() == [["Russia", "Syrian government", "SUPPORT"]]
    assert claimed["claimed_by"].tolist() == ["Kremlin"]  # the seat of power is an actor of its own (issue 13)
    assert "Russia" not in set(store.events(include_claimed=False)["source"])


@pytest.mark.slow
def test_quotes_and_quantities_with_their_speakers(store):
    q = store.quotes(speaker="Darar")
    assert set(q["doc_id"]) == {"a3", "a7"} and set(q["speaker"]) == {"Riyad Darar"}
    assert any("10 per cent" in t for t in q["text"])
    assert store.quotes(speaker="Darar", source="Gulf Wire")["doc_id"].tolist() == ["a7"]
    n = store.quantities(actor="alawites").sort_values("value")
    assert n[["value", "unit", "outlet", "claimed_by"]].values.tolist() == [
        [10.0, "percent", "Levant Observer", "Riyad Darar"], [12.0, "percent", "Damascus Daily", "Syrian government"]]
    assert store.quantities(actor="alawites", until="2014-03-10")["value"].tolist() == [10.0]


@pytest.mark.slow
def test_network_pairs_across_articles(store):
    net = store.network().set_index(["source", "target"])
    ih = net.loc[("Iran", "Hezbollah")]
    assert (ih["weight"], ih["articles"], ih["sign"], ih["polarity"]) == (2, 2, 1, 1.0)
    assert set(ih["outlets"]) == {"Damascus Daily", "Levant Observer"}
    assert (ih["first"], ih["last"]) == ("2014-03-01", "2014-03-05")
    tf = net.loc[("Turkey", "Free Syrian Army")]
    assert (tf["weight"], tf["positive"], tf["negative"], tf["sign"]) == (2, 1, 1, 0)
    assert tf["categories"] == {"ASSAULT": 1, "SUPPORT": 1}
    strong = store.network(min_weight=2)
    assert set(zip(strong["source"], strong["target"])) == {("Iran", "Hezbollah"), ("Turkey", "Free Syrian Army")}
    assert store.network(source="Levant Observer").set_index(["source", "target"]).loc[("Iran", "Hezbollah"), "weight"] == 1
    later = store.network(since="2014-04")
    assert ("Iran", "Hezbollah") not in set(zip(later["source"], later["target"]))


@pytest.mark.slow
def test_camps_split_the_accused_from_the_accusers(store):
    c = store.camps().set_index("name")
    assert c.loc["Iran", "camp"] == c.loc["Hezbollah", "camp"] != -1
    assert c.loc["Syrian opposition", "camp"] != c.loc["Bashar al-Assad", "camp"]
    assert c.loc["Syrian opposition", "component"] == c.loc["Bashar al-Assad", "component"]
    assert c.attrs["frustration"] == 0 and c.attrs["exact"]


@pytest.mark.slow
def test_disagreements_between_outlets_and_speakers(store):
    d = store.disagreements()
    rel = d[d["kind"] == "relation"]
    assert set(rel["topic"]) == {"Turkey → Free Syrian Army"}
    assert sorted(zip(rel["outlet"], rel["sign"], rel["categories"].map(lambda c: tuple(c)))) == [
        ("Damascus Daily", -1, ("ASSAULT",)), ("Levant Observer", 1, ("SUPPORT",))]
    qty = d[d["kind"] == "quantity"]
    assert set(qty["topic"]) == {"Alawites: the population (percent)"}
    assert sorted(zip(qty["value"], qty["outlet"], qty["speaker"])) == [
        (10.0, "Levant Observer", "Riyad Darar"), (12.0, "Damascus Daily", "Syrian government")]
    assert store.disagreements(source="Gulf Wire").empty
    assert set(store.disagreements(actor="Alawites")["kind"]) == {"quantity"}
    by_darar = store.disagreements(speaker="Riyad Darar")
    assert len(by_darar) == 2 and set(by_darar["value"]) == {10.0, 12.0}   # his claim and the one it contradicts
    assert set(store.disagreements(kind="relation")["kind"]) == {"relation"}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_every_table_exports_and_reads_back(corpus, store, tmp_path, fmt):
    written = export(corpus, "all", tmp_path / fmt, fmt)
    assert len(written) == len(EXPORT_TABLES)
    for table, path in zip(EXPORT_TABLES, written):
        expected = store.sql(f"SELECT count(*) AS n FROM {table}")["n"].iloc[0]
        if fmt == "parquet":
            rows = pq.read_table(path).to_pylist()
        elif fmt == "csv":
            with open(path, newline="", encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
        else:
            with open(path, encoding="utf-8") as f:
                rows = [json.loads(line) for line in f]
        assert len(rows) == expected, (table, fmt)
        if table == "actors":
            assad = [r for r in rows if r["kb_id"] == "person:bashar-al-assad" and r["doc_id"] == "a2"]
            aliases = json.loads(assad[0]["aliases"]) if fmt == "csv" else assad[0]["aliases"]
            assert "President Assad" in aliases
        if table == "actor_links":
            assert {r["doc_id"] for r in rows if r["corpus_id"] == "person:bashar-al-assad"} == {"a1", "a2", "a7"}
        if table in ("documents", "actors", "events", "quantities", "quotes", "corpus_actors", "actor_links"):
            assert expected > 0, table


@pytest.mark.slow
def test_one_table_exports_to_a_file(corpus, tmp_path):
    (path,) = export(corpus, "corpus_actors", tmp_path / "ca.parquet", "parquet")
    t = pq.read_table(path).to_pandas().set_index("corpus_id")
    assert t.loc["person:bashar-al-assad", "articles"] == 3


@pytest.mark.slow
def test_network_exports_parse_back(store, tmp_path):
    from dyads.graph import read_graphml

    export(store, "network", tmp_path / "n.graphml", "graphml")
    export(store, "network", tmp_path / "n.gexf", "gexf")
    export(store, "network", tmp_path / "n.json", "json", min_weight=2)
    g = read_graphml(tmp_path / "n.graphml")
    assert {"country:IRN", "group:hezbollah", "person:bashar-al-assad", "country:TUR", "group:fsa"} <= set(g.nodes)
    e = g.edges["country:IRN", "group:hezbollah"]
    assert e["weight"] == 2 and e["sign"] == 1 and sorted(e["docs"]) == ["a1", "a2"]
    assert g.nodes["person:bashar-al-assad"]["name"] == "Bashar al-Assad"
    x = nx.read_gexf(tmp_path / "n.gexf")
    assert x.nodes["group:fsa"]["label"] == "Free Syrian Army" and x.has_edge("country:TUR", "group:fsa")
    data = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))
    pairs = {frozenset((l["source"], l["target"])): l["weight"] for l in data["links"]}
    assert pairs == {frozenset(("country:IRN", "group:hezbollah")): 2, frozenset(("country:TUR", "group:fsa")): 2}


@pytest.mark.slow
def test_cli_query_formats(corpus):
    res = runner.invoke(app, ["query", "network", "--db", corpus, "--format", "json", "--actor", "hezbollah"])
    assert res.exit_code == 0, res.output
    (pair,) = json.loads(res.stdout)
    assert {pair["source"], pair["target"]} == {"Iran", "Hezbollah"} and pair["weight"] == 2
    res = runner.invoke(app, ["query", "disagreements", "--format", "csv"], env={"DYADS_DB": corpus})
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(res.stdout.splitlines()))
    assert {(r["outlet"], r["claim"]) for r in rows if r["kind"] == "quantity"} == {
        ("Levant Observer", "10 per cent"), ("Damascus Daily", "12 per cent")}
    res = runner.invoke(app, ["query", "actors", "--db", corpus, "--actor", "assad", "--format", "json"])
    assert [a["name"] for a in json.loads(res.stdout)] == ["Bashar al-Assad"]
    res = runner.invoke(app, ["query", "camps", "--db", corpus, "--format", "json"])
    assert json.loads(res.stdout)["frustration"] == 0
    res = runner.invoke(app, ["query", "quotes", "--db", corpus, "--speaker", "Darar", "--limit", "1"])
    assert res.exit_code == 0 and "Riyad Darar" in res.stdout and "quotes (1)" in res.stdout
    res = runner.invoke(app, ["query", "events", "--db", corpus, "--since", "yesterday"])
    assert res.exit_code == 2 and "E109" in res.output


@pytest.mark.slow
def test_cli_export(corpus, tmp_path):
    res = runner.invoke(app, ["export", "--db", corpus, "--format", "gexf", str(tmp_path / "net.gexf")])
    assert res.exit_code == 0, res.output
    assert "country:IRN" in nx.read_gexf(tmp_path / "net.gexf")
    res = runner.invoke(app, ["export", "--db", corpus, "--format", "csv", "--table", "events", str(tmp_path / "ev.csv")])
    assert res.exit_code == 0, res.output
    with open(tmp_path / "ev.csv", newline="", encoding="utf-8") as f:
        assert sum(1 for _ in csv.DictReader(f)) == sum(1 for _ in open_store(corpus).events().itertuples())
    res = runner.invoke(app, ["export", "--db", corpus, "--format", "parquet", "--table", "nope", str(tmp_path / "x")])
    assert res.exit_code == 2 and "E110" in res.output
    res = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb"), str(tmp_path / "y")])
    assert res.exit_code == 2 and "E104" in res.output


def test_open_store_is_importable_from_the_package():
    assert dyads.open_store is open_store
