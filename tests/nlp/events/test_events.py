"""The events component (dyads.nlp.events) through the whole pipeline, on sentences the team wrote.

Every test runs `Analyzer.analyze` and reads the contract's output (result.events, result.actors,
result.relations): who did what to whom in PLOVER, the constructions that supply the participants,
negation, modality, voice (claimed_by), which events make relations, and sentences that hold no event.
Actors are checked by name (looked up by id in result.actors), so a test fails whether the event
or the actor linking is wrong.
"""
from __future__ import annotations

from typing import Optional

import pytest

from dyads.nlp.events import POLARITY

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer()


class View:
    """One analysed text, with events and relations readable by actor name."""

    def __init__(self, result):
        self.result = result
        self.actors = {a.id: a for a in result.actors}
        self.events = list(result.events)
        self.relations = list(result.relations)

    def name(self, actor_id: Optional[str]) -> Optional[str]:
        return None if actor_id is None else self.actors[actor_id].name

    def actor(self, actor_id: Optional[str]):
        return None if actor_id is None else self.actors[actor_id]

    def rows(self) -> list[tuple]:
        """What the component found, for assertion messages."""
        return [(e.category, self.name(e.source), self.name(e.target), e.trigger, e.modality,
                 "negated" if e.negated else "", self.name(e.claimed_by)) for e in self.events]

    def find(self, category: Optional[str] = None, source: Optional[str] = "*", target: Optional[str] = "*") -> list:
        out = []
        for e in self.events:
            if category is not None and e.category != category:
                continue
            if source != "*" and self.name(e.source) != source:
                continue
            if target != "*" and self.name(e.target) != target:
                continue
            out.append(e)
        return out

    def one(self, category: str, source: Optional[str], target: Optional[str]):
        found = self.find(category, source, target)
        assert len(found) == 1, (f"expected one {category} {source} -> {target}", self.rows())
        return found[0]

    def relation_pairs(self) -> set[tuple]:
        return {(self.name(r.source), self.name(r.target)) for r in self.relations}


def run(analyzer, text: str) -> View:
    return View(analyzer.analyze(text))


# ------------------------------------------------------------------ 1. every PLOVER category

CATEGORY_CASES = [
    # text, category, source, target, a word of the trigger
    ("Hamas agreed to a ceasefire with Israel.", "AGREE", "Hamas", "Israel", "agreed"),
    ("Turkey held talks with Iran in Ankara on Monday.", "CONSULT", "Turkey", "Iran", "talks"),
    ("France praised Egypt for its mediation.", "SUPPORT", "France", "Egypt", "praised"),
    ("The United States lifted sanctions on Venezuela.", "CONCEDE", "United States", "Venezuela", "lifted"),
    ("Japan shared intelligence with South Korea.", "COOPERATE", "Japan", "South Korea", "shared"),
    ("The United States supplied weapons to Ukraine.", "AID", "United States", "Ukraine", "supplied"),
    ("Israel withdrew its troops from Lebanon.", "RETREAT", "Israel", "Lebanon", "withdrew"),
    ("Egypt urged Hamas to accept the ceasefire.", "REQUEST", "Egypt", "Hamas", "urged"),
    ("China accused the United States of spying.", "ACCUSE", "China", "United States", "accused"),
    ("Iran rejected the proposal from France.", "REJECT", "Iran", "France", "rejected"),
    ("North Korea threatened South Korea with nuclear strikes.", "THREATEN", "North Korea", "South Korea",
     "threatened"),
    ("Greenpeace protested against Japan.", "PROTEST", "Greenpeace", "Japan", "protested"),
    ("The European Union imposed sanctions on Iran.", "SANCTION", "European Union", "Iran", "sanctions"),
    ("Russia mobilised troops against Ukraine.", "MOBILIZE", "Russia", "Ukraine", "mobilised"),
    ("Israel detained Hamas members in the West Bank.", "COERCE", "Israel", "Hamas", "detained"),
    ("Russia bombed Ukraine on Tuesday.", "ASSAULT", "Russia", "Ukraine", "bombed"),
]


def test_the_cases_cover_every_category():
    from dyads.nlp.events import CATEGORIES

    assert {c[1] for c in CATEGORY_CASES} == set(CATEGORIES)


@pytest.mark.parametrize("text,category,source,target,word", CATEGORY_CASES,
                         ids=[c[1] for c in CATEGORY_CASES])
def test_each_category_with_named_actors(analyzer, text, category, source, target, word):
    v = run(analyzer, text)
    assert len(v.events) == 1, v.rows()
    e = v.one(category, source, target)
    assert word in e.trigger, e.trigger
    assert e.polarity == POLARITY[category]
    assert e.modality == "asserted" and not e.negated
    assert e.claimed_by is None and e.quote is None
    sentence = v.result.document  # the event's offsets are the sentence's
    assert (e.start, e.end) == (0, sentence.chars)
    # an asserted act in the article's own voice makes the relation
    assert v.relation_pairs() == {(source, target)}
    [rel] = v.relations
    assert rel.categories == {category: 1} and rel.events == [e.id]


# ------------------------------------------------------------------ 2. constructions


@pytest.mark.parametrize("text,source,target", [
    ("Ukraine was attacked by Russia on Friday.", "Russia", "Ukraine"),
    ("Three Turkish soldiers were killed by the PKK.", "Kurdistan Workers' Party", "Turkish army"),
])
def test_passive_takes_the_by_agent_as_source(analyzer, text, source, target):
    v = run(analyzer, text)
    assert len(v.events) == 1, v.rows()
    e = v.one("ASSAULT", source, target)
    assert e.modality == "asserted" and not e.negated


def test_conjoined_sources_make_one_event_each(analyzer):
    v = run(analyzer, "Russia and Belarus threatened Poland.")
    assert sorted((v.name(e.source), v.name(e.target)) for e in v.find("THREATEN")) == [
        ("Belarus", "Poland"), ("Russia", "Poland")], v.rows()
    assert len(v.events) == 2


def test_conjoined_targets_make_one_event_each(analyzer):
    v = run(analyzer, "Israel bombed Hamas and Hezbollah.")
    assert sorted((v.name(e.source), v.name(e.target)) for e in v.find("ASSAULT")) == [
        ("Israel", "Hamas"), ("Israel", "Hezbollah")], v.rows()
    assert len(v.events) == 2


def test_relative_clause_subject_is_the_antecedent(analyzer):
    v = run(analyzer, "The Kurds, who fought Islamic State for years, accused Turkey of betrayal.")
    v.one("ASSAULT", "Kurds", "Islamic State")
    v.one("ACCUSE", "Kurds", "Turkey")
    assert len(v.events) == 2, v.rows()
    v = run(analyzer, "Hamas, which attacked Israel in October, rejected the ceasefire proposal.")
    v.one("ASSAULT", "Hamas", "Israel")
    assert not v.find(source=None), v.rows()


def test_thousands_of_fighters_are_the_group(analyzer):
    v = run(analyzer, "Thousands of Hezbollah fighters attacked Israel.")
    assert [(e.category, v.name(e.source), v.name(e.target)) for e in v.events] == [
        ("ASSAULT", "Hezbollah", "Israel")], v.rows()


def test_companies_such_as_are_the_named_examples(analyzer):
    v = run(analyzer, "Companies such as Siemens and Volkswagen provided financial support to Ukraine.")
    assert sorted(v.name(e.source) for e in v.find("AID", target="Ukraine")) == ["Siemens", "Volkswagen"], v.rows()
    assert len(v.events) == 2


def test_possessive_nominal_event(analyzer):
    v = run(analyzer, "Israel's blockade of Gaza continued for a second year.")
    e = v.one("COERCE", "Israel", "Gaza")
    assert e.trigger == "blockade" and e.mode == "restrict"
    assert len(v.events) == 1, v.rows()


def test_noun_event_with_on_target_and_by_source(analyzer):
    v = run(analyzer, "An attack on Israel by Hamas killed dozens.")
    e = v.one("ASSAULT", "Hamas", "Israel")
    assert e.trigger == "attack"
    assert len(v.events) == 1, v.rows()


def test_object_control_request_and_the_demanded_act(analyzer):
    v = run(analyzer, "Turkey asked the Kurds to withdraw from Kobani.")
    req = v.one("REQUEST", "Turkey", "Kurds")
    assert req.modality == "asserted" and not req.negated
    # the withdrawal is only asked for: if it is reported at all it is the Kurds', and demanded
    # (today it is not reported; the relations below are what fails if it were asserted)
    assert [e for e in v.find("RETREAT") if (v.name(e.source), e.modality) != ("Kurds", "demanded")] == [], v.rows()
    assert all(set(r.categories) == {"REQUEST"} for r in v.relations)
    assert v.relation_pairs() == {("Turkey", "Kurds")}


def test_called_on_x_to_stop_x_is_the_actor_of_the_demanded_act(analyzer):
    # the United Nations asks Russia; it attacks no one
    v = run(analyzer, "The United Nations called on Russia to stop attacking Ukraine.")
    v.one("REQUEST", "United Nations", "Russia")
    assert not v.find("ASSAULT", source="United Nations"), v.rows()
    # the attacking is Russia's, and only asked to stop
    e = v.one("ASSAULT", "Russia", "Ukraine")
    assert e.modality == "demanded", v.rows()
    assert v.relation_pairs() == {("United Nations", "Russia")}


def test_called_for_x_to_act_is_a_request_to_x(analyzer):
    v = run(analyzer, "Turkey called for the Kurds to withdraw from Kobani.")
    v.one("REQUEST", "Turkey", "Kurds")


@pytest.mark.parametrize("text,category,source,target", [
    ("Washington rejected Moscow's proposal.", "REJECT", "United States", "Russia"),
    ("Berlin condemned the proposal by Russia.", "ACCUSE", "Germany", "Russia"),
    # the brief's own example: the proposer named with "by"
    ("Moscow rejected the proposal by Kyiv.", "REJECT", "Russia", "Ukraine"),
    # a capital asked to act is its country (issue 13: the actor its other names make), not the city's people
    ("Washington urged Moscow to halt its attacks on Ukraine.", "REQUEST", "United States", "Russia"),
])
def test_capital_stands_for_its_country(analyzer, text, category, source, target):
    v = run(analyzer, text)
    e = v.one(category, source, target)
    assert v.actor(e.source).type == "country"


def test_place_as_target_is_an_actor_named_after_it(analyzer):
    # typed country, the contract's type for a territory that acts or is acted on (issue 13)
    v = run(analyzer, "Turkey imposed a curfew in the town of Cizre.")
    e = v.one("COERCE", "Turkey", "Cizre")
    assert e.mode == "curfew"
    assert v.actor(e.target).type == "country"
    v = run(analyzer, "Israel shelled the town of Rafah.")
    e = v.one("ASSAULT", "Israel", "Rafah")
    assert v.actor(e.target).type == "country"


def test_unnamed_group_is_an_actor(analyzer):
    v = run(analyzer, "Refugees protested against Hungary.")
    e = v.one("PROTEST", "Refugees", "Hungary")
    assert v.actor(e.source).type == "community"
    # a protest stands without a recipient
    v = run(analyzer, "Students protested.")
    e = v.one("PROTEST", "Students", None)
    assert v.relations == []


def _between(v: View, a: str, b: str) -> list:
    return [e for e in v.events if {v.name(e.source), v.name(e.target)} == {a, b}]


@pytest.mark.parametrize("text,category,a,b", [
    ("Egypt and Israel signed an agreement.", "SUPPORT", "Egypt", "Israel"),  # CAMEO 057, PLOVER SUPPORT
    ("Russia and Ukraine agreed to a prisoner exchange.", "AGREE", "Russia", "Ukraine"),
    # "in Istanbul" is where they met, not whom they met
    ("Russia and Ukraine held talks in Istanbul.", "CONSULT", "Russia", "Ukraine"),
])
def test_reciprocal_act_of_conjoined_subjects_is_one_event_between_them(analyzer, text, category, a, b):
    v = run(analyzer, text)
    assert len(v.events) == 1, v.rows()
    [e] = _between(v, a, b)
    assert e.category == category


# ------------------------------------------------------------------ 3. negation and modality


def test_did_not_attack_is_negated_and_makes_no_relation(analyzer):
    v = run(analyzer, "Israel did not attack Hamas on Sunday.")
    e = v.one("ASSAULT", "Israel", "Hamas")
    assert e.negated and e.modality == "asserted"
    assert v.relations == []


def test_no_attacks_were_carried_out_is_negated(analyzer):
    v = run(analyzer, "No attacks were carried out against Israel by Hezbollah.")
    e = v.one("ASSAULT", "Hezbollah", "Israel")
    assert e.negated
    assert v.relations == []


def test_carried_out_no_attacks_is_negated(analyzer):
    v = run(analyzer, "Hezbollah carried out no attacks against Israel.")
    e = v.one("ASSAULT", "Hezbollah", "Israel")
    assert e.negated, v.rows()
    assert v.relations == []


def test_will_not_accept_is_a_rejection(analyzer):
    v = run(analyzer, "Hamas will not accept Israel's offer.")
    assert len(v.events) == 1, v.rows()
    e = v.one("REJECT", "Hamas", "Israel")
    assert not e.negated and e.polarity == -1
    assert e.modality == "future"
    assert not v.find("AGREE")


@pytest.mark.parametrize("text,category,source,target", [
    ("Turkey should withdraw its troops from Syria.", "RETREAT", "Turkey", "Syria"),
    ("Russia could invade Ukraine next year.", "ASSAULT", "Russia", "Ukraine"),
])
def test_should_and_could_are_hypothetical_and_make_no_relation(analyzer, text, category, source, target):
    v = run(analyzer, text)
    e = v.one(category, source, target)
    assert e.modality == "hypothetical" and not e.negated
    assert v.relations == []


@pytest.mark.parametrize("text,source,target", [
    ("Israel is preparing to invade Lebanon.", "Israel", "Lebanon"),
    ("Hamas wants to attack Israel.", "Hamas", "Israel"),
    ("Russia plans to bomb Ukraine.", "Russia", "Ukraine"),
    ("Turkey tried to invade Syria.", "Turkey", "Syria"),
])
def test_an_act_wanted_planned_or_tried_is_hypothetical_and_makes_no_relation(analyzer, text, source, target):
    """Under want / plan / prepare / try to the act has not happened: not asserted, no ASSAULT
    relation (preparing may itself be a MOBILIZE, which is asserted)."""
    v = run(analyzer, text)
    e = v.one("ASSAULT", source, target)
    assert e.modality == "hypothetical" and not e.negated, v.rows()
    assert not any("ASSAULT" in r.categories for r in v.relations), v.relations


def test_the_same_act_done_is_asserted_and_makes_the_relation(analyzer):
    v = run(analyzer, "Israel invaded Lebanon.")
    assert v.one("ASSAULT", "Israel", "Lebanon").modality == "asserted"
    assert [r.categories for r in v.relations] == [{"ASSAULT": 1}]


@pytest.mark.parametrize("text,source,target", [
    ("Omar Saleh told me that Russia bombed Ukraine.", "Russia", "Ukraine"),
    ("Omar Saleh told reporters Israel had attacked Lebanon.", "Israel", "Lebanon"),
    ("Omar Saleh told the envoy that Ukraine was shelled by Russia.", "Russia", "Ukraine"),
])
def test_told_with_a_that_clause_reports_the_act(analyzer, text, source, target):
    """"told X that ...": a tensed clause is what the teller reports, asserted in the teller's
    voice, not an act asked for; it makes no relation of the article's own."""
    v = run(analyzer, text)
    e = v.one("ASSAULT", source, target)
    assert e.modality == "asserted" and v.name(e.claimed_by) == "Omar Saleh", v.rows()
    assert not v.find("REQUEST"), v.rows()
    assert v.relations == []


@pytest.mark.parametrize("text,source,target", [
    ("Omar Saleh told Israel to stop bombing Lebanon.", "Israel", "Lebanon"),
    ("Turkey told Russia to stop attacking Syria.", "Russia", "Syria"),
])
def test_told_with_an_infinitive_is_a_demand(analyzer, text, source, target):
    v = run(analyzer, text)
    e = v.one("ASSAULT", source, target)
    assert e.modality == "demanded", v.rows()
    assert not any("ASSAULT" in r.categories for r in v.relations)


def test_told_the_army_to_withdraw_stays_a_request(analyzer):
    v = run(analyzer, "Omar Saleh told the army to withdraw.")
    e = v.one("REQUEST", "Omar Saleh", "army")
    assert e.modality == "asserted"


def test_a_bare_subjunctive_after_demanded_that_is_still_asked_for(analyzer):
    # "demanded that Israel withdraw": not tensed, so not a report that Israel withdrew
    v = run(analyzer, "Hamas demanded that Israel withdraw from Gaza.")
    v.one("REQUEST", "Hamas", "Israel")
    assert [e for e in v.find("RETREAT") if e.modality != "demanded"] == [], v.rows()
    assert v.relation_pairs() == {("Hamas", "Israel")}


def test_will_is_future_with_the_intent_category(analyzer):
    v = run(analyzer, "The United States will provide military aid to Ukraine.")
    e = v.one("AGREE", "United States", "Ukraine")  # an announced aid is an agreement
    assert e.modality == "future" and e.polarity == 1
    assert not v.find("AID") and v.relations == []
    v = run(analyzer, "Israel will attack Iran.")
    e = v.one("THREATEN", "Israel", "Iran")  # an announced attack is a threat
    assert e.modality == "future" and e.polarity == -1
    assert not v.find("ASSAULT") and v.relations == []


def test_said_they_would_boycott_is_a_future_threat(analyzer):
    v = run(analyzer, "The Palestinians said they would boycott Israel.")
    e = v.one("THREATEN", "Palestinians", "Israel")
    assert e.modality == "future" and not e.negated
    assert not v.find("PROTEST")


def test_unless_makes_a_cooperative_act_a_threat(analyzer):
    # a withdrawal would be an AGREE in the future; made conditional with "unless" it is a threat
    v = run(analyzer, "Russia will withdraw its troops from Syria unless Turkey stops the offensive.")
    e = v.one("THREATEN", "Russia", "Syria")
    assert e.modality == "future" and e.polarity == -1
    assert not v.find("AGREE") and not v.find("RETREAT")


def test_an_act_called_for_is_demanded(analyzer):
    v = run(analyzer, "Turkey called for the Kurds to withdraw from Kobani.")
    retreats = v.find("RETREAT", source="Kurds")
    assert retreats, v.rows()
    assert all(e.modality == "demanded" for e in retreats)
    assert not any("RETREAT" in r.categories for r in v.relations)


# ------------------------------------------------------------------ 4. voice and relations


def test_event_in_a_direct_quote_is_claimed_by_the_speaker(analyzer):
    v = run(analyzer, '"Russia has attacked Ukraine," Joe Biden said on Monday.')
    e = v.one("ASSAULT", "Russia", "Ukraine")
    assert v.name(e.claimed_by) == "Joe Biden"
    [q] = [q for q in v.result.quotes if q.id == e.quote]
    assert q.speaker == e.claimed_by and q.kind == "direct"
    assert v.relations == []  # what a source claims is evidence, not the article's relation


def test_event_in_reported_speech_is_claimed_by_the_speaker(analyzer):
    v = run(analyzer, "Emmanuel Macron said that Russia had bombed Ukraine.")
    e = v.one("ASSAULT", "Russia", "Ukraine")
    assert v.name(e.claimed_by) == "Emmanuel Macron" and e.quote is not None
    assert v.relations == []


def test_event_in_the_articles_voice_is_claimed_by_no_one(analyzer):
    v = run(analyzer, "Russia attacked Ukraine on Thursday.")
    e = v.one("ASSAULT", "Russia", "Ukraine")
    assert e.claimed_by is None and e.quote is None
    assert v.relation_pairs() == {("Russia", "Ukraine")}


def test_reported_attack_on_the_speakers_own_soldiers(analyzer):
    # "its" is Turkey's: the PKK attacked Turkish soldiers, as Turkey says
    v = run(analyzer, "Turkey said the PKK had attacked its soldiers.")
    found = [e for e in v.find("ASSAULT", source="Kurdistan Workers' Party")
             if v.name(e.target) in ("Turkey", "Turkish army", "Turkish government")]
    assert len(found) == 1, v.rows()
    assert v.name(found[0].claimed_by) == "Turkey"


def test_only_asserted_non_negated_events_in_the_articles_voice_make_relations(analyzer):
    v = run(analyzer, "Russia attacked Ukraine. Ukraine did not attack Russia. Turkey could attack Syria. "
                      '"Syria attacked Turkey," Joe Biden said.')
    assert v.one("ASSAULT", "Ukraine", "Russia").negated
    assert v.one("ASSAULT", "Turkey", "Syria").modality == "hypothetical"
    assert v.name(v.one("ASSAULT", "Syria", "Turkey").claimed_by) == "Joe Biden"
    asserted = v.one("ASSAULT", "Russia", "Ukraine")
    assert v.relation_pairs() == {("Russia", "Ukraine")}
    [rel] = v.relations
    assert rel.events == [asserted.id] and rel.polarity == -1 and rel.weight == 1


# ------------------------------------------------------------------ 5. no event


@pytest.mark.parametrize("text", [
    "The minister travelled to Paris on Monday.",
    "The besieged town was quiet.",
    "The attacked convoy reached Kyiv on Tuesday.",
    "The threatened species lives in Turkey.",
    "Ukraine is a large country in Eastern Europe.",
    "The President of France spoke about the economy on Monday.",
])
def test_sentences_without_an_act_make_no_event(analyzer, text):
    v = run(analyzer, text)
    assert v.events == [], v.rows()
    assert v.relations == []


@pytest.mark.parametrize("text", [
    "Unknown attackers shelled the area overnight.",
    "Gunmen attacked a bus on the highway.",
    "It was attacked on Monday.",
])
def test_an_act_with_no_actor_on_either_side_makes_no_event(analyzer, text):
    v = run(analyzer, text)
    assert v.events == [], v.rows()


def test_pronoun_chains_end(analyzer):
    """Pronouns whose antecedents are phrases holding pronouns once looped without end (a
    RecursionError on five articles of the Syrian corpus); the search is bounded now."""
    from pathlib import Path
    import gzip
    import json

    corpus = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "fakes-syria.jsonl.gz"
    if not corpus.exists():
        pytest.skip("../shared/corpus is not beside this clone")
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        lines = f.readlines()
    for n in (401, 576, 728, 736, 746):
        result = analyzer.analyze(json.loads(lines[n - 1])["text"])
        assert result.events, n


@pytest.mark.parametrize("text, category, source, target", [
    ("Hezbollah sent thousands of fighters to help the Syrian government.", "COOPERATE", "Hezbollah", "Syrian government"),
    ("The Taliban recruited hundreds of young Pashtuns into its units.", "COOPERATE", "Taliban", "Pashtuns"),
    ("Al-Qaeda has called the Shiites apostates.", "ACCUSE", "Al-Qaeda", "Shiites"),
    ("Turkey broke with Israel last year.", "SANCTION", "Turkey", "Israel"),
])
def test_sides_taken(analyzer, text, category, source, target):
    """Forces sent to help an ally cooperate with it; recruits join the recruiter; a condemning
    name is an accusation; breaking with someone cuts ties."""
    v = run(analyzer, text)
    v.one(category, source, target)


def test_them_after_an_object_is_that_object(analyzer):
    v = run(analyzer, "Al-Qaeda has called the Shiites apostates and vowed to fight them.")
    threat = v.one("THREATEN", "Al-Qaeda", "Shiites")
    assert threat.modality == "asserted"
