"""Event rules on hand-built parses: who acts, on whom, negated or not, asserted or not.

No model: every Doc here is built word by word with its heads, labels, tags and lemmas
(`Doc(vocab, words=, heads=, deps=, pos=, tags=, lemmas=)`), and its actors are given as
spans, as the actors component would leave them. The trigger lexicon is the bundled one.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyads.nlp.doc import ACTORS_KEY, ActorRegistry
from dyads.nlp.events import EventsComponent
from docs import events_doc
from dyads.nlp.events.marks import modality, negated
from dyads.nlp.mentions import Cand



parse = events_doc  # a hand-built Doc for the events component (tests/docs.py)


@pytest.fixture(scope="module")
def events():
    component = EventsComponent()

    def run(doc: Doc) -> list[tuple]:
        component(doc)
        return [(e.category, e.source, e.target, e.negated, e.modality, doc.text[e.trigger_start:e.trigger_end])
                for e in doc._.dyads_events]
    return run


TURKEY, KURDS, RUSSIA = ("A1", "country"), ("A2", "community"), ("A3", "country")

ATTACKED = """
Turkey 1 nsubj PROPN NNP Turkey
attacked 1 ROOT VERB VBD attack
the 3 det DET DT the
Kurds 1 dobj PROPN NNPS Kurds
. 1 punct PUNCT . .
"""


def test_the_subject_acts_on_the_object(events):
    assert events(parse(ATTACKED, {"Turkey": TURKEY, "Kurds": KURDS})) == [
        ("ASSAULT", "A1", "A2", False, "asserted", "attacked")]


def test_no_actor_named_no_event(events):
    assert events(parse(ATTACKED, {})) == []


def test_an_object_that_is_no_actor_leaves_a_main_clause_event_one_sided(events):
    assert events(parse(ATTACKED, {"Turkey": TURKEY})) == [("ASSAULT", "A1", None, False, "asserted", "attacked")]


def test_conjoined_subjects_each_act(events):
    doc = parse("""
Turkey 3 nsubj PROPN NNP Turkey
and 0 cc CCONJ CC and
Russia 0 conj PROPN NNP Russia
attacked 3 ROOT VERB VBD attack
the 5 det DET DT the
Kurds 3 dobj PROPN NNPS Kurds
. 3 punct PUNCT . .
""", {"Turkey": TURKEY, "Kurds": KURDS, "Russia": RUSSIA})
    assert sorted(e[:3] for e in events(doc)) == [("ASSAULT", "A1", "A2"), ("ASSAULT", "A3", "A2")]


def test_a_passive_s_by_agent_is_the_source_and_its_subject_the_target(events):
    doc = parse("""
The 1 det DET DT the
Kurds 3 nsubjpass PROPN NNPS Kurds
were 3 auxpass AUX VBD be
attacked 3 ROOT VERB VBN attack
by 3 agent ADP IN by
Turkey 4 pobj PROPN NNP Turkey
. 3 punct PUNCT . .
""", {"Turkey": TURKEY, "Kurds": KURDS})
    assert events(doc) == [("ASSAULT", "A1", "A2", False, "asserted", "attacked")]


NOT_ATTACK = """
Turkey 3 nsubj PROPN NNP Turkey
did 3 aux AUX VBD do
not 3 neg PART RB not
attack 3 ROOT VERB VB attack
the 5 det DET DT the
Kurds 3 dobj PROPN NNPS Kurds
. 3 punct PUNCT . .
"""


def test_a_negated_act_is_marked_and_an_asserted_one_is_not(events):
    assert events(parse(NOT_ATTACK, {"Turkey": TURKEY, "Kurds": KURDS})) == [
        ("ASSAULT", "A1", "A2", True, "asserted", "attack")]
    doc = parse(ATTACKED, {})
    assert not negated(doc[1], doc[1])


def modal(word: str, actors=True) -> Doc:
    return parse(f"""
Turkey 2 nsubj PROPN NNP Turkey
{word} 2 aux AUX MD {word}
attack 2 ROOT VERB VB attack
the 4 det DET DT the
Kurds 2 dobj PROPN NNPS Kurds
. 2 punct PUNCT . .
""", {"Turkey": TURKEY, "Kurds": KURDS} if actors else {})


def test_could_makes_an_act_hypothetical_and_will_a_threat_for_the_future(events):
    assert events(modal("could")) == [("ASSAULT", "A1", "A2", False, "hypothetical", "attack")]
    # an announced attack is coded by its direction: a threat
    assert events(modal("will")) == [("THREATEN", "A1", "A2", False, "future", "attack")]
    doc = modal("did", actors=False)
    assert modality(doc[2], doc[2]) == "asserted"


def test_an_act_asked_for_is_demanded():
    doc = parse("""
Russia 1 nsubj PROPN NNP Russia
urged 1 ROOT VERB VBD urge
Turkey 1 dobj PROPN NNP Turkey
to 4 aux PART TO to
withdraw 1 xcomp VERB VB withdraw
. 1 punct PUNCT . .
""", {})
    assert modality(doc[4], doc[4]) == "demanded"
    assert modality(doc[1], doc[1]) == "asserted"


def test_an_unnamed_group_is_made_an_actor_by_the_registry_and_dropped_when_its_event_fails(events):
    rows = """
Turkey 1 nsubj PROPN NNP Turkey
attacked 1 ROOT VERB VBD attack
refugees 1 dobj NOUN NNS refugee
. 1 punct PUNCT . .
"""
    doc = parse(rows, {"Turkey": TURKEY})
    assert events(doc) == [("ASSAULT", "A1", "A2", False, "asserted", "attacked")]
    made = doc._.dyads_actors[-1]
    assert (made.id, made.name, made.synthetic) == ("A2", "refugees", "made-group:refugees")
    assert [(s.start, s.label_) for s in doc.spans[ACTORS_KEY]] == [(0, "A1"), (2, "A2")]


def test_the_registry_drops_and_renumbers_actors_and_relabels_their_spans():
    doc = parse(ATTACKED, {"Turkey": TURKEY, "Kurds": KURDS})
    reg = ActorRegistry(doc)
    made = reg.make("the Kurds", "community", "made-group:kurds")
    assert made.id == "A3" and reg.find("made-group:kurds") is made
    reg.add_mention(made, Cand(2, 4, "group"))
    rename = reg.keep_only(lambda a: a.id == "A2")
    assert rename == {"A2": None, "A3": "A2"}
    assert [a.id for a in doc._.dyads_actors] == ["A1", "A2"] and made.id == "A2"
    assert sorted((s.start, s.end, s.label_) for s in doc.spans[ACTORS_KEY]) == [(0, 1, "A1"), (2, 4, "A2")]
    assert reg.keep_only(lambda a: False) == {}  # nothing to drop: nothing renamed


def test_the_component_carries_its_extra_lexicon_to_disk_and_back(tmp_path, events):
    extra = tmp_path / "mine.yaml"
    extra.write_text("verbs:\n  - {verb: zorble, cat: ASSAULT}\n", encoding="utf-8")
    rows = ATTACKED.replace("attacked 1 ROOT VERB VBD attack", "zorbled 1 ROOT VERB VBD zorble")
    bare = EventsComponent()
    bare(doc := parse(rows, {"Turkey": TURKEY, "Kurds": KURDS}))
    assert doc._.dyads_events == []  # not a trigger of the bundled lexicon
    mine = EventsComponent([str(extra)])
    mine.to_disk(tmp_path / "saved")
    extra.unlink()  # the saved component needs its own copy
    back = EventsComponent().from_disk(tmp_path / "saved")
    back(doc := parse(rows, {"Turkey": TURKEY, "Kurds": KURDS}))
    assert [(e.category, e.source, e.target) for e in doc._.dyads_events] == [("ASSAULT", "A1", "A2")]
    back.to_disk(tmp_path / "saved")  # saved again where it was loaded from
    assert sorted(p.name for p in (tmp_path / "saved").iterdir()) == ["00-mine.yaml", "triggers.json"]
    EventsComponent().to_disk(tmp_path / "saved")  # no extra files: none left behind
    assert sorted(p.name for p in (tmp_path / "saved").iterdir()) == ["triggers.json"]
