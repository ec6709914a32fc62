"""Past acts that date another (dyads.nlp.events.background), on hand-built parses of sentences the
team wrote; the countries are made up. A clause of time with a past verb and its own subject tells
what happened, whatever the mood of the clause around it; a present or conditional clause does not,
nor a clause without its own doer.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyads.nlp.events import EventsComponent
from dyads.nlp.events.background import background

from docs import events_doc

COUNTRIES = {"Genovia": ("A1", "country"), "Ruritania": ("A2", "country"), "Latveria": ("A3", "country")}


@pytest.fixture(scope="module")
def events():
    component = EventsComponent()

    def run(doc: Doc) -> list[tuple]:
        component(doc)
        return sorted((e.category, e.source, e.target, e.modality) for e in doc._.dyads_events)
    return run


def fears(mark: str, verb: str, tag: str, lemma: str, aux: str = "") -> Doc:
    # "Genovia fears the talks could fail <mark> Ruritania [aux] <verb> Latveria ."
    aux_row = f"{aux} 9 aux AUX VBZ have\n" if aux else ""
    shift = 1 if aux else 0
    rows = f"""
Genovia 1 nsubj PROPN NNP Genovia
fears 1 ROOT VERB VBZ fear
the 3 det DET DT the
talks 5 nsubj NOUN NNS talk
could 5 aux AUX MD could
fail 1 ccomp VERB VB fail
{mark} {8 + shift} mark SCONJ IN {mark}
Ruritania {8 + shift} nsubj PROPN NNP Ruritania
{aux_row}{verb} 5 advcl VERB {tag} {lemma}
Latveria {8 + shift} dobj PROPN NNP Latveria
. 1 punct PUNCT . .
"""
    return events_doc(rows, COUNTRIES)


def assaults(got):
    return [(s, t, m) for c, s, t, m in got if c == "ASSAULT"]


def test_a_past_act_after_which_something_could_follow_took_place(events):
    assert assaults(events(fears("after", "attacked", "VBD", "attack"))) == [("A2", "A3", "asserted")]


def test_a_present_perfect_act_since_which_something_could_follow_took_place(events):
    assert assaults(events(fears("since", "attacked", "VBN", "attack", aux="has"))) == [("A2", "A3", "asserted")]


def test_an_act_in_a_present_clause_of_time_stays_hypothetical(events):
    assert assaults(events(fears("after", "attacks", "VBZ", "attack"))) == [("A2", "A3", "hypothetical")]


def test_an_act_under_if_stays_hypothetical(events):
    assert assaults(events(fears("if", "attacked", "VBD", "attack"))) == [("A2", "A3", "hypothetical")]


WHEN_RELATIVE = """
It 1 nsubj PRON PRP it
began 1 ROOT VERB VBD begin
on 1 prep ADP IN on
Monday 2 pobj PROPN NNP Monday
, 3 punct PUNCT , ,
when 7 advmod SCONJ WRB when
Ruritania 7 nsubj PROPN NNP Ruritania
{verb} 3 relcl VERB {tag} {lemma}
Latveria 7 dobj PROPN NNP Latveria
. 1 punct PUNCT . .
"""


def test_a_past_act_in_a_relative_clause_of_a_time_is_background():
    doc = events_doc(WHEN_RELATIVE.format(verb="shelled", tag="VBD", lemma="shell"), COUNTRIES)
    assert background(doc[7], None)


def test_a_future_act_in_a_relative_clause_of_a_time_is_not():
    doc = events_doc(WHEN_RELATIVE.format(verb="shell", tag="VB", lemma="shell"), COUNTRIES)
    assert not background(doc[7], None)


def test_a_past_act_with_no_doer_of_its_own_is_not_background():
    # "Genovia could retaliate after being attacked by Ruritania ."
    doc = events_doc("""
Genovia 2 nsubj PROPN NNP Genovia
could 2 aux AUX MD could
retaliate 2 ROOT VERB VB retaliate
after 4 mark SCONJ IN after
attacked 2 advcl VERB VBN attack
by 4 agent ADP IN by
Ruritania 5 pobj PROPN NNP Ruritania
. 2 punct PUNCT . .
""", COUNTRIES)
    assert not background(doc[4], None)


def test_a_main_clause_past_act_is_not_background():
    doc = fears("after", "attacked", "VBD", "attack")
    assert not background(doc[1], None)


def test_a_past_speech_act_in_a_clause_of_time_is_no_background(events):
    # only acts of force date others as told facts: an accusation stays in the mood around it
    got = [(c, s, t, m) for c, s, t, m in events(fears("after", "accused", "VBD", "accuse")) if s == "A2"]
    assert got and all(m != "asserted" for _, _, _, m in got)
