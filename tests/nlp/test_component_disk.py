"""Saving and loading dyads' components with a pipeline: `initialize`, `to_disk`, `from_disk`.

Each component carries the user's own lexicon files (places files, a units table) beside the
saved pipeline and takes them back on loading; the bundled data comes with the package."""
from __future__ import annotations

import spacy

import pytest

from dyads import kb
from dyads.nlp.paragraphs import ParagraphsComponent
from dyads.nlp.places import PlacesComponent
from dyads.nlp.quantities import QuantitiesComponent

OUR_PLACE = """places:
  - name: Qaryat Zubaydiyya
    country: SYR
    lat: 35.1
    lon: 38.2
    kind: city
"""


def _user_units(tmp_path):
    text = open(kb.path("units.yaml"), encoding="utf-8").read()
    assert "\n  zero: 0\n" in text
    path = tmp_path / "my_units.yaml"
    path.write_text(text.replace("\n  zero: 0\n", "\n  zero: 0\n  umpteen: 37\n"), encoding="utf-8")
    return path


def _values(comp: QuantitiesComponent, text: str) -> list:
    return [q.value for q in comp.match(spacy.blank("en")(text))]


# ---------------------------------------------------------------- places

def test_places_files_travel_with_the_pipeline(tmp_path, monkeypatch):
    monkeypatch.setenv("DYADS_CACHE_DIR", "off")
    mine = tmp_path / "mine.yaml"
    mine.write_text(OUR_PLACE, encoding="utf-8")
    comp = PlacesComponent(places_files=[str(mine)])
    comp.to_disk(tmp_path / "saved")
    mine.unlink()  # the pipeline must not need the original any more

    back = PlacesComponent().from_disk(tmp_path / "saved")
    assert len(back.places_files) == 1 and back.places_files[0].startswith(str(tmp_path / "saved"))
    entry = back.gaz.resolve("Qaryat Zubaydiyya")
    assert entry is not None and entry.country == "SYR"
    assert PlacesComponent().from_disk(tmp_path / "nothing").places_files == ()


def test_places_to_disk_without_files_leaves_none_and_clears_old_ones(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(OUR_PLACE, encoding="utf-8")
    PlacesComponent(places_files=[str(mine)]).to_disk(tmp_path / "saved")
    assert [p.name for p in (tmp_path / "saved").iterdir()] == ["places_0.yaml"]
    PlacesComponent().to_disk(tmp_path / "saved")
    assert list((tmp_path / "saved").iterdir()) == []
    assert PlacesComponent().from_disk(tmp_path / "saved").places_files == ()


def test_places_saved_again_where_they_were_loaded_from(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(OUR_PLACE, encoding="utf-8")
    PlacesComponent(places_files=[str(mine)]).to_disk(tmp_path / "saved")
    back = PlacesComponent().from_disk(tmp_path / "saved")
    back.to_disk(tmp_path / "saved")  # its files are the ones being replaced
    assert (tmp_path / "saved" / "places_0.yaml").read_text(encoding="utf-8") == OUR_PLACE


def test_places_initialize_takes_other_files(tmp_path, monkeypatch):
    monkeypatch.setenv("DYADS_CACHE_DIR", "off")
    mine = tmp_path / "mine.yaml"
    mine.write_text(OUR_PLACE, encoding="utf-8")
    comp = PlacesComponent()
    comp.initialize(places_files=[mine])
    assert comp.places_files == (str(mine),)
    assert comp.gaz.resolve("Qaryat Zubaydiyya") is not None


# ---------------------------------------------------------------- quantities

def test_a_users_units_table_travels_with_the_pipeline(tmp_path):
    bundled = QuantitiesComponent()
    assert _values(bundled, "umpteen soldiers were hurt") == []
    comp = QuantitiesComponent()
    comp.initialize(units_file=str(_user_units(tmp_path)))
    assert _values(comp, "umpteen soldiers were hurt") == [37]
    comp.to_disk(tmp_path / "saved")
    (tmp_path / "my_units.yaml").unlink()

    back = QuantitiesComponent().from_disk(tmp_path / "saved")
    assert _values(back, "umpteen soldiers were hurt") == [37]
    back.to_disk(tmp_path / "saved")  # saved again over itself
    assert _values(QuantitiesComponent().from_disk(tmp_path / "saved"), "umpteen soldiers were hurt") == [37]


def test_the_bundled_units_table_is_not_copied(tmp_path):
    comp = QuantitiesComponent()
    comp.initialize(units_file=str(_user_units(tmp_path)))
    comp.to_disk(tmp_path / "saved")
    comp.initialize(units_file=kb.path("units.yaml"))  # back to the bundled table
    comp.to_disk(tmp_path / "saved")
    assert list((tmp_path / "saved").iterdir()) == []
    back = QuantitiesComponent().from_disk(tmp_path / "saved")
    assert _values(back, "umpteen soldiers were hurt") == []
    assert _values(back, "twelve soldiers were hurt") == [12]


# ---------------------------------------------------------------- paragraphs

def test_paragraphs_round_trip_in_a_saved_pipeline(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("dyads_paragraphs")
    nlp.initialize()
    text = "A headline\n\nThe first paragraph goes on"
    before = [t.is_sent_start for t in nlp(text)]
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert isinstance(loaded.get_pipe("dyads_paragraphs"), ParagraphsComponent)
    doc = loaded(text)
    assert [t.is_sent_start for t in doc] == before
    assert doc[3].text == "The" and doc[3].is_sent_start  # after the blank line
    assert not doc[4].is_sent_start


# ---------------------------------------------------------------- the whole pipeline

TEXT = ("Syrian government forces shelled the town of Douma near Damascus on Monday, killing 12 civilians, "
        "the Syrian Observatory for Human Rights said.\n\n"
        "Rebels in Idlib province accused Russia of bombing a market. \"We will not leave,\" said Ahmed Khalil, "
        "a local commander. Turkey condemned the attack.")


@pytest.mark.slow
def test_a_saved_pipeline_loads_and_gives_the_same_results(tmp_path):
    from dyads.nlp.pipeline import COMPONENTS, Analyzer, build_nlp

    nlp = build_nlp()
    first = Analyzer(nlp=nlp).analyze(TEXT)
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    for name in ("dyads_paragraphs", *COMPONENTS):
        assert name in loaded.pipe_names
    again = Analyzer(nlp=loaded).analyze(TEXT)
    assert first.places and first.quantities and first.events  # the text exercises the components
    assert again.to_dict() == first.to_dict()
