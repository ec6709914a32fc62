"""The doer of what a thing was made for (nlp/events/purpose.py): "Genovia, a naval mission set up to
guard ships from Ruritanian raids" and "a naval force that was formed to shell Ruritania": what was
set up does it. Negatives: a passive whose clause is no to-infinitive keeps no doer."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyads.nlp.events import EventsComponent
from docs import events_doc

ACTORS = {"Genovia": ("A1", "organization"), "Ruritania": ("A2", "country")}


@pytest.fixture(scope="module")
def acts():
    component = EventsComponent()

    def run(doc: Doc) -> list[tuple]:
        component(doc)
        return [(e.category, e.source, e.target) for e in doc._.dyads_events]
    return run


SET_UP = """
Genovia 0 ROOT PROPN NNP Genovia
, 0 punct PUNCT , ,
a 4 det DET DT a
naval 4 amod ADJ JJ naval
mission 0 appos NOUN NN mission
set 4 acl VERB VBN set
to 7 aux PART TO to
shell 5 advcl VERB VB shell
Ruritania 7 dobj PROPN NNP Ruritania
. 0 punct PUNCT . .
"""


def test_what_a_participle_says_was_set_up_to_act_does_the_act(acts):
    assert ("ASSAULT", "A1", "A2") in acts(events_doc(SET_UP, ACTORS))


RELATIVE = """
Genovia 0 ROOT PROPN NNP Genovia
, 0 punct PUNCT , ,
a 3 det DET DT a
force 0 appos NOUN NN force
that 6 nsubjpass PRON WDT that
was 6 auxpass AUX VBD be
formed 3 relcl VERB VBN form
to 8 aux PART TO to
shell 6 advcl VERB VB shell
Ruritania 8 dobj PROPN NNP Ruritania
. 0 punct PUNCT . .
"""


def test_what_a_passive_relative_clause_says_was_formed_to_act_does_the_act(acts):
    assert ("ASSAULT", "A1", "A2") in acts(events_doc(RELATIVE, ACTORS))


def test_a_passive_with_a_tensed_clause_after_it_gives_that_clause_no_doer(acts):
    # "Genovia, a force that was formed while shelling Ruritania ...": no purpose, no doer from the passive
    rows = RELATIVE.replace("to 8 aux PART TO to", "while 8 mark SCONJ IN while").replace(
        "shell 6 advcl VERB VB shell", "shelling 6 advcl VERB VBG shell")
    assert ("ASSAULT", "A1", "A2") not in acts(events_doc(rows, ACTORS))
