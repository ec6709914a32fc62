"""What "it"/"they" on an event's side stand for (nlp/events/antecedents.py), on hand-built parses.

Rows: "word head dep POS TAG lemma" (head: the index of the head token); actors: word -> (id, type).
"""
from __future__ import annotations

import pytest

from docs import events_doc
from dyads.nlp.events import EventsComponent


@pytest.fixture(scope="module")
def events():
    component = EventsComponent()

    def run(doc) -> list[tuple]:
        component(doc)
        return [(e.category, e.source, e.target) for e in doc._.dyads_events]
    return run


REBELS, RURITANIA, PORTO = ("A1", "armed_group"), ("A2", "country"), ("A3", "country")
OSTRIA, PORTANS = ("A1", "country"), ("A2", "community")  # (ids are renumbered in order of mention)
ACTORS = {"Rebels": REBELS, "Ruritania": RURITANIA, "Porto": PORTO}

# "Rebels fired rockets at Ruritania as it shelled Porto ."
AS_IT_SHELLED = """
Rebels 1 nsubj NOUN NNS rebel
fired 1 ROOT VERB VBD fire
rockets 1 dobj NOUN NNS rocket
at 2 prep ADP IN at
Ruritania 3 pobj PROPN NNP Ruritania
as 7 mark SCONJ IN as
it 7 nsubj PRON PRP it
shelled 1 advcl VERB VBD shell
Porto 7 dobj PROPN NNP Porto
. 1 punct PUNCT . .
"""


def test_it_under_a_clause_stands_for_the_singular_actor_named_before_it_not_the_plural_subject(events):
    assert ("ASSAULT", "A2", "A3") in events(events_doc(AS_IT_SHELLED, ACTORS))


def test_it_is_not_a_name_of_place_inside_the_clause_above(events):
    # "Rebels fired rockets in Ruritania as it shelled Porto": where the rockets fell, not who shells
    doc = events_doc(AS_IT_SHELLED.replace("at 2 prep ADP IN at", "in 2 prep ADP IN in"), ACTORS)
    assert not any(e[0] == "ASSAULT" and e[1] == "A2" for e in events(doc))


def test_it_of_a_main_clause_does_not_take_an_object_of_the_sentence_before(events):
    # "Rebels fired rockets at Ruritania . It shelled Porto ."
    doc = events_doc("""
Rebels 1 nsubj NOUN NNS rebel
fired 1 ROOT VERB VBD fire
rockets 1 dobj NOUN NNS rocket
at 2 prep ADP IN at
Ruritania 3 pobj PROPN NNP Ruritania
. 1 punct PUNCT . .
It 7 nsubj PRON PRP it
shelled 7 ROOT VERB VBD shell
Porto 7 dobj PROPN NNP Porto
. 7 punct PUNCT . .
""", ACTORS)
    assert not any(e[1] == "A2" for e in events(doc))


# "Ostrian troops entered the town . Helicopters followed . They shelled it , killing Portans ."
THEY_TWO_BACK = """
Ostrian 1 amod ADJ JJ ostrian
troops 2 nsubj NOUN NNS troop
entered 2 ROOT VERB VBD enter
the 4 det DET DT the
town 2 dobj NOUN NN town
. 2 punct PUNCT . .
Helicopters 7 nsubj NOUN NNS helicopter
followed 7 ROOT VERB VBD follow
. 7 punct PUNCT . .
They 10 nsubj PRON PRP they
shelled 10 ROOT VERB VBD shell
it 10 dobj PRON PRP it
, 10 punct PUNCT , ,
killing 10 advcl VERB VBG kill
Portans 13 dobj PROPN NNPS Portans
. 10 punct PUNCT . .
"""


def test_they_looks_back_past_a_sentence_without_an_actor_and_its_participle_hits_its_object(events):
    doc = events_doc(THEY_TWO_BACK, {"Ostrian": OSTRIA, "Portans": PORTANS})
    assert ("ASSAULT", "A1", "A2") in events(doc)


def test_it_does_not_look_back_two_sentences(events):
    # "Ostria entered the town . Helicopters followed . It shelled Portans ."
    doc = events_doc("""
Ostria 1 nsubj PROPN NNP Ostria
entered 1 ROOT VERB VBD enter
the 3 det DET DT the
town 1 dobj NOUN NN town
. 1 punct PUNCT . .
Helicopters 6 nsubj NOUN NNS helicopter
followed 6 ROOT VERB VBD follow
. 6 punct PUNCT . .
It 9 nsubj PRON PRP it
shelled 9 ROOT VERB VBD shell
Portans 9 dobj PROPN NNPS Portans
. 9 punct PUNCT . .
""", {"Ostria": OSTRIA, "Portans": PORTANS})
    assert not any(e[1] == "A1" for e in events(doc))


# "Ruritania reported an attack by Porto ." / "Ruritania launched an attack on Porto ."
REPORTED = """
Ruritania 1 nsubj PROPN NNP Ruritania
reported 1 ROOT VERB VBD report
an 3 det DET DT an
attack 1 dobj NOUN NN attack
by 3 prep ADP IN by
Porto 4 pobj PROPN NNP Porto
. 1 punct PUNCT . .
"""


def test_who_reports_an_attack_is_not_its_author_nor_the_attacked(events):
    found = events(events_doc(REPORTED, {"Ruritania": ("A1", "country"), "Porto": ("A2", "country")}))
    assert not any(e[1] == "A1" for e in found)


def test_who_launches_an_attack_is_its_author(events):
    doc = events_doc(REPORTED.replace("reported 1 ROOT VERB VBD report", "launched 1 ROOT VERB VBD launch")
                     .replace("by 3 prep ADP IN by", "on 3 prep ADP IN on"), {"Ruritania": ("A1", "country"), "Porto": ("A2", "country")})
    assert ("ASSAULT", "A1", "A2") in events(doc)


# "Refugees fled to the city of Goma . The city was shelled by Ostria ."
THE_CITY = """
Refugees 1 nsubj NOUN NNS refugee
fled 1 ROOT VERB VBD flee
to 1 prep ADP IN to
the 4 det DET DT the
city 2 pobj NOUN NN city
of 4 prep ADP IN of
Goma 5 pobj PROPN NNP Goma
. 1 punct PUNCT . .
The 9 det DET DT the
city 11 nsubjpass NOUN NN city
was 11 auxpass AUX VBD be
shelled 11 ROOT VERB VBN shell
by 11 agent ADP IN by
Ostria 12 pobj PROPN NNP Ostria
. 11 punct PUNCT . .
"""


def _with_place(doc, word: str):
    from spacy.tokens import Span
    from dyads.nlp.doc import PLACES_KEY

    doc.spans[PLACES_KEY] = [Span(doc, t.i, t.i + 1, label="P1") for t in doc if t.text == word]
    return doc


def _place_targets(found, doc):
    names = {a.id: a.name for a in doc._.dyads_actors}
    return [names.get(e[2]) for e in found if e[1] == "A1"]


def test_the_city_is_the_place_named_before_as_a_city(events):
    doc = _with_place(events_doc(THE_CITY, {"Ostria": ("A1", "country")}), "Goma")
    assert _place_targets(events(doc), doc) == ["Goma"]


def test_the_town_is_not_the_place_named_as_a_city(events):
    doc = _with_place(events_doc(THE_CITY.replace("city 11 nsubjpass NOUN NN city", "town 11 nsubjpass NOUN NN town"),
                                 {"Ostria": ("A1", "country")}), "Goma")
    assert "Goma" not in _place_targets(events(doc), doc)


def test_the_city_with_no_city_named_before_is_no_place(events):
    doc = _with_place(events_doc(THE_CITY.replace("city 2 pobj NOUN NN city", "camp 2 pobj NOUN NN camp"),
                                 {"Ostria": ("A1", "country")}), "Goma")
    assert "Goma" not in _place_targets(events(doc), doc)


# "An Ostrian missile hit the Ilves home ."
HIT_HOME = """
An 2 det DET DT an
Ostrian 2 amod ADJ JJ ostrian
missile 3 nsubj NOUN NN missile
hit 3 ROOT VERB VBD hit
the 6 det DET DT the
Ilves 6 compound PROPN NNP Ilves
home 3 dobj NOUN NN home
. 3 punct PUNCT . .
"""
OSTRIAN_ILVES = {"Ostrian": ("A1", "country"), "Ilves": ("A2", "person")}


def test_a_weapon_of_a_state_hitting_a_home_is_the_state_attacking_its_owner(events):
    assert ("ASSAULT", "A1", "A2") in events(events_doc(HIT_HOME, OSTRIAN_ILVES))


def test_a_weapon_hitting_something_that_is_no_home_is_no_attack_on_its_owner(events):
    doc = events_doc(HIT_HOME.replace("home 3 dobj NOUN NN home", "ball 3 dobj NOUN NN ball"), OSTRIAN_ILVES)
    assert not any(e[2] == "A2" for e in events(doc))


# "Students marched in Porto . Police arrested 60 ."
ARRESTED_60 = """
Students 1 nsubj NOUN NNS student
marched 1 ROOT VERB VBD march
in 1 prep ADP IN in
Porto 2 pobj PROPN NNP Porto
. 1 punct PUNCT . .
Police 6 nsubj NOUN NNS police
arrested 6 ROOT VERB VBD arrest
60 6 dobj NUM CD 60
. 6 punct PUNCT . .
"""
STUDENTS_POLICE = {"Students": ("A1", "community"), "Porto": ("A2", "country"), "Police": ("A3", "state")}


def test_a_bare_number_arrested_is_the_people_named_before(events):
    assert ("COERCE", "A3", "A1") in events(events_doc(ARRESTED_60, STUDENTS_POLICE))


def test_a_bare_number_with_no_people_named_before_is_no_one(events):
    # "Rain fell in Porto . Police arrested 60 ."
    doc = events_doc(ARRESTED_60.replace("Students 1 nsubj NOUN NNS student", "Rain 1 nsubj NOUN NN rain")
                     .replace("marched 1 ROOT VERB VBD march", "fell 1 ROOT VERB VBD fall"),
                     {"Porto": ("A1", "country"), "Police": ("A2", "state")})
    assert [e for e in events(doc) if e[1] == "A2"] == [("COERCE", "A2", None)]


def test_a_count_word_as_subject_is_a_group_of_its_own_not_the_people_named_before(events):
    # "Students marched in Porto . Hundreds stormed Ostria ."
    doc = events_doc(ARRESTED_60.replace("Police 6 nsubj NOUN NNS police", "Hundreds 6 nsubj NOUN NNS hundred")
                     .replace("arrested 6 ROOT VERB VBD arrest", "stormed 6 ROOT VERB VBD storm")
                     .replace("60 6 dobj NUM CD 60", "Ostria 6 dobj PROPN NNP Ostria"),
                     {"Students": ("A1", "community"), "Porto": ("A2", "country"), "Ostria": ("A3", "country")})
    found = [e for e in events(doc) if e[2] == "A3"]
    names = {a.id: a.name for a in doc._.dyads_actors}
    assert [names[e[1]] for e in found] == ["Hundreds"]


def test_a_name_under_a_root_that_is_no_verb_is_read_to_the_root_and_stops():
    # "Talks in Ruritania." (a headline, no verb): the climb ends at the root, it does not go round
    from dyads.nlp.events.antecedents import placed
    from spacy.tokens import Doc as _Doc
    from docs import VOCAB
    doc = _Doc(VOCAB, words=["Talks", "in", "Ruritania", "."], heads=[0, 0, 1, 0],
               deps=["ROOT", "prep", "pobj", "punct"], pos=["NOUN", "ADP", "PROPN", "PUNCT"])
    assert placed(doc[2]) is True
    assert placed(doc[0]) is False
