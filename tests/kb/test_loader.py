"""The one loader of the knowledge files (dyads.kb), its overlay, and the name keys of kb/names.py."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dyads import kb
from dyads.errors import DyadsError
from dyads.kb import names

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def overlay(tmp_path, monkeypatch):
    """An empty overlay folder in use; the loader's caches are emptied before and after."""
    def clear():
        for f in (kb.data, kb.words, kb.ordered, kb.rows):
            f.cache_clear()

    monkeypatch.setenv(kb.OVERLAY_ENV, str(tmp_path))
    clear()
    yield tmp_path
    monkeypatch.delenv(kb.OVERLAY_ENV)
    clear()


def _write(folder: Path, name: str, text: str) -> None:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------ the bundled lists


def test_every_grammar_file_is_a_mapping_of_commented_lists_and_tables():
    for p in sorted(Path(kb.GRAMMAR_DIR).glob("*.yaml")):
        text = p.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        assert isinstance(data, dict) and data, p.name
        lines = text.splitlines()
        for key, value in data.items():
            assert isinstance(value, (list, dict)) and value, f"{p.name}: {key}"
            at = next(i for i, ln in enumerate(lines) if ln.startswith(f"{key}:"))
            assert lines[at - 1].startswith("#"), f"{p.name}: {key} has no comment saying what it is for"
            if isinstance(value, list):  # no word twice: a repeat would hide a typo
                assert len(value) == len(set(value)), f"{p.name}: {key}"


def test_a_set_an_ordered_list_and_a_table_keep_their_kind():
    future = kb.words("events", "modals_future")
    assert isinstance(future, frozenset) and future == {"will", "shall", "'ll"}
    preps = kb.ordered("triggers", "target_preps")
    assert isinstance(preps, tuple) and preps[:3] == ("against", "on", "upon")  # order is preference
    months = kb.table("dates", "months")
    assert months["march"] == 3 and months["sept"] == 9
    months["march"] = 99  # a copy: the next caller is not affected
    assert kb.table("dates", "months")["march"] == 3


def test_yaml_words_that_look_like_booleans_stay_words():
    assert {"on", "off"} <= kb.words("places", "loc_preps")
    assert "no" not in kb.words("places", "loc_preps")


def test_an_unknown_list_is_a_key_error_naming_the_file():
    with pytest.raises(KeyError, match="grammar/events.yaml"):
        kb.words("events", "no_such_list")


def test_agents_rows_are_parsed_once_and_shared():
    rows = kb.rows("agents.tsv")
    assert rows is kb.rows("agents.tsv")
    assert all({"term", "plural", "type"} <= set(r) for r in rows)
    assert any(r["type"] == "person" for r in rows)


# ------------------------------------------------------------------ the overlay


def test_an_overlay_list_adds_words_in_order_without_repeats(overlay):
    _write(overlay, "grammar/triggers.yaml", "target_preps: [beside, against]\n")
    preps = kb.ordered("triggers", "target_preps")
    assert preps[-1] == "beside" and preps.count("against") == 1 and preps[0] == "against"


def test_an_overlay_table_adds_keys_and_cannot_remove_any(overlay):
    _write(overlay, "grammar/dates.yaml", "months: {brumaire: 11}\nseasons: {monsoon: [6, 9]}\n")
    months = kb.table("dates", "months")
    assert months["brumaire"] == 11 and months["january"] == 1
    assert kb.table("dates", "seasons")["spring"] == [3, 5]


def test_an_overlay_extends_a_data_file_and_a_tsv(overlay):
    _write(overlay, "evaluations.yaml", "accusing: [vilify]\n")
    _write(overlay, "agents.tsv", "term\tplural\ttype\tsector\tnote\nzouave\tzouaves\tperson\t\t\n")
    assert "vilify" in kb.data("evaluations.yaml")["accusing"]
    assert len(kb.data("evaluations.yaml")["accusing"]) > 1
    assert kb.rows("agents.tsv")[-1]["term"] == "zouave"


def test_without_an_overlay_nothing_is_added(tmp_path, monkeypatch):
    monkeypatch.delenv(kb.OVERLAY_ENV, raising=False)
    assert kb.overlay_dir() is None and kb.overlay_path("grammar/events.yaml") is None
    monkeypatch.setenv(kb.OVERLAY_ENV, str(tmp_path))  # a folder without that file
    assert kb.overlay_path("grammar/events.yaml") is None


def test_a_broken_overlay_file_is_a_coded_error_naming_it(overlay):
    _write(overlay, "grammar/events.yaml", "member_nouns: [fighter\n")
    with pytest.raises(DyadsError) as err:
        kb.grammar("events")
    assert err.value.code == "E113" and "events.yaml" in str(err.value)


def test_overlay_files_count_in_the_cache_key_and_the_data_digest(overlay, monkeypatch):
    monkeypatch.setenv("DYADS_CACHE_DIR", str(overlay / "cache"))
    before = kb.cache_file("triggers", 1, [])
    names_before = [n for n, _ in kb.data_files()]
    _write(overlay, "grammar/events.yaml", "member_nouns: [zouave]\n")
    assert kb.cache_file("triggers", 1, []) != before
    assert len(kb.data_files()) == len(names_before) + 1
    assert "grammar/events.yaml" in names_before  # the bundled grammar counts too


def test_the_overlay_reaches_the_pipeline_rules_in_a_new_process(tmp_path):
    _write(tmp_path, "grammar/names.yaml", "person_titles: [grandee]\n")
    code = "from dyads.kb.names import corpus_key; print(corpus_key('Grandee Ali Khan', 'person'))"
    env = dict(os.environ, PYTHONPATH=str(SRC), DYADS_KB_OVERLAY=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "ali khan"
    env.pop("DYADS_KB_OVERLAY")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "grandee ali khan"


# ------------------------------------------------------------------ names and words


def test_fold_drops_accents_apostrophes_and_case_but_strip_accents_keeps_case():
    assert names.fold("Dūmā") == "duma" and names.fold("Ba\u2019ath") == "baath"
    assert names.strip_accents("Dūmā") == "Duma" and names.strip_accents("O'Neil") == "O'Neil"


def test_the_actor_key_drops_arabic_particles_only_where_they_are_particles():
    assert names.name_key("Bashar al-Assad") == names.name_key("Bashar Assad") == ("bashar", "assad")
    assert names.token_keys(["U.N.", "envoy"]) == [(0, "un"), (1, "envoy")]  # spaCy keeps "U.N." one token
    assert names.name_key("Salah ad-Din") == ("salah", "din")
    assert names.name_key("ad agency") == ("ad", "agency")  # no hyphen: an English word
    assert names.name_key("al") == ("al",)  # last word: kept


def test_the_place_key_and_the_corpus_key_follow_their_own_rules():
    assert names.place_key("Ar-Raqqah") == "ar raqqa" and names.place_key("The Hague") == "hague"
    assert names.place_key("Utah") == "uta"  # the -ah rule applies to any name of 4 letters or more
    assert names.place_key("Wah") == "wah"
    assert names.corpus_key("President Bashar al-Assad", "person") == "bashar assad"
    assert names.corpus_key("President Bashar al-Assad", "state") == "president bashar assad"
    assert names.corpus_key("Assad's") == "assad" and names.corpus_key("The") == "the"
    assert names.corpus_key(None) == ""


@pytest.mark.parametrize("word,lexicon,unit", [
    ("militias", "militia", "militia"), ("churches", "church", "churche"), ("boxes", "box", "boxe"),
    ("press", "press", "press"), ("status", "status", "statu"), ("news", "news", "new"),
    ("bus", "bus", "bus"), ("Barrels", "Barrel", "barrel"), ("NGOs", "NGO", "NGO"), ("MWs", "MWs", "MWs"),
    ("flies", "fly", "fly"), ("ties", "ty", "tie"),
])
def test_singular_by_its_two_rules(word, lexicon, unit):
    assert names.singular(word) == lexicon
    assert names.singular(word, "unit") == unit
