"""Rule tests: countries named only as places are no actors; a capital that acts is its country;
seats of power are actors of their own. Invented sentences on hand-built Docs; no model needed."""
from __future__ import annotations

from dyads.nlp.kb import Entry, KnowledgeBase
from docs import build, run_actors

KB = KnowledgeBase([
    Entry("country:JOR", "Jordan", "country", country="JOR", demonyms=["Jordanian"]),
    Entry("country:RUS", "Russia", "country", country="RUS", demonyms=["Russian"]),
    Entry("country:FRA", "France", "country", country="FRA", demonyms=["French"]),
    Entry("gov:FRA", "French government", "state", country="FRA"),
    Entry("state:kremlin", "Kremlin", "state", country="RUS"),
])


def analyse(spec: str):
    doc = build(spec)
    run_actors(doc, KB)
    return doc, {a.name: a for a in doc._.dyads_actors}


def test_a_country_only_named_where_things_happen_is_no_actor():
    _, actors = analyse("""
    Farmers    NNS  nsubj  1
    protested  VBD  ROOT   1
    in         IN   prep   1
    Jordan     NNP  pobj   2  B-GPE
    .          .    punct  1
    """)
    assert "Jordan" not in actors


def test_a_country_that_acts_is_an_actor():
    _, actors = analyse("""
    Jordan     NNP  nsubj  1  B-GPE
    closed     VBD  ROOT   1
    its        PRP$ poss   3
    border     NN   dobj   1
    .          .    punct  1
    """)
    assert actors["Jordan"].type == "country"


def test_a_country_acting_once_stays_an_actor_though_also_named_as_a_place():
    _, actors = analyse("""
    Refugees   NNS  nsubj  1
    arrived    VBD  ROOT   1
    in         IN   prep   1
    Jordan     NNP  pobj   2  B-GPE
    and        CC   cc     1
    Jordan     NNP  nsubj  6  B-GPE
    housed     VBD  conj   1
    them       PRP  dobj   6
    .          .    punct  1
    """)
    assert "Jordan" in actors


def test_ground_nouns_conjuncts_and_longer_names_are_places():
    _, actors = analyse("""
    Jordan     NNP  poss      2  B-GPE
    's         POS  case      0
    capital    NN   nsubj     3
    lies       VBZ  ROOT      3
    near       IN   prep      3
    the        DT   det       7
    Jordan     NNP  compound  7  B-LOC
    Valley     NNP  pobj      4  I-LOC
    and        CC   cc        7
    France     NNP  conj      7  B-GPE
    .          .    punct     3
    """)
    assert "Jordan" not in actors and "France" not in actors


def test_an_adjective_still_names_the_country():
    # "the Russian proposal": whose proposal it is can be the country's (event sides read it)
    _, actors = analyse("""
    Talks      NNS  nsubj  1
    stalled    VBD  ROOT   1
    over       IN   prep   1
    the        DT   det    5
    Russian    JJ   amod   5  B-NORP
    proposal   NN   pobj   2
    .          .    punct  1
    """)
    assert "Russia" in actors


def test_a_capital_that_acts_is_its_country_not_a_second_actor():
    _, actors = analyse("""
    France     NNP  nsubj  1  B-GPE
    protested  VBD  ROOT   1
    and        CC   cc     1
    Paris      NNP  nsubj  4  B-GPE
    recalled   VBD  conj   1
    its        PRP$ poss   6
    envoy      NN   dobj   4
    .          .    punct  1
    """)
    assert "French government" not in actors
    france = actors["France"]
    assert len([c for c in france.cands if c.kind != "pronoun"]) == 2


def test_a_capital_only_named_as_a_place_is_no_actor():
    _, actors = analyse("""
    Tourists   NNS  nsubj  1
    arrived    VBD  ROOT   1
    in         IN   prep   1
    Paris      NNP  pobj   2  B-GPE
    .          .    punct  1
    """)
    assert set(actors) == set()


def test_the_seat_of_power_is_an_actor_of_its_own():
    _, actors = analyse("""
    The        DT   det    1
    Kremlin    NNP  nsubj  2  B-ORG
    denied     VBD  ROOT   2
    that       IN   mark   5
    Russia     NNP  nsubj  5  B-GPE
    lied       VBD  ccomp  2
    .          .    punct  2
    """)
    assert actors["Kremlin"].type == "state" and actors["Russia"].type == "country"


def test_the_second_of_two_capitals_acting_together_is_its_country_too():
    _, actors = analyse("""
    Paris      NNP  nsubj  3  B-GPE
    and        CC   cc     0
    Moscow     NNP  conj   0  B-GPE
    exchanged  VBD  ROOT   3
    messages   NNS  dobj   3
    .          .    punct  3
    """)
    assert set(actors) == {"France", "Russia"}


def test_a_capital_joined_to_a_place_stays_a_place():
    _, actors = analyse("""
    Flights    NNS  nsubj  1
    left       VBD  ROOT   1
    for        IN   prep   1
    Lyon       NNP  pobj   2  B-GPE
    and        CC   cc     3
    Paris      NNP  conj   3  B-GPE
    .          .    punct  1
    """)
    assert actors == {}


def test_a_name_the_text_calls_a_town_is_a_place_not_a_person():
    _, actors = analyse("""
    Settlers   NNS  nsubj  1
    raided     VBD  ROOT   1
    the        DT   det    3
    town       NN   dobj   1
    of         IN   prep   3
    Harwick    NNP  pobj   4  B-PERSON
    .          .    punct  1
    """)
    assert actors == {}


def test_a_dateline_is_no_actor():
    _, actors = analyse("""
    Harwick    NNP  ROOT   0  B-PERSON
    ,          ,    punct  0
    Northland  NNP  appos  0  B-GPE
    \u2014     :    punct  0
    Farmers    NNS  nsubj  5
    left       VBD  ROOT   5
    .          .    punct  5
    """)
    assert "Harwick" not in actors


def test_a_person_named_beside_a_town_stays_a_person():
    _, actors = analyse("""
    Edna       NNP  compound 1  B-PERSON
    Harwick    NNP  nsubj    2  I-PERSON
    visited    VBD  ROOT     2
    the        DT   det      4
    town       NN   dobj     2
    .          .    punct    2
    """)
    assert actors["Edna Harwick"].type == "person"
