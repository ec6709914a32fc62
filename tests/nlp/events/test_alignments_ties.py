"""Standing ties beyond the plain alignments (alignments.py with groups.py): groups an alignment
or a base describes ("X-aligned groups"), backing told in a clause on a noun ("the front that is
backed by X", "the front that X supports", "a group supported by X"), receivers of what another
gives ("one of the largest recipients of X's aid"), "its enemy, Z", a group named after its
description ("X-opposed factions called Y"). Hand-built parses; the countries are made up.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyads.nlp.events import EventsComponent
from docs import events_doc as parse

RURITANIA, GENOVIA = ("A1", "country"), ("A2", "country")


@pytest.fixture(scope="module")
def run():
    component = EventsComponent()

    def go(doc: Doc) -> tuple[list[tuple], dict]:
        component(doc)
        names = {a.id: a.name for a in doc._.dyads_actors}
        return [(e.category, names.get(e.source), names.get(e.target), doc.text[e.trigger_start:e.trigger_end])
                for e in doc._.dyads_events if e.mode == "alignment"], names
    return go


ALIGNED_GROUPS = """
Ruritania 2 npadvmod PROPN NNP Ruritania
- 2 punct PUNCT HYPH -
aligned 3 amod VERB VBN align
groups 4 nsubj NOUN NNS group
shelled 4 ROOT VERB VBD shell
Genovia 4 dobj PROPN NNP Genovia
. 4 punct PUNCT . .
"""
ACTORS = {"Ruritania": ("A1", "country"), "Genovia": ("A2", "country")}


def test_a_group_described_by_its_backer_is_an_actor_the_backer_supports(run):
    aligned, names = run(parse(ALIGNED_GROUPS, ACTORS))
    assert aligned == [("SUPPORT", "Ruritania", "Ruritania-aligned groups", "Ruritania-aligned")]
    doc = parse(ALIGNED_GROUPS, ACTORS)
    EventsComponent()(doc)
    group = next(a for a in doc._.dyads_actors if a.name == "Ruritania-aligned groups")
    assert group.type == "armed_group"
    assert any(e.category == "ASSAULT" and e.source == group.id and e.target == "A2" for e in doc._.dyads_events)


def test_a_described_thing_that_is_no_group_is_no_actor(run):
    aligned, names = run(parse(ALIGNED_GROUPS.replace("groups 4 nsubj NOUN NNS group", "plans 4 nsubj NOUN NNS plan"),
                               ACTORS))
    assert aligned == []
    assert "Ruritania-aligned plans" not in names.values()


def test_a_group_based_somewhere_is_an_actor_but_no_ally_of_the_place(run):
    based = ALIGNED_GROUPS.replace("aligned 3 amod VERB VBN align", "based 3 amod VERB VBN base")
    doc = parse(based, ACTORS)
    aligned, names = run(doc)
    assert aligned == []
    group = next(a for a in doc._.dyads_actors if a.name == "Ruritania-based groups")
    assert any(e.source == group.id and e.target == "A2" for e in doc._.dyads_events)


def test_a_based_group_no_event_holds_is_dropped(run):
    idle = ALIGNED_GROUPS.replace("aligned 3 amod VERB VBN align", "based 3 amod VERB VBN base").replace(
        "shelled 4 ROOT VERB VBD shell\nGenovia 4 dobj PROPN NNP Genovia", "slept 4 ROOT VERB VBD sleep\nsoundly 4 advmod ADV RB soundly")
    aligned, names = run(parse(idle, ACTORS))
    assert aligned == [] and "Ruritania-based groups" not in names.values()


WHICH_IS_BACKED = """
Fronta 8 nsubj PROPN NNP Fronta
, 0 punct PUNCT , ,
which 4 nsubjpass PRON WDT which
is 4 auxpass AUX VBZ be
backed 0 relcl VERB VBN back
by 4 agent ADP IN by
Ruritania 5 pobj PROPN NNP Ruritania
, 0 punct PUNCT , ,
fired 8 ROOT VERB VBD fire
. 8 punct PUNCT . .
"""
FRONTA = {"Fronta": ("A1", "armed_group"), "Ruritania": ("A2", "country")}


def test_a_relative_clause_of_backing_by_someone_is_their_support(run):
    assert run(parse(WHICH_IS_BACKED, FRONTA))[0] == [("SUPPORT", "Ruritania", "Fronta", "backed")]


NOT_BACKED = """
Fronta 9 nsubj PROPN NNP Fronta
, 0 punct PUNCT , ,
which 5 nsubjpass PRON WDT which
is 5 auxpass AUX VBZ be
not 5 neg PART RB not
backed 0 relcl VERB VBN back
by 5 agent ADP IN by
Ruritania 6 pobj PROPN NNP Ruritania
, 0 punct PUNCT , ,
fired 9 ROOT VERB VBD fire
. 9 punct PUNCT . .
"""


def test_a_negated_backing_clause_or_a_noun_that_is_no_actor_is_no_tie(run):
    assert run(parse(NOT_BACKED, FRONTA))[0] == []
    plan = WHICH_IS_BACKED.replace("Fronta 8 nsubj PROPN NNP Fronta", "plan 8 nsubj NOUN NN plan")
    assert run(parse(plan, {"Ruritania": ("A1", "country")}))[0] == []


QUOTED_FRONT = """
The 3 det DET DT the
“ 3 punct PUNCT `` “
popular 3 amod ADJ JJ popular
front 8 nsubj NOUN NN front
” 3 punct PUNCT '' ”
that 7 dobj PRON WDT that
Ruritania 7 nsubj PROPN NNP Ruritania
supports 3 relcl VERB VBZ support
fired 8 ROOT VERB VBD fire
. 8 punct PUNCT . .
"""


def test_the_quoted_name_of_a_front_someone_supports_is_an_actor_they_back(run):
    aligned, names = run(parse(QUOTED_FRONT, {"Ruritania": ("A1", "country")}))
    assert aligned == [("SUPPORT", "Ruritania", "popular front", "supports")]


def test_an_unquoted_common_noun_a_clause_backs_makes_no_actor(run):
    plain = QUOTED_FRONT.replace("“ 3 punct PUNCT `` “\n", "").replace("” 3 punct PUNCT '' ”\n", "")
    rows = []
    for line in plain.strip().splitlines():  # two tokens fewer: heads past them move back
        w = line.split()
        h = int(w[1])
        w[1] = str(h - (1 if h > 1 else 0) - (1 if h > 4 else 0))
        rows.append(" ".join(w))
    aligned, names = run(parse("\n".join(rows), {"Ruritania": ("A1", "country")}))
    assert aligned == [] and "popular front" not in names.values()


APPOSED_GROUP = """
Tomas 10 nsubj PROPN NNP Tomas
of 0 prep ADP IN of
Fronta 1 pobj PROPN NNP Fronta
, 0 punct PUNCT , ,
a 5 det DET DT a
group 0 appos NOUN NN group
supported 5 acl VERB VBN support
by 6 agent ADP IN by
Ruritania 7 pobj PROPN NNP Ruritania
, 0 punct PUNCT , ,
spoke 10 ROOT VERB VBD speak
. 10 punct PUNCT . .
"""


def test_an_apposition_describes_the_name_right_before_its_comma(run):
    actors = {"Tomas": ("A1", "person"), "Fronta": ("A2", "armed_group"), "Ruritania": ("A3", "country")}
    assert run(parse(APPOSED_GROUP, actors))[0] == [("SUPPORT", "Ruritania", "Fronta", "supported")]


RECIPIENT = """
Genovia 11 nsubj PROPN NNP Genovia
, 0 punct PUNCT , ,
one 0 appos NUM CD one
of 2 prep ADP IN of
the 6 det DET DT the
largest 6 amod ADJ JJS large
recipients 3 pobj NOUN NNS recipient
of 6 prep ADP IN of
Ruritanian 9 amod ADJ JJ ruritanian
aid 7 pobj NOUN NN aid
, 0 punct PUNCT , ,
voted 11 ROOT VERB VBD vote
. 11 punct PUNCT . .
"""


def test_a_recipient_of_someone_s_aid_is_backed_by_them(run):
    actors = {"Genovia": ("A1", "country"), "Ruritanian": ("A2", "country")}
    assert run(parse(RECIPIENT, actors))[0] == [("SUPPORT", "Ruritanian", "Genovia", "recipients")]


def test_a_recipient_of_what_is_not_given_is_no_tie(run):
    actors = {"Genovia": ("A1", "country"), "Ruritanian": ("A2", "country")}
    awards = RECIPIENT.replace("aid 7 pobj NOUN NN aid", "awards 7 pobj NOUN NNS award")
    assert run(parse(awards, actors))[0] == []


ITS_ENEMY = """
Tensions 1 nsubj NOUN NNS tension
rose 1 ROOT VERB VBD rise
between 1 prep ADP IN between
Genovia 2 pobj PROPN NNP Genovia
and 3 cc CCONJ CC and
groups 3 conj NOUN NNS group
tied 5 acl VERB VBN tie
to 6 prep ADP IN to
its 9 poss PRON PRP$ its
enemy 7 pobj NOUN NN enemy
, 9 punct PUNCT , ,
Ruritania 9 appos PROPN NNP Ruritania
. 1 punct PUNCT . .
"""


def test_its_enemy_named_in_apposition_is_the_enemy_of_the_actor_its_stands_for(run):
    assert run(parse(ITS_ENEMY, {"Genovia": GENOVIA, "Ruritania": RURITANIA}))[0] == [
        ("ACCUSE", "Ruritania", "Genovia", "enemy")]


def test_its_never_stands_for_a_person(run):
    assert run(parse(ITS_ENEMY, {"Genovia": ("A2", "person"), "Ruritania": RURITANIA}))[0] == []


CALLED = """
Genovia 5 nmod PROPN NNP Genovia
and 0 cc CCONJ CC and
Ruritania 4 npadvmod PROPN NNP Ruritania
- 4 punct PUNCT HYPH -
opposed 5 amod VERB VBN oppose
factions 9 nsubj NOUN NNS faction
called 5 acl VERB VBN call
the 8 det DET DT the
Fronta 6 oprd PROPN NNP Fronta
regrouped 9 ROOT VERB VBD regroup
. 9 punct PUNCT . .
"""


def test_conjoined_names_opposed_by_factions_called_by_name_are_that_group_s_foes(run):
    actors = {"Genovia": ("A1", "country"), "Ruritania": ("A2", "country"), "Fronta": ("A3", "armed_group")}
    assert sorted(run(parse(CALLED, actors))[0]) == [
        ("ACCUSE", "Fronta", "Genovia", "Genovia and Ruritania-opposed"),
        ("ACCUSE", "Fronta", "Ruritania", "Genovia and Ruritania-opposed")]


def test_factions_not_called_by_a_name_are_a_group_of_their_own(run):
    actors = {"Genovia": ("A1", "country"), "Ruritania": ("A2", "country")}
    aligned, names = run(parse(CALLED.replace("Fronta 6 oprd PROPN NNP Fronta", "Fronta 6 oprd NOUN NN fronta"), actors))
    assert ("ACCUSE", "Genovia and Ruritania-opposed factions", "Ruritania", "Genovia and Ruritania-opposed") in aligned


IT_AFTER_GROUPS = """
Ruritania 2 npadvmod PROPN NNP Ruritania
- 2 punct PUNCT HYPH -
aligned 3 amod VERB VBN align
groups 4 nsubj NOUN NNS group
shelled 4 ROOT VERB VBD shell
Genovia 4 dobj PROPN NNP Genovia
, 4 punct PUNCT , ,
and 4 cc CCONJ CC and
Florin 9 nsubj PROPN NNP Florin
backed 4 conj VERB VBD back
it 9 dobj PRON PRP it
. 4 punct PUNCT . .
"""


def test_it_never_stands_for_a_plural_group():
    doc = parse(IT_AFTER_GROUPS, {"Ruritania": ("A1", "country"), "Genovia": ("A2", "country"), "Florin": ("A3", "country")})
    EventsComponent()(doc)
    group = next(a.id for a in doc._.dyads_actors if a.name == "Ruritania-aligned groups")
    assert not any(e.source == "A3" and e.target == group for e in doc._.dyads_events)


AS_CLAUSE = """
Tensions 1 nsubj NOUN NNS tension
rose 1 ROOT VERB VBD rise
as 1 prep ADP IN as
Ruritania 5 npadvmod PROPN NNP Ruritania
- 5 punct PUNCT HYPH -
based 6 amod VERB VBN base
groups 2 pobj NOUN NNS group
exchanged 1 conj VERB VBD exchange
fire 7 dobj NOUN NN fire
with 8 prep ADP IN with
Genovia 9 pobj PROPN NNP Genovia
. 1 punct PUNCT . .
"""


def _sides(rows: str) -> set:
    doc = parse(rows, {"Ruritania": ("A1", "country"), "Genovia": ("A2", "country")})
    EventsComponent()(doc)
    names = {a.id: a.name for a in doc._.dyads_actors}
    return {(names.get(e.source), names.get(e.target)) for e in doc._.dyads_events}


def test_a_clause_opened_by_as_that_the_parser_broke_keeps_its_subject():
    assert ("Ruritania-based groups", "Genovia") in _sides(AS_CLAUSE)


def test_a_true_preposition_s_object_is_no_subject_of_the_next_verb():
    assert not any(s == "Ruritania-based groups" for s, _ in _sides(AS_CLAUSE.replace("as 1 prep ADP IN as", "near 1 prep ADP IN near")))
