"""A stance toward an act is a stance toward its author (events/stance_acts.py), on hand-built Docs:
alarm or condemnation about a hostile act, a demand that a party stop one, a commitment to
another's security."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from docs import events_doc
from dyads.nlp.events.component import EventsComponent

PERU, CHILE, BOLIVIA = ("A1", "country"), ("A2", "country"), ("A3", "country")
ACTORS = {"Peru": PERU, "Chile": CHILE, "Bolivia": BOLIVIA}


@pytest.fixture(scope="module")
def events():
    component = EventsComponent()

    def run(rows: str) -> set[tuple]:
        doc: Doc = events_doc(rows, ACTORS)
        component(doc)
        return {(e.category, e.source, e.target, e.polarity) for e in doc._.dyads_events if not e.negated}
    return run


CONCERN = """
Peru 1 nsubj PROPN NNP Peru
voiced 1 ROOT VERB VBD voice
{noun} 1 dobj NOUN NN {noun}
{prep} 2 prep ADP IN {prep}
Chile 6 poss PROPN NNP Chile
's 4 case PART POS 's
raids 3 pobj NOUN NNS raid
on 6 prep ADP IN on
Bolivia 7 pobj PROPN NNP Bolivia
. 1 punct PUNCT . .
"""


def test_concern_about_a_raid_accuses_its_author(events):
    # Peru voiced concern about Chile's raids on Bolivia .
    found = events(CONCERN.format(noun="concern", prep="about"))
    assert ("ACCUSE", "A1", "A2", -1) in found
    assert ("ASSAULT", "A2", "A3", -1) in found


def test_concern_for_the_victims_is_not_condemnation(events):
    # Peru voiced concern for Chile's raids ... : "for" is sympathy's preposition, not alarm's
    found = events(CONCERN.format(noun="concern", prep="for"))
    assert ("ASSAULT", "A2", "A3", -1) in found
    assert not any(c == "ACCUSE" and s == "A1" for c, s, _, _ in found)


def test_a_word_that_is_no_alarm_accuses_no_one(events):
    # Peru voiced interest about Chile's raids on Bolivia .
    found = events(CONCERN.format(noun="interest", prep="about"))
    assert ("ASSAULT", "A2", "A3", -1) in found
    assert not any(c == "ACCUSE" and s == "A1" for c, s, _, _ in found)


ALARMED = """
Peru 1 nsubj PROPN NNP Peru
was 1 ROOT AUX VBD be
alarmed 1 acomp ADJ JJ alarmed
at 2 prep ADP IN at
Chile 6 poss PROPN NNP Chile
's 4 case PART POS 's
shelling 3 pobj NOUN NN shelling
of 6 prep ADP IN of
Bolivia 7 pobj PROPN NNP Bolivia
. 1 punct PUNCT . .
"""


def test_an_alarmed_subject_accuses_the_author_of_the_shelling(events):
    assert ("ACCUSE", "A1", "A2", -1) in events(ALARMED)


DEMAND = """
Peru 1 nsubj PROPN NNP Peru
demanded 1 ROOT VERB VBD demand
that 4 mark SCONJ IN that
Chile 4 nsubj PROPN NNP Chile
{verb} 1 ccomp VERB VB {verb}
its 6 poss PRON PRP$ its
{act} 4 dobj NOUN NNS {lemma}
on 6 prep ADP IN on
Bolivia 7 pobj PROPN NNP Bolivia
. 1 punct PUNCT . .
"""


def test_demanding_a_party_end_its_raids_presses_that_party(events):
    # Peru demanded that Chile end its raids on Bolivia .
    found = events(DEMAND.format(verb="end", act="raids", lemma="raid"))
    assert ("ACCUSE", "A1", "A2", -1) in found


def test_demanding_an_end_to_talks_is_no_hostility(events):
    # Peru demanded that Chile end its talks on Bolivia .
    found = events(DEMAND.format(verb="end", act="talks", lemma="talk"))
    assert ("ACCUSE", "A1", "A2", -1) not in found


def test_demanding_a_party_continue_its_raids_is_no_pressure_on_it(events):
    # Peru demanded that Chile continue its raids on Bolivia .
    found = events(DEMAND.format(verb="continue", act="raids", lemma="raid"))
    assert ("ACCUSE", "A1", "A2", -1) not in found


URGED_HELP = """
Peru 1 nsubj PROPN NNP Peru
urged 1 ROOT VERB VBD urge
Chile 1 dobj PROPN NNP Chile
to 4 aux PART TO to
help 1 xcomp VERB VB help
halt 4 xcomp VERB VB halt
the 7 det DET DT the
raids 5 dobj NOUN NNS raid
on 7 prep ADP IN on
Bolivia 8 pobj PROPN NNP Bolivia
. 1 punct PUNCT . .
"""


def test_asking_a_party_to_help_stop_raids_does_not_blame_it(events):
    # Peru urged Chile to help halt the raids on Bolivia .
    assert ("ACCUSE", "A1", "A2", -1) not in events(URGED_HELP)


COMMITMENT = """
Peru 2 poss PROPN NNP Peru
's 0 case PART POS 's
{noun} 6 nsubj NOUN NN {noun}
to 2 prep ADP IN to
Chile 5 poss PROPN NNP Chile
{good} 3 pobj NOUN NN {good}
is 6 ROOT AUX VBZ be
firm 6 acomp ADJ JJ firm
. 6 punct PUNCT . .
"""


def test_a_commitment_to_anothers_security_is_support(events):
    # Peru's commitment to Chile security is firm .
    found = events(COMMITMENT.format(noun="commitment", good="security"))
    assert ("SUPPORT", "A1", "A2", 1) in found


def test_a_commitment_to_anothers_defeat_is_no_support(events):
    found = events(COMMITMENT.format(noun="commitment", good="defeat"))
    assert ("SUPPORT", "A1", "A2", 1) not in found


POSSESSED = """
Peru 1 nsubj PROPN NNP Peru
demanded 1 ROOT VERB VBD demand
Chile 1 dobj PROPN NNP Chile
's 2 case PART POS 's
Bolivia 5 nsubj PROPN NNP Bolivia
stop 6 compound NOUN NN stop
raids 1 dobj NOUN NNS raid
on 6 prep ADP IN on
ships 7 pobj NOUN NNS ship
. 1 punct PUNCT . .
"""


def test_a_possessor_the_parser_made_the_object_stands_for_what_it_possesses(events):
    # Peru demanded Chile's Bolivia stop raids on ships . (one party, named with another's name
    # before it; the parser took "stop raids" for one noun phrase and "Chile" for the object)
    found = events(POSSESSED)
    assert ("REQUEST", "A1", "A3", 0) in found
    assert ("ACCUSE", "A1", "A3", -1) in found
    assert not any(t == "A2" for _, s, t, _ in found if s == "A1")


ANTECEDENT = """
The 3 det DET DT the
Bolivia 3 npadvmod PROPN NNP Bolivia
- 3 punct PUNCT HYPH -
led 4 amod VERB VBN lead
bill 10 nsubj NOUN NN bill
to 6 aux PART TO to
give 4 relcl VERB VB give
aid 6 dobj NOUN NN aid
to 6 dative ADP IN to
Chile 8 pobj PROPN NNP Chile
passed 10 ROOT VERB VBD pass
. 10 punct PUNCT . .
Peru 13 nsubj PROPN NNP Peru
called 13 ROOT VERB VBD call
the 16 det DET DT the
{about} 16 compound PROPN NNP {about}
bill 13 dobj NOUN NN bill
a 19 det DET DT a
cynical 19 amod ADJ JJ cynical
stunt 13 oprd NOUN NN stunt
. 13 punct PUNCT . .
"""


def test_a_thing_named_again_is_condemned_in_its_author(events):
    # The Bolivia-led bill to give aid to Chile passed . Peru called the Chile bill a cynical stunt .
    found = events(ANTECEDENT.format(about="Chile"))
    assert ("ACCUSE", "A1", "A3", -1) in found
    assert ("ACCUSE", "A1", "A2", -1) not in found  # Chile is what the bill is about


def test_a_thing_about_another_actor_is_not_the_one_named_before(events):
    # ... Peru called the Peru bill a cynical stunt : no bill about Peru was named before
    found = events(ANTECEDENT.format(about="Peru"))
    assert not any(c == "ACCUSE" for c, _, _, _ in found)
