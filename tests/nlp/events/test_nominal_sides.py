"""The sides of events named by nouns (dyads.nlp.events: dyads_nouns.py, nominal.py), on hand-built
parses of sentences the team wrote; the countries are made up.

- "violence between X and Y": a mutual act of both named sides, as "fighting between X and Y".
- A verb of being in an act ("locked in", "engaged in", "has been in ... a battle with Y"): its
  subject is a side of the act, passive or not; a victim caught in it is not.
- "its" owning an act: the subject's when the subject can be "it", else a passive's agent ("he was
  slammed by X after its war on Y").
- An act joined to an act "by X" is X's too ("the shelling of Y and the blockade by X").
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyads.nlp.events import EventsComponent
from dyads.nlp.events.dyads_nouns import dyad_hit

from docs import build, events_doc

COUNTRIES = {"Genovia": ("A1", "country"), "Ruritania": ("A2", "country"), "Latveria": ("A3", "country"),
             "civilians": ("A4", "community")}


@pytest.fixture(scope="module")
def events():
    component = EventsComponent()

    def run(doc: Doc) -> list[tuple]:
        component(doc)
        return sorted((e.category, e.source, e.target) for e in doc._.dyads_events)
    return run


def test_violence_between_two_named_sides_is_an_assault_of_both():
    # "Violence between Genovia and Ruritania rose ."
    doc = build('''
        Violence   NN   nsubj  5
        between    IN   prep   0
        Genovia    NNP  pobj   1  B-GPE
        and        CC   cc     2
        Ruritania  NNP  conj   2  B-GPE
        rose       VBD  ROOT   5
        .          .    punct  5
    ''')
    hit = dyad_hit(doc[0])
    assert hit.category == "ASSAULT" and hit.polarity == -1
    assert (hit.source.text, hit.target.text) == ("Genovia", "Ruritania")


def test_violence_against_one_side_is_no_pair():
    # "Violence against Genovia rose ."
    doc = build('''
        Violence   NN   nsubj  3
        against    IN   prep   0
        Genovia    NNP  pobj   1  B-GPE
        rose       VBD  ROOT   3
        .          .    punct  3
    ''')
    assert dyad_hit(doc[0]) is None


def locked(verb: str, lemma: str, subject: str = "Genovia") -> Doc:
    # "<subject> is <verb> in a war with Ruritania ."
    return events_doc(f"""
{subject} 2 nsubjpass PROPN NNP {subject}
is 2 auxpass AUX VBZ be
{verb} 2 ROOT VERB VBN {lemma}
in 2 prep ADP IN in
a 5 det DET DT a
war 3 pobj NOUN NN war
with 5 prep ADP IN with
Ruritania 6 pobj PROPN NNP Ruritania
. 2 punct PUNCT . .
""", COUNTRIES)


def test_the_subject_of_a_passive_verb_of_being_in_a_war_is_its_side(events):
    assert ("ASSAULT", "A1", "A2") in events(locked("locked", "lock"))


def test_the_subject_caught_in_a_war_is_no_side_of_it(events):
    got = events(locked("caught", "catch", subject="civilians"))
    assert not any(s == "A4" for _, s, _ in got)


IN_MOURNING_AND_IN_BATTLE = """
Genovia 2 nsubj PROPN NNP Genovia
has 2 aux AUX VBZ have
been 2 ROOT AUX VBN be
in 2 prep ADP IN in
mourning 3 pobj NOUN NN mourning
and 3 cc CCONJ CC and
in 3 conj ADP IN in
a 8 det DET DT a
battle 6 pobj NOUN NN battle
with 8 prep ADP IN with
Ruritania 9 pobj PROPN NNP Ruritania
. 2 punct PUNCT . .
"""


def test_the_subject_of_being_in_a_second_conjoined_battle_is_its_side(events):
    assert ("ASSAULT", "A1", "A2") in events(events_doc(IN_MOURNING_AND_IN_BATTLE, COUNTRIES))



def slammed(subject: str, tag: str, pos: str) -> Doc:
    # "<subject> was slammed by Genovia after its war on Ruritania ."
    return events_doc(f"""
{subject} 2 nsubjpass {pos} {tag} {subject.lower()}
was 2 auxpass AUX VBD be
slammed 2 ROOT VERB VBN slam
by 2 agent ADP IN by
Genovia 3 pobj PROPN NNP Genovia
after 2 prep ADP IN after
its 7 poss PRON PRP$ its
war 5 pobj NOUN NN war
on 7 prep ADP IN on
Ruritania 8 pobj PROPN NNP Ruritania
. 2 punct PUNCT . .
""", COUNTRIES)


def test_its_war_is_the_agents_when_the_subject_is_a_person(events):
    assert ("ASSAULT", "A1", "A2") in events(slammed("He", "PRP", "PRON"))


def test_its_war_is_the_subjects_when_the_subject_can_be_it(events):
    got = events(slammed("Latveria", "NNP", "PROPN"))
    assert ("ASSAULT", "A3", "A2") in got and ("ASSAULT", "A1", "A2") not in got


def joined(second: str, second_lemma: str) -> Doc:
    # "The shelling of Ruritania and the <second> by Genovia continued ."
    return events_doc(f"""
The 1 det DET DT the
shelling 9 nsubj NOUN NN shelling
of 1 prep ADP IN of
Ruritania 2 pobj PROPN NNP Ruritania
and 1 cc CCONJ CC and
the 6 det DET DT the
{second} 1 conj NOUN NN {second_lemma}
by 6 prep ADP IN by
Genovia 7 pobj PROPN NNP Genovia
continued 9 ROOT VERB VBD continue
. 9 punct PUNCT . .
""", COUNTRIES)


def test_an_act_joined_to_an_act_by_a_named_author_is_that_authors():
    doc = joined("blockade", "blockade")
    EventsComponent()(doc)
    assert ("ASSAULT", "A1", "A2") in {(e.category, e.source, e.target) for e in doc._.dyads_events}


def test_an_act_joined_to_a_statement_by_someone_is_not_theirs():
    doc = joined("statement", "statement")
    EventsComponent()(doc)
    assert not any(e.source == "A1" and e.target == "A2" for e in doc._.dyads_events)


def raids_by(verb: str, lemma: str, prt: str = "") -> Doc:
    # "The raids on Ruritania <verb> [prt] by Genovia continued ."
    n = 1 if prt else 0
    prt_row = f"{prt} 4 prt ADP RP {prt}\n" if prt else ""
    return events_doc(f"""
The 1 det DET DT the
raids {8 + n} nsubj NOUN NNS raid
on 1 prep ADP IN on
Ruritania 2 pobj PROPN NNP Ruritania
{verb} 1 acl VERB VBN {lemma}
{prt_row}by 4 agent ADP IN by
Genovia {5 + n} pobj PROPN NNP Genovia
continued {8 + n} ROOT VERB VBD continue
. {8 + n} punct PUNCT . .
""", COUNTRIES)


def test_the_agent_of_a_participle_carrying_out_an_act_is_its_author(events):
    assert ("ASSAULT", "A1", "A2") in events(raids_by("carried", "carry", prt="out"))


def test_the_agent_of_a_participle_judging_an_act_is_not_its_author(events):
    got = events(raids_by("condemned", "condemn"))
    assert not any(c == "ASSAULT" and s == "A1" for c, s, _ in got)
