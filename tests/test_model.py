"""The contract in code: round trips, the checked-in JSON Schema, validation."""
from __future__ import annotations

import json

import jsonschema
import pytest

from dyads.model import (
    SCHEMA,
    SCHEMA_PATH,
    Actor,
    ArticleResult,
    Attribute,
    Document,
    Event,
    Mention,
    Place,
    Quantity,
    Quote,
    Relation,
    Span,
    Warning,
    json_schema,
)


def full_result() -> ArticleResult:
    text = "Rebels said the army shelled Homs, killing 12 people."
    return ArticleResult(
        document=Document(id="d1", title="T", date="2024-05-01", source="S", url=None, chars=len(text), sha256="ab" * 32),
        actors=[
            Actor("A1", "rebels", "armed_group", aliases=["Rebels"], mentions=[Mention(0, 6, "Rebels")],
                  attributes={"role": None, "affiliation": None, "country": Attribute("SYR", None, None), "religion": None}),
            Actor("A2", "Syrian army", "state", aliases=["the army"], kb_id="mil:SYR", codes={"cameo": "SYRMIL"},
                  mentions=[Mention(12, 20, "the army")]),
        ],
        quotes=[Quote("Q1", "indirect", "the army shelled Homs", 12, 33, speaker="A1", speaker_text="Rebels",
                      speaker_mention=Span(0, 6), cue="said")],
        events=[Event("E1", "ASSAULT", "shelled", 0, 54, source="A2", target=None, mode="heavy-weapons", cameo="195",
                      polarity=-1, claimed_by="A1", quote="Q1", place="P1")],
        quantities=[Quantity("N1", "12 people", 43, 52, value=12, unit="people", counts="people", claimed_by="A1")],
        places=[Place("P1", "Homs", "SYR", 34.73, 36.71, [Mention(29, 33, "Homs")])],
        relations=[Relation("A2", "A1", -1.0, 1, {"ASSAULT": 1}, ["E1"], {"self": 1})],  # the rebels' own claim
        warnings=[Warning("W003", "unbalanced quotation mark at 3")],
    )


def test_round_trip_through_json_is_lossless():
    r = full_result()
    back = ArticleResult.from_dict(json.loads(r.to_json()))
    assert back == r
    assert back.to_dict() == r.to_dict()


def test_schema_key_comes_first_and_names_the_version():
    d = full_result().to_dict()
    assert list(d)[0] == "schema" and d["schema"] == SCHEMA == "dyads.article/1"


def test_checked_in_schema_matches_the_dataclasses():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        assert json.load(f) == json_schema(), "regenerate with: python -m dyads.model"


def test_output_validates_against_the_schema():
    jsonschema.validate(full_result().to_dict(), json_schema())


@pytest.mark.parametrize(
    "path,value",
    [
        (("actors", 0, "type"), "tribe"),  # not a contract type
        (("events", 0, "category"), "FIGHT"),  # old PLOVER name, mapped before output
        (("events", 0, "modality"), "maybe"),
        (("quotes", 0, "start"), "12"),
        (("document",), None),
        (("schema",), "dyads.article/2"),
        (("relations", 0, "voices"), {"A3": 1}),  # a voice is the article or one of the sides, not a speaker
        (("relations", 0, "voices"), {"self": "1"}),
    ],
)
def test_schema_rejects_broken_outputs(path, value):
    d = full_result().to_dict()
    target = d
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, json_schema())


def test_relations_say_their_voices_and_results_written_before_read_back_without():
    d = full_result().to_dict()
    assert d["relations"][0]["voices"] == {"self": 1} and list(d["relations"][0])[-1] == "voices"
    del d["relations"][0]["voices"]
    with pytest.raises(jsonschema.ValidationError):  # the contract requires it now
        jsonschema.validate(d, json_schema())
    assert ArticleResult.from_dict(d).relations[0].voices == {}  # an older result still reads


def test_missing_field_is_rejected():
    d = full_result().to_dict()
    del d["actors"][0]["mentions"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, json_schema())


# ---------------------------------------------------------------- never Infinity or NaN (issue 11)


def _strict(text: str):
    """json.loads that refuses the bare Infinity, -Infinity and NaN Python writes by default."""
    def refuse(name):
        raise ValueError(f"not JSON: {name}")
    return json.loads(text, parse_constant=refuse)


def test_non_finite_numbers_are_written_as_null():
    from dyads.model import dumps, finite

    r = ArticleResult(Document(id="d", chars=10), quantities=[
        Quantity("Q1", "1" * 400, 0, 400, value=float("inf"), low=float("-inf"), high=float("nan")),
        Quantity("Q2", "12", 401, 403, value=12)])
    for text in (r.to_json(), r.to_json(indent=2)):
        q1, q2 = _strict(text)["quantities"]
        assert (q1["value"], q1["low"], q1["high"], q1["text"]) == (None, None, None, "1" * 400)
        assert q2["value"] == 12
    assert dumps({"a": [1.5, float("inf")]}) == '{"a": [1.5, null]}'
    assert finite({"x": (float("nan"), "NaN", 2)}) == {"x": [None, "NaN", 2]}
    with pytest.raises(ValueError):  # what to_json used to write
        _strict(json.dumps({"v": float("inf")}))


def test_numbers_beyond_a_float_have_no_value():
    from decimal import Decimal

    from dyads.nlp.numbers import _out, find_quantities, parse_number

    assert parse_number("9" * 400) is None and parse_number("9" * 400 + " million") is None
    assert parse_number("1,300") == 1300 and parse_number("1" * 300) == float("1" * 300)  # a float still
    found = find_quantities("Officials counted " + "7" * 400 + " people and 12 tanks.")
    assert [_out(f.value) for f in found] == [None, 12]
    assert _out(Decimal("Infinity")) is None and _out(Decimal("NaN")) is None and _out(Decimal("2.5")) == 2.5


@pytest.mark.slow
def test_a_400_digit_number_gives_valid_json_end_to_end():
    import dyads

    big = "4" * 400
    text = (f"Officials said {big} people had fled the fighting, and rebels said 12 soldiers were killed "
            "near the border on Sunday.")
    result = dyads.analyze(text)
    data = _strict(result.to_json())  # was: "value": Infinity
    values = {q["text"].split()[0]: q["value"] for q in data["quantities"]}
    assert values[big] is None  # the text kept, no value
    assert values["12"] == 12


def test_export_and_query_json_of_a_store_holding_infinity(tmp_path):
    """A store written before the fix holds quantities of value inf: export jsonl and
    `query --format json` still write valid JSON (null)."""
    from dyads.store import Store, open_store
    from dyads.store.export import export
    from dyads.store.present import to_json

    r = ArticleResult(Document(id="old", chars=30, sha256="x"), actors=[
        Actor("A1", "Rebels", "armed_group", ["Rebels"], None, {}, {}, [Mention(0, 6, "Rebels")])], quantities=[
        Quantity("Q1", "9" * 400, 0, 400, value=float("inf")), Quantity("Q2", "12", 401, 403, value=12)])
    db = str(tmp_path / "old.duckdb")
    with Store(db) as st:
        st.write([r], st.start_run("test", [], "t"))
    out = tmp_path / "q.jsonl"
    export(db, "quantities", str(out), "jsonl")
    rows = [_strict(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted((row["value"] is None, row["text"][:2]) for row in rows) == [(False, "12"), (True, "99")]
    for name in ("documents", "all"):
        for path in export(db, name, str(tmp_path / name), "jsonl"):
            for line in open(path, encoding="utf-8"):
                _strict(line)
    with open_store(db) as cs:
        data = _strict(to_json(cs.quantities(), "quantities"))
    assert {q["text"][:2]: q["value"] for q in data} == {"99": None, "12": 12}
