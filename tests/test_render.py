"""`dyads analyze --format table`: events, relations and camps next to the actors.

The model tests run the command line once on a short article and check the table
against the article's own JSON: every event row says who did what to whom, in whose
voice, with its flags; the relations; and the camps put allies together and the
side they fight apart."""
from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from dyads.cli import app
from dyads.model import Actor, ArticleResult, Document, Event, Place, Relation
from dyads.render import camps_lines, print_result

runner = CliRunner()

# A group attacks another, a state arms one side, a power bombs the attacker, an
# alliance is thanked, and two members of the same side quarrel; a claimed, a negated
# and a hypothetical event.
ARTICLE = (
    "Islamic State fighters attacked Kurdish forces near Kobani on Monday. "
    "Turkey sent weapons to the Kurdish forces. "
    "The United States bombed Islamic State positions in Raqqa. "
    "The Kurdish forces thanked the United States. "
    "The United States condemned Turkey. "
    "A Kurdish commander said that Islamic State had executed prisoners. "
    "Turkey did not attack the Kurdish forces. "
    "Turkey may send troops to Kobani."
)
DATE = "2014-03-20"


def table_rows(out: str, title: str) -> list[list[str]]:
    """The body rows of the rich table titled `title...`, as stripped cells."""
    lines = out.splitlines()
    start = next(i for i, l in enumerate(lines) if l.strip().startswith(title))
    rows, body = [], False
    for line in lines[start + 1:]:
        if line.startswith("┡"):
            body = True
            continue
        if line.startswith("└"):
            break
        if body and line.startswith("│"):
            rows.append([c.strip() for c in line.strip().strip("│").split("│")])
    return rows


def camp_lines(out: str) -> dict[str, set[str]]:
    """'camp N' -> its members, from the camps lines."""
    camps = {}
    for m in re.finditer(r"^  camp (\d+)(?: \(opposes camp \d+(?:, camp \d+)*\))?: (.+)$", out, re.M):
        camps[m.group(1)] = {x.strip() for x in m.group(2).split(",")}
    return camps


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    src = tmp_path_factory.mktemp("render") / "kobani.jsonl"
    src.write_text(json.dumps({"id": "kobani", "date": DATE, "text": ARTICLE}) + "\n", encoding="utf-8")
    table = runner.invoke(app, ["analyze", str(src)])
    assert table.exit_code == 0, table.stderr
    data = runner.invoke(app, ["analyze", str(src), "--format", "json"])
    assert data.exit_code == 0, data.stderr
    return table.stdout, json.loads(data.stdout)


def by_name(data: dict) -> dict[str, str]:
    return {a["id"]: a["name"] for a in data["actors"]}


@pytest.mark.slow
def test_events_table_says_who_did_what_to_whom(analysed):
    out, _ = analysed
    triples = {(r[1], r[2].split()[0], r[3]) for r in table_rows(out, "Events")}
    assert ("Islamic State", "ASSAULT", "Kurds") in triples
    assert ("Turkey", "AID", "Kurds") in triples
    assert ("United States", "ASSAULT", "Islamic State") in triples
    assert ("Kurds", "SUPPORT", "United States") in triples


@pytest.mark.slow
def test_every_event_row_matches_the_json(analysed):
    out, data = analysed
    names = by_name(data)
    places = {p["id"]: p["name"] for p in data["places"]}
    rows = {r[0]: r for r in table_rows(out, "Events")}
    assert set(rows) == {e["id"] for e in data["events"]} and rows
    for e in data["events"]:
        _, who, what, whom, trigger, voice, flags = rows[e["id"]]
        assert who == names.get(e["source"], "") and whom == names.get(e["target"], "")
        assert what == " ".join(x for x in (e["category"], e["mode"]) if x)
        assert trigger == e["trigger"]
        assert voice == (names[e["claimed_by"]] if e["claimed_by"] else "article")
        expected = (["negated"] if e["negated"] else []) + ([e["modality"]] if e["modality"] != "asserted" else []) \
            + ([e["date"]] if e["date"] else []) + ([places[e["place"]]] if e["place"] else [])
        assert flags == ", ".join(expected)


@pytest.mark.slow
def test_voice_and_flags_of_claimed_negated_hypothetical_and_dated_events(analysed):
    out, _ = analysed
    rows = table_rows(out, "Events")
    claimed = [r for r in rows if r[4] == "executed"]
    assert claimed and claimed[0][5] == "Kurds"                   # "A Kurdish commander said that ..."
    assert {r[5] for r in rows if r[4] == "sent weapons"} == {"article"}
    assert any("negated" in r[6] for r in rows if r[1] == "Turkey" and r[2].startswith("ASSAULT"))
    assert any("hypothetical" in r[6] for r in rows if r[1] == "Turkey" and r[2].startswith("MOBILIZE"))
    attack = next(r for r in rows if r[4] == "attacked")
    assert "2014-03-17" in attack[6] and "Kobani" in attack[6]   # "on Monday" before 20 March 2014


@pytest.mark.slow
def test_relations_table_folds_only_what_counts(analysed):
    out, data = analysed
    names = by_name(data)
    rows = {(r[0], r[1]): r for r in table_rows(out, "Relations")}
    assert set(rows) == {(names[r["source"]], names[r["target"]]) for r in data["relations"]}
    assert rows[("Turkey", "Kurds")][2] == "+1.00" and rows[("Turkey", "Kurds")][4] == "AID 1"
    assert rows[("Islamic State", "Kurds")][2] == "-1.00"
    # "Turkey did not attack the Kurdish forces" and "may send troops" make no relation
    assert not any(r[4].startswith(("ASSAULT", "MOBILIZE")) for k, r in rows.items() if k[0] == "Turkey")


@pytest.mark.slow
def test_camps_put_allies_together_and_the_attacker_apart(analysed):
    out, _ = analysed
    assert re.search(r"^Camps \(structural balance\): frustration 1 of \d+", out, re.M)
    camps = camp_lines(out)
    (ours,) = [m for m in camps.values() if "Kurds" in m]
    assert {"Turkey", "United States"} <= ours and "Islamic State" not in ours
    # Islamic State is alone on its side: not a camp of one, but unaligned, against the allies' camp
    assert not [m for m in camps.values() if "Islamic State" in m]
    (k,) = [k for k, m in camps.items() if "Kurds" in m]
    assert re.search(rf"^  unaligned, alone on their side: Islamic State \(opposes camp {k}\)$", out, re.M)
    # the quarrel inside the Kurds' side is the frustrated tie
    assert re.search(r"^  frustrated: (Turkey – United States|United States – Turkey) \(enmity within camp \d+\), 1$",
                     out, re.M)


# ---------------------------------------------------------------- without the model

def result(events=(), relations=(), actors=None, places=()) -> ArticleResult:
    actors = actors or [Actor("A1", "Alpha", "state"), Actor("A2", "Beta", "armed_group"),
                        Actor("A3", "Gamma", "country")]
    return ArticleResult(Document("d"), actors=list(actors), events=list(events), relations=list(relations),
                         places=list(places))


def render(res: ArticleResult) -> str:
    console = Console(record=True, width=200, file=io.StringIO())
    print_result(res, console)
    return console.export_text()


def test_relations_table_says_whose_voice_asserts_the_events():
    from dyads.graph import article_relations

    # Alpha shelled Beta (the article); Alpha says it raided Beta (its own claim); Gamma says Beta
    # armed Alpha (a third party's claim: an event, no relation)
    events = [Event("E1", "ASSAULT", "shelled", 0, 5, source="A1", target="A2", polarity=-1),
              Event("E2", "ASSAULT", "raided", 0, 5, source="A1", target="A2", polarity=-1, claimed_by="A1"),
              Event("E3", "AID", "armed", 0, 5, source="A2", target="A1", polarity=1, claimed_by="A3")]
    res = result(events, article_relations(events))
    rows = table_rows(render(res), "Relations")
    assert [r[:2] + r[3:] for r in rows] == [["Alpha", "Beta", "2", "ASSAULT 2", "article 1, own side 1"]]
    assert [r[5] for r in table_rows(render(res), "Events")] == ["article", "Alpha", "Gamma"]  # the claim stays


def test_no_camps_when_fewer_than_two_actors_are_related():
    assert camps_lines(result()) == []
    one_sided = result([Event("E1", "ASSAULT", "shelled", 0, 5, source="A1", polarity=-1)])
    assert camps_lines(one_sided) == [] and "Camps" not in render(one_sided)
    neutral = result(relations=[Relation("A1", "A2", 0.0, 1, {"CONSULT": 1}, ["E1"])])
    assert camps_lines(neutral) == []
    # two actors in conflict are no camps: each is alone on its side, and says whom it opposes
    hostile = result(relations=[Relation("A1", "A2", -1.0, 1, {"ASSAULT": 1}, ["E1"])])
    lines = camps_lines(hostile)
    assert lines[1:] == ["  unaligned, alone on their side: Alpha (opposes Beta), Beta (opposes Alpha)"]


def test_camps_say_which_camp_opposes_which():
    # Alpha and Gamma help each other and fight Beta and Delta, who help each other
    actors = [Actor("A1", "Alpha", "state"), Actor("A2", "Beta", "armed_group"), Actor("A3", "Gamma", "country"),
              Actor("A4", "Delta", "armed_group")]
    rels = [Relation("A1", "A3", 1.0, 1, {"AID": 1}, ["E1"]), Relation("A2", "A4", 1.0, 1, {"AID": 1}, ["E2"]),
            Relation("A1", "A2", -1.0, 2, {"ASSAULT": 2}, ["E3", "E4"]), Relation("A4", "A3", -1.0, 1, {"ASSAULT": 1}, ["E5"])]
    lines = camps_lines(result(relations=rels, actors=actors))
    assert lines[1:] == ["  camp 0 (opposes camp 1): Alpha, Gamma", "  camp 1 (opposes camp 0): Beta, Delta"]
    # the same four, at peace across: two camps that oppose nobody, no opposition line
    calm = [Relation("A1", "A3", 1.0, 1, {"AID": 1}, ["E1"]), Relation("A2", "A4", 1.0, 1, {"AID": 1}, ["E2"])]
    assert camps_lines(result(relations=calm, actors=actors))[1:] == ["  camp 0: Alpha, Gamma", "  camp 1: Beta, Delta"]


def test_alliance_across_camps_is_a_frustrated_tie():
    # Alpha and Gamma each fight Beta twice, and Gamma accuses Alpha once: the camps
    # are Alpha + Gamma against Beta, with the accusation as the enmity inside
    rels = [Relation("A1", "A2", -1.0, 2, {"ASSAULT": 2}, ["E1", "E2"]),
            Relation("A3", "A2", -1.0, 2, {"ASSAULT": 2}, ["E3", "E4"]),
            Relation("A3", "A1", -1.0, 1, {"ACCUSE": 1}, ["E5"])]
    lines = camps_lines(result(relations=rels))
    assert lines[0].endswith("frustration 1 of 5 (20%)")
    assert "  frustrated: Alpha – Gamma (enmity within camp 0), 1" in lines or \
           "  frustrated: Gamma – Alpha (enmity within camp 0), 1" in lines


def test_article_text_is_escaped():
    actors = [Actor("A1", "[bold]Alpha[/bold]", "state"), Actor("A2", "Beta [/]", "armed_group")]
    ev = Event("E1", "ASSAULT", "[red]shelled", 0, 5, source="A1", target="A2", polarity=-1, place="P1",
               claimed_by="A2")
    res = result([ev], [Relation("A1", "A2", -1.0, 1, {"ASSAULT": 1}, ["E1"])], actors,
                 [Place("P1", "[i]Idlib")])
    out = render(res)
    assert "[bold]Alpha[/bold]" in out and "[red]shelled" in out and "[i]Idlib" in out
    assert "alone on their side: [bold]Alpha[/bold] (opposes Beta [/]), Beta [/] (opposes [bold]Alpha[/bold])" in out
