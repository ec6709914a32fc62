"""Rule tests: state organs named by a common noun, and when a description word names its
institution. Invented sentences on hand-built Docs; no model needed."""
from __future__ import annotations

from dyads.nlp.kb import Entry, KnowledgeBase
from docs import build, run_actors

KB = KnowledgeBase([
    Entry("country:NOR", "Norway", "country", country="NOR", demonyms=["Norwegian"]),
    Entry("country:PER", "Peru", "country", country="PER", demonyms=["Peruvian"]),
])


def analyse(spec: str):
    doc = build(spec)
    run_actors(doc, KB)
    return doc, {a.name: a for a in doc._.dyads_actors}


def texts(doc, a):
    return [doc[c.start : c.end].text for c in a.cands]


def test_a_countrys_ministry_is_a_state_actor_of_its_own():
    doc, actors = analyse("""
    Norway     NNP  poss   3  B-GPE
    's         POS  case   0
    foreign    JJ   amod   3
    ministry   NN   nsubj  4
    protested  VBD  ROOT   4
    .          .    punct  4
    """)
    m = actors["Norwegian foreign ministry"]
    assert m.type == "state" and m.country == "NOR" and texts(doc, m) == ["foreign ministry"]
    assert actors["Norway"].type == "country"


def test_the_ministry_alone_refers_back_to_the_one_named():
    doc, actors = analyse("""
    The        DT   det    2
    Peruvian   JJ   amod   2  B-NORP
    ministry   NN   nsubj  3
    spoke      VBD  ROOT   3
    .          .    punct  3
    """ + """
    The        DT   det    7
    interior   JJ   amod   7
    ministry   NN   nsubj  8
    agreed     VBD  ROOT   8
    .          .    punct  8
    """)
    # no department the first time: no organ; the second names one, of the article's country
    assert set(actors) == {"Peru", "Peruvian interior ministry"}


def test_a_ministry_without_any_country_is_no_actor():
    _, actors = analyse("""
    The        DT   det    2
    health     NN   amod   2
    ministry   NN   nsubj  3
    spoke      VBD  ROOT   3
    .          .    punct  3
    """)
    assert actors == {}


def test_possessor_before_modifiers_gives_the_country_and_the_mention_keeps_them():
    # the parser hung "Peru's" on the verb: the possessive ending before the modifiers still counts
    doc, actors = analyse("""
    Rebels          NNS  nsubj   1
    fought          VBD  ROOT    1
    Peru            NNP  dobj    1  B-GPE
    's              POS  case    2
    internationally RB   advmod  5
    recognised      VBN  amod    6
    government      NN   dobj    1
    .               .    punct   1
    """)
    gov = [a for a in actors.values() if a.type == "state"]
    assert len(gov) == 1 and gov[0].country == "PER"
    assert texts(doc, gov[0]) == ["internationally recognised government"]


def test_a_description_modifying_another_noun_names_no_institution():
    _, actors = analyse("""
    Norway       NNP  nsubj     1  B-GPE
    hosted       VBD  ROOT      1
    an           DT   det       5
    opposition   NN   compound  5
    war          NN   compound  5
    monitor      NN   dobj      1
    .            .    punct     1
    """)
    assert set(actors) == {"Norway"}


def test_but_its_members_act_as_it():
    _, actors = analyse("""
    Norway       NNP  nsubj     1  B-GPE
    sent         VBD  ROOT      1
    government   NN   compound  3
    troops       NNS  dobj      1
    .            .    punct     1
    """)
    assert any(a.type == "state" for a in actors.values())


def test_opposition_to_something_is_an_act_and_our_military_the_speakers():
    _, actors = analyse("""
    Norway       NNP  nsubj  1  B-GPE
    voiced       VBD  ROOT   1
    opposition   NN   dobj   1
    to           IN   prep   2
    the          DT   det    5
    plan         NN   pobj   3
    and          CC   cc     1
    praised      VBD  conj   1
    our          PRP$ poss   9
    military     NN   dobj   7
    .            .    punct  1
    """)
    assert set(actors) == {"Norway"}


COUNCIL = """
The        DT   det       3
Harwick    NNP  compound  2  B-ORG
Trade      NNP  compound  3  I-ORG
Council    NNP  nsubj     4  I-ORG
met        VBD  ROOT      4
.          .    punct     4
Then       RB   advmod    8
the        DT   det       7
Council    NNP  nsubj     8  B-ORG
voted      VBD  ROOT      8
.          .    punct     8
"""


def test_the_capitalised_head_of_a_name_refers_back_to_it():
    doc, actors = analyse(COUNCIL)
    council = actors["Harwick Trade Council"]
    assert texts(doc, council) == ["Harwick Trade Council", "Council"]


def test_but_not_when_two_names_end_with_it():
    doc, actors = analyse("""
    Harwick    NNP  compound  2  B-ORG
    Trade      NNP  compound  2  I-ORG
    Council    NNP  nsubj     6  I-ORG
    and        CC   cc        2
    Pell       NNP  compound  5  B-ORG
    Council    NNP  conj      2  I-ORG
    met        VBD  ROOT      6
    .          .    punct     6
    The        DT   det       9
    Council    NNP  nsubj     10 B-ORG
    voted      VBD  ROOT      10
    .          .    punct     10
    """)
    assert texts(doc, actors["Harwick Trade Council"]) == ["Harwick Trade Council"]
    assert texts(doc, actors["Pell Council"]) == ["Pell Council"]


def test_a_ministry_in_a_capital_is_the_ministry_of_the_capitals_state():
    # the Peruvian army is the article's country; the ministry "in Oslo" is Norway's all the same
    doc, actors = analyse("""
    The        DT   det    2
    Peruvian   JJ   amod   2  B-NORP
    army       NN   nsubj  3
    advanced   VBD  ROOT   3
    .          .    punct  3
    The        DT   det    7
    foreign    JJ   amod   7
    ministry   NN   nsubj  10
    in         IN   prep   7
    Oslo       NNP  pobj   8  B-GPE
    protested  VBD  ROOT   10
    .          .    punct  10
    """)
    assert "Norwegian foreign ministry" in actors and "Peruvian foreign ministry" not in actors


def test_a_ministry_in_a_town_that_is_no_capital_stays_the_articles_countrys():
    doc, actors = analyse("""
    The        DT   det    2
    Peruvian   JJ   amod   2  B-NORP
    army       NN   nsubj  3
    advanced   VBD  ROOT   3
    .          .    punct  3
    The        DT   det    7
    foreign    JJ   amod   7
    ministry   NN   nsubj  10
    in         IN   prep   7
    Bergen     NNP  pobj   8  B-GPE
    protested  VBD  ROOT   10
    .          .    punct  10
    """)
    assert "Peruvian foreign ministry" in actors and "Norwegian foreign ministry" not in actors
