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
    said = res.stderr.replace("\n", "")  # the console wraps a long path
    assert code in said and name in said
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


# ---------------------------------------------------------------- HTML input, version, help

PAGE = EXAMPLE.parent / "sample-page.html"


def test_html_page_gives_its_article_and_nothing_from_scripts():
    """The example page through the HTML reader (trafilatura, lxml_html_clean): its title and date from
    the page's metadata, its actors from the article body, and none of the text its script, style,
    noscript, iframe, comment or handlers hold (each says MUST-NOT-LEAK)."""
    raw = PAGE.read_text(encoding="utf-8")
    assert raw.count("MUST-NOT-LEAK") >= 6  # the page does carry the hostile bits
    res = run(PAGE, "--format", "json")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    jsonschema.validate(data, json_schema())
    assert "MUST-NOT-LEAK" not in res.stdout and "steal()" not in res.stdout
    assert data["document"]["title"] == "Ceasefire talks stall as shelling resumes near Aleppo"
    assert data["document"]["date"] == "2024-03-12"
    names = {a["name"] for a in data["actors"]}
    assert {"Karim Darwish", "Russia", "United Nations"} <= names, names
    assert any(q["speaker_text"] and "Darwish" in q["speaker_text"] for q in data["quotes"]), data["quotes"]


def test_version_prints_the_installed_version():
    from importlib.metadata import version

    import dyads

    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0, res.output
    assert res.stdout == f"dyads {version('dyads')}\n"
    assert version("dyads") == dyads.__version__  # pyproject.toml and the package say the same


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    return group, sorted(group.commands)


def _help(*args: str) -> str:
    res = runner.invoke(app, [*args, "--help"])
    assert res.exit_code == 0, res.output
    return res.stdout


def test_every_command_is_covered():
    group, names = _commands()
    assert {"analyze", "ingest", "query", "export", "serve", "schema"} <= set(names)


@pytest.mark.parametrize("command", [[]] + [[name] for name in _commands()[1]])
def test_flags_read_as_flags_and_values_name_what_they_take(command):
    """No option shows a bare type tag (<bool>, <str>, <list[Path]>): a flag is followed straight by its
    help, an option that takes a value by what it takes (FILE, N, FORMAT...)."""
    group, _ = _commands()
    cmd = group.commands[command[0]] if command else group
    text = _help(*command)
    options = [p for p in cmd.get_params(cmd.context_class(cmd)) if p.param_type_name == "option"]
    assert any(p.is_flag for p in options)  # --help at least; the value options are checked below
    for p in options:
        name = max(p.opts, key=len)
        row = next((l for l in text.splitlines() if l.lstrip("│ ").startswith(name + " ")), None)
        assert row is not None, (name, text)
        after = row.lstrip("│ ")[len(name):].split()
        if after and after[0] in p.opts:  # the short form, -q
            after = after[1:]
        if p.is_flag:
            assert after[0] == p.help.split()[0], row
        else:
            assert after[0] == p.metavar and p.metavar.isupper(), row
    assert "<bool>" not in text and "<str>" not in text and "<list[" not in text


@pytest.mark.parametrize("command", [[]] + [[name] for name in _commands()[1]])
def test_every_help_ends_with_one_example_that_parses(command):
    """The last line of each help is one example, and it is a valid command line: every option and
    argument in it is one the command takes (parsed by the command itself, not run)."""
    import shlex

    group, _ = _commands()
    text = _help(*command)
    last = [l.strip() for l in text.splitlines() if l.strip()][-1]
    assert last.startswith("Example: dyads ") and text.count("Example:") == 1, last
    words = shlex.split(last[len("Example: "):])
    if ">" in words:
        words = words[: words.index(">")]
    assert words[0] == "dyads"
    name, args = words[1], words[2:]
    if command:
        assert name == command[0]
    group.commands[name].make_context(name, list(args))  # raises a UsageError on an unknown option


def test_actors_help_says_what_the_file_holds_and_not_a_path_in_the_package():
    for name in ("analyze", "ingest", "serve"):
        text = " ".join(_help(name).replace("│", " ").split())
        assert "--actors FILE" in text
        assert "kb/" not in text and "actors_curated" not in text, text
        assert "YAML" in text and "TSV" in text and "README" in text


# ---------------------------------------------------------------- the README's command lines

README = EXAMPLE.parent.parent / "README.md"


def _readme_commands() -> list[list[str]]:
    """Every `dyads ...` line of the README's indented command blocks, as argv, without its comment
    and shell redirections."""
    import shlex

    lines = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if not line.startswith("    dyads "):
            continue
        words = shlex.split(line.strip(), comments=True)
        for redirect in ("<", ">"):
            if redirect in words:
                words = words[: words.index(redirect)]
        lines.append(words[1:])
    return lines


def test_readme_documents_every_command_and_query():
    from dyads.store.query import QUERIES

    commands = _readme_commands()
    group, names = _commands()
    assert {c[0] for c in commands} >= set(names) - {"schema"}  # `dyads schema` is named in the text
    assert "`dyads schema`" in README.read_text(encoding="utf-8")
    assert {c[1] for c in commands if c[0] == "query"} == set(QUERIES) | {"series"}  # series: store/series.py


def test_every_readme_command_line_is_one_the_cli_takes(tmp_path):
    """Each documented line parses (its options exist, its values fit), and each documented query runs
    with the options it shows on a store (of one article): an option a query does not take is E111."""
    from dyads.store.query import CorpusStore

    group, _ = _commands()
    db = str(tmp_path / "one.duckdb")
    src = tmp_path / "one.txt"
    src.write_text(GOOD, encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(src), "--db", db, "--processes", "1", "--quiet"])
    assert res.exit_code == 0, res.output
    for argv in _readme_commands():
        ctx = group.commands[argv[0]].make_context(argv[0], list(argv[1:]))  # UsageError if not
        if argv[0] == "query":
            options = {k: v for k, v in ctx.params.items() if k not in ("what", "db", "format")}
            with CorpusStore(db) as store:
                if ctx.params["what"] == "series":
                    from dyads.store.series import series_query

                    series_query(store, **options)
                else:
                    store.query(ctx.params["what"], **options)
