"""Casualty and displacement counts (nlp/casualties.py): what a number of people counts
("villagers killed") and whose people they are (the victims' side, never the
perpetrator). Hand-built Docs (tests/docs.py events_doc) with the team's own sentences,
negatives included; a few end-to-end cases with the model are marked slow.
"""
from __future__ import annotations

import pytest

from dyads.nlp.quantities import QuantitiesComponent
from tests.docs import events_doc

RURITANIA = {"Ruritania": ("A1", "COUNTRY"), "Freedonians": ("A2", "GROUP"), "Ruritanian": ("A1", "COUNTRY")}


def run(rows: str, actors: dict = RURITANIA):
    doc = events_doc(rows, actors)
    return QuantitiesComponent()(doc)._.dyads_quantities


def only(rows: str, actors: dict = RURITANIA):
    qs = run(rows, actors)
    assert len(qs) == 1, qs
    return qs[0]


def test_the_object_of_a_harm_verb_counts_people_harmed():
    q = only("""
        Rebels 1 nsubj NOUN NNS rebel
        killed 1 ROOT VERB VBD kill
        seven 3 nummod NUM CD seven
        villagers 1 dobj NOUN NNS villager
        . 1 punct PUNCT . .
    """)
    assert (q.value, q.unit, q.counts, q.subject) == (7, "people", "villagers killed", None)


def test_the_passive_subject_of_a_harm_verb():
    q = only("""
        Seven 1 nummod NUM CD seven
        villagers 3 nsubjpass NOUN NNS villager
        were 3 auxpass AUX VBD be
        displaced 3 ROOT VERB VBN displace
        . 3 punct PUNCT . .
    """)
    assert (q.unit, q.counts) == ("people", "villagers displaced")


def test_a_participle_after_the_counted_noun():
    q = only("""
        Twelve 1 nummod NUM CD twelve
        civilians 4 nsubjpass NOUN NNS civilian
        wounded 1 acl VERB VBN wound
        were 4 auxpass AUX VBD be
        treated 4 ROOT VERB VBN treat
        . 4 punct PUNCT . .
    """)
    assert q.counts == "civilians wounded"


def test_a_bare_number_after_a_harm_verb_counts_people():
    q = only("""
        The 1 det DET DT the
        shelling 2 nsubj NOUN NN shelling
        killed 2 ROOT VERB VBD kill
        20 2 dobj NUM CD 20
        . 2 punct PUNCT . .
    """)
    assert (q.value, q.unit, q.counts) == (20, "people", "people killed")


def test_an_intransitive_harm_verb():
    q = only("""
        Some 2 advmod ADV RB some
        300 2 nummod NUM CD 300
        families 3 nsubj NOUN NNS family
        fled 3 ROOT VERB VBD flee
        . 3 punct PUNCT . .
    """)
    assert q.counts == "families fled"
    assert q.unit == "family"  # a noun of persons outside kb/units.yaml's `people` keeps its unit


def test_the_victims_are_the_subject_not_the_perpetrators():
    q = only("""
        Ruritanian 1 amod ADJ JJ ruritanian
        gunmen 2 nsubj NOUN NNS gunman
        killed 2 ROOT VERB VBD kill
        12 4 nummod NUM CD 12
        Freedonians 2 dobj PROPN NNPS freedonians
        . 2 punct PUNCT . .
    """)
    assert (q.unit, q.counts, q.subject) == ("people", "Freedonians killed", "A2")


def test_the_people_of_an_actor_after_of():
    q = only("""
        Floods 1 nsubj NOUN NNS flood
        displaced 1 ROOT VERB VBD displace
        900 3 nummod NUM CD 900
        residents 1 dobj NOUN NNS resident
        of 3 prep ADP IN of
        Ruritania 4 pobj PROPN NNP ruritania
        . 1 punct PUNCT . .
    """)
    assert (q.counts, q.subject) == ("residents displaced", "A1")


def test_a_vague_count_of_an_actors_people():
    q = only("""
        Troops 1 nsubj NOUN NNS troop
        detained 1 ROOT VERB VBD detain
        dozens 1 dobj NOUN NNS dozen
        of 2 prep ADP IN of
        Freedonians 3 pobj PROPN NNPS freedonians
        . 1 punct PUNCT . .
    """)
    assert (q.low, q.high, q.unit, q.counts, q.subject) == (12, 120, "people", "Freedonians detained", "A2")


@pytest.mark.parametrize(
    "rows, counts, unit",
    [
        # sent, not harmed: what is counted stays the noun
        ("""
        Ruritania 1 nsubj PROPN NNP ruritania
        sent 1 ROOT VERB VBD send
        300 3 nummod NUM CD 300
        soldiers 1 dobj NOUN NNS soldier
        . 1 punct PUNCT . .
        """, "soldiers", "people"),
        # things captured are no casualties
        ("""
        Rebels 1 nsubj NOUN NNS rebel
        captured 1 ROOT VERB VBD capture
        three 3 nummod NUM CD three
        tanks 1 dobj NOUN NNS tank
        . 1 punct PUNCT . .
        """, "tanks", "tank"),
        # a bare number after a verb that harms no one
        ("""
        The 1 det DET DT the
        team 2 nsubj NOUN NN team
        scored 2 ROOT VERB VBD score
        20 2 dobj NUM CD 20
        . 2 punct PUNCT . .
        """, None, "count"),
    ],
)
def test_no_casualty_without_a_harm_verb_and_persons(rows, counts, unit):
    q = only(rows)
    assert (q.counts, q.unit) == (counts, unit)


def test_an_actors_people_not_harmed_keep_their_own_unit():
    q = only("""
        About 1 advmod ADV RB about
        900 2 nummod NUM CD 900
        Freedonians 3 nsubj PROPN NNPS freedonians
        live 3 ROOT VERB VBP live
        there 3 advmod ADV RB there
        . 3 punct PUNCT . .
    """)
    assert (q.unit, q.counts) == ("Freedonians", "Freedonians")


def test_a_casualty_adjective_after_a_bare_number():
    qs = run("""
        The 1 det DET DT the
        blast 2 nsubj NOUN NN blast
        left 2 ROOT VERB VBD leave
        nine 2 dobj NUM CD nine
        dead 3 amod ADJ JJ dead
        and 3 cc CCONJ CC and
        30 3 conj NUM CD 30
        injured 6 amod ADJ JJ injured
        . 2 punct PUNCT . .
    """)
    assert [(q.value, q.unit, q.counts) for q in qs] == [(9, "people", "people dead"), (30, "people", "people injured")]


@pytest.mark.parametrize(
    "rows, counts, unit",
    [
        ("""
        The 2 det DET DT the
        death 2 compound NOUN NN death
        toll 3 nsubj NOUN NN toll
        climbed 3 ROOT VERB VBD climb
        to 3 prep ADP IN to
        61 4 pobj NUM CD 61
        . 3 punct PUNCT . .
        """, "people killed", "people"),
        ("""
        a 1 det DET DT a
        toll 1 ROOT NOUN NN toll
        of 1 prep ADP IN of
        17 2 pobj NUM CD 17
        """, "people killed", "people"),
        # another figure that climbs is no death toll
        ("""
        The 1 det DET DT the
        index 2 nsubj NOUN NN index
        climbed 2 ROOT VERB VBD climb
        to 2 prep ADP IN to
        61 3 pobj NUM CD 61
        . 2 punct PUNCT . .
        """, None, "count"),
    ],
)
def test_the_figure_of_a_death_toll(rows, counts, unit):
    q = only(rows)
    assert (q.counts, q.unit) == (counts, unit)


@pytest.mark.parametrize("verb, lemma, counts", [("killed", "kill", "children killed"), ("attended", "attend", "children")])
def test_part_of_a_group_shares_what_happened_to_it(verb, lemma, counts):
    qs = run(f"""
        Eight 1 nummod NUM CD eight
        villagers 8 nsubjpass NOUN NNS villager
        , 1 punct PUNCT , ,
        including 1 prep ADP VBG including
        three 5 nummod NUM CD three
        children 3 pobj NOUN NNS child
        , 1 punct PUNCT , ,
        were 8 auxpass AUX VBD be
        {verb} 8 ROOT VERB VBN {lemma}
        . 8 punct PUNCT . .
    """)
    assert qs[1].counts == counts


@pytest.mark.parametrize("verb, lemma, noun, subject", [
    ("killed", "kill", "villagers", None),   # the antecedent harmed them: no side of theirs
    ("sent", "send", "soldiers", "A1"),      # the antecedent's own people
])
def test_the_antecedent_of_a_relative_clause_that_harms_is_not_the_victims_side(verb, lemma, noun, subject):
    q = only(f"""
        Ruritania 7 nsubj PROPN NNP ruritania
        , 0 punct PUNCT , ,
        which 3 nsubj PRON WDT which
        {verb} 0 relcl VERB VBD {lemma}
        40 5 nummod NUM CD 40
        {noun} 3 dobj NOUN NNS {noun[:-1]}
        , 0 punct PUNCT , ,
        denied 7 ROOT VERB VBD deny
        it 7 dobj PRON PRP it
        . 7 punct PUNCT . .
    """)
    assert q.subject == subject


def test_the_perpetrator_is_never_the_subject():
    q = only("""
        Ruritania 1 nsubj PROPN NNP ruritania
        killed 1 ROOT VERB VBD kill
        seven 3 nummod NUM CD seven
        villagers 1 dobj NOUN NNS villager
        . 1 punct PUNCT . .
    """)
    assert q.subject is None


# ---------------------------------------------------------------- with the model


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer()


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, counts",
    [
        ("Artillery fire killed nine people near the market.", "people killed"),
        ("Fourteen miners were rescued on Sunday.", "miners rescued"),
        ("The storm displaced some 40,000 residents of the coast.", "residents displaced"),
        ("The bombardment killed 11 overnight.", "people killed"),
        ("The ministry hired 40 nurses.", "nurses"),
    ],
)
def test_casualty_counts_end_to_end(analyzer, text, counts):
    qs = analyzer.analyze(text).quantities
    assert len(qs) == 1, qs
    assert qs[0].counts == counts
