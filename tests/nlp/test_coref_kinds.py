"""Definite descriptions naming an actor by its kind ("the group", "the council") and
possessives bound to the subject of the governing clause ("X said its ships ..."):
nlp/coref_kinds.py and nlp/coref_possessives.py, on hand-built Docs."""
from __future__ import annotations

from dyads.nlp.kb import Entry, KnowledgeBase
from docs import build, run_actors

KB = KnowledgeBase([
    Entry("country:SYR", "Syria", "country", country="SYR", demonyms=["Syrian"]),
    Entry("country:NOR", "Norway", "country", country="NOR", demonyms=["Norwegian"]),
    Entry("group:hezbollah", "Hezbollah", "armed_group", country="LBN"),
    Entry("org:unsc", "Security Council", "organization", aliases=["UN Security Council"]),
    Entry("person:bashar-al-assad", "Bashar al-Assad", "person", country="SYR", short=["Assad"]),
])


def analyse(spec: str):
    doc = build(spec)
    run_actors(doc, KB)
    return doc, doc._.dyads_actors


def mentions_of(doc, actors, name):
    found = [a for a in actors if a.name == name]
    assert found, f"no actor {name!r} in {[a.name for a in actors]}"
    return [doc[c.start : c.end].text for c in found[0].cands]


def owner_of(doc, actors, text):
    """The actor a mention with this text resolves to, or None."""
    for a in actors:
        for c in a.cands:
            if doc[c.start : c.end].text == text:
                return a.name
    return None


# ------------------------------------------------------------------ the group, the council

GROUP_SAID = """
Hezbollah  NNP  nsubj     1
shelled    VBD  ROOT      1
the        DT   det       3
post       NN   dobj      1
.          .    punct     1
The        DT   det       7
armed      JJ   amod      7
group      NN   nsubj     8
said       VBD  ROOT      8
so         RB   advmod    8
.          .    punct     8
"""


def test_the_group_is_the_last_group_named():
    doc, actors = analyse(GROUP_SAID)
    assert mentions_of(doc, actors, "Hezbollah") == ["Hezbollah", "The armed group"]


GROUP_AFTER_A_COUNTRY = """
Syria      NNP  nsubj     1
shelled    VBD  ROOT      1
the        DT   det       3
post       NN   dobj      1
.          .    punct     1
The        DT   det       6
group      NN   nsubj     7
said       VBD  ROOT      7
so         RB   advmod    7
.          .    punct     7
"""


def test_the_group_is_not_a_country():
    doc, actors = analyse(GROUP_AFTER_A_COUNTRY)
    assert owner_of(doc, actors, "The group") is None


GROUP_OF = """
Hezbollah  NNP  nsubj     1
shelled    VBD  ROOT      1
the        DT   det       3
post       NN   dobj      1
.          .    punct     1
The        DT   det       6
group      NN   nsubj     9
of         IN   prep      6
envoys     NNS  pobj      7
met        VBD  ROOT      9
.          .    punct     9
"""


def test_the_group_of_something_is_that_group_not_the_one_named_before():
    doc, actors = analyse(GROUP_OF)
    assert owner_of(doc, actors, "The group") is None


COUNCIL = """
The        DT   det       2
Security   NNP  compound  2
Council    NNP  nsubj     3
met        VBD  ROOT      3
.          .    punct     3
Hezbollah  NNP  nsubj     6
fired      VBD  ROOT      6
.          .    punct     6
The        DT   det       9
council    NN   nsubj     10
condemned  VBD  ROOT      10
it         PRP  dobj      10
.          .    punct     10
"""


def test_the_council_is_the_actor_whose_name_holds_it_not_the_last_group():
    doc, actors = analyse(COUNCIL)
    assert owner_of(doc, actors, "The council") == "Security Council"


COUNCIL_WITHOUT_ONE = """
Hezbollah  NNP  nsubj     1
fired      VBD  ROOT      1
.          .    punct     1
The        DT   det       4
council    NN   nsubj     5
condemned  VBD  ROOT      5
it         PRP  dobj      5
.          .    punct     5
"""


def test_the_council_refers_to_nothing_when_no_council_was_named():
    doc, actors = analyse(COUNCIL_WITHOUT_ONE)
    assert owner_of(doc, actors, "The council") is None


# ------------------------------------------------------------------ its, their

ITS_SHIPS = """
Norway     NNP  nsubj     1
said       VBD  ROOT      1
its        PRP$ poss      3
ships      NNS  nsubjpass 5
were       VBD  auxpass   5
hit        VBN  ccomp     1
by         IN   agent     5
Hezbollah  NNP  pobj      6
.          .    punct     1
"""


def test_its_in_a_reported_clause_is_the_speakers():
    doc, actors = analyse(ITS_SHIPS)
    assert owner_of(doc, actors, "its") == "Norway"


ITS_OWN_CLAUSE = """
Hezbollah  NNP  nsubj     1
shelled    VBD  ROOT      1
its        PRP$ poss      3
posts      NNS  dobj      1
.          .    punct     1
"""


def test_its_in_the_subjects_own_clause_is_left_to_the_event_rules():
    doc, actors = analyse(ITS_OWN_CLAUSE)
    assert owner_of(doc, actors, "its") is None


ITS_NAMED_PARTNERS = """
Norway     NNP  nsubj     1
said       VBD  ROOT      1
its        PRP$ poss      4
Syrian     JJ   amod      4
partners   NNS  nsubj     5
left       VBD  ccomp     1
.          .    punct     1
"""


def test_its_before_a_named_partner_is_not_bound():
    doc, actors = analyse(ITS_NAMED_PARTNERS)
    assert owner_of(doc, actors, "its") is None


ITS_PERSON = """
Assad      NNP  nsubj     1  B-PERSON
said       VBD  ROOT      1
its        PRP$ poss      3
ships      NNS  nsubjpass 5
were       VBD  auxpass   5
hit        VBN  ccomp     1
.          .    punct     1
"""


def test_its_is_no_persons():
    doc, actors = analyse(ITS_PERSON)
    assert owner_of(doc, actors, "its") is None


SHARED_SUBJECT = """
Norway     NNP  nsubj     1
refused    VBD  ROOT      1
and        CC   cc        1
urged      VBD  conj      1
its        PRP$ poss      5
citizens   NNS  dobj      3
.          .    punct     1
"""


def test_a_verb_sharing_its_subject_is_one_clause():
    doc, actors = analyse(SHARED_SUBJECT)
    assert owner_of(doc, actors, "its") is None


JOINED_CLAUSE = """
Norway     NNP  nsubj     1
has        VBZ  ROOT      1
a          DT   det       3
fleet      NN   dobj      1
,          ,    punct     1
and        CC   cc        1
its        PRP$ poss      7
ships      NNS  nsubjpass 9
were       VBD  auxpass   9
hit        VBN  conj      1
.          .    punct     1
"""


def test_its_in_a_clause_joined_with_a_subject_of_its_own_is_the_first_subjects():
    doc, actors = analyse(JOINED_CLAUSE)
    assert owner_of(doc, actors, "its") == "Norway"


COUNTRY_MAJORITY = """
Syria      NNP  nsubj     1
voted      VBD  ROOT      1
.          .    punct     1
Hezbollah  NNP  nsubj     4
fought     VBD  ROOT      4
the        DT   det       6
country    NN   poss      9
's         POS  case      6
Syrian     JJ   amod      9
majority   NN   dobj      4
.          .    punct     4
"""


def test_the_country_is_not_the_possessor_of_a_people_it_names():
    doc, actors = analyse(COUNTRY_MAJORITY)
    assert owner_of(doc, actors, "the country") is None


COUNTRY_VOTED = """
Syria      NNP  nsubj     1
voted      VBD  ROOT      1
.          .    punct     1
Hezbollah  NNP  nsubj     4
praised    VBD  ROOT      4
the        DT   det       6
country    NN   dobj      4
.          .    punct     4
"""


def test_the_country_is_the_last_country_named():
    doc, actors = analyse(COUNTRY_VOTED)
    assert owner_of(doc, actors, "the country") == "Syria"


# ------------------------------------------------------------------ the minister (coref_descriptions)

TWO_MINISTERS = """
Minister   NNP  compound  2
Bashar     NNP  compound  2  B-PERSON
Assad      NNP  nsubj     3  I-PERSON
spoke      VBD  ROOT      3
.          .    punct     3
Minister   NNP  compound  7
Ola        NNP  compound  7  B-PERSON
Nordmann   NNP  nsubj     8  I-PERSON
replied    VBD  ROOT      8
.          .    punct     8
The        DT   det       11
minister   NN   nsubj     12
left       VBD  ROOT      12
.          .    punct     12
"""


def test_the_minister_of_several_is_the_one_named_last():
    doc, actors = analyse(TWO_MINISTERS)
    assert owner_of(doc, actors, "The minister") == "Ola Nordmann"


# ------------------------------------------------------------------ the rebels (coref_descriptions)

REBELS_NAMED = """
The        DT   det       2
Hezbollah  NNP  compound  2
rebels     NNS  nsubj     3
fired      VBD  ROOT      3
.          .    punct     3
The        DT   det       6
rebels     NNS  nsubj     7
left       VBD  ROOT      7
.          .    punct     7
"""


def test_the_rebels_are_the_group_the_article_called_rebels():
    doc, actors = analyse(REBELS_NAMED)
    assert owner_of(doc, actors, "rebels") == "Hezbollah"


REBELS_UNNAMED = """
Hezbollah  NNP  nsubj     1
fired      VBD  ROOT      1
.          .    punct     1
The        DT   det       4
rebels     NNS  nsubj     5
left       VBD  ROOT      5
.          .    punct     5
"""


def test_the_rebels_without_a_group_so_called_stay_a_group_of_their_own():
    doc, actors = analyse(REBELS_UNNAMED)
    assert owner_of(doc, actors, "rebels") == "rebels"


COUNTRY_REBELS = """
Syrian     JJ   amod      1
rebels     NNS  nsubj     2
fired      VBD  ROOT      2
.          .    punct     2
"""


def test_a_countrys_rebels_are_not_the_country():
    doc, actors = analyse(COUNTRY_REBELS)
    assert owner_of(doc, actors, "Syrian rebels") not in (None, "Syria")
