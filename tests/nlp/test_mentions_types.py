"""Rule tests of the typing of entities the knowledge base does not know (nlp/mentions.py,
type_entity): a legislature's one-word name is a state organ; a name with a given name first is a
person whatever group stands in apposition nearby. Hand-built Docs; no model."""
from __future__ import annotations

from docs import build
from dyads.nlp.lexicon import load_lexicon
from dyads.nlp.mentions import Cand, type_entity

LEX = load_lexicon()

LEGISLATURE = """
The         DT   det      1
Senate      NNP  nsubj    2  B-ORG
approved    VBD  ROOT     2
the         DT   det      4
loan        NN   dobj     2
.           .    punct    2
"""

PARTY = """
The         DT   det      3
Ruritanian  NNP  compound 3  B-ORG
National    NNP  compound 3  I-ORG
Congress    NNP  nsubj    4  I-ORG
won         VBD  ROOT     4
.           .    punct    4
"""

GIVEN_NAME_FIRST = """
Nadia       NNP  compound 1  B-PERSON
Holt        NNP  nsubj    7  I-PERSON
,           ,    punct    1
a           DT   det      4
group       NN   appos    1
of          IN   prep     4
donors      NNS  pobj     5
spoke       VBD  ROOT     7
.           .    punct    7
"""

NO_GIVEN_NAME = """
Zorblat     NNP  nsubj    6  B-PERSON
,           ,    punct    0
a           DT   det      3
militia     NN   appos    0
in          IN   prep     3
town        NN   pobj     4
struck      VBD  ROOT     6
.           .    punct    6
"""


def test_a_legislatures_one_word_name_is_a_state_organ():
    doc = build(LEGISLATURE)
    assert type_entity(doc, Cand(1, 2, "ner", label="ORG"), LEX) == "state"


def test_a_longer_name_ending_in_congress_keeps_its_words_type():
    doc = build(PARTY)
    assert type_entity(doc, Cand(1, 4, "ner", label="ORG"), LEX) == "political_group"


def test_a_given_name_first_makes_a_person_despite_a_group_in_apposition():
    doc = build(GIVEN_NAME_FIRST)
    assert type_entity(doc, Cand(0, 2, "ner", label="PERSON"), LEX) == "person"


def test_an_unknown_name_takes_the_kind_of_its_apposition():
    doc = build(NO_GIVEN_NAME)
    assert type_entity(doc, Cand(0, 1, "ner", label="PERSON"), LEX) == "armed_group"


# ------------------------------------------------------------------ a group's short form that is a given name

from dyads.nlp.kb import Entry, KnowledgeBase  # noqa: E402
from dyads.nlp.mentions import given_name_of_person  # noqa: E402

KB = KnowledgeBase([
    Entry("group:nadia-front", "Nadia Front", "armed_group", short=["Nadia"]),
    Entry("person:omar-zorblat", "Omar Nadia", "person", short=["Nadia"]),
])

SPEAKER = """
Nadia       NNP  nsubj    1  B-PERSON
said        VBD  ROOT     1
so          RB   advmod   1
.           .    punct    1
"""

GROUP_ACTS = """
Nadia       NNP  nsubj    1  B-ORG
attacked    VBD  ROOT     1
the         DT   det      3
base        NN   dobj     1
.           .    punct    1
"""


def short_cand(doc, entry_ids):
    from dyads.nlp.kb import Hit

    return Cand(0, 1, "kb", hits=[Hit(i, "short", False) for i in entry_ids], strength="short")


def test_a_groups_short_form_the_recogniser_gives_a_person_is_a_person():
    doc = build(SPEAKER)
    assert given_name_of_person(doc, short_cand(doc, ["group:nadia-front"]), KB, LEX)


def test_the_short_form_acting_as_a_group_stays_the_group():
    doc = build(GROUP_ACTS)
    assert not given_name_of_person(doc, short_cand(doc, ["group:nadia-front"]), KB, LEX)


def test_a_known_persons_short_form_stays_that_person():
    doc = build(SPEAKER)
    assert not given_name_of_person(doc, short_cand(doc, ["person:omar-zorblat"]), KB, LEX)


AGE = """
Nadia       NNP  nsubj    5
,           ,    punct    0
30          CD   appos    0
,           ,    punct    0
she         PRP  nsubj    5
fled        VBD  ROOT     5
.           .    punct    5
"""

SPEAKS = """
Nadia       NNP  nsubj    1
told        VBD  ROOT     1
reporters   NNS  dobj     1
.           .    punct    1
"""


def test_a_given_name_with_an_age_in_apposition_is_a_person():
    doc = build(AGE)
    assert given_name_of_person(doc, short_cand(doc, ["group:nadia-front"]), KB, LEX)


def test_a_given_name_that_speaks_is_a_person():
    doc = build(SPEAKS)
    assert given_name_of_person(doc, short_cand(doc, ["group:nadia-front"]), KB, LEX)


WARSHIP = """
The         DT   det      2
USS         NNP  compound 2  B-ORG
Zorblat     NNP  nsubj    3  I-ORG
fired       VBD  ROOT     3
.           .    punct    3
"""

DEPARTMENT = """
The         DT   det      1
Department  NNP  nsubj    4  B-ORG
of          IN   prep     1  I-ORG
Fisheries   NNP  pobj     2  I-ORG
objected    VBD  ROOT     4
.           .    punct    4
"""


def test_a_warships_name_is_its_navys_state():
    doc = build(WARSHIP)
    assert type_entity(doc, Cand(1, 3, "ner", label="ORG"), LEX) == "state"


def test_a_department_is_a_state_organ():
    doc = build(DEPARTMENT)
    assert type_entity(doc, Cand(1, 4, "ner", label="ORG"), LEX) == "state"


OPERATION = """
Operation   NNP  compound 2  B-ORG
Ocean       NNP  compound 2  I-ORG
Herald      NNP  nsubj    3  I-ORG
escorted    VBD  ROOT     3
ships       NNS  dobj     3
.           .    punct    3
"""


def test_a_military_operation_acts_as_the_forces_running_it():
    doc = build(OPERATION)
    assert type_entity(doc, Cand(0, 3, "ner", label="ORG"), LEX) == "state"  # not a medium ("Herald")
