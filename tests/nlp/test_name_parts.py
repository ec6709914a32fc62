"""Rule tests of nlp/name_parts.py: a known name that is only part of a longer name, or a compass
direction, is no actor. Hand-built Docs; no model."""
from __future__ import annotations

from docs import build, run_actors
from dyads.nlp.name_parts import part_of_longer_name, quoted_name

from dyads.nlp.kb import Entry, KnowledgeBase

KB = KnowledgeBase([
    Entry("bloc:west", "the West", "country", aliases=["West"], demonyms=["Western"]),
    Entry("country:IRN", "Iran", "country", country="IRN", demonyms=["Iranian"]),
    Entry("country:JOR", "Jordan", "country", country="JOR", demonyms=["Jordanian"]),
])


def by_name(actors, name):
    found = [a for a in actors if a.name == name]
    assert found, f"no actor {name!r} in {[a.name for a in actors]}"
    return found[0]


def mention_texts(doc, actor):
    return [doc[c.start : c.end].text for c in actor.cands]


def places(*names):
    return lambda name: name in names


def analyse(spec: str):
    doc = build(spec)
    run_actors(doc, KB)
    return doc, doc._.dyads_actors


BLOC_ACTS = """
Tehran      NNP  nsubj  1  B-GPE
blamed      VBD  ROOT   1
the         DT   det    3
West        NNP  dobj   1
for         IN   prep   1
the         DT   det    6
unrest      NN   pobj   4
.           .    punct  1
"""

WEST_BANK = """
Troops      NNS  nsubj  1
entered     VBD  ROOT   1
the         DT   det    4
West        NNP  compound 4  B-GPE
Bank        NNP  dobj   1  I-GPE
.           .    punct  1
"""

DIRECTION = """
West        NNP  advmod 4
of          IN   prep   0
Amman       NNP  pobj   1  B-GPE
,           ,    punct  4
settlers    NNS  ROOT   4
gathered    VBD  acl    4
.           .    punct  4
"""

AXIS = """
East        NNP  compound 2
-           HYPH punct  2
West        NNP  compound 3
relations   NNS  nsubj  4
improved    VBD  ROOT   4
.           .    punct  4
"""

DEMONYM = """
Western     JJ   amod   1
sanctions   NNS  nsubj  2
hurt        VBD  ROOT   2
Iran        NNP  dobj   2  B-GPE
.           .    punct  2
"""

REGION = """
Rain        NN   nsubj  1
fell        VBD  ROOT   1
on          IN   prep   1
Western     NNP  compound 4
Sahara      NNP  pobj   2  B-GPE
and         CC   cc     4
West        NNP  compound 7
Java        NNP  conj   4  B-GPE
.           .    punct  1
"""

HEADLINE = """
Iran        NNP  nsubj  1  B-GPE
Blames      VBZ  ROOT   1
West        NNP  dobj   1
For         IN   prep   1
Unrest      NNP  pobj   3
"""

VALLEY = """
Farmers     NNS  nsubj  1
left        VBD  ROOT   1
the         DT   det    4
Jordan      NNP  compound 4  B-GPE
Valley      NNP  dobj   1  I-GPE
and         CC   cc     4
the         DT   det    8
Jordan      NNP  compound 8  B-ORG
Times       NNP  conj   4  I-ORG
.           .    punct  1
"""


def test_the_bloc_acting_is_an_actor():
    doc, actors = analyse(BLOC_ACTS)
    west = by_name(actors, "the West")
    assert west.type == "country" and mention_texts(doc, west) == ["the West"]
    assert not part_of_longer_name(doc, 2, 4, places()) and not part_of_longer_name(doc, 3, 4, places())


def test_the_bloc_possessive_and_its_adjective_are_the_bloc():
    doc = build(DEMONYM)
    assert not part_of_longer_name(doc, 0, 1, places())


def test_a_longer_place_name_wins_over_the_bloc():
    doc, actors = analyse(WEST_BANK)
    assert part_of_longer_name(doc, 3, 4, places())
    assert all(a.name != "the West" for a in actors)


def test_a_compass_direction_is_no_actor():
    doc = build(DIRECTION)
    assert part_of_longer_name(doc, 0, 1, places())
    _, actors = analyse(DIRECTION)
    assert all(a.name != "the West" for a in actors)


def test_two_dashed_compass_words_are_an_axis():
    doc = build(AXIS)
    assert part_of_longer_name(doc, 2, 3, places())


def test_a_compass_word_before_a_capitalised_name_is_part_of_a_region():
    doc = build(REGION)
    assert part_of_longer_name(doc, 3, 4, places()) and part_of_longer_name(doc, 6, 7, places())


def test_a_headline_function_word_does_not_make_a_longer_name():
    doc = build(HEADLINE)
    assert not part_of_longer_name(doc, 2, 3, places())


def test_any_known_name_gives_way_to_a_longer_place_name_only():
    doc = build(VALLEY)
    known = places("Jordan Valley")
    assert part_of_longer_name(doc, 3, 4, known)  # the valley is a place the gazetteer knows
    assert not part_of_longer_name(doc, 7, 8, known)  # "Jordan Times": no place; left to the entity rules


# ------------------------------------------------------------------ names in quotation marks

QUOTED = """
Elbonia     NNP  nsubj  1  B-GPE
backs       VBZ  ROOT   1
the         DT   det    7
“           ``   punct  7
league      NN   compound 7
of          IN   prep   4
lions       NNS  pobj   5
”           ''   punct  7
.           .    punct  1
"""

UNQUOTED = """
Elbonia     NNP  nsubj  1  B-GPE
built       VBD  ROOT   1
a           DT   det    3
league      NN   dobj   1
of          IN   prep   3
lions       NNS  pobj   4
.           .    punct  1
"""

LEAGUE_KB = KnowledgeBase([
    Entry("group:league-of-lions", "League of Lions", "armed_group", aliases=["league of lions"]),
    Entry("country:ELB", "Elbonia", "country", country="ELB"),
])


def analyse_league(spec: str):
    doc = build(spec)
    run_actors(doc, LEAGUE_KB)
    return doc, doc._.dyads_actors


def test_a_known_name_in_lower_case_between_quotation_marks_is_the_actor():
    doc, actors = analyse_league(QUOTED)
    assert quoted_name(doc, 4, 7)
    assert by_name(actors, "League of Lions").type == "armed_group"


def test_the_same_words_in_lower_case_without_quotation_marks_are_no_name():
    doc, actors = analyse_league(UNQUOTED)
    assert not quoted_name(doc, 3, 6)
    assert all(a.name != "League of Lions" for a in actors)
