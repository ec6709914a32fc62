"""Rule tests of nlp/capitals.py and of the typing of capitals in nlp/mentions.py: a capital stands
for its government where it does what governments do, or names a government ("the Amman regime");
a capital the recogniser took for a person, doing nothing of the kind, is the city and no actor.
Hand-built Docs; no model."""
from __future__ import annotations

from docs import build
from dyads.nlp.capitals import acts_as_government
from dyads.nlp.lexicon import load_lexicon
from dyads.nlp.mentions import Cand, type_entity

LEX = load_lexicon()

SEAT = """
The         DT   det      3
new         JJ   amod     3
Amman       NNP  compound 3
regime      NN   nsubj    4
denied      VBD  ROOT     4
it          PRP  dobj     4
.           .    punct    4
"""

CITY_NOUN = """
The         DT   det      2
Amman       NNP  compound 2
metro       NN   nsubj    3
closed      VBD  ROOT     3
.           .    punct    3
"""

SENT_TO = """
Allies      NNS  nsubj    1
sent        VBD  ROOT     1
arms        NNS  dobj     1
to          IN   prep     1
Amman       NNP  pobj     3  B-PERSON
.           .    punct    1
"""

ACTING = """
Amman       NNP  nsubj    1  B-PERSON
rejected    VBD  ROOT     1
the         DT   det      3
plan        NN   dobj     1
.           .    punct    1
"""

GIVEN_NAME = """
Victoria    NNP  nsubj    1  B-PERSON
left        VBD  ROOT     1
early       RB   advmod   1
.           .    punct    1
"""


def test_a_capital_before_a_noun_of_government_names_that_government():
    doc = build(SEAT)
    assert acts_as_government(doc[2])


def test_a_capital_before_another_noun_is_the_city():
    doc = build(CITY_NOUN)
    assert not acts_as_government(doc[1])


def person_cand(doc, i):
    return Cand(i, i + 1, "ner", label="PERSON")


def test_a_capital_taken_for_a_person_and_doing_nothing_is_no_actor():
    doc = build(SENT_TO)
    assert type_entity(doc, person_cand(doc, 4), LEX) is None


def test_a_capital_taken_for_a_person_and_acting_is_its_government():
    doc = build(ACTING)
    c = person_cand(doc, 0)
    assert type_entity(doc, c, LEX) == "state" and (c.role, c.country) == ("government", "JOR")


def test_a_given_name_is_still_a_person():
    doc = build(GIVEN_NAME)
    assert type_entity(doc, person_cand(doc, 0), LEX) == "person"


# ------------------------------------------------------------------ places taken for persons

PLACE_AS_PERSON = """
Shells      NNS  nsubj    1
hit         VBD  ROOT     1
Beit        NNP  compound 3  B-PERSON
Hanoun      NNP  dobj     1  I-PERSON
again       RB   advmod   1
.           .    punct    1
"""

PERSON_NAMED = """
Nadia       NNP  compound 1  B-PERSON
Hanoun      NNP  nsubj    2  I-PERSON
left        VBD  ROOT     2
.           .    punct    2
"""


def test_a_known_place_the_recogniser_took_for_a_person_is_a_place_actor():
    doc = build(PLACE_AS_PERSON)
    assert type_entity(doc, Cand(2, 4, "ner", label="PERSON"), LEX) == "country"


def test_a_persons_name_stays_a_person():
    doc = build(PERSON_NAMED)
    assert type_entity(doc, Cand(0, 2, "ner", label="PERSON"), LEX) == "person"
