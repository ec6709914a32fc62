"""The author of an act carried on does what its infinitive says ("Ruritania's campaign to attack
Latveria"), and past acts told as asides or in clauses of time the parser broke are the narration's
background, on hand-built parses. The countries are made up.
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
        return sorted(((e.source, e.target) for e in doc._.dyads_events if e.category == "ASSAULT"), key=str)
    return run


def campaign(noun: str) -> Doc:
    # "Genovia condemned Ruritania 's <noun> to attack Latveria ."
    return events_doc(f"""
Genovia 1 nsubj PROPN NNP Genovia
condemned 1 ROOT VERB VBD condemn
Ruritania 4 poss PROPN NNP Ruritania
's 2 case PART POS 's
{noun} 1 dobj NOUN NN {noun}
to 6 aux PART TO to
attack 4 acl VERB VB attack
Latveria 6 dobj PROPN NNP Latveria
. 1 punct PUNCT . .
""", COUNTRIES)


def test_the_owner_of_a_campaign_does_what_its_infinitive_says(events):
    assert events(campaign("campaign")) == [("A2", "A3")]


def test_the_owner_of_an_order_does_not_do_what_it_orders(events):
    # "Ruritania's order to attack Latveria": others are ordered to attack
    assert ("A2", "A3") not in events(campaign("order"))


def broken_after(mark: str, verb: str = "attacked", tag: str = "VBD") -> Doc:
    # "Genovia retaliated <mark> members of Ruritania attacked Latveria", the clause read as a
    # preposition's object followed by a verb without a subject
    return events_doc(f"""
Genovia 1 nsubj PROPN NNP Genovia
retaliated 1 ROOT VERB VBD retaliate
{mark} 1 prep ADP IN {mark}
members 2 pobj NOUN NNS member
of 3 prep ADP IN of
Ruritania 4 pobj PROPN NNP Ruritania
{verb} 1 ccomp VERB {tag} attack
Latveria 6 dobj PROPN NNP Latveria
. 1 punct PUNCT . .
""", COUNTRIES)


def test_a_broken_clause_of_time_has_its_own_subject_and_is_background(events):
    doc = broken_after("after")
    assert ("A2", "A3") in events(doc)
    assert background(doc[6], None)


def test_a_broken_clause_in_the_present_is_no_background():
    assert not background(broken_after("after", "attacks", "VBZ")[6], None)


def test_a_preposition_that_opens_no_clause_gives_no_subject(events):
    doc = broken_after("despite")
    assert ("A2", "A3") not in events(doc)
    assert not background(doc[6], None)


def aside(comma: bool, verb: str = "attacked", tag: str = "VBD") -> Doc:
    # "Genovia said it would help Ruritania[,] which attacked Latveria ."
    rows = """
Genovia 1 nsubj PROPN NNP Genovia
said 1 ROOT VERB VBD say
it 4 nsubj PRON PRP it
would 4 aux AUX MD would
help 1 ccomp VERB VB help
Ruritania 4 dobj PROPN NNP Ruritania
"""
    n = 7 if comma else 6
    rows += (", 5 punct PUNCT , ,\n" if comma else "") + f"""which {n + 1} nsubj PRON WDT which
{verb} 5 relcl VERB {tag} attack
Latveria {n + 1} dobj PROPN NNP Latveria
. 1 punct PUNCT . .
"""
    return events_doc(rows, COUNTRIES)


def test_a_past_act_in_an_aside_set_off_by_a_comma_is_background():
    assert background(aside(True)[8], None)


def test_a_restrictive_relative_clause_is_no_aside():
    assert not background(aside(False)[7], None)


def test_a_present_act_in_an_aside_is_no_background():
    assert not background(aside(True, "attacks", "VBZ")[8], None)


def behind(verb: str, lemma: str, pos: str = "AUX") -> Doc:
    # "Genovia <was|stood> behind dozens of attacks on Ruritania ."
    return events_doc(f"""
Genovia 1 nsubj PROPN NNP Genovia
{verb} 1 ROOT {pos} VBD {lemma}
behind 1 prep ADP IN behind
dozens 2 pobj NOUN NNS dozen
of 3 prep ADP IN of
attacks 4 pobj NOUN NNS attack
on 5 prep ADP IN on
Ruritania 6 pobj PROPN NNP Ruritania
. 1 punct PUNCT . .
""", COUNTRIES)


def test_who_was_behind_counted_attacks_made_them(events):
    assert events(behind("was", "be")) == [("A1", "A2")]


def test_who_stood_behind_attacks_did_not_make_them(events):
    assert ("A1", "A2") not in events(behind("stood", "stand", "VERB"))
