"""Unnamed groups described by an affiliation with a named actor or by being armed
("Ruritania-based armed groups", "Syria-aligned factions"): nlp/coref_groups.py, on hand-built Docs."""
from __future__ import annotations

from test_coref_kinds import analyse, owner_of

BASED_ARMED = """
Syria      NNP  npadvmod  2
-          HYPH punct     2
based      VBN  amod      4
armed      JJ   amod      4
groups     NNS  nsubj     5
fired      VBD  ROOT      5
on         IN   prep      5
Norway     NNP  pobj      6
.          .    punct     5
"""


def test_an_actor_based_armed_group_phrase_is_an_armed_group_of_its_own():
    doc, actors = analyse(BASED_ARMED)
    assert owner_of(doc, actors, "Syria-based armed groups") == "Syria-based armed groups"
    a = next(a for a in actors if a.name == "Syria-based armed groups")
    assert a.type == "armed_group"


ALIGNED_TWICE = """
Syria      NNP  npadvmod  2
-          HYPH punct     2
aligned    VBN  amod      3
factions   NNS  nsubj     4
fired      VBD  ROOT      4
.          .    punct     4
Syria      NNP  npadvmod  8
-          HYPH punct     8
aligned    VBN  amod      9
factions   NNS  nsubj     10
left       VBD  ROOT      10
.          .    punct     10
"""


def test_the_same_phrase_again_is_the_same_actor():
    doc, actors = analyse(ALIGNED_TWICE)
    found = [a for a in actors if a.name == "Syria-aligned factions"]
    assert len(found) == 1 and len(found[0].cands) == 2


BARE_GROUPS = """
Several    JJ   amod      1
groups     NNS  nsubj     2
met        VBD  ROOT      2
in         IN   prep      2
Norway     NNP  pobj      3
.          .    punct     2
"""


def test_a_bare_or_merely_counted_group_noun_is_no_actor():
    doc, actors = analyse(BARE_GROUPS)
    assert owner_of(doc, actors, "Several groups") is None and owner_of(doc, actors, "groups") is None


HYPHEN_WITHOUT_ACTOR = """
faith      NN   npadvmod  2
-          HYPH punct     2
based      VBN  amod      3
groups     NNS  nsubj     4
met        VBD  ROOT      4
.          .    punct     4
"""


def test_an_affiliation_with_no_named_actor_is_no_actor():
    doc, actors = analyse(HYPHEN_WITHOUT_ACTOR)
    assert owner_of(doc, actors, "faith-based groups") is None


GROUP_LEADERS = """
armed      JJ   amod      1
group      NN   compound  2
leaders    NNS  nsubj     3
met        VBD  ROOT      3
.          .    punct     3
"""


def test_a_group_noun_modifying_another_is_no_actor():
    doc, actors = analyse(GROUP_LEADERS)
    assert not any(a.type == "armed_group" for a in actors)


ARMED_ONLY = """
armed      JJ   amod      1
groups     NNS  nsubj     2
fired      VBD  ROOT      2
on         IN   prep      2
Norway     NNP  pobj      3
.          .    punct     2
"""


def test_armed_groups_alone_are_too_vague_to_be_one_actor():
    doc, actors = analyse(ARMED_ONLY)
    assert owner_of(doc, actors, "armed groups") is None


# ------------------------------------------------------------------ a people's civilians

SETTLERS = """
Syrian     JJ   amod      1
settlers   NNS  nsubj     2
attacked   VBD  ROOT      2
Norwegian  JJ   amod      4
officials  NNS  dobj      2
.          .    punct     2
"""


def test_a_peoples_settlers_are_a_community_apart_from_its_state():
    doc, actors = analyse(SETTLERS)
    assert owner_of(doc, actors, "Syrian settlers") == "Syrian settlers"
    assert next(a for a in actors if a.name == "Syrian settlers").type == "community"


def test_a_peoples_officials_are_not_a_group_apart():
    doc, actors = analyse(SETTLERS)
    assert owner_of(doc, actors, "Norwegian officials") is None


LOWER_MODIFIER = """
local      JJ   amod      1
residents  NNS  nsubj     2
fled       VBD  ROOT      2
.          .    punct     2
"""


def test_residents_without_a_peoples_name_are_no_actor_here():
    doc, actors = analyse(LOWER_MODIFIER)
    assert owner_of(doc, actors, "local residents") is None


CITIZENS_OF = """
Syrian     JJ   amod      1
citizens   NNS  nsubj     4
of         IN   prep      1
Norway     NNP  pobj      2
voted      VBD  ROOT      4
.          .    punct     4
"""


def test_a_peoples_citizens_of_a_named_country_keep_the_country_in_their_name():
    doc, actors = analyse(CITIZENS_OF)
    assert owner_of(doc, actors, "Syrian citizens of Norway") == "Syrian citizens of Norway"
