"""Checks of the actor and agent knowledge-base DATA (src/dyads/kb).

The files are read directly with csv and yaml: no dyads import. Each test
states a rule the loader and matcher rely on; a bad row makes it fail.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

KB = Path(__file__).resolve().parents[2] / "src" / "dyads" / "kb"
GENERATED = KB / "actors_generated.tsv"
CURATED = KB / "actors_curated.yaml"
AGENTS = KB / "agents.tsv"

ACTOR_COLUMNS = ["id", "name", "type", "country", "cameo", "aliases", "short", "demonyms", "role", "note"]
AGENT_COLUMNS = ["term", "plural", "type", "sector", "note"]
TYPES = {"person", "state", "armed_group", "political_group", "community", "country", "media",
         "company", "organization"}

# Common lowercase English words. A name or alias equal to one of them would
# fire on ordinary text ("Hope", "Justice", "The Base"); all-caps acronyms that
# spell one ("WHO", "US", "IS") belong in `short`, not in `aliases`.
STOP_WORDS = set("""
a about above across act action after again against age agency aid aim air all alliance also
am an and any are area arm army art as at authority away back bank base be bear became because
been before being bell best better between big bird black blue board body book both bread bridge
brigade brown bush but by call came camp can cap capital car care case cause cell center centre
chair chance change chief child church city civil clear close club coalition command committee
common community council country court cross crown cup current day days dead death defence
defense democracy desert did do does door down dream during each early earth east end enough even
ever every face fact faith fall family far fast father few field fight fighter fighters fire first
fish five flag for force forces forest form four free freedom friday friend from front full game
general get give go god gold good government grace great green group guard gun had hand has have
he head heart help her here high hill him his hit holy home hope house how i if in independence
independent iron is it its job join joy just justice keep key kind king land last law lead leader
league left let liberty life light like line lion little live long look lord love made main make
man many march mark may me means member men might mission monday more most mother mountain move
movement much must my name nation national nations never new news next night no none north not
nothing now of off office old on once one only open or order organization other our out over
own party pass path peace people place plan play point police popular power press pride prince
public queen race rage rain real red reform regime republic resistance revenge revolution right
rights rise river road rock rule run said same save say sea second secret security see set she
shield side sign since so social society some son soon south spirit spring square staff star
state states still stone storm strong struggle such sun sunday support sword take team than that
the their them then there these they thing this those three through time to today too top town
trade tree true trust truth two under union unit unity up upon us use very victory voice vote
wall war was water way we well were west what when where which while white who why will wind with
word work world would year yes yet you young your youth
""".split())

# Deliberate exceptions, each with its reason.
# - forms shared by two entries on purpose: none at present.
ALLOWED_SHARED_FORMS: dict[str, set[str]] = {}
# - weak short forms that are also English words, kept because the name is
#   far more frequent in conflict news than the word and `short` needs context
ALLOWED_WORD_SHORTS = {"Bush"}
# names that are also common words, kept because a rule tells the two apart: "the West" is not the
# compass point nor the start of "the West Bank" (nlp/name_parts.py)
ALLOWED_WORD_NAMES = {"the West", "West"}

SEED_SPELLINGS = {
    # spelling: the entry it must resolve to
    "Hizbullah": "group:hezbollah",
    "Hezbollah": "group:hezbollah",
    "ISIS": "group:isis",
    "Daesh": "group:isis",
    "Houthis": "group:houthis",
    "Huthis": "group:houthis",
    "Al-Nusra Front": "group:al-nusra-front",
    "Alawites": "community:alawites",
    "Sunnis": "community:sunnis",
    "Shiites": "community:shiites",
    "NCCDC": "group:nccdc",
}


def norm(s: str) -> str:
    """Key under which the matcher sees a form: case, accents, apostrophes,
    hyphens and the articles al-/el-/the do not count."""
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    s = s.replace("'", "").replace("\u2019", "")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(t for t in s.split() if t not in ("al", "el", "the"))


def is_acronym(s: str) -> bool:
    core = re.sub(r"[.\-/]", "", s)
    return bool(core) and core.isupper() and core.isalnum() and " " not in s


def read_tsv(path: Path, columns: list[str]) -> tuple[list[str], list[dict], list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [ln for ln in lines if ln.startswith("#")]
    body = [ln for ln in lines if not ln.startswith("#")]
    reader = csv.reader(body, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for n, fields in enumerate(reader, 2):
        assert len(fields) == len(columns), f"{path.name} line {n}: {len(fields)} fields"
        rows.append(dict(zip(columns, fields)))
    return header, rows, comments


def split(v: str) -> list[str]:
    return [x for x in v.split("|") if x] if v else []


@pytest.fixture(scope="module")
def generated() -> list[dict]:
    header, rows, _ = read_tsv(GENERATED, ACTOR_COLUMNS)
    assert header == ACTOR_COLUMNS
    for r in rows:
        for k in ("aliases", "short", "demonyms"):
            r[k] = split(r[k])
        r["_file"] = "generated"
    return rows


@pytest.fixture(scope="module")
def curated() -> list[dict]:
    data = yaml.safe_load(CURATED.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data
    for e in data:
        e["_file"] = "curated"
    return data


@pytest.fixture(scope="module")
def actors(generated, curated) -> list[dict]:
    return generated + curated


@pytest.fixture(scope="module")
def agents() -> list[dict]:
    header, rows, _ = read_tsv(AGENTS, AGENT_COLUMNS)
    assert header == AGENT_COLUMNS
    return rows


def strong_forms(e: dict) -> list[str]:
    return [e["name"]] + list(e["aliases"]) + list(e["demonyms"])


# --- file shape ---------------------------------------------------------------

@pytest.mark.parametrize("path", [GENERATED, AGENTS])
def test_generated_files_carry_the_mit_notice(path):
    head = "\n".join(ln for ln in path.read_text(encoding="utf-8").splitlines()[:40]
                     if ln.startswith("#"))
    assert "Copyright (c) 2014 Open Event Data Alliance" in head
    assert "Permission is hereby granted, free of charge" in head
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in head
    assert "do not edit" in head


def test_curated_entries_have_every_field(curated):
    for e in curated:
        assert set(ACTOR_COLUMNS) <= set(e), e.get("id")
        for k in ("aliases", "short", "demonyms"):
            assert isinstance(e[k], list) and all(isinstance(x, str) and x for x in e[k]), (e["id"], k)
        for k in ("id", "name", "type", "country", "cameo", "role", "note"):
            assert isinstance(e[k], str), (e["id"], k)


def test_generated_rows_are_sorted_by_id(generated):
    ids = [r["id"] for r in generated]
    assert ids == sorted(ids)


def test_no_field_breaks_the_tsv_format(actors):
    for e in actors:
        # double quotes are fine in YAML but not in the TSV (csv would read them as quoting)
        bad = r"[\t\n\r|\"]" if e["_file"] == "generated" else r"[\t\n\r|]"
        for f in [e["id"], e["name"], e["role"], e["note"], *e["aliases"], *e["short"], *e["demonyms"]]:
            assert not re.search(bad, f), (e["id"], f)
        for f in [e["name"], *e["aliases"], *e["short"], *e["demonyms"]]:
            assert f == f.strip() and '"' not in f, (e["id"], f)


# --- ids, types, countries ---------------------------------------------------------

def test_ids_are_unique_across_files(actors):
    seen: dict[str, str] = {}
    for e in actors:
        assert e["id"] not in seen, f"{e['id']} in {seen.get(e['id'])} and {e['_file']}"
        seen[e["id"]] = e["_file"]


def test_ids_are_stable_slugs(actors):
    for e in actors:
        if e["id"].startswith("bloc:"):
            assert e["type"] == "country" and not e["country"], e["id"]  # a bloc of states: no ISO code
            assert re.fullmatch(r"bloc:[a-z]+(-[a-z]+)*", e["id"]), e["id"]
        elif e["type"] == "country" or e["id"].startswith(("gov:", "mil:")):
            assert re.fullmatch(r"(country|gov|mil):[A-Z]{3}", e["id"]), e["id"]
        else:
            assert re.fullmatch(r"[a-z]+:[a-z0-9]+(-[a-z0-9]+)*", e["id"]), e["id"]


def test_types_are_in_the_contract(actors):
    for e in actors:
        assert e["type"] in TYPES, (e["id"], e["type"])


def test_names_are_not_empty(actors):
    for e in actors:
        assert e["name"].strip(), e["id"]


def test_countries_are_iso3_codes_of_country_rows(actors):
    iso = {e["country"] for e in actors if e["type"] == "country"}
    assert len(iso) >= 190
    for e in actors:
        if e["type"] == "country" and not e["id"].startswith("bloc:"):
            assert e["id"] == f"country:{e['country']}"
        if e["country"]:
            assert re.fullmatch(r"[A-Z]{3}", e["country"]), (e["id"], e["country"])
            assert e["country"] in iso, (e["id"], e["country"])


def test_countries_have_demonyms(actors):
    by_id = {e["id"]: e for e in actors}
    for iso, dem in [("SYR", "Syrian"), ("IRQ", "Iraqi"), ("IRN", "Iranian"), ("LBN", "Lebanese"),
                     ("YEM", "Yemeni"), ("USA", "American"), ("GBR", "British"), ("RUS", "Russian"),
                     ("TUR", "Turkish"), ("SAU", "Saudi"), ("ISR", "Israeli")]:
        assert dem in by_id[f"country:{iso}"]["demonyms"], iso
    missing = [e["id"] for e in actors if e["type"] == "country" and not e["demonyms"]]
    assert len(missing) <= 10, missing


def test_cameo_codes_look_like_cameo(actors):
    for e in actors:
        if e["cameo"]:
            assert re.fullmatch(r"[A-Z0-9]{3,15}", e["cameo"]), (e["id"], e["cameo"])


def test_persons_have_a_country_or_role(actors):
    for e in actors:
        if e["type"] == "person":
            assert e["role"], e["id"]


# --- surface forms ---------------------------------------------------------------

def test_no_strong_form_is_shared_by_two_entries(actors):
    owners: dict[str, set[str]] = defaultdict(set)
    for e in actors:
        for f in strong_forms(e):
            owners[norm(f)].add(e["id"])
    clashes = {k: v for k, v in owners.items()
               if len(v) > 1 and v != ALLOWED_SHARED_FORMS.get(k)}
    assert not clashes, sorted(clashes.items())[:20]


def test_no_alias_is_a_common_word(actors):
    bad = []
    for e in actors:
        for f in strong_forms(e):
            if (f.lower() in STOP_WORDS or norm(f) in STOP_WORDS or not norm(f)) and f not in ALLOWED_WORD_NAMES:
                bad.append((e["id"], f))
    assert not bad, bad


def test_short_forms_are_not_common_words(actors):
    bad = []
    for e in actors:
        for s in e["short"]:
            if is_acronym(s):
                continue  # matched with its case
            if (s.lower() in STOP_WORDS or norm(s) in STOP_WORDS) and s not in ALLOWED_WORD_SHORTS:
                bad.append((e["id"], s))
    assert not bad, bad


def test_no_generated_alias_of_a_group_is_a_person(generated):
    # PETRARCH folds leaders into group aliases (HASSAN_NASRALLAH under
    # HEZBOLLAH): the converter must have removed them.
    persons = {norm(r["name"]) for r in generated if r["type"] == "person"}
    for r in generated:
        if r["type"] in ("armed_group", "political_group"):
            for a in r["aliases"]:
                assert norm(a) not in persons, (r["id"], a)


def test_countries_have_no_city_aliases(generated):
    cities = {"damascus", "aleppo", "homs", "baghdad", "mosul", "kabul", "kandahar", "tehran",
              "beirut", "sanaa", "aden", "gaza", "jerusalem", "moscow", "kiev", "kyiv", "cairo",
              "tripoli", "benghazi", "raqqa", "idlib", "basra", "herat", "helmand", "golan heights"}
    for r in generated:
        if r["type"] == "country":
            for a in r["aliases"]:
                assert norm(a) not in cities, (r["id"], a)


@pytest.mark.parametrize("spelling,expected", sorted(SEED_SPELLINGS.items()))
def test_seed_spellings_resolve(actors, spelling, expected):
    hits = [e["id"] for e in actors if spelling in strong_forms(e)]
    assert hits == [expected], (spelling, hits)


def test_curated_wins_over_generated(generated, curated):
    cur_forms = {norm(f) for e in curated for f in strong_forms(e)}
    for r in generated:
        for f in strong_forms(r):
            assert norm(f) not in cur_forms, (r["id"], f)


# --- agents -------------------------------------------------------------------------

def test_agent_terms(agents):
    terms = [a["term"] for a in agents]
    assert len(terms) == len(set(terms)), "duplicate terms"
    assert 150 <= len(terms) <= 600
    for a in agents:
        assert a["term"] == a["term"].lower() and a["term"].strip(), a
        assert a["plural"], a["term"]
        assert a["type"] in TYPES, a
        assert re.fullmatch(r"([A-Z]{3}){0,3}", a["sector"]), a


@pytest.mark.parametrize("term,type_,sector,plural", [
    ("army", "state", "MIL", "armies"),
    ("police", "state", "COP", "police"),
    ("rebel", "armed_group", "REB", "rebels"),
    ("militant", "armed_group", "UAF", "militants"),
    ("militia", "armed_group", "UAF", "militias"),
    ("troop", "state", "MIL", "troops"),
    ("government", "state", "GOV", "governments"),
    ("regime", "state", "GOV", "regimes"),
    ("opposition", "political_group", "OPP", "opposition"),
    ("president", "person", "GOV", "presidents"),
    ("foreign minister", "person", "GOV", "foreign ministers"),
    ("spokesman", "person", "", "spokesmen"),
    ("civilian", "community", "CVL", "civilians"),
    ("refugee", "community", "REF", "refugees"),
    ("journalist", "person", "MED", "journalists"),
    ("company", "company", "BUS", "companies"),
    ("newspaper", "media", "MED", "newspapers"),
    ("ngo", "organization", "NGO", "ngos"),
])
def test_key_agents(agents, term, type_, sector, plural):
    row = {a["term"]: a for a in agents}[term]
    assert row["type"] == type_
    assert row["sector"] == sector
    assert plural in row["plural"].split("|")
