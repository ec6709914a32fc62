"""Conjoined and reciprocal sides on hand-built parses: every conjunct of a subject or object takes
part; conjoined sides act on each other only when the act is mutual ("agreed", "signed a treaty",
"exchanged fire", "fighting between X and Y") and each on their own otherwise ("welcomed the deal",
"vetoed the plan"); a receiver's giver ("received aid from X"); sides the parser misplaced (a list
hung on an earlier phrase, a preposition left without its object). The countries are made up.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyads.nlp.events import EventsComponent
from docs import events_doc
from dyads.nlp.events.frames import between_object, giver_object

COUNTRIES = {"Genovia": ("A1", "country"), "Ruritania": ("A2", "country"), "Latveria": ("A3", "country")}



def parse(rows: str, actors: dict = COUNTRIES) -> Doc:
    return events_doc(rows, actors)  # a hand-built Doc for the events component (tests/docs.py)


@pytest.fixture(scope="module")
def events():
    component = EventsComponent()

    def run(doc: Doc) -> list[tuple]:
        component(doc)
        return sorted((e.category, e.source, e.target) for e in doc._.dyads_events)
    return run


def three_subjects(verb: str, lemma: str, obj: str, obj_lemma: str) -> str:
    return f"""
Genovia 5 nsubj PROPN NNP Genovia
, 0 punct PUNCT , ,
Ruritania 0 conj PROPN NNP Ruritania
and 2 cc CCONJ CC and
Latveria 2 conj PROPN NNP Latveria
{verb} 5 ROOT VERB VBD {lemma}
the 7 det DET DT the
{obj} 5 dobj NOUN NN {obj_lemma}
. 5 punct PUNCT . .
"""


def test_conjoined_subjects_that_welcome_a_thing_each_welcome_it(events):
    got = events(parse(three_subjects("welcomed", "welcome", "plan", "plan")))
    assert [(s, t) for _, s, t in got] == [("A1", None), ("A2", None), ("A3", None)]


def test_conjoined_subjects_that_veto_a_thing_are_not_each_other_s_opponents(events):
    got = events(parse(three_subjects("vetoed", "veto", "plan", "plan")))
    assert got and all(t is None for _, _, t in got)
    assert {s for _, s, _ in got} == {"A1", "A2", "A3"}


def test_conjoined_subjects_that_sign_a_treaty_sign_it_with_each_other(events):
    got = events(parse(three_subjects("signed", "sign", "treaty", "treaty")))
    assert [(s, t) for _, s, t in got] == [("A1", "A2"), ("A2", "A3")]


EXCHANGED = """
Genovia 3 nsubj PROPN NNP Genovia
and 0 cc CCONJ CC and
Ruritania 0 conj PROPN NNP Ruritania
exchanged 3 ROOT VERB VBD exchange
fire 3 dobj NOUN NN fire
. 3 punct PUNCT . .
"""


def test_conjoined_subjects_that_exchange_fire_fire_at_each_other(events):
    assert events(parse(EXCHANGED)) == [("ASSAULT", "A1", "A2")]


FIGHTING_BETWEEN = """
Fighting 5 nsubj VERB VBG fight
between 0 prep ADP IN between
Genovia 1 pobj PROPN NNP Genovia
and 2 cc CCONJ CC and
Ruritania 2 conj PROPN NNP Ruritania
resumed 5 ROOT VERB VBD resume
. 5 punct PUNCT . .
"""


def test_fighting_between_two_sides_is_an_act_between_them(events):
    assert events(parse(FIGHTING_BETWEEN)) == [("ASSAULT", "A1", "A2")]


MEDIATED = """
Latveria 1 nsubj PROPN NNP Latveria
mediated 1 ROOT VERB VBD mediate
between 1 prep ADP IN between
Genovia 2 pobj PROPN NNP Genovia
and 3 cc CCONJ CC and
Ruritania 3 conj PROPN NNP Ruritania
. 1 punct PUNCT . .
"""


def test_between_names_the_sides_only_of_an_act_without_a_subject():
    assert between_object(parse(FIGHTING_BETWEEN)[0]).text == "Genovia"
    assert between_object(parse(MEDIATED)[1]) is None


RECEIVED = """
Genovia 1 nsubj PROPN NNP Genovia
received 1 ROOT VERB VBD receive
military 3 amod ADJ JJ military
aid 1 dobj NOUN NN aid
from 1 prep ADP IN from
Ruritania 4 pobj PROPN NNP Ruritania
. 1 punct PUNCT . .
"""


def test_the_giver_of_received_aid_gives_it_to_the_receiver(events):
    got = events(parse(RECEIVED))
    assert ("AID", "A2", "A1") in got and not any(s == "A1" and t == "A2" for _, s, t in got)


def test_only_an_act_that_is_given_turns_round_to_its_giver():
    doc = parse(RECEIVED)
    assert giver_object(doc[3], doc[1], "AID")[0].text == "Ruritania"
    assert giver_object(doc[3], doc[1], "CONSULT") is None  # "received an envoy from X": the receiver's act


CONDEMNED = """
Latveria 1 nsubj PROPN NNP Latveria
condemned 1 ROOT VERB VBD condemn
Genovia 1 dobj PROPN NNP Genovia
and 2 cc CCONJ CC and
Ruritania 2 conj PROPN NNP Ruritania
. 1 punct PUNCT . .
"""


def test_every_conjoined_object_is_a_target(events):
    got = events(parse(CONDEMNED))
    assert [(s, t) for _, s, t in got] == [("A3", "A1"), ("A3", "A2")]


STRANDED = """
After 8 prep ADP IN after
the 2 det DET DT the
talks 0 pobj NOUN NNS talk
, 2 punct PUNCT , ,
Genovia 2 conj PROPN NNP Genovia
and 4 cc CCONJ CC and
Ruritania 4 conj PROPN NNP Ruritania
have 8 aux AUX VBP have
agreed 8 ROOT VERB VBN agree
. 8 punct PUNCT . .
"""


def test_a_list_of_actors_the_parser_hung_on_an_earlier_phrase_is_the_subject(events):
    assert events(parse(STRANDED)) == [("AGREE", "A1", "A2")]


def test_a_list_that_names_no_actor_stays_no_subject(events):
    assert events(parse(STRANDED, {})) == []


DANGLING = """
Latveria 2 nsubj PROPN NNP Latveria
has 2 aux AUX VBZ have
granted 2 ROOT VERB VBN grant
asylum 2 dobj NOUN NN asylum
to 2 prep ADP IN to
two 7 nummod NUM CD two
Ruritania 7 compound PROPN NNP Ruritania
officers 8 nsubj NOUN NNS officer
hiding 2 advcl VERB VBG hide
there 8 advmod ADV RB there
. 2 punct PUNCT . .
"""


def test_a_preposition_left_without_its_object_takes_the_noun_after_it(events):
    got = events(parse(DANGLING, {"Latveria": ("A1", "country"), "Ruritania": ("A2", "country")}))
    assert [(s, t) for _, s, t in got] == [("A1", "A2")]


def met_to(verb: str, lemma: str, obj: str) -> str:
    return f"""
Genovia 3 nsubj PROPN NNP Genovia
and 0 cc CCONJ CC and
Ruritania 0 conj PROPN NNP Ruritania
met 3 ROOT VERB VBD meet
to 5 aux PART TO to
{verb} 3 advcl VERB VB {lemma}
a 7 det DET DT a
{obj} 5 dobj NOUN NN {obj}
. 3 punct PUNCT . .
"""


def test_conjoined_sides_of_a_mutual_act_in_a_purpose_clause_act_with_each_other(events):
    got = events(parse(met_to("sign", "sign", "treaty")))
    assert len(got) == 2 and all((s, t) == ("A1", "A2") for _, s, t in got)


def test_a_purpose_clause_act_that_is_not_mutual_makes_no_dyad_of_the_conjoined_sides(events):
    got = events(parse(met_to("welcome", "welcome", "plan")))
    assert all(c != "SUPPORT" for c, _, _ in got)


LEADERS_OF = """
Latveria 1 nsubj PROPN NNP Latveria
blasted 1 ROOT VERB VBD blast
the 3 det DET DT the
leaders 1 dobj NOUN NNS leader
of 3 prep ADP IN of
Genovia 4 pobj PROPN NNP Genovia
and 5 cc CCONJ CC and
Ruritania 5 conj PROPN NNP Ruritania
. 1 punct PUNCT . .
"""


def test_the_members_of_conjoined_actors_stand_for_every_one_of_them(events):
    got = events(parse(LEADERS_OF))
    assert [(s, t) for _, s, t in got] == [("A3", "A1"), ("A3", "A2")]
    got = events(parse(LEADERS_OF, {"Latveria": ("A1", "country"), "Genovia": ("A2", "country")}))
    assert [(s, t) for _, s, t in got] == [("A1", "A2")]


def tensed_then_bare(second_tag: str, second_word: str) -> str:
    return f"""
Genovia 2 nsubj PROPN NNP Genovia
has 2 aux AUX VBZ have
condemned 2 ROOT VERB VBN condemn
Latveria 2 dobj PROPN NNP Latveria
and 2 cc CCONJ CC and
{second_word} 2 conj VERB {second_tag} {second_word}
Ruritania 5 dobj PROPN NNP Ruritania
. 2 punct PUNCT . .
"""


def test_a_bare_verb_the_parser_joined_to_a_tensed_one_does_not_take_its_subject(events):
    # "Genovia has condemned Latveria and attack Ruritania": a misparse, the bare verb's doer is unknown
    doc = parse(tensed_then_bare("VB", "attack"))
    assert ("ASSAULT", "A1", "A2") not in events(doc)


def test_a_tensed_verb_joined_to_a_tensed_one_shares_its_subject(events):
    doc = parse(tensed_then_bare("VBN", "attacked"))
    assert ("ASSAULT", "A1", "A2") in events(doc)
