"""Who acts and who asserts it, through the whole pipeline: denials, self-reports, claims of
responsibility, speech acts of the speaker, and reporting verbs that are not the act's agent.
Sentences written for these tests."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer()


def run(analyzer, text):
    r = analyzer.analyze(text)
    names = {a.id: a.name for a in r.actors}
    events = [(e.category, names.get(e.source), names.get(e.target), e.negated, e.modality,
               names.get(e.claimed_by)) for e in r.events]
    pairs = {(names[x.source], names[x.target]) for x in r.relations}
    return events, pairs


@pytest.mark.parametrize("text,denier,src,tgt", [
    ("Belarus denied supplying drones to the Wagner Group.", "Belarus", "Belarus", "Wagner Group"),
    ("Pakistan rejected claims that it had sheltered the Taliban.", "Pakistan", "Pakistan", "Taliban"),
    ("Venezuela dismissed reports that it was arming Colombian rebels.", "Venezuela", "Venezuela", None),
])
def test_a_denied_act_is_negated_claimed_by_the_denier_and_makes_no_tie(analyzer, text, denier, src, tgt):
    events, pairs = run(analyzer, text)
    acts = [e for e in events if e[1] == src and e[0] in ("AID", "ASSAULT") and (tgt is None or e[2] == tgt)]
    assert acts, events
    assert all(e[3] and e[5] == denier for e in acts), events
    assert not any(src in p and (tgt is None or tgt in p) for p in pairs), pairs


def test_an_act_not_denied_stays_asserted(analyzer):
    events, pairs = run(analyzer, "Belarus supplied drones to the Wagner Group.")
    assert ("Belarus", "Wagner Group") in pairs, events


@pytest.mark.parametrize("text,speaker,tgt", [
    ("Kenya said its troops attacked Al-Shabaab fighters.", "Kenya", "Al-Shabaab"),
    ("Al-Shabab claimed responsibility for the attack on Kenyan troops.", "Al-Shabaab", "Kenyan army"),
])
def test_a_self_report_is_the_speaker_s_act_in_its_own_voice(analyzer, text, speaker, tgt):
    events, _ = run(analyzer, text)
    assert ("ASSAULT", speaker, tgt, False, "asserted", speaker) in events, events


def test_claiming_responsibility_is_no_concession(analyzer):
    events, pairs = run(analyzer, "Al-Shabab claimed responsibility for the attack on Kenyan troops.")
    assert not any(e[0] == "CONCEDE" for e in events), events


def test_a_third_party_s_report_stays_its_claim(analyzer):
    events, pairs = run(analyzer, "Amnesty International said Cambodia attacked Thailand.")
    assert any(e[:3] == ("ASSAULT", "Cambodia", "Thailand") and e[5] not in (None, "Cambodia", "Thailand")
               for e in events), events


@pytest.mark.parametrize("text,src,tgt", [
    ("Japan called North Korea's missile test outrageous.", "Japan", "North Korea"),
    ("Morocco described Algeria's decision as reckless.", "Morocco", "Algeria"),
])
def test_naming_an_actor_s_deed_with_condemning_words_is_an_accusation(analyzer, text, src, tgt):
    events, pairs = run(analyzer, text)
    assert ("ACCUSE", src, tgt, False, "asserted", None) in events, events
    assert not any(e[0] == "CONSULT" for e in events), events


def test_naming_with_praise_accuses_no_one(analyzer):
    events, _ = run(analyzer, "France described the agreement with Germany as historic.")
    assert not any(e[0] == "ACCUSE" for e in events), events


def test_calling_someone_to_talk_is_still_a_call(analyzer):
    events, _ = run(analyzer, "Peru called Bolivia to discuss the border.")
    assert any(e[0] == "CONSULT" for e in events), events


def test_the_namer_of_a_killing_is_not_the_killer(analyzer):
    events, _ = run(analyzer, "Human Rights Watch called the killings of protesters by Sudanese police a massacre.")
    assert not any(e[0] == "ASSAULT" and e[1] == "Human Rights Watch" for e in events), events


def test_a_demand_in_the_present_tense_is_still_asked_for(analyzer):
    events, pairs = run(analyzer, "Egypt demanded that Ethiopia halts the filling of the dam.")
    assert ("Egypt", "Ethiopia") in pairs, events
    assert all(e[4] == "demanded" for e in events if e[1] == "Ethiopia"), events


def test_unable_to_act_makes_no_tie(analyzer):
    events, pairs = run(analyzer, "Tunisians in France are unable to express support for Libya.")
    assert not any("Libya" in p for p in pairs), events


def test_condemning_an_act_accuses_its_by_agent_not_its_victim(analyzer):
    events, _ = run(analyzer, "Egypt condemned the bombing of the Coptic church by Islamic State.")
    assert ("ACCUSE", "Egypt", "Islamic State", False, "asserted", None) in events, events
    assert not any(e[0] == "ACCUSE" and e[2] == "Copts" for e in events), events


def test_who_warns_of_reprisals_since_a_raid_did_not_raid(analyzer):
    events, _ = run(analyzer, "Erdogan has repeatedly warned of reprisals since the March 3 Greek airstrike in Izmir.")
    assert not any(e[0] == "ASSAULT" and e[1] == "Recep Tayyip Erdogan" for e in events), events


@pytest.mark.parametrize("text,claimer", [
    ("The raid on the Chadian garrison was claimed by Boko Haram.", "Boko Haram"),
    ("The raid on the Chadian garrison was claimed by the umbrella group of Libya and Sudan-backed armed "
     "factions called the Popular Front.", "Popular Front"),
])
def test_an_act_claimed_by_a_group_is_that_group_s_in_its_own_voice(analyzer, text, claimer):
    events, _ = run(analyzer, text)
    assert any(e[0] == "ASSAULT" and e[1] == claimer and e[5] == claimer for e in events), events
    assert not any(e[0] == "ASSAULT" and e[1] in ("Libya", "Sudan") for e in events), events


def test_a_pronoun_with_an_antecedent_in_what_is_said_is_not_the_speaker(analyzer):
    events, _ = run(analyzer, "Canada imposed sanctions on the Wagner Group for its support of the junta in Mali, "
                              "the Canadian foreign ministry said.")
    assert not any(e[0] == "SUPPORT" and e[1] in ("Canada", "Canadian government") for e in events), events


def test_naming_a_bill_after_a_country_accuses_the_namer_s_target_not_the_country(analyzer):
    events, _ = run(analyzer, "Senate Republican leaders called the Taiwan bill a cynical stunt.")
    assert not any(e[0] == "ACCUSE" and e[2] == "Taiwan" for e in events), events


def test_as_hung_on_the_object_still_names_it(analyzer):
    events, _ = run(analyzer, "Ghana had described the Togo-led raid as a crime.")
    assert any(e[:3] == ("ACCUSE", "Ghana", "Togo") for e in events), events


@pytest.mark.parametrize("text,denier,accuser", [
    ("Nigeria denied Amnesty International's allegation that its soldiers killed protesters.", "Nigeria",
     "Amnesty International"),
    ("Hungary rejected accusations by Ukraine that it had blocked aid.", "Hungary", "Ukraine"),
])
def test_a_denial_rejects_the_accuser_it_names(analyzer, text, denier, accuser):
    events, _ = run(analyzer, text)
    assert any(e[:3] == ("REJECT", denier, accuser) for e in events), events


def test_a_denial_not_made_rejects_no_one(analyzer):
    events, _ = run(analyzer, "Hungary did not deny Ukraine's claim that it had blocked aid.")
    assert not any(e[0] == "REJECT" for e in events), events


def test_in_a_denied_claim_the_pronoun_is_the_denier(analyzer):
    events, _ = run(analyzer, "Pakistan rejected India's claims that it had sheltered the Taliban.")
    assert any(e[:3] == ("AID", "Pakistan", "Taliban") and e[3] for e in events), events
    assert not any(e[1] == "India" and e[0] == "AID" for e in events), events


def test_what_a_speaker_would_not_confirm_is_asserted_by_no_one(analyzer):
    events, _ = run(analyzer, "Ukraine did not confirm that its forces struck the bridge.")
    assert events and all(e[4] != "asserted" for e in events if e[0] == "ASSAULT"), events
    events, _ = run(analyzer, "Ukraine confirmed that its forces struck the bridge.")
    assert any(e[0] == "ASSAULT" and e[4] == "asserted" for e in events), events
