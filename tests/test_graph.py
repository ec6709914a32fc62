"""Relations, the signed network, camps by structural balance, exports."""
from __future__ import annotations

import itertools
import json
import random

import networkx as nx
import pandas as pd
import pytest

from dyads.graph import (
    VOICES,
    Camps,
    Tie,
    _exact,
    _signed_pairs,
    actor_key,
    annotate,
    article_camps,
    article_network,
    article_relations,
    as_date,
    camp_view,
    camps,
    counting_voices,
    counts,
    directed_network,
    event_voice,
    orient,
    read_graphml,
    relation_voice,
    signed_network,
    signed_weight,
    ties_from_result,
    to_gexf,
    to_graphml,
    to_node_link,
)
from dyads.model import Actor, ArticleResult, Document, Event, Relation


def ev(eid, cat, src, tgt, pol, **kw) -> Event:
    return Event(eid, cat, "trigger", 0, 10, source=src, target=tgt, polarity=pol, **kw)


# ---------------------------------------------------------------- relations

def test_relation_folds_counting_events_of_an_ordered_pair():
    rels = article_relations([
        ev("E1", "ASSAULT", "A1", "A2", -1),
        ev("E2", "CONSULT", "A1", "A2", 0),
        ev("E3", "ASSAULT", "A1", "A2", -1),
        ev("E4", "AID", "A3", "A1", 1),
    ])
    assert rels[0] == Relation("A1", "A2", pytest.approx(-2 / 3, abs=1e-4), 3, {"ASSAULT": 2, "CONSULT": 1},
                               ["E1", "E2", "E3"], {"article": 3})
    assert rels[1] == Relation("A3", "A1", 1.0, 1, {"AID": 1}, ["E4"], {"article": 1})
    assert len(rels) == 2


def test_directions_are_separate_relations():
    rels = article_relations([ev("E1", "ACCUSE", "A1", "A2", -1), ev("E2", "SUPPORT", "A2", "A1", 1)])
    assert [(r.source, r.target, r.polarity) for r in rels] == [("A1", "A2", -1.0), ("A2", "A1", 1.0)]


@pytest.mark.parametrize("kw", [
    {"negated": True},
    {"modality": "hypothetical"},
    {"modality": "future"},
    {"modality": "demanded"},
])
def test_negated_and_not_asserted_events_are_left_out(kw):
    rels = article_relations([ev("E1", "AID", "A1", "A2", 1), ev("E2", "ASSAULT", "A1", "A2", -1, **kw)])
    assert rels == [Relation("A1", "A2", 1.0, 1, {"AID": 1}, ["E1"], {"article": 1})]


def test_what_is_said_to_have_happened_counts_like_what_happens():
    # "the two militias had fought each other for years": historical, asserted by the article
    rels = article_relations([ev("E1", "ASSAULT", "A1", "A2", -1, modality="historical")])
    assert rels == [Relation("A1", "A2", -1.0, 1, {"ASSAULT": 1}, ["E1"], {"article": 1})]


def test_pair_with_only_negated_or_hypothetical_events_has_no_relation():
    # "no massacres have been committed by the opposition"
    events = [ev("E1", "ASSAULT", "A2", "A3", -1, negated=True),
              ev("E2", "ASSAULT", "A2", "A3", -1, modality="hypothetical")]
    assert article_relations(events) == []


def test_events_without_both_ends_or_with_one_actor_make_no_relation():
    events = [ev("E1", "ASSAULT", "A1", None, -1), ev("E2", "ASSAULT", None, "A1", -1),
              ev("E3", "MOBILIZE", "A1", "A1", -1)]
    assert article_relations(events) == []
    assert [event_voice(e) for e in events] == [None, None, None]


# ---------------------------------------------------------------- voices: who asserts a relation's events

def test_a_side_claiming_its_own_act_makes_a_relation_in_its_own_voice():
    # "The militia said it had shelled the garrison": claimed by the source
    events = [ev("E1", "ASSAULT", "A1", "A2", -1, claimed_by="A1"), ev("E2", "ASSAULT", "A1", "A2", -1)]
    (rel,) = article_relations(events)
    assert rel.events == ["E1", "E2"] and rel.voices == {"article": 1, "self": 1}
    assert article_relations(events, include_claimed=False)[0].events == ["E2"]  # the article's voice only
    assert article_relations(events[:1], include_claimed=False) == []


def test_a_side_reporting_what_was_done_to_it_makes_a_relation_in_its_own_voice():
    # "The ministry said the rebels attacked its convoy": claimed by the target
    events = [ev("E1", "ASSAULT", "A1", "A2", -1, claimed_by="A2"), ev("E2", "COERCE", "A1", "A2", -1, claimed_by="A2")]
    assert article_relations(events) == [Relation("A1", "A2", -1.0, 2, {"ASSAULT": 1, "COERCE": 1}, ["E1", "E2"],
                                                  {"self": 2})]


def test_a_third_party_claim_stays_an_event_but_makes_no_relation():
    # "Washington says Tehran arms the rebels": the claimant is neither side
    claim = ev("E1", "AID", "A1", "A2", 1, claimed_by="A3")
    assert event_voice(claim) == "other" and relation_voice(claim) is None and not counts(claim)
    assert article_relations([claim]) == []
    # the article's own event on the same pair still makes one, with only its own voice
    assert article_relations([claim, ev("E2", "AID", "A1", "A2", 1)]) == [
        Relation("A1", "A2", 1.0, 1, {"AID": 1}, ["E2"], {"article": 1})]


@pytest.mark.parametrize("claimed_by", ["A1", "A2", "A3", None])
def test_a_denial_never_counts_whoever_voices_it(claimed_by):
    # "The army denied bombing the market": negated, claimed by the denier (or anyone)
    denial = ev("E1", "ASSAULT", "A1", "A2", -1, negated=True, claimed_by=claimed_by)
    assert event_voice(denial) is None and article_relations([denial]) == []


@pytest.mark.parametrize("modality", ["hypothetical", "future", "demanded"])
@pytest.mark.parametrize("claimed_by", ["A1", "A3", None])
def test_what_is_not_asserted_never_counts_in_any_voice(modality, claimed_by):
    # "the group threatened it would strike the port"; "the envoy urged the army to withdraw"
    e = ev("E1", "ASSAULT", "A1", "A2", -1, modality=modality, claimed_by=claimed_by)
    assert event_voice(e) is None and not counts(e) and article_relations([e]) == []


def test_voices_are_the_one_rule_and_include_claimed_keeps_only_the_article():
    assert counting_voices() == ("article", "self") and counting_voices(False) == ("article",)
    assert set(VOICES) == {"article", "self", "other"}
    own = ev("E1", "SUPPORT", "A1", "A2", 1, claimed_by="A1")
    assert counts(own) and not counts(own, include_claimed=False) and relation_voice(own) == "self"


def test_relations_serialise_in_the_contract():
    res = ArticleResult(Document("d"), events=[ev("E1", "AID", "A1", "A2", 1)])
    res.relations = article_relations(res.events)
    back = ArticleResult.from_dict(json.loads(res.to_json()))
    assert back.relations == res.relations


def test_network_edges_sum_the_voices_of_their_relations():
    res = ArticleResult(Document("d"), actors=[Actor("A1", "militia", "armed_group"), Actor("A2", "army", "state"),
                                               Actor("A3", "envoy", "person")],
                        events=[ev("E1", "ASSAULT", "A1", "A2", -1, claimed_by="A1"),
                                ev("E2", "ASSAULT", "A2", "A1", -1),
                                ev("E3", "AID", "A1", "A2", 1, claimed_by="A3")])   # a third party's: not an edge's
    res.relations = article_relations(res.events)
    G = article_network(res)
    d = G.edges["A1", "A2"]
    assert d["voices"] == {"self": 1, "article": 1} and d["weight"] == 2 and d["evidence"] == ["E1", "E2"]
    assert directed_network(ties_from_result(res)[0]).edges["A1", "A2"]["voices"] == {"self": 1}


# ---------------------------------------------------------------- network

def test_signed_network_sums_both_directions_and_keeps_evidence_and_dates():
    G = signed_network([
        Tie("x", "y", -1.0, 2, {"ASSAULT": 2}, "2014-03-01", ("E1", "E2"), "d1"),
        Tie("y", "x", 1.0, 1, {"AID": 1}, "2013", ("E1",), "d2"),
        ("x", "z", 0.0, 1, {"CONSULT": 1}, None),  # plain tuple, neutral
        ("z", "z", 1.0, 1),                          # self-loop: dropped
    ], nodes={"x": {"name": "X", "type": "state"}})
    d = G.edges["x", "y"]
    assert d["weight"] == 3 and d["value"] == -1.0 and d["sign"] == -1
    assert d["polarity"] == pytest.approx(-1 / 3, abs=1e-4)
    assert d["categories"] == {"ASSAULT": 2, "AID": 1}
    assert d["evidence"] == ["d1#E1", "d1#E2", "d2#E1"] and d["docs"] == ["d1", "d2"]
    assert (d["first"], d["last"]) == ("2013", "2014-03-01")
    assert G.edges["x", "z"]["sign"] == 0 and not G.has_edge("z", "z")
    assert G.nodes["x"] == {"name": "X", "type": "state"} and G.nodes["y"]["name"] == "y"


def test_an_undirected_edge_says_who_acted_whatever_the_node_order():
    # "Burhan thanked Egypt" twice: Egypt is a node before Burhan, so the edge reads (egypt, burhan)
    G = signed_network([("burhan", "egypt", 1.0, 2)], nodes={"egypt": {"name": "Egypt"}, "burhan": {"name": "Burhan"}})
    assert list(G.edges) == [("egypt", "burhan")]       # the order networkx gives says nothing
    assert G.edges["egypt", "burhan"]["acts"] == {"burhan": 2}
    assert orient(G, "egypt", "burhan") == ("burhan", "egypt", 2, 0)
    assert orient(G, "burhan", "egypt") == ("burhan", "egypt", 2, 0)


def test_the_end_that_acted_more_is_the_source_and_the_first_to_act_on_a_tie():
    G = signed_network([("x", "y", -1.0, 1), ("y", "x", 1.0, 3)])
    assert orient(G, "x", "y") == ("y", "x", 3, 1)
    even = signed_network([("y", "x", -1.0, 1), ("x", "y", 1.0, 1)], nodes={"x": {}, "y": {}})
    assert orient(even, "x", "y") == ("y", "x", 1, 1)
    D = directed_network([("x", "y", -1.0, 1), ("y", "x", 1.0, 3)])
    assert orient(D, "x", "y") == ("x", "y", 1, 0) and orient(D, "y", "x") == ("y", "x", 3, 0)


@pytest.mark.parametrize("missing", [None, float("nan"), "", "  ", pd.NA, pd.NaT])
def test_undated_ties_mix_with_dated_ones(missing):
    # the same tie from a dated and an undated article: the dates must still compare
    for order in ((0, 1), (1, 0)):
        ties = [Tie("a", "b", 1.0, 1, date="2014-03-01"), Tie("a", "b", -1.0, 1, date=missing)]
        G = signed_network([ties[i] for i in order])
        d = G.edges["a", "b"]
        assert (d["first"], d["last"], d["weight"]) == ("2014-03-01", "2014-03-01", 2)
    assert as_date(missing) is None
    assert "first" not in signed_network([("a", "b", 1.0, 1, None, missing)]).edges["a", "b"]


def test_the_sign_of_an_edge_decides_its_balance_weight_and_a_negative_weight_does_not_flip_it():
    # a user's graph may carry a signed weight beside its sign: the sign says friend or foe,
    # the weight only how strongly
    assert signed_weight({"sign": -1, "weight": -3}) == -3.0
    assert signed_weight({"sign": 1, "weight": -3}) == 3.0
    assert signed_weight({"sign": -1}) == -1.0 and signed_weight({"weight": -2}) == -2.0
    assert signed_weight({"sign": 1, "value": -4, "weight": 9}) == -4.0   # a value is the balance weight itself
    G = nx.Graph()
    G.add_edge("a", "b", sign=-1, weight=-2)   # foes, written with a negative weight
    G.add_edge("b", "c", sign=1, weight=1)
    c = camps(G)
    assert c.partition["a"] != c.partition["b"] == c.partition["c"] and c.frustration == 0


def test_directed_network_keeps_one_edge_per_ordered_pair():
    D = directed_network([("x", "y", -1.0, 1), ("y", "x", 1.0, 2)])
    assert D.edges["x", "y"]["sign"] == -1 and D.edges["y", "x"]["weight"] == 2


def result_fixture() -> ArticleResult:
    actors = [Actor("A1", "regime", "state", kb_id="gov:SYR"), Actor("A2", "opposition", "political_group"),
              Actor("A3", "Iran", "country"), Actor("A4", "United Nations", "organization")]
    events = [ev("E1", "ASSAULT", "A1", "A2", -1), ev("E2", "AID", "A3", "A1", 1),
              ev("E3", "ASSAULT", "A2", "A1", -1, negated=True), ev("E4", "CONSULT", "A4", "A1", 0)]
    res = ArticleResult(Document("d1", date="2014-03-20"), actors=actors, events=events)
    res.relations = article_relations(events)
    return res


def test_article_network_and_camps_use_actor_ids():
    res = result_fixture()
    G = article_network(res)
    assert G.nodes["A1"]["name"] == "regime" and G.edges["A1", "A2"]["evidence"] == ["E1"]
    c = article_camps(res)
    assert c.partition == {"A1": 0, "A3": 0, "A2": 1} and c.unaligned == ["A4"] and c.frustration == 0
    json.dumps(c.to_dict())
    # reported, the opposition alone on its side is no camp of one: unaligned, against camp 0
    view = camp_view(G, c)
    assert view.camps == {0: ["A1", "A3"]} and view.alone == ["A2"] and view.unaligned == ["A2", "A4"]
    assert view.node_opposes("A2") == [0] and view.node_opposes("A4") == [] and view.opposes(0) == []


def test_corpus_keys_merge_articles():
    a, b = result_fixture(), result_fixture()
    b.document = Document("d2", date="2015")
    ties, nodes = [], {}
    for r in (a, b):
        t, n = ties_from_result(r, key=actor_key)
        ties += t
        nodes.update(n)
    G = signed_network(ties, nodes)
    d = G.edges["gov:SYR", "name:opposition"]
    assert d["weight"] == 2 and d["evidence"] == ["d1#E1", "d2#E1"] and (d["first"], d["last"]) == ("2014-03-20", "2015")


# ---------------------------------------------------------------- camps

def signed(edges) -> nx.Graph:
    G = nx.Graph()
    for u, v, s, *w in edges:
        G.add_edge(u, v, sign=s, weight=w[0] if w else 1)
    return G


def brute_force(G) -> float:
    pairs = _signed_pairs(G)
    nodes = list(G.nodes)
    best = float("inf")
    for bits in itertools.product((1, -1), repeat=len(nodes) - 1):
        x = dict(zip(nodes, (1,) + bits))
        best = min(best, sum(abs(w) for (u, v), w in pairs.items() if w * x[u] * x[v] < 0))
    return best


def random_signed(rng: random.Random, n: int, p: float = 0.5) -> nx.Graph:
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for i, j in itertools.combinations(range(n), 2):
        if rng.random() < p:
            G.add_edge(i, j, sign=rng.choice((-1, 1)), weight=rng.randint(1, 5))
    return G


def same_camp(c: Camps, *nodes) -> bool:
    return len({c.partition[n] for n in nodes}) == 1


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_balanced_graph_has_no_frustration(method):
    G = signed([("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1), ("a", "d", -1), ("b", "c", -1, 3)])
    c = camps(G, method=method)
    assert c.frustration == 0 and c.frustrated_edges == []
    assert same_camp(c, "a", "b") and same_camp(c, "c", "d") and not same_camp(c, "a", "c")
    assert c.exact == (method == "exact")


@pytest.mark.parametrize("signs", [(-1, -1, -1), (1, 1, -1)])
def test_unbalanced_triangle_frustrates_one_edge(signs):
    G = signed([("a", "b", signs[0]), ("b", "c", signs[1]), ("a", "c", signs[2])])
    c = camps(G)
    assert c.frustration == 1 and len(c.frustrated_edges) == 1 and c.exact
    e = c.frustrated_edges[0]
    assert (e.sign == -1) == same_camp(c, e.u, e.v)  # an enmity inside a camp, or an alliance across


def test_weights_decide_which_edge_is_frustrated():
    G = signed([("a", "b", -1, 5), ("b", "c", -1, 5), ("a", "c", -1, 1)])
    c = camps(G)
    assert c.frustration == 1 and {c.frustrated_edges[0].u, c.frustrated_edges[0].v} == {"a", "c"}


SEED_ACTORS = {
    "regime": "state", "Bashar Al-Assad": "person", "Alawites": "community", "Hizbullah": "armed_group",
    "Huthis": "armed_group", "Iraqi Shiite militias": "armed_group", "opposition": "political_group",
    "NCCDC": "political_group", "Al-Nusra": "armed_group", "ISIS": "armed_group", "Sunnis": "community",
}
REGIME = {"regime", "Bashar Al-Assad", "Alawites", "Hizbullah", "Huthis", "Iraqi Shiite militias"}
AGAINST = {"opposition", "NCCDC", "Al-Nusra", "ISIS"}


def seed_result(extra: list[Event] = ()) -> ArticleResult:
    ids = {name: f"A{i}" for i, name in enumerate(SEED_ACTORS, 1)}
    actors = [Actor(ids[n], n, t) for n, t in SEED_ACTORS.items()]
    spec = [
        ("Bashar Al-Assad", "regime", "SUPPORT", 1), ("Alawites", "regime", "SUPPORT", 1),
        ("regime", "Hizbullah", "COOPERATE", 1), ("regime", "Huthis", "COOPERATE", 1),
        ("regime", "Iraqi Shiite militias", "COOPERATE", 1), ("regime", "Alawites", "AID", 1),
        ("opposition", "regime", "ACCUSE", -1), ("NCCDC", "regime", "ACCUSE", -1),
        ("NCCDC", "Bashar Al-Assad", "ACCUSE", -1), ("opposition", "Alawites", "REQUEST", 0),
        ("regime", "opposition", "ASSAULT", -1), ("Al-Nusra", "Hizbullah", "ASSAULT", -1),
        ("ISIS", "Iraqi Shiite militias", "ASSAULT", -1), ("ISIS", "regime", "ASSAULT", -1),
        ("Sunnis", "Al-Nusra", "REQUEST", 0), ("Sunnis", "ISIS", "REQUEST", 0),
        ("NCCDC", "opposition", "SUPPORT", 1),
        ("opposition", "Alawites", "ASSAULT", -1),  # "no massacres have been committed"
    ]
    events = [ev(f"E{i}", cat, ids[s], ids[t], pol, negated=(i == len(spec)))
              for i, (s, t, cat, pol) in enumerate(spec, 1)]
    events += [Event(e.id, e.category, "t", 0, 1, source=ids[e.source], target=ids[e.target], polarity=e.polarity)
               for e in extra]
    res = ArticleResult(Document("seed-like"), actors=actors, events=events)
    res.relations = article_relations(events)
    return res


def names(res: ArticleResult, nodes) -> set[str]:
    return {res.actor(n).name for n in nodes}


def test_seed_like_system_splits_into_the_regime_camp_and_its_enemies():
    res = seed_result()
    c = article_camps(res)
    assert c.frustration == 0 and c.exact
    (comp,) = c.components
    assert names(res, comp.sides[0]) == REGIME and names(res, comp.sides[1]) == AGAINST
    assert comp.labels == (0, 1) and names(res, c.members()[0]) == REGIME
    assert names(res, c.unaligned) == {"Sunnis"}  # only requests: neutral


def test_seed_like_system_reports_the_enmity_inside_a_camp():
    # jihadists attack the opposition twice: both hostile to the regime, hostile to each other
    res = seed_result([Event("X1", "ASSAULT", "t", 0, 1, source="ISIS", target="opposition", polarity=-1),
                       Event("X2", "ASSAULT", "t", 0, 1, source="Al-Nusra", target="opposition", polarity=-1),
                       Event("X3", "ASSAULT", "t", 0, 1, source="Al-Nusra", target="regime", polarity=-1)])
    c = article_camps(res)
    assert c.frustration == 2 and c.exact
    assert {frozenset(names(res, (e.u, e.v))) for e in c.frustrated_edges} == \
           {frozenset({"ISIS", "opposition"}), frozenset({"Al-Nusra", "opposition"})}
    assert all(e.sign == -1 for e in c.frustrated_edges)
    (comp,) = c.components
    assert names(res, comp.sides[0]) == REGIME


def test_components_get_their_own_camps():
    G = signed([("a", "b", -1), ("c", "d", 1), ("d", "e", -1), ("c", "e", -1)])
    G.add_edge("f", "g", sign=0)
    c = camps(G)
    assert [len(k.nodes) for k in c.components] == [3, 2]
    assert c.components[0].labels == (0, 1) and c.components[1].labels == (2, 3)
    assert same_camp(c, "c", "d") and set(c.partition.values()) == {0, 1, 2, 3}
    assert c.unaligned == ["f", "g"] and c.frustration == 0


def test_reported_camps_say_which_opposes_which_and_leave_lone_actors_unaligned():
    # two blocs at war (one cooperative tie across them); elsewhere an allied pair and a lone
    # actor against it, a pair of foes on their own, and an actor with only a neutral tie
    G = signed([("a1", "a2", 1), ("b1", "b2", 1), ("a1", "b1", -1, 3), ("a2", "b2", -1), ("a2", "b1", 1),
                ("c1", "c2", 1), ("y", "c1", -1), ("p", "q", -1), ("n", "a1", 0)])
    c = camps(G)
    view = camp_view(G, c)
    assert sorted(map(sorted, view.camps.values())) == [["a1", "a2"], ["b1", "b2"], ["c1", "c2"]]
    a, b, k = view.camp_of["a1"], view.camp_of["b1"], view.camp_of["c1"]
    assert sorted(view.camps) == [0, 1, 2] and {a, b} == {0, 1}   # camps numbered without gaps
    (t,) = view.ties
    assert (t.a, t.b) == (0, 1) and t.opposed and (t.conflict, t.cooperation) == (4.0, 1.0)
    assert view.opposes(a) == [b] and view.opposes(b) == [a] and view.opposes(k) == []
    assert set(view.alone) == {"y", "p", "q"} and set(view.unaligned) == {"y", "p", "q", "n"}
    assert view.node_opposes("y") == [k] and view.node_opposes("p") == [] and view.node_opposes("n") == []
    assert view.rivals == {"p": ["q"], "q": ["p"]}   # lone foes of each other; y's foe is in a camp
    assert view.node_opposes("a1") == [b] and view.node_opposes("c2") == []
    assert view.node_opposes("a2") == []   # one foe and one friend in camp b: on balance not against it
    annotate(G, c)
    assert {n: d["camp"] for n, d in G.nodes(data=True) if d["camp"] >= 0} == view.camp_of
    assert G.nodes["y"]["camp"] == G.nodes["p"]["camp"] == G.nodes["n"]["camp"] == -1


def test_camps_with_more_cooperation_than_conflict_across_do_not_oppose():
    G = signed([("a1", "a2", 1, 5), ("b1", "b2", 1, 5), ("a1", "b1", -1, 2), ("a2", "b2", -1, 2), ("a1", "b2", 1, 1)])
    view = camp_view(G, camps(G))
    (t,) = view.ties
    assert t.opposed and view.opposes(0) == [1]
    G.add_edge("a2", "b1", sign=1, weight=4)   # now more cooperation across than conflict
    view = camp_view(G, camps(G))
    assert all(not t.opposed for t in view.ties) and view.opposes(0) == []


def test_camps_of_a_directed_graph_sum_both_directions():
    D = directed_network([("a", "b", 1.0, 1), ("b", "a", -1.0, 3), ("b", "c", 1.0, 1)])
    c = camps(D)
    assert not same_camp(c, "a", "b") and same_camp(c, "b", "c") and c.frustration == 0


def test_branch_and_bound_is_exact_from_a_poor_start():
    rng = random.Random(7)
    for _ in range(40):
        G = random_signed(rng, rng.randint(2, 10))
        pairs = _signed_pairs(G)
        if not pairs:
            continue
        idx = {n: i for i, n in enumerate(G.nodes)}
        n = len(idx)
        adj = [[] for _ in range(n)]
        for (u, v), w in pairs.items():
            adj[idx[u]].append((idx[v], w))
            adj[idx[v]].append((idx[u], w))
        start = [1] * n
        start_cost = sum(-w for w in pairs.values() if w < 0)
        x, proven = _exact(n, adj, start, start_cost)
        cost = sum(abs(w) for (u, v), w in pairs.items() if w * x[idx[u]] * x[idx[v]] < 0)
        assert proven and cost == brute_force(G)


def test_exact_search_matches_brute_force():
    rng = random.Random(11)
    for _ in range(40):
        G = random_signed(rng, rng.randint(2, 11), p=rng.choice((0.3, 0.6, 0.9)))
        assert camps(G, method="exact").frustration == brute_force(G)


def test_heuristic_agrees_with_exact_on_random_small_graphs():
    rng = random.Random(2024)
    for _ in range(60):
        G = random_signed(rng, rng.randint(3, 16), p=rng.choice((0.2, 0.5, 0.8)))
        assert camps(G, method="heuristic").frustration == camps(G, method="exact").frustration


def test_heuristic_recovers_a_planted_split_in_a_large_graph():
    rng = random.Random(3)
    side = {i: rng.choice((-1, 1)) for i in range(400)}
    G = nx.gnm_random_graph(400, 2400, seed=3)
    for u, v in G.edges:
        G.edges[u, v]["sign"] = side[u] * side[v]
    c = camps(G)  # auto: heuristic above exact_max
    assert not c.exact and c.frustration == 0
    (comp,) = [k for k in c.components if len(k.nodes) > 300]
    assert all((side[a] == side[comp.nodes[0]]) == (c.partition[a] == c.partition[comp.nodes[0]]) for a in comp.nodes)


def test_heuristic_is_deterministic():
    G = random_signed(random.Random(5), 40, p=0.3)
    assert camps(G, method="heuristic").partition == camps(G, method="heuristic").partition


def test_unknown_method_is_an_error():
    with pytest.raises(ValueError, match="unknown method"):
        camps(nx.Graph(), method="spectral")


# ---------------------------------------------------------------- exports

def exported_graph() -> nx.Graph:
    return article_network(seed_result([Event("X1", "ASSAULT", "t", 0, 1, source="ISIS", target="opposition",
                                              polarity=-1)]))


@pytest.mark.parametrize("directed", [False, True])
def test_graphml_round_trip(tmp_path, directed):
    res = seed_result()
    G = article_network(res, directed=directed)
    path = tmp_path / "net.graphml"
    to_graphml(G, path)
    H = read_graphml(path)
    assert H.is_directed() == directed and set(H.nodes) == set(G.nodes)
    assert set(H.edges) == set(G.edges)
    view = camp_view(G, camps(G))
    for n, d in H.nodes(data=True):
        assert d["name"] == G.nodes[n]["name"] and d["type"] == G.nodes[n]["type"]
        assert d["camp"] == view.camp_of.get(n, -1)
    for u, v, d in H.edges(data=True):
        g = G.edges[u, v]
        assert (d["sign"], d["weight"], d["categories"], d["voices"], d["evidence"], d["acts"]) == \
               (g["sign"], g["weight"], g["categories"], g["voices"], g["evidence"], g["acts"])
        assert orient(H, u, v)[:2] == orient(G, u, v)[:2]   # who acted survives the file
    assert "camp" not in G.nodes["A1"]  # the graph given is not changed


def test_gexf_round_trip(tmp_path):
    G = exported_graph()
    path = tmp_path / "net.gexf"
    to_gexf(G, path)
    H = nx.read_gexf(path)
    assert set(H.nodes) == set(G.nodes)
    assert H.nodes["A1"]["label"] == "regime" and H.nodes["A1"]["type"] == "state"
    assert H.nodes["A1"]["camp"] == camp_view(G, camps(G)).camp_of["A1"]
    d = H.edges["A1", "A7"]
    assert d["sign"] == -1 and json.loads(d["categories"]) == G.edges["A1", "A7"]["categories"]
    assert d["frustrated"] is False
    frustrated = [(u, v) for u, v, d in H.edges(data=True) if d["frustrated"]]
    assert len(frustrated) == 1 and set(frustrated[0]) == {"A10", "A7"}  # ISIS - opposition


def test_node_link_is_json_and_round_trips():
    G = exported_graph()
    data = to_node_link(G)
    back = nx.node_link_graph(json.loads(json.dumps(data)), edges="links")
    assert set(back.nodes) == set(G.nodes) and set(back.edges) == set(G.edges)
    assert back.edges["A1", "A7"]["categories"] == G.edges["A1", "A7"]["categories"]
    assert {n["id"]: n["camp"] for n in data["nodes"]}["A11"] == -1  # Sunnis: unaligned


def test_node_link_links_go_from_who_acted():
    # "Burhan thanked Egypt", "Hemedti attacked Burhan": nodes listed in the opposite order
    G = signed_network([("burhan", "egypt", 1.0, 1), ("hemedti", "burhan", -1.0, 2)],
                       nodes={"egypt": {}, "burhan": {}, "hemedti": {}})
    links = {(l["source"], l["target"]): l for l in to_node_link(G)["links"]}
    assert set(links) == {("burhan", "egypt"), ("hemedti", "burhan")}
    assert links[("hemedti", "burhan")]["acts"] == {"hemedti": 2}
    D = directed_network([("burhan", "egypt", 1.0, 1), ("egypt", "burhan", 1.0, 1)], nodes={"egypt": {}})
    assert {(l["source"], l["target"]) for l in to_node_link(D)["links"]} == {("burhan", "egypt"), ("egypt", "burhan")}


def test_annotate_marks_camps_and_frustrated_edges():
    G = signed([("a", "b", -1), ("b", "c", -1), ("a", "c", -1), ("c", "d", 0)])
    c = camps(G)
    annotate(G, c)
    assert G.nodes["d"]["camp"] == -1
    assert sum(d["frustrated"] for *_, d in G.edges(data=True)) == 1
