"""The command line through typer's runner, with the real model: formats, files,
and every kind of bad input, each with its code, while good documents still come out."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.model import json_schema

pytestmark = pytest.mark.slow
runner = CliRunner()

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sample-article.txt"
GOOD = (
    "Syrian opposition leaders accused the government of President Bashar al-Assad of shelling villages near Idlib. "
    "Hezbollah fighters were seen in the area, according to local residents, who said the army had arrested dozens of men."
)
FRENCH = (
    "Le gouvernement syrien a annoncé mardi que les forces de l'opposition avaient quitté la ville. "
    "Les habitants disent que la situation reste très difficile et que les combats continuent dans le nord du pays."
)


def run(*args, input=None):
    return runner.invoke(app, ["analyze", *map(str, args)], input=input)


def test_example_article_as_json_validates_and_finds_its_actors():
    res = run(EXAMPLE, "--format", "json")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    jsonschema.validate(data, json_schema())
    names = {a["name"] for a in data["actors"]}
    assert {"Syrian Democratic Forces", "United States", "Russia"} <= names
    text = EXAMPLE.read_text(encoding="utf-8").replace("\r\n", "\n")
    for a in data["actors"]:
        for m in a["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


def test_table_is_the_default_and_lists_actors():
    res = run(EXAMPLE)
    assert res.exit_code == 0, res.stderr
    assert "Actors" in res.stdout and "Syrian Democratic Forces" in res.stdout


def test_jsonl_streams_one_line_per_article(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"d{i}", "text": GOOD}) for i in range(3)) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = run(src, "--format", "jsonl", "-o", out)
    assert res.exit_code == 0, res.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(l)["document"]["id"] for l in lines] == ["d0", "d1", "d2"]


def test_json_refuses_several_articles(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"d{i}", "text": GOOD}) for i in range(2)) + "\n", encoding="utf-8")
    res = run(src, "--format", "json")
    assert res.exit_code == 2 and "E103" in res.stderr


def test_unknown_format_is_a_usage_error():
    res = run(EXAMPLE, "--format", "xml")
    assert res.exit_code == 2 and "E102" in res.stderr


def test_unknown_model_is_a_clear_error():
    res = run(EXAMPLE, "--model", "no_such_pipeline_xyz")
    assert res.exit_code == 2 and "E100" in res.stderr


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("empty.txt", b"", "E001"),
        ("blank.txt", b"   \n\n  ", "E001"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "E002"),
        ("latin1.txt", "Les d\u00e9put\u00e9s ont vot\u00e9.".encode("latin-1"), "E003"),
        ("french.txt", FRENCH.encode("utf-8"), "E007"),
    ],
)
def test_bad_file_is_reported_and_the_good_one_still_comes_out(tmp_path, name, content, code):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    res = run(bad, good, "--format", "jsonl")
    assert res.exit_code == 1
    assert code in res.stderr and name in res.stderr
    lines = [json.loads(l) for l in res.stdout.splitlines() if l.strip()]
    assert [l["document"]["id"] for l in lines] == ["good"]


def test_missing_file_is_reported(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    res = run(tmp_path / "nope.txt", good, "--format", "jsonl")
    assert res.exit_code == 1 and "E005" in res.stderr and "nope.txt" in res.stderr
    assert len(res.stdout.splitlines()) == 1


def test_record_without_text_is_reported_and_others_come_out(tmp_path):
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "a", "text": GOOD}) + "\n")
        f.write(json.dumps({"id": "b", "title": "no text here"}) + "\n")
        f.write(json.dumps({"id": "c", "text": GOOD}) + "\n")
    res = run(src, "--format", "jsonl")
    assert res.exit_code == 1 and "E006" in res.stderr
    assert [json.loads(l)["document"]["id"] for l in res.stdout.splitlines()] == ["a", "c"]


def test_stdin_text():
    res = run("-", "--format", "json", input=GOOD)
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["document"]["chars"] == len(GOOD)
    assert any(a["name"] == "Hezbollah" for a in data["actors"])


def test_user_actors_file_adds_an_actor(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- id: mine:tribe\n  name: Qaraqir Tribal Council\n  type: political_group\n  aliases: [Qaraqir Council]\n",
        encoding="utf-8",
    )
    src = tmp_path / "a.txt"
    src.write_text("The Qaraqir Council rejected the offer. " + GOOD, encoding="utf-8")
    res = run(src, "--format", "json", "--actors", extra)
    assert res.exit_code == 0, res.stderr
    found = [a for a in json.loads(res.stdout)["actors"] if a["kb_id"] == "mine:tribe"]
    assert found and found[0]["name"] == "Qaraqir Tribal Council" and found[0]["type"] == "political_group"


def test_bad_actors_file_is_a_clear_error(tmp_path):
    extra = tmp_path / "bad.yaml"
    extra.write_text("- id: x\n  name: X\n  type: tribe\n", encoding="utf-8")
    res = run(EXAMPLE, "--actors", extra)
    assert res.exit_code == 2 and "E101" in res.stderr and "tribe" in res.stderr
