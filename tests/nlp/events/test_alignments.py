"""Standing alignments as events (SUPPORT, or ACCUSE for a hostility; mode `alignment`), on
hand-built parses: "X-backed Y", "pro-X Y", "Y, an ally of X", "X and Y are allies", "loyal to X",
"arch-foe X". No model: the Docs are built word by word, their actors given as spans.
The countries here are made up.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from dyads.nlp.events import EventsComponent
from docs import events_doc



parse = events_doc  # a hand-built Doc for the events component (tests/docs.py)


@pytest.fixture(scope="module")
def aligned():
    component = EventsComponent()

    def run(doc: Doc) -> list[tuple]:
        component(doc)
        return [(e.category, e.source, e.target, e.polarity, doc.text[e.trigger_start:e.trigger_end])
                for e in doc._.dyads_events if e.mode == "alignment"]
    return run


RURITANIA, REBELS, GENOVIA = ("A1", "country"), ("A2", "armed_group"), ("A2", "country")


def backed(participle: str, head_word: str = "rebels") -> str:
    return f"""
Ruritania 2 npadvmod PROPN NNP Ruritania
- 2 punct PUNCT HYPH -
{participle} 3 amod VERB VBN {participle}
{head_word} 4 nsubj NOUN NNS {head_word}
marched 4 ROOT VERB VBD march
. 4 punct PUNCT . .
"""


def test_a_backer_named_before_a_hyphened_participle_backs_the_noun_after(aligned):
    doc = parse(backed("backed"), {"Ruritania": RURITANIA, "rebels": REBELS})
    assert aligned(doc) == [("SUPPORT", "A1", "A2", 1, "Ruritania-backed")]


def test_a_participle_of_no_backing_or_a_noun_that_is_no_actor_makes_no_alignment(aligned):
    assert aligned(parse(backed("based"), {"Ruritania": RURITANIA, "rebels": REBELS})) == []
    assert aligned(parse(backed("backed", "reforms"), {"Ruritania": RURITANIA})) == []


def test_opposed_after_a_name_is_a_hostility_of_the_noun_s_actor(aligned):
    doc = parse(backed("opposed"), {"Ruritania": RURITANIA, "rebels": REBELS})
    assert aligned(doc) == [("ACCUSE", "A2", "A1", -1, "Ruritania-opposed")]


PRO = """
The 4 det DET DT the
pro 4 amod ADJ JJ pro
- 4 punct PUNCT HYPH -
Ruritania 4 compound PROPN NNP Ruritania
rebels 5 nsubj NOUN NNS rebels
rioted 5 ROOT VERB VBD riot
. 5 punct PUNCT . .
"""


def test_pro_before_a_name_sides_the_noun_after_with_it_and_anti_opposes(aligned):
    assert aligned(parse(PRO, {"Ruritania": RURITANIA, "rebels": REBELS})) == [
        ("SUPPORT", "A2", "A1", 1, "pro-Ruritania")]
    anti = PRO.replace("pro 4 amod ADJ JJ pro", "anti 4 amod ADJ JJ anti")
    assert aligned(parse(anti, {"Ruritania": RURITANIA, "rebels": REBELS})) == [
        ("ACCUSE", "A2", "A1", -1, "anti-Ruritania")]
    # the prefixed name and the noun are one actor ("pro-government militias"): no tie to itself
    assert aligned(parse(PRO, {"Ruritania": REBELS, "rebels": REBELS})) == []


APPOS = """
Genovia 7 nsubj PROPN NNP Genovia
, 0 punct PUNCT , ,
a 4 det DET DT a
close 4 amod ADJ JJ close
ally 0 appos NOUN NN ally
of 4 prep ADP IN of
Ruritania 5 pobj PROPN NNP Ruritania
protested 7 ROOT VERB VBD protest
. 7 punct PUNCT . .
"""


def test_an_apposed_ally_of_someone_supports_them(aligned):
    assert aligned(parse(APPOS, {"Genovia": GENOVIA, "Ruritania": RURITANIA})) == [
        ("SUPPORT", "A2", "A1", 1, "ally")]


def test_a_proxy_is_backed_by_the_one_it_is_a_proxy_of(aligned):
    doc = parse(APPOS.replace("ally 0 appos NOUN NN ally", "proxy 0 appos NOUN NN proxy"),
                {"Genovia": GENOVIA, "Ruritania": RURITANIA})
    assert aligned(doc) == [("SUPPORT", "A1", "A2", 1, "proxy")]


def test_an_enemy_of_someone_is_a_hostile_alignment(aligned):
    doc = parse(APPOS.replace("ally 0 appos NOUN NN ally", "enemy 0 appos NOUN NN enemy"),
                {"Genovia": GENOVIA, "Ruritania": RURITANIA})
    assert aligned(doc) == [("ACCUSE", "A2", "A1", -1, "enemy")]


ARE_ALLIES = """
Genovia 3 nsubj PROPN NNP Genovia
and 0 cc CCONJ CC and
Ruritania 0 conj PROPN NNP Ruritania
are 3 ROOT AUX VBP be
old 5 amod ADJ JJ old
allies 3 attr NOUN NNS ally
. 3 punct PUNCT . .
"""

NOT_ALLIES = """
Genovia 3 nsubj PROPN NNP Genovia
and 0 cc CCONJ CC and
Ruritania 0 conj PROPN NNP Ruritania
are 3 ROOT AUX VBP be
not 3 neg PART RB not
allies 3 attr NOUN NNS ally
. 3 punct PUNCT . .
"""


def test_conjoined_subjects_that_are_allies_are_allied_with_each_other(aligned):
    assert aligned(parse(ARE_ALLIES, {"Genovia": GENOVIA, "Ruritania": RURITANIA})) == [
        ("SUPPORT", "A2", "A1", 1, "allies")]


def test_not_allies_is_no_alignment(aligned):
    assert aligned(parse(NOT_ALLIES, {"Genovia": GENOVIA, "Ruritania": RURITANIA})) == []


def test_a_lone_subject_with_allies_and_no_one_named_makes_nothing(aligned):
    assert aligned(parse(ARE_ALLIES, {"Genovia": GENOVIA})) == []


LOYAL = """
Militias 3 nsubj NOUN NNS militia
loyal 0 amod ADJ JJ loyal
to 1 prep ADP IN to
Ruritania 2 pobj PROPN NNP Ruritania
fired 3 ROOT VERB VBD fire
. 3 punct PUNCT . .
"""


def test_a_group_loyal_to_someone_sides_with_them(aligned):
    assert aligned(parse(LOYAL, {"Militias": REBELS, "Ruritania": RURITANIA})) == [
        ("SUPPORT", "A2", "A1", 1, "loyal to")]


def test_loyal_without_its_preposition_or_to_no_actor_is_nothing(aligned):
    assert aligned(parse(LOYAL.replace("to 1 prep ADP IN to", "by 1 prep ADP IN by"),
                         {"Militias": REBELS, "Ruritania": RURITANIA})) == []
    assert aligned(parse(LOYAL, {"Militias": REBELS})) == []


ARCH_FOE = """
Genovia 1 nsubj PROPN NNP Genovia
blamed 1 ROOT VERB VBD blame
arch 4 compound NOUN NN arch
- 4 punct PUNCT HYPH -
foe 5 compound NOUN NN foe
Ruritania 1 dobj PROPN NNP Ruritania
. 1 punct PUNCT . .
"""


def test_an_arch_foe_named_as_an_object_is_the_subject_s_enemy(aligned):
    assert aligned(parse(ARCH_FOE, {"Genovia": GENOVIA, "Ruritania": RURITANIA})) == [
        ("ACCUSE", "A1", "A2", -1, "arch-foe")]


def test_an_alignment_inside_a_hypothetical_clause_is_still_the_article_s_description():
    rows = """
Ruritania 2 npadvmod PROPN NNP Ruritania
- 2 punct PUNCT HYPH -
backed 3 amod VERB VBN backed
rebels 5 nsubj NOUN NNS rebels
could 5 aux AUX MD could
march 5 ROOT VERB VB march
. 5 punct PUNCT . .
"""
    doc = parse(rows, {"Ruritania": RURITANIA, "rebels": REBELS})
    EventsComponent()(doc)
    e = next(e for e in doc._.dyads_events if e.mode == "alignment")
    assert (e.source, e.target, e.modality, e.negated, e.claimed_by) == ("A1", "A2", "asserted", False, None)


WHO_ALLIED = """
The 1 det DET DT the
rebels 6 nsubj NOUN NNS rebels
, 1 punct PUNCT , ,
who 5 nsubjpass PRON WP who
are 5 auxpass AUX VBP be
allied 1 relcl VERB VBN ally
shelled 6 ROOT VERB VBD shell
the 8 det DET DT the
town 6 dobj NOUN NN town
. 6 punct PUNCT . .
"""


def test_a_relative_clause_of_siding_speaks_of_its_antecedent(aligned):
    rows = WHO_ALLIED.replace("allied 1 relcl VERB VBN ally", "allied 1 relcl VERB VBN ally\nwith 5 prep ADP IN with\nRuritania 6 pobj PROPN NNP Ruritania")
    rows = "\n".join(_shift(line) for line in rows.strip().splitlines())
    assert aligned(parse(rows, {"Ruritania": RURITANIA, "rebels": REBELS})) == [("SUPPORT", "A2", "A1", 1, "allied with")]


def _shift(line: str) -> str:
    """WHO_ALLIED with two tokens put in after "allied": heads after it move by two."""
    w = line.split()
    if w[0] in ("with", "Ruritania"):
        return line
    head = int(w[1])
    return " ".join([w[0], str(head + 2 if head > 5 else head)] + w[2:])


def test_a_capital_named_only_as_a_place_backs_as_its_country(aligned):
    from dyads.model import Place
    from dyads.nlp.doc import PLACES_KEY
    rows = backed("backed").replace("Ruritania 2 npadvmod PROPN NNP Ruritania", "Strelsau 2 npadvmod PROPN NNP Strelsau")
    rows += "and 4 cc CCONJ CC and\nRuritania 4 conj PROPN NNP Ruritania\n"
    rows = rows.replace(". 4 punct PUNCT . .\n", "") + ". 4 punct PUNCT . .\n"
    doc = parse(rows, {"Ruritania": RURITANIA, "rebels": REBELS})
    doc._.dyads_actors[0].attributes["country"] = {"value": "RUR"}
    doc.spans[PLACES_KEY] = [Span(doc, 0, 1, label="P1")]
    doc._.dyads_places = [Place("P1", "Strelsau", country="RUR")]
    assert aligned(doc) == [("SUPPORT", "A1", "A2", 1, "Strelsau-backed")]
    doc = parse(rows, {"Ruritania": RURITANIA, "rebels": REBELS})
    assert aligned(doc) == []  # a name that is neither an actor nor a known place backs no one


def test_a_leader_named_before_led_backs_a_coalition_but_not_a_chamber(aligned):
    doc = parse(backed("led", "coalition"), {"Ruritania": RURITANIA, "coalition": REBELS})
    assert aligned(doc) == [("SUPPORT", "A1", "A2", 1, "Ruritania-led")]
    assert aligned(parse(backed("led", "chamber"), {"Ruritania": RURITANIA, "chamber": REBELS})) == []


ALONGSIDE = """
Genovia 1 nsubj PROPN NNP Genovia
drafted 1 ROOT VERB VBD draft
the 3 det DET DT the
motion 1 dobj NOUN NN motion
alongside 1 prep ADP IN alongside
Ruritania 4 pobj PROPN NNP Ruritania
. 1 punct PUNCT . .
"""


def test_a_co_agent_after_alongside_cooperates_with_the_subject():
    doc = parse(ALONGSIDE, {"Genovia": GENOVIA, "Ruritania": RURITANIA})
    EventsComponent()(doc)
    got = [(e.category, e.source, e.target, e.mode, e.modality) for e in doc._.dyads_events]
    assert ("COOPERATE", "A2", "A1", None, "asserted") in got
    doc = parse(ALONGSIDE.replace("alongside 1 prep ADP IN alongside", "without 1 prep ADP IN without"),
                {"Genovia": GENOVIA, "Ruritania": RURITANIA})
    EventsComponent()(doc)
    assert not any(e.category == "COOPERATE" for e in doc._.dyads_events)


def _part_is_supporter(owner_word: str, part: str) -> str:
    return f"""
{owner_word} 2 poss PROPN NNP {owner_word}
's 0 case PART POS 's
{part} 3 nsubj NOUN NN {part}
is 3 ROOT AUX VBZ be
a 6 det DET DT a
strong 6 amod ADJ JJ strong
supporter 3 attr NOUN NN supporter
of 6 prep ADP IN of
Ruritania 7 pobj PROPN NNP Ruritania
. 3 punct PUNCT . .
"""


def test_an_owned_part_that_is_no_actor_does_not_speak_for_its_owner(aligned):
    # "Genovia's ruling party is a strong supporter of Ruritania": the party, not Genovia
    doc = parse(_part_is_supporter("Genovia", "party"), {"Genovia": GENOVIA, "Ruritania": RURITANIA})
    assert aligned(doc) == []


def test_an_actor_subject_that_is_a_supporter_supports(aligned):
    doc = parse(_part_is_supporter("Genovia", "government"),
                {"Genovia": GENOVIA, "government": ("A3", "state"), "Ruritania": RURITANIA})
    assert [(c, s, t) for c, s, t, _, _ in aligned(doc)] == [("SUPPORT", "A3", "A1")]
