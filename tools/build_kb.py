#!/usr/bin/env python3
"""Build dyads' actor and agent knowledge-base files from PETRARCH2's dictionaries.

Usage (from the repository root)::

    python tools/build_kb.py [../shared/kb-sources]

Reads the Phoenix actor and agent dictionaries of PETRARCH2 (Open Event Data
Alliance, MIT License) and writes

* ``src/dyads/kb/actors_generated.tsv``: countries, international
  organisations, non-state armed groups and heads of state/government and
  cabinet members (2000 onward);
* ``src/dyads/kb/agents.tsv``: generic agent nouns ("army", "rebels",
  "foreign minister") with the type and CAMEO sector they imply.

Only FACTS are converted (names, spellings, CAMEO codes, countries, dates);
the parsing and every rule below are our own. The output is deterministic
(sorted) and the script can be re-run at any time. It needs the standard
library and PyYAML only (PyYAML to read ``actors_curated.yaml``: hand-written
entries win over generated ones, see ``apply_curated``).

Pruning, in one place (each rule is explained where it is applied):

1. countries: one row per country in our ISO table (``COUNTRY_TABLE``); the
   dictionary's aliases are kept only when they are formal name variants
   ("Islamic Republic of Afghanistan"); cities, provinces, regions,
   nicknames, foreign-language forms and misspellings are dropped.
   Demonyms come from our table (PETRARCH lists few and mixes them with
   places). Historical or fictional codes (DDR, SUN, CSK, SCG, KNT) go.
2. organisations: only the IGOs/NGOs in ``ORG_TABLE`` (what a reader of
   conflict news meets); the CAMEO code is read from the dictionary.
3. armed groups: records of Phoenix.MilNonState whose names are not only
   generic words; person names folded into group aliases are removed;
   one-word aliases are kept only when they are acronyms or spelling
   variants of the group's own name; the final flat list of the file
   (entries ending in a double underscore: persons, fictional villains,
   spelling duplicates) is skipped.
4. persons: CountryInfo entries of Phoenix.Countries with a government or
   military role (GOV/MIL code) held on or after 2000-01-01: every head of
   state or government (entries that also carry ELI ranges), plus cabinet
   members of the countries in ``FOCUS``. Names need two or more tokens;
   entries whose codes point at several countries are dropped as errors;
   surnames go to ``short`` (weak) and only when they are not English words.
5. every surface form: no stop word, no alias that is a common English
   word, no alias shared by two rows (ambiguous forms are removed from all
   rows that share them), no alias that a curated entry uses.
"""
from __future__ import annotations

import argparse
import difflib
import io
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

try:  # PyYAML is a dependency of dyads (needed to read actors_curated.yaml)
    import yaml
except ImportError:  # pragma: no cover
    yaml = None

REPO = Path(__file__).resolve().parent.parent
KB_DIR = REPO / "src" / "dyads" / "kb"

MIT_NOTICE = """\
Contains facts converted from the PETRARCH2 dictionaries (Phoenix actor and agent files).
The MIT License (MIT)
Copyright (c) 2014 Open Event Data Alliance
Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:
The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""

ACTOR_COLUMNS = ["id", "name", "type", "country", "cameo", "aliases", "short", "demonyms", "role", "note"]
AGENT_COLUMNS = ["term", "plural", "type", "sector", "note"]
TYPES = ("person", "state", "armed_group", "political_group", "community", "country",
         "media", "company", "organization")

# ---------------------------------------------------------------------------
# Reading the TABARI/PETRARCH actor format
# ---------------------------------------------------------------------------
CODE_RE = re.compile(r"\[([^\]]*)\]")


def read_lines(path: Path) -> list[str]:
    # The files are UTF-8 with a few broken bytes: never fail on them.
    return path.read_text(encoding="utf-8", errors="replace").split("\n")


def parse_actor_file(path: Path) -> list[dict]:
    """Return records: {"line", "phrases": [primary, synonyms...], "codes": [...]}

    A record is a primary phrase (a line not starting with "+" or a tab),
    its "+" synonyms and its code lines ("\\t[CODE range]") or inline codes.
    Consecutive primaries that come before any code line share those codes;
    in these files they are spelling variants written without "+", so they
    are folded into one record (the person/group filters below drop the
    rare unrelated phrase).
    """
    records: list[dict] = []
    cur = None
    closed = True
    for lineno, raw in enumerate(read_lines(path), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        s = line.strip()
        if raw[:1] in ("\t", " ") and s.startswith("["):
            if cur is not None:
                cur["codes"].extend(c.strip() for c in CODE_RE.findall(s))
                closed = True
            continue
        inline = [c.strip() for c in CODE_RE.findall(s)]
        phrase = CODE_RE.sub(" ", s).strip()
        if s.startswith("+"):
            if cur is not None:
                cur["phrases"].append(phrase[1:].strip())
                cur["codes"].extend(inline)
            continue
        if cur is None or closed:
            cur = {"line": lineno, "phrases": [], "codes": []}
            records.append(cur)
            closed = False
        cur["phrases"].append(phrase)
        if inline:
            cur["codes"].extend(inline)
            closed = True
    for r in records:
        r["phrases"] = [p for p in r["phrases"] if p.strip("_ ")]
    return [r for r in records if r["phrases"]]


def parse_date(s: str) -> int | None:
    """YYMMDD (years up to 20 are 20xx) or YYYYMMDD -> YYYYMMDD as int."""
    s = s.strip()
    if not s.isdigit():
        return None
    if len(s) == 10 and s.startswith("19"):  # a stray "19" before a full date
        s = s[2:]
    if len(s) == 8:
        y, md = int(s[:4]), s[4:]
    elif len(s) == 6:
        yy = int(s[:2])
        y, md = (2000 + yy if yy <= 20 else 1900 + yy), s[2:]
    else:
        return None  # malformed (7 digits etc.): treated as open
    return y * 10000 + int(md)


def parse_code(c: str) -> tuple[str, int | None, int | None, bool]:
    """'SYRGOV 000717-101231' -> ('SYRGOV', 20000717, 20101231, True)."""
    parts = c.split(None, 1)
    code = parts[0] if parts else ""
    rng = parts[1].replace(" ", "") if len(parts) > 1 else ""
    lo = hi = None
    if rng.startswith(">"):
        lo = parse_date(rng[1:])
    elif rng.startswith("<"):
        hi = parse_date(rng[1:])
    elif "-" in rng:
        a, b = rng.split("-", 1)
        lo, hi = parse_date(a), parse_date(b)
    return code, lo, hi, bool(rng)


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------
LOWER_PARTICLES = {
    "of", "the", "and", "for", "in", "on", "to", "at", "by", "from", "with", "against",
    "de", "du", "des", "la", "le", "les", "del", "di", "da", "dos", "das", "do", "y", "e", "i",
    "van", "von", "der", "den", "ter", "al", "el", "bin", "ibn", "bint", "wa", "wal", "fi",
    "li", "ul", "ut", "ur", "ud",
}
# Arabic article forms written before a hyphen ("Izz ad-Din", "Ansar ash-Sharia")
HYPHEN_ARTICLES = {"al", "el", "ad", "ash", "as", "az", "an", "ar", "at", "ud", "ul", "ur", "ut"}
KNOWN_ACRONYMS = {
    "UN", "U.N.", "EU", "NATO", "OPEC", "ASEAN", "UNICEF", "UNESCO", "UNHCR", "UNDP", "WFP",
    "WHO", "IAEA", "ICJ", "ICC", "IMF", "OSCE", "OPCW", "ICRC", "IFRC", "MSF", "HRW", "IOM",
    "ETA", "IRA", "FARC", "ELN", "PKK", "LTTE", "MILF", "MNLF", "PFLP", "DFLP", "PLO", "UNITA",
    "AQAP", "AQIM", "AQI", "KLA", "UCK", "MEK", "MKO", "TTP", "LET", "JEM", "HUM", "JI", "ASG",
    "ECOWAS", "IGAD", "CIS", "CSTO", "SCO", "GCC", "OIC", "AU", "WTO", "OECD", "G7", "G8", "G20",
    "SPLA", "SPLM", "EZLN", "FMLN", "MQM", "FLNC", "GAM", "GIA", "UDA", "UVF", "LVF", "INLA",
    "CIRA", "RIRA", "PIRA", "AUC", "FBL", "CPN", "ULFA", "NDFB", "NSCN", "KNU", "DKBA", "HPG",
    "TAK", "TIKKO", "DHKP", "MLKP", "ONLF", "OLF", "TPLF", "EPLF", "LRA", "ADF", "RUF", "NPFL",
    "MDJT", "JEM", "MEND", "IMU", "ETIM", "LIFG", "GSPC", "JMB", "HUJI", "PULO", "BRN", "NPA",
    "CPP", "MRTA", "EPR", "ERP", "SL", "RAF", "N17", "ELA", "GRAPO", "AAIA", "IAA", "IAAA",
}
VOWELS = set("AEIOUY")


def fold(s: str) -> str:
    """ASCII fold for comparisons and slugs."""
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def clean_phrase(p: str) -> str:
    """PETRARCH phrase -> space-separated uppercase words, no decorations."""
    s = p.replace("_", " ")
    s = s.replace("\ufffd", "")
    s = re.sub(r'"[^"]*"', " ", s).replace('"', " ")  # quoted nicknames
    s = s.replace("`", "'")
    s = re.sub(r"\s+", " ", s).strip(" ,;-")
    return s


def norm_key(s: str) -> str:
    """Matching key: case, accents, hyphens, dots and Arabic articles ignored."""
    s = fold(s).lower().replace("'", "").replace("\u2019", "")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    toks = [t for t in s.split() if t not in ("al", "el", "the")]
    return " ".join(toks)


def slug(s: str) -> str:
    s = fold(s).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _case_word(w: str, first: bool) -> str:
    """Case one PETRARCH word (uppercase in the source) for display."""
    if not w:
        return w
    low = w.lower()
    if not first and low in LOWER_PARTICLES:
        return low
    if w.upper() in ("JR.", "JR", "SR.", "SR"):
        return w.capitalize().rstrip(".") + "."
    if w.upper() in KNOWN_ACRONYMS:
        return w.upper()
    if re.search(r"\d", w):
        return w.lower() if re.match(r"^\d+[A-Za-z]+$", w) else w.upper()  # 1st, 1920s
    letters = re.sub(r"[^A-Za-z]", "", w)
    if letters and len(letters) <= 5 and not (set(letters.upper()) & VOWELS) and len(letters) >= 2:
        return w.upper()  # no vowel: an acronym (PKK, FSB, DHKP/C)
    if re.fullmatch(r"(?:[A-Za-z]\.){2,}", w):
        return w.upper()  # U.S., U.N.
    if w.upper() in ("II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"):
        return w.upper()  # roman numerals
    if "'" in w:
        pre, post = w.split("'", 1)
        if len(pre) == 1 and pre.upper() in "OD" and len(post) > 2:
            p = pre.upper() if (first or pre.upper() == "O") else pre.lower()
            return p + "'" + post.capitalize()
        return pre.capitalize() + "'" + post.lower()
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    return low.capitalize()


def display(phrase: str) -> str:
    """'BASHAR_AL_ASSAD' -> 'Bashar al-Assad'; 'AL-NUSRA_FRONT' -> 'Al-Nusra Front'."""
    s = clean_phrase(phrase)
    s = re.sub(r"\((.*?)\)", lambda m: "(" + m.group(1) + ")", s)
    out = []
    toks = s.split(" ")
    for i, tok in enumerate(toks):
        paren = tok.startswith("(")
        core = tok.strip("()")
        parts = re.split(r"([-/])", core)
        seps = parts[1::2]
        parts = parts[0::2]
        cased = [_case_word(p, first=(i == 0 and j == 0)) for j, p in enumerate(parts)]
        for j in range(len(cased) - 1):
            if (i > 0 or j > 0) and seps[j] == "-" and parts[j].lower() in HYPHEN_ARTICLES:
                cased[j] = parts[j].lower()
        # "-e-", "-i-", "-ul-" infixes stay lowercase (Jaish-e-Mohammed)
        for j in range(1, len(cased)):
            if parts[j].lower() in LOWER_PARTICLES:
                cased[j] = parts[j].lower()
        word = cased[0] + "".join(sep + c for sep, c in zip(seps, cased[1:]))
        if paren:
            word = "(" + word + ")" if tok.endswith(")") else "(" + word
        elif tok.endswith(")"):
            word += ")"
        out.append(word)
    # Arabic article written as a separate word: "al Assad" -> "al-Assad"
    joined: list[str] = []
    skip = False
    for i, w in enumerate(out):
        if skip:
            skip = False
            continue
        if w.lower() in ("al", "el") and i + 1 < len(out) and out[i + 1][:1].isalpha():
            art = w if i == 0 else w.lower()
            joined.append(art + "-" + out[i + 1])
            skip = True
        else:
            joined.append(w)
    if len(joined) > 1 and joined[-1] in LOWER_PARTICLES:
        joined[-1] = joined[-1].capitalize()  # "Li Bin": a name, not the particle
    return " ".join(joined)


def is_acronym(s: str) -> bool:
    core = s.replace(".", "").replace("-", "").replace("/", "")
    return bool(core) and core.isupper() and core.isalnum() and " " not in s


# ---------------------------------------------------------------------------
# Word lists for the pruning rules
# ---------------------------------------------------------------------------
# Common English words: an alias equal to one of these (case-insensitively)
# would fire on ordinary text. Short forms in this list are dropped as well.
STOP_WORDS = set("""
a about above act action after again against age agency aid aim air all alliance also am an and
angel angels angry any april are area arm armed arms army art as at august authority avenger
avengers bank base battalion battle be bear bell bird black blue board body bond book born brave
bread bridge brigade brigades brother brothers brown bush but by call calls camp can cap capital
care castle cause cell cells centre center chair chance change charity chase chief child children
church city civil clan clay cliff close club coalition cole command commander commando committee
common community congress cook core council count country court cross crown cruz cry cup dale
date dawn day days dean death december defence defense democracy den desert dial die do door dove
down dragon dream drum duke dust eagle eagles earth east echo edge end english escape eve even
faction faith fall family far farmer fast father february field fight fighter fighters fire first
fish fisher flag flame fleet flower fly for force forces ford forest fort fortune forward fox free
freedom french friday friend friends from front frost fury gale game gang gate general gift glory
god gold golden good grace grand grant gray great green grey group groups guard guards guide
gun guns hall hammer hand hands hawk hawks head heart heaven hell help hero heroes high hill hills
his hit holy home honey honor honour hope horn horse host house hunt hunter i ice idea in iron is
it its jack january job joy judge july june just justice keep key kind king knight knights lake
land lane last law lead leader league lee left legion liberation liberty life light lion lions
little live long lord love lucky made major march mark mason master may me means member men
message might mill miller mission monday moon more morning moss mother mount mountain movement
my name nation national nations natural new news next night no noble none north not nothing
november now nuclei nucleus number oak ocean october of officer old on one open or order
organization organisation orange other our out over page palace park part party pass path patriot
patriots peace people per perspective phoenix pilgrim pine place plan play poor popular
post power pray press pride prince program progress promise proud pure purpose queen race rage
rain rally range ray real rebel rebels red reform regime republic resistance revenge revival
revolution revolutionary rice right rights ring rise river road rock rose round royal rule
run sacred said saint salvation same saturday save say sea seal second secret security see
september service shadow shah shield ship shining short side sign silver simple sky small smith
snow so social society soldier soldiers solidarity son sons soul south spirit spring squad
square staff star state states steel stone storm street strike strong struggle student students
sun sunday sure sword swords table tank task team teams tell temple than that the their them
then there they this thunder thursday tide tiger tigers time to today tomorrow top tower town
trade tree tribe troops true trust truth tuesday turn under union unit unity up us valley vanguard
very victory view village violence virtue voice vote wall war ward warrior warriors watch water
wave way we wednesday well west white will wind wing winter wise with wolf wolves wood word
work workers world wrath yes york you young youth zero
across away back became because been before being best better between big both came car case
clear current dead did does during each early enough ever every face fact few five form
four full get give go government had has have he her here him how if independence
independent join let like line look main make man many most move much must never off
office once only own point police public set she since some soon still such support take
these thing those three through too two upon use was were what when where which while
who why would year yet your
""".split())

# Words that alone do not name a particular group: a group whose every name
# is made of these only ("Anarchist Faction", "Red Line", "Popular
# Resistance", "New Order") is dropped.
GENERIC_WORDS = STOP_WORDS | set("""
anarchist anarchists anarchical anarchy anti antiauthority anti-authority anticapitalist
anti-capitalist anti-state anti-imperialist anti-power anti-racist anti-zionist anti-fascist
antifascist anti-establishment anti-communist anti-government anti-war imperialist capitalist
communist communists comunista marxist marxists leninist maoist socialist socialists proletarian
proletariat workers worker working peasant peasants combatant combatants fighting guerrilla
guerrillas guerilla guerillas militant militants militia militias armed revolutionaries
revolution revolutionary rebels rebel insurgent insurgents autonomous autonomy self
self-defense self-defence defenders defender defense defence liberation liberating liberators
nationalist nationalists national international internationalist internationalism popular
people's peoples people democratic democracy independent independence movement movements front
fronts organization organisation organizations group groups cell cells nucleus nuclei faction
factions brigade brigades battalion battalions regiment army armies force forces command
commandos commando committee committees council league union alliance coalition federation party
parties network association society collective club circle unit units squad squads team teams
vanguard detachment legion corps action actions attack attacks assault struggle struggles
resistance revenge rage fury wrath anger justice freedom liberty order unity solidarity salvation
martyr martyrs holy sacred jihad jihadi jihadist mujahideen mujahidin mujahedin islamic islam
muslim muslims moslem arab arabs christian christians jewish catholic protestant radical radicals
extremist extremists terrorist terrorists underground secret clandestine unknown urban rural
new old young youth red black white green blue brown grey gray dark true real continuity
provisional official first second third fourth fifth july june may april august september october
november december january february march day days night god allah lord prophet faithful believers
supporters partisans soldiers warriors fighters heroes avengers eagles hawks lions tigers wolves
sword swords fire flame flames torch storm wind thunder fist hand path road way line star
dawn general special elite central eastern western northern southern east west north south
greater great grand united unified free fatherland homeland nation nations state states
republic republican republicans government governments provisional regime forces
the and of for in on to with against from by a an its their our
burning melting torrid uncontrolled consciously enraged midnight saboteurs saboteur fires hell
immediate thus far further memory reprisals conquerors chaotic olympic establishment street
patrol patrols decorators torched tempest torch-bearing bearing gas canisters coordination
liquidation computers cooperative hand-made made related items nihilists nihilist leftist
leftists indomitable conspiracy daughters seven offensive communism ecologist activism
counterrevolutionary counter-revolutionary divine banner banners protectors righteousness holders
generation guardsmen companions falcon falcons vengeance defenseless gangsterism drugs
arbitrariness mechanism anti-corruption corruption southeast patriotic brotherhood punishment
outburst subversive initiative company renewal development victorious shrines shrine look-out
territorial erotic mainstream determination extreme skinheads reich preserves covenant posse
comitatus freemen mountaineer aryan hebrew babies global oppression fedayeen fidayeen sunni
sunnis shia shiite shiites druze kurdish kurds alawite coptic maronite salafi salafist salafists
wahhabi takfiri caliphate emirate prophet prophet's companions lion lions tempest knights knight
honorables nobles righteous followers partisans protectors squad squadrons battalion saints
peasant peasants citizens citizen defenders women men boys students youths volunteers
volunteer patriots fighter fighters raiders commandos gunmen militiamen dissidents loyalists
loyalist republicans unionist unionists nationalists separatists independence autonomy
direct zionist zionists racist racists imperilist alternative promoting total catastrophe pan
car epa
""".split())

# A few famous groups whose names are made of generic words.
KEEP_GENERIC_NAMES = {"shining path", "red brigades", "black september", "red army faction",
                      "japanese red army", "khmer rouge", "new people's army", "tamil tigers",
                      "army of god"}

FIRST_NAMES = set("""
abd abdel abdul abdal abdallah abdullah abdulla abdur abdurajak abu abou abdulrahman abdulaziz
adel adil adnan ahmad ahmed ahmet akhtar ali alphonse amin amir ammar anas anwar arif asad asgar
asghar ashfaq ashraf atef atif ayman aymen ayub azahari aziz bakr bakar bashar bashir bassam
begum bilal boubakar caesar dawood dawud dominic encep fadi fahd faisal faisel farooq faruq fawzi
fayez fouad fuad ghazi ghulam habib hafez hafiz haitham hakim hamad hamid hamza hamzah hani haroun
harun hasan hashem hashim hassan haydar haider hazem hisham husam hussain hussein husayn ibrahim
imad iqbal isa ismail issa iyad jaafar jafar jalal jamal jamil javed joseph kafeel kamal karim
khaled khalid khalil kulwinder mahdi mahir mahmoud mahmud majid maher malik mansour mansur marwan
masood masud mehmet michel mohamad mohamed mohammad mohammed mohamud moktar moaz mouaz muath
muhammad muhammed mullah murad musa mustafa mustapha nabil nadir nasser nasir nizar nur nuri
nouri odong okot omar osama othman qasim qassem rami ramzi rashid raska riad riduan riyad saad
sabir saddam said saeed saif salah salaheddin salam salem salim salman sami samir sayed sayyed
sayyid seyyed selim shabir shahnawaz shaikh sheikh sheik shoaib sultan suleiman sulayman taher
tahir talal tamim tareq tariq taufik tawfik umar usama vincent walid wasim yahya yasin yasir
yasser yassin yazid yousef youssef yusuf zaid zakaria ziad zuhair zulkifli
john james robert michael william david richard charles thomas christopher daniel paul mark
george steven kenneth edward brian ronald anthony kevin jason jeff gary timothy frank scott eric
stephen andrew raymond gregory peter patrick jack dennis jerry alexander walter henry carl
arthur lawrence roger albert joe juan luis carlos jose manuel pedro jorge francisco antonio
vladimir sergei sergey dmitry dmitri mikhail boris nikolai ivan igor viktor yuri oleg
maria mary anna elizabeth margaret nadezhda yekaterina fumihiro shoko fusako ernst
""".split())

TITLE_WORDS = {
    "president", "vice", "prime", "minister", "premier", "chancellor", "secretary", "general",
    "gen", "gen.", "lieutenant", "lt", "lt.", "col", "col.", "colonel", "major", "maj", "maj.",
    "brig", "brig.", "brigadier", "field", "marshal", "admiral", "adm", "adm.", "captain", "capt",
    "capt.", "commander", "cmdr", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir",
    "lord", "lady", "baroness", "baron", "king", "queen", "prince", "princess", "emir", "amir",
    "sheikh", "sheik", "shaikh", "sayyid", "sayyed", "seyyed", "sayed", "mullah", "maulana",
    "ayatollah", "grand", "imam", "former", "ex", "ex-", "acting", "interim", "deputy", "first",
    "senator", "sen", "sen.", "rep", "rep.", "representative", "congressman", "ambassador",
    "foreign", "defense", "defence", "interior", "finance", "chief", "leader", "gov", "gov.",
    "governor", "mayor", "judge", "justice", "sultan", "crown", "his", "her", "majesty",
    "highness", "excellency", "the", "us", "u.s.", "american", "british", "russian", "syrian",
    "soviet", "communist", "party", "moscow",
}

ORG_HEADS = {
    "army", "front", "brigade", "brigades", "battalion", "battalions", "group", "movement",
    "organization", "organisation", "party", "council", "committee", "union", "alliance",
    "league", "forces", "force", "faction", "cells", "network", "jihad", "legion", "corps",
    "coalition", "federation", "association", "society", "commandos", "command", "militia",
    "mujahideen", "mujahidin", "jamaat", "jamaah", "harakat", "hizb", "lashkar", "jaish",
    "jaysh", "katibat", "kataib", "kata'ib", "liwa", "liwaa", "ansar", "tehrik", "jabhat",
    "jabha", "saraya", "usbat", "asbat", "tanzim", "tanzeem", "jemaah", "majlis", "shura", "ahrar",
    "jund", "junud", "fatah", "fateh", "dawla", "dawlat", "qaeda", "qaida", "islamiyya", "islamiya",
    "islamiyah", "islami", "brotherhood", "foundation", "institute", "agency", "ministry", "bank",
}


def _demonym_words() -> set[str]:
    """Demonyms ("Syrian", "Iraqi") count as generic in group names:
    "Palestinian Resistance" or "Syrian Mujahideen" name no particular group."""
    words = set()
    for line in COUNTRY_TABLE.strip().splitlines():
        for d in line.split("|")[3].split(";"):
            words.update(fold(d).lower().split())
    return words


def tokens_lower(s: str) -> list[str]:
    s = fold(s).lower().replace("(", " ").replace(")", " ")
    s = re.sub(r"(\w)'s\b", r"\1", s)  # possessives: "people's" -> "people"
    s = re.sub(r"(\w)s'", r"\1s", s)
    return [t for t in re.split(r"[\s_]+", s) if t]


def is_generic(name: str) -> bool:
    """True when every word of the name is a generic word."""
    if norm_key(name) in {norm_key(k) for k in KEEP_GENERIC_NAMES}:
        return False
    toks = []
    for t in tokens_lower(name):
        toks.extend(p for p in re.split(r"[-/.,']+", t) if p)
    toks = [t for t in toks if not t.isdigit()]
    generic = GENERIC_WORDS | DEMONYM_WORDS
    return all(t in generic for t in toks) if toks else True


def looks_like_person(name: str) -> bool:
    """A name of 2-5 words starting with a given name, kunya or title and
    without any word that names an organisation."""
    toks = tokens_lower(name)
    flat = []
    for t in toks:
        flat.extend(p for p in t.split("-") if p)
    if not flat or any(t in ORG_HEADS for t in flat):
        return False
    if len(flat) > 6:
        return False
    if flat[0] in FIRST_NAMES or flat[0] in TITLE_WORDS or flat[0] in {"abu", "abou", "umm"}:
        return True
    # "Naser al-Wahishi": one or two words and an Arabic surname with the article
    words = [t for t in fold(name).lower().split() if t]
    return (2 <= len(words) <= 3 and not words[0].startswith(("al-", "el-"))
            and re.match(r"^(al|el)-[a-z']+$", words[-1]) is not None
            and not any(w in GENERIC_WORDS for w in words))


# ---------------------------------------------------------------------------
# Countries: our table of English names, extra name variants and demonyms
# ---------------------------------------------------------------------------
# ISO3 | display name | name variants (;) | demonyms (;) | CAMEO code if not the ISO3
# Demonyms are the adjective and the people forms. Deliberate omissions:
#  - "Korean" (North or South?), "Congolese" is given to the DR Congo only,
#    "Dominican" to the Dominican Republic only, "Central African" to none
#    (a region word), "Turkmen" to none (the community in Syria and Iraq;
#    Turkmenistan gets "Turkmenistani").
#  - "Palestinians" and "Armenians" (plural) are communities
#    (actors_curated.yaml); the adjective "Armenian" stays the demonym of the
#    state, "Palestinian" is the community's (what it qualifies is theirs).
#  - bare "Congo" names the DR Congo (as in most wire copy); "Korea" is none.
COUNTRY_TABLE = """
AFG|Afghanistan|Islamic Republic of Afghanistan|Afghan;Afghans
ALB|Albania|Republic of Albania|Albanian;Albanians
DZA|Algeria|People's Democratic Republic of Algeria|Algerian;Algerians
AND|Andorra|Principality of Andorra|Andorran;Andorrans
AGO|Angola|Republic of Angola|Angolan;Angolans
ATG|Antigua and Barbuda||Antiguan;Antiguans
ARG|Argentina|Argentine Republic|Argentine;Argentines;Argentinian;Argentinians
ARM|Armenia|Republic of Armenia|Armenian
AUS|Australia|Commonwealth of Australia|Australian;Australians
AUT|Austria|Republic of Austria|Austrian;Austrians
AZE|Azerbaijan|Republic of Azerbaijan|Azerbaijani;Azerbaijanis;Azeri;Azeris
BHS|Bahamas|The Bahamas;Commonwealth of the Bahamas|Bahamian;Bahamians
BHR|Bahrain|Kingdom of Bahrain|Bahraini;Bahrainis
BGD|Bangladesh|People's Republic of Bangladesh|Bangladeshi;Bangladeshis
BRB|Barbados||Barbadian;Barbadians
BLR|Belarus|Republic of Belarus;Byelorussia|Belarusian;Belarusians;Belarussian;Belarussians
BEL|Belgium|Kingdom of Belgium|Belgian;Belgians
BLZ|Belize||Belizean;Belizeans
BEN|Benin|Republic of Benin|Beninese
BTN|Bhutan|Kingdom of Bhutan|Bhutanese
BOL|Bolivia|Plurinational State of Bolivia|Bolivian;Bolivians
BIH|Bosnia and Herzegovina|Bosnia-Herzegovina;Bosnia|Bosnian;Bosnians
BWA|Botswana|Republic of Botswana|Botswanan;Motswana;Batswana
BRA|Brazil|Federative Republic of Brazil|Brazilian;Brazilians
BRN|Brunei|Brunei Darussalam|Bruneian;Bruneians
BGR|Bulgaria|Republic of Bulgaria|Bulgarian;Bulgarians
BFA|Burkina Faso||Burkinabe;Burkinabes
BDI|Burundi|Republic of Burundi|Burundian;Burundians
CPV|Cape Verde|Cabo Verde;Republic of Cabo Verde|Cape Verdean;Cape Verdeans
KHM|Cambodia|Kingdom of Cambodia|Cambodian;Cambodians
CMR|Cameroon|Republic of Cameroon|Cameroonian;Cameroonians
CAN|Canada||Canadian;Canadians
CAF|Central African Republic|CAR|
TCD|Chad|Republic of Chad|Chadian;Chadians
CHL|Chile|Republic of Chile|Chilean;Chileans
CHN|China|People's Republic of China;PRC;Mainland China|Chinese
COL|Colombia|Republic of Colombia|Colombian;Colombians
COM|Comoros|Union of the Comoros|Comoran;Comorans;Comorian;Comorians
COG|Republic of the Congo|Congo-Brazzaville;Congo Brazzaville;Congo Republic|
COD|Democratic Republic of the Congo|DR Congo;DRC;D.R. Congo;Congo-Kinshasa;Democratic Republic of Congo;Congo|Congolese
CRI|Costa Rica|Republic of Costa Rica|Costa Rican;Costa Ricans
CIV|Côte d'Ivoire|Ivory Coast;Cote d'Ivoire;Republic of Côte d'Ivoire|Ivorian;Ivorians
HRV|Croatia|Republic of Croatia|Croatian;Croatians;Croat;Croats
CUB|Cuba|Republic of Cuba|Cuban;Cubans
CYP|Cyprus|Republic of Cyprus|Cypriot;Cypriots
CZE|Czech Republic|Czechia|Czech;Czechs
DNK|Denmark|Kingdom of Denmark|Danish;Dane;Danes
DJI|Djibouti|Republic of Djibouti|Djiboutian;Djiboutians
DMA|Dominica|Commonwealth of Dominica|
DOM|Dominican Republic||Dominican;Dominicans
ECU|Ecuador|Republic of Ecuador|Ecuadorian;Ecuadorians;Ecuadorean;Ecuadoreans
EGY|Egypt|Arab Republic of Egypt|Egyptian;Egyptians
SLV|El Salvador|Republic of El Salvador|Salvadoran;Salvadorans;Salvadorean;Salvadoreans
GNQ|Equatorial Guinea|Republic of Equatorial Guinea|Equatorial Guinean;Equatoguinean;Equatoguineans
ERI|Eritrea|State of Eritrea|Eritrean;Eritreans
EST|Estonia|Republic of Estonia|Estonian;Estonians
SWZ|Eswatini|Swaziland;Kingdom of Eswatini|Swazi;Swazis;Emaswati
ETH|Ethiopia|Federal Democratic Republic of Ethiopia|Ethiopian;Ethiopians
FJI|Fiji|Republic of Fiji|Fijian;Fijians
FIN|Finland|Republic of Finland|Finnish;Finn;Finns
FRA|France|French Republic|French;Frenchman;Frenchmen;Frenchwoman
GAB|Gabon|Gabonese Republic|Gabonese
GMB|Gambia|The Gambia;Republic of the Gambia|Gambian;Gambians
GEO|Georgia|Republic of Georgia|Georgian;Georgians
DEU|Germany|Federal Republic of Germany|German;Germans
GHA|Ghana|Republic of Ghana|Ghanaian;Ghanaians
GRC|Greece|Hellenic Republic|Greek;Greeks
GRD|Grenada||Grenadian;Grenadians
GTM|Guatemala|Republic of Guatemala|Guatemalan;Guatemalans
GIN|Guinea|Republic of Guinea;Guinea-Conakry|Guinean;Guineans
GNB|Guinea-Bissau|Guinea Bissau;Republic of Guinea-Bissau|Bissau-Guinean;Bissau-Guineans
GUY|Guyana|Co-operative Republic of Guyana|Guyanese
HTI|Haiti|Republic of Haiti|Haitian;Haitians
HND|Honduras|Republic of Honduras|Honduran;Hondurans
HUN|Hungary||Hungarian;Hungarians
ISL|Iceland||Icelandic;Icelander;Icelanders
IND|India|Republic of India|Indian;Indians
IDN|Indonesia|Republic of Indonesia|Indonesian;Indonesians
IRN|Iran|Islamic Republic of Iran|Iranian;Iranians
IRQ|Iraq|Republic of Iraq|Iraqi;Iraqis
IRL|Ireland|Republic of Ireland|Irish;Irishman;Irishmen
ISR|Israel|State of Israel|Israeli;Israelis
ITA|Italy|Italian Republic|Italian;Italians
JAM|Jamaica||Jamaican;Jamaicans
JPN|Japan||Japanese
JOR|Jordan|Hashemite Kingdom of Jordan|Jordanian;Jordanians
KAZ|Kazakhstan|Republic of Kazakhstan|Kazakh;Kazakhs;Kazakhstani;Kazakhstanis
KEN|Kenya|Republic of Kenya|Kenyan;Kenyans
KIR|Kiribati|Republic of Kiribati|I-Kiribati
XKX|Kosovo|Republic of Kosovo|Kosovar;Kosovars;Kosovan;Kosovans|KSV
KWT|Kuwait|State of Kuwait|Kuwaiti;Kuwaitis
KGZ|Kyrgyzstan|Kyrgyz Republic;Kirghizia|Kyrgyz;Kyrgyzstani;Kyrgyzstanis
LAO|Laos|Lao People's Democratic Republic;Lao PDR|Laotian;Laotians
LVA|Latvia|Republic of Latvia|Latvian;Latvians
LBN|Lebanon|Lebanese Republic|Lebanese
LSO|Lesotho|Kingdom of Lesotho|Basotho;Mosotho
LBR|Liberia|Republic of Liberia|Liberian;Liberians
LBY|Libya|State of Libya|Libyan;Libyans
LIE|Liechtenstein|Principality of Liechtenstein|Liechtensteiner;Liechtensteiners
LTU|Lithuania|Republic of Lithuania|Lithuanian;Lithuanians
LUX|Luxembourg|Grand Duchy of Luxembourg|Luxembourger;Luxembourgers
MDG|Madagascar|Republic of Madagascar|Malagasy
MWI|Malawi|Republic of Malawi|Malawian;Malawians
MYS|Malaysia||Malaysian;Malaysians
MDV|Maldives|Republic of Maldives|Maldivian;Maldivians
MLI|Mali|Republic of Mali|Malian;Malians
MLT|Malta|Republic of Malta|Maltese
MHL|Marshall Islands|Republic of the Marshall Islands|Marshallese
MRT|Mauritania|Islamic Republic of Mauritania|Mauritanian;Mauritanians
MUS|Mauritius|Republic of Mauritius|Mauritian;Mauritians
MEX|Mexico|United Mexican States|Mexican;Mexicans
FSM|Micronesia|Federated States of Micronesia|Micronesian;Micronesians
MDA|Moldova|Republic of Moldova|Moldovan;Moldovans
MCO|Monaco|Principality of Monaco|Monegasque;Monegasques
MNG|Mongolia||Mongolian;Mongolians
MNE|Montenegro||Montenegrin;Montenegrins
MAR|Morocco|Kingdom of Morocco|Moroccan;Moroccans
MOZ|Mozambique|Republic of Mozambique|Mozambican;Mozambicans
MMR|Myanmar|Burma;Republic of the Union of Myanmar|Burmese
NAM|Namibia|Republic of Namibia|Namibian;Namibians
NRU|Nauru|Republic of Nauru|Nauruan;Nauruans
NPL|Nepal|Federal Democratic Republic of Nepal|Nepali;Nepalis;Nepalese
NLD|Netherlands|Kingdom of the Netherlands;Holland|Dutch;Dutchman;Dutchmen
NZL|New Zealand||New Zealander;New Zealanders
NIC|Nicaragua|Republic of Nicaragua|Nicaraguan;Nicaraguans
NER|Niger|Republic of the Niger;Republic of Niger|Nigerien;Nigeriens
NGA|Nigeria|Federal Republic of Nigeria|Nigerian;Nigerians
PRK|North Korea|Democratic People's Republic of Korea;DPRK|North Korean;North Koreans
MKD|North Macedonia|Macedonia;Republic of North Macedonia;Former Yugoslav Republic of Macedonia;FYROM|Macedonian;Macedonians
NOR|Norway|Kingdom of Norway|Norwegian;Norwegians
OMN|Oman|Sultanate of Oman|Omani;Omanis
PAK|Pakistan|Islamic Republic of Pakistan|Pakistani;Pakistanis
PLW|Palau|Republic of Palau|Palauan;Palauans
PSE|Palestine|State of Palestine|
PAN|Panama|Republic of Panama|Panamanian;Panamanians
PNG|Papua New Guinea|Independent State of Papua New Guinea|Papua New Guinean;Papua New Guineans
PRY|Paraguay|Republic of Paraguay|Paraguayan;Paraguayans
PER|Peru|Republic of Peru|Peruvian;Peruvians
PHL|Philippines|Republic of the Philippines|Filipino;Filipinos;Philippine
POL|Poland|Republic of Poland|Polish;Pole;Poles
PRT|Portugal|Portuguese Republic|Portuguese
QAT|Qatar|State of Qatar|Qatari;Qataris
ROU|Romania||Romanian;Romanians
RUS|Russia|Russian Federation|Russian;Russians
RWA|Rwanda|Republic of Rwanda|Rwandan;Rwandans;Rwandese
KNA|Saint Kitts and Nevis|St Kitts and Nevis;Federation of Saint Kitts and Nevis|Kittitian;Kittitians
LCA|Saint Lucia|St Lucia|Saint Lucian;Saint Lucians
VCT|Saint Vincent and the Grenadines|St Vincent and the Grenadines|Vincentian;Vincentians
WSM|Samoa|Independent State of Samoa|Samoan;Samoans
SMR|San Marino|Republic of San Marino|Sammarinese
STP|Sao Tome and Principe|São Tomé and Príncipe|Sao Tomean;Sao Tomeans
SAU|Saudi Arabia|Kingdom of Saudi Arabia|Saudi;Saudis;Saudi Arabian;Saudi Arabians
SEN|Senegal|Republic of Senegal|Senegalese
SRB|Serbia|Republic of Serbia|Serbian;Serbians;Serb;Serbs
SYC|Seychelles|Republic of Seychelles|Seychellois
SLE|Sierra Leone|Republic of Sierra Leone|Sierra Leonean;Sierra Leoneans
SGP|Singapore|Republic of Singapore|Singaporean;Singaporeans
SVK|Slovakia|Slovak Republic|Slovak;Slovaks;Slovakian
SVN|Slovenia|Republic of Slovenia|Slovenian;Slovenians;Slovene;Slovenes
SLB|Solomon Islands||Solomon Islander;Solomon Islanders
SOM|Somalia|Federal Republic of Somalia|Somali;Somalis
ZAF|South Africa|Republic of South Africa|South African;South Africans
KOR|South Korea|Republic of Korea;ROK|South Korean;South Koreans
SSD|South Sudan|Republic of South Sudan|South Sudanese
ESP|Spain|Kingdom of Spain|Spanish;Spaniard;Spaniards
LKA|Sri Lanka|Democratic Socialist Republic of Sri Lanka|Sri Lankan;Sri Lankans
SDN|Sudan|Republic of the Sudan;Republic of Sudan|Sudanese
SUR|Suriname|Republic of Suriname;Surinam|Surinamese
SWE|Sweden|Kingdom of Sweden|Swedish;Swede;Swedes
CHE|Switzerland|Swiss Confederation|Swiss
SYR|Syria|Syrian Arab Republic|Syrian;Syrians
TWN|Taiwan|Republic of China|Taiwanese
TJK|Tajikistan|Republic of Tajikistan|Tajik;Tajiks;Tajikistani
TZA|Tanzania|United Republic of Tanzania|Tanzanian;Tanzanians
THA|Thailand|Kingdom of Thailand|Thai;Thais
TLS|Timor-Leste|East Timor;Democratic Republic of Timor-Leste|Timorese;East Timorese|TMP
TGO|Togo|Togolese Republic|Togolese
TON|Tonga|Kingdom of Tonga|Tongan;Tongans
TTO|Trinidad and Tobago|Republic of Trinidad and Tobago|Trinidadian;Trinidadians;Tobagonian
TUN|Tunisia|Republic of Tunisia|Tunisian;Tunisians
TUR|Turkey|Türkiye;Turkiye;Republic of Turkey;Republic of Türkiye|Turkish;Turk;Turks
TKM|Turkmenistan||Turkmenistani;Turkmenistanis
TUV|Tuvalu||Tuvaluan;Tuvaluans
UGA|Uganda|Republic of Uganda|Ugandan;Ugandans
UKR|Ukraine||Ukrainian;Ukrainians
ARE|United Arab Emirates|UAE;U.A.E.;Emirates|Emirati;Emiratis
GBR|United Kingdom|UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland|British;Briton;Britons
USA|United States|United States of America;U.S.;USA;U.S.A.|American;Americans
URY|Uruguay|Oriental Republic of Uruguay|Uruguayan;Uruguayans
UZB|Uzbekistan|Republic of Uzbekistan|Uzbek;Uzbeks;Uzbekistani
VUT|Vanuatu|Republic of Vanuatu|Ni-Vanuatu
VAT|Vatican City|Holy See;Vatican City State;Vatican|
VEN|Venezuela|Bolivarian Republic of Venezuela|Venezuelan;Venezuelans
VNM|Vietnam|Viet Nam;Socialist Republic of Vietnam|Vietnamese
ESH|Western Sahara|Sahrawi Arab Democratic Republic|Sahrawi;Sahrawis;Saharawi;Saharawis
YEM|Yemen|Republic of Yemen|Yemeni;Yemenis
ZMB|Zambia|Republic of Zambia|Zambian;Zambians
ZWE|Zimbabwe|Republic of Zimbabwe|Zimbabwean;Zimbabweans
HKG|Hong Kong|Hong Kong SAR|Hongkonger;Hongkongers
MAC|Macau|Macao|Macanese
PRI|Puerto Rico|Commonwealth of Puerto Rico|Puerto Rican;Puerto Ricans
GRL|Greenland||Greenlander;Greenlanders;Greenlandic
"""
DEMONYM_WORDS: set[str] = set()  # filled below, once COUNTRY_TABLE exists

TERRITORIES = {"HKG": "Special administrative region of China",
               "MAC": "Special administrative region of China",
               "PRI": "Territory of the United States",
               "GRL": "Autonomous territory of Denmark",
               "ESH": "Disputed territory",
               "TWN": "Self-governing; claimed by China",
               "XKX": "Partially recognised state; XKX is the code in common use (no ISO code)",
               "PSE": "State of Palestine (UN observer state)"}
# Short forms for countries: acronyms that are also words ("US") and
# ambiguous names ("America" is also the continent).
COUNTRY_SHORT = {"USA": ["US", "America"], "GBR": [], "COD": []}

# Words allowed around a country name in a formal variant read from the
# dictionary ("Islamic Republic of Afghanistan", "Kingdom of Saudi Arabia").
FORMAL_WORDS = set("""
the of republic kingdom state states federal federation federative democratic people's peoples
islamic arab socialist united union commonwealth principality grand duchy sultanate emirate
emirates plurinational bolivarian oriental co-operative cooperative independent hashemite
popular sovereign great and lao
""".split())


DEMONYM_WORDS.update(_demonym_words())


def parse_country_table() -> list[dict]:
    rows = []
    for line in COUNTRY_TABLE.strip().splitlines():
        parts = line.split("|")
        parts += [""] * (5 - len(parts))
        iso, name, variants, demonyms, cameo = (p.strip() for p in parts[:5])
        rows.append({
            "iso": iso, "name": name,
            "variants": [v for v in variants.split(";") if v],
            "demonyms": [d for d in demonyms.split(";") if d],
            "cameo": cameo or iso,
        })
    return rows


def current_country_code(rec: dict) -> str | None:
    """The bare 3-letter country code a record has today (no date or '>')."""
    best = None
    for c in rec["codes"]:
        code, lo, hi, dated = parse_code(c)
        if len(code) != 3 or not code.isalpha():
            continue
        if hi is None:  # open-ended or undated
            best = code
    return best


def formal_variants(phrases: list[str], names: list[str]) -> list[str]:
    """Keep dictionary phrases that are the name with formal words around it
    ("ISLAMIC_REPUBLIC_OF_AFGHANISTAN"). Everything else in a country record
    of the dictionary (cities, provinces, regions, nicknames such as "the
    graveyard of empires", foreign-language names, misspellings, demonyms)
    is dropped here."""
    keys = [norm_key(n).split() for n in names]
    out = []
    for p in phrases:
        if any(ch in p for ch in "(),/"):
            continue  # inverted or annotated forms: "CONGO_(DEMOCRATIC_REPUBLIC)"
        d = display(p)
        toks = norm_key(d).split()
        for k in keys:
            n = len(k)
            for i in range(len(toks) - n + 1):
                if toks[i:i + n] == k:
                    rest = toks[:i] + toks[i + n:]
                    if rest and all(t in FORMAL_WORDS for t in rest) and any(
                            t in ("republic", "kingdom", "state", "states", "federation",
                                  "principality", "sultanate", "emirate", "commonwealth",
                                  "duchy", "union") for t in rest):
                        out.append(d)
                    break
    return out


def build_countries(src: Path) -> list[dict]:
    records = parse_actor_file(src / "Phoenix.Countries.actors.txt")
    by_code: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        code = current_country_code(r)
        if code:
            by_code[code].append(r)
    rows = []
    for c in parse_country_table():
        names = [c["name"]] + c["variants"]
        cands = by_code.get(c["cameo"], [])
        aliases = list(c["variants"])
        src_note = ""
        if cands:
            # the record whose primary phrase is closest to our name
            rec = max(cands, key=lambda r: max(
                difflib.SequenceMatcher(None, norm_key(display(r["phrases"][0])),
                                        norm_key(n)).ratio() for n in names))
            aliases += formal_variants(rec["phrases"], names)
        else:
            src_note = "not in the PETRARCH2 country list"
        short = [a for a in COUNTRY_SHORT.get(c["iso"], [])]
        for a in list(aliases):  # acronyms that are also English words -> short
            if is_acronym(a) and a.lower() in STOP_WORDS | {"car"}:
                aliases.remove(a)
                short.append(a)
        aliases = [a for a in aliases if a not in short]
        note = TERRITORIES.get(c["iso"], "")
        if src_note:
            note = (note + "; " if note else "") + src_note
        rows.append({
            "id": f"country:{c['iso']}", "name": c["name"], "type": "country",
            "country": c["iso"], "cameo": c["cameo"], "aliases": aliases, "short": short,
            "demonyms": c["demonyms"], "role": "", "note": note,
        })
    return rows


# ---------------------------------------------------------------------------
# International organisations: the ones a reader of conflict news meets
# ---------------------------------------------------------------------------
# id | display name | type | PETRARCH primary phrases (;) whose CAMEO code and
# spellings we read | our aliases (;) | short forms (;) | CAMEO code when the
# dictionary has none
ORG_TABLE = """
igo:un|United Nations|organization|UNITED_NATIONS_;THE_UNITED_NATIONS_|UN;U.N.||IGOUNO
igo:unsc|UN Security Council|organization|UN_SECURITY_COUNCIL_;U.N._SECURITY_COUNCIL|United Nations Security Council;U.N. Security Council;UNSC||IGOUNO
igo:unga|UN General Assembly|organization|UN_GENERAL_ASSEMBLY_|United Nations General Assembly;U.N. General Assembly;UNGA||IGOUNO
igo:un-secretariat|UN Secretariat|organization|UNITED_NATIONS_SECRETARIAT_|United Nations Secretariat;Secretariat of the United Nations||IGOUNO
igo:unhcr|UNHCR|organization|UNHCR_|UN Refugee Agency;United Nations High Commissioner for Refugees;UN High Commissioner for Refugees;Office of the United Nations High Commissioner for Refugees;UN refugee agency||IGOUNOREFHCR
igo:unicef|UNICEF|organization|UNICEF_;UNITED_NATIONS_CHILDREN'S_FUND_|United Nations Children's Fund;UN Children's Fund||IGOUNOKID
igo:wfp|World Food Programme|organization|WORLD_FOOD_PROGRAM_|World Food Program;WFP;UN World Food Programme||IGOUNOWFP
igo:who|World Health Organization|organization|WORLD_HEALTH_ORGANIZATION_|World Health Organisation|WHO|IGOUNOHLHWHO
igo:undp|UN Development Programme|organization|UNDP_|United Nations Development Programme;UNDP||IGOUNODEV
igo:unesco|UNESCO|organization|UNESCO_;UNITED_NATIONS_EDUCATIONAL,_SCIENTIFIC_AND_CULTURAL_ORGANIZATION_|United Nations Educational, Scientific and Cultural Organization||IGOUNODEV
igo:ohchr|UN Human Rights Office|organization|OHCHR_;UN_HIGH_COMMISSION_FOR_HUMAN_RIGHTS_|OHCHR;Office of the UN High Commissioner for Human Rights;Office of the United Nations High Commissioner for Human Rights;UN High Commissioner for Human Rights;United Nations High Commissioner for Human Rights||IGOUNOHRI
igo:unhrc|UN Human Rights Council|organization||United Nations Human Rights Council;U.N. Human Rights Council;UNHRC||IGOUNOHRI
igo:ocha|UN Office for the Coordination of Humanitarian Affairs|organization||OCHA;UNOCHA;United Nations Office for the Coordination of Humanitarian Affairs||IGOUNO
igo:unrwa|UNRWA|organization||United Nations Relief and Works Agency;UN Relief and Works Agency;United Nations Relief and Works Agency for Palestine Refugees in the Near East||IGOUNOREF
igo:iom|International Organization for Migration|organization||IOM;International Organisation for Migration;UN migration agency||IGOUNOREF
igo:unifil|UNIFIL|organization||United Nations Interim Force in Lebanon;UN Interim Force in Lebanon||IGOUNO
igo:undof|UNDOF|organization||United Nations Disengagement Observer Force;UN Disengagement Observer Force||IGOUNO
igo:unmiss|UNMISS|organization||United Nations Mission in South Sudan;UN Mission in South Sudan||IGOUNO
igo:monusco|MONUSCO|organization|MONUC_|MONUC;United Nations Organization Stabilization Mission in the Democratic Republic of the Congo||IGOUNO
igo:minusma|MINUSMA|organization||United Nations Multidimensional Integrated Stabilization Mission in Mali||IGOUNO
igo:unamid|UNAMID|organization||African Union-United Nations Hybrid Operation in Darfur||IGOUNO
igo:unsmil|UNSMIL|organization||United Nations Support Mission in Libya;UN Support Mission in Libya||IGOUNO
igo:dpko|UN Department of Peacekeeping Operations|organization|DPKO_|DPKO;United Nations Department of Peacekeeping Operations||IGOUNO
igo:iaea|International Atomic Energy Agency|organization|INTERNATIONAL_ATOMIC_ENERGY_AGENCY_;IAEA_|IAEA||IGOUNOIAE
igo:icj|International Court of Justice|organization|INTERNATIONAL_COURT_OF_JUSTICE_;ICJ_|ICJ;World Court||IGOUNOJUDICJ
igo:icc|International Criminal Court|organization|ICC_|ICC||IGOJUDICC
igo:opcw|Organisation for the Prohibition of Chemical Weapons|organization|ORGANIZATION_FOR_THE_PROHIBITION_OF_CHEMICAL_WEAPONS|Organization for the Prohibition of Chemical Weapons;OPCW||IGO
igo:ilo|International Labour Organization|organization|INTERNATIONAL_LABOR_ORGANIZATION_;INTERNATIONAL_LABOUR_ORGANIZATION_|International Labor Organization;ILO||IGOUNOLABILO
igo:fao|Food and Agriculture Organization|organization|UNITED_NATIONS_FOOD_AND_AGRICULTURE_ORGANIZATION_|FAO;UN Food and Agriculture Organization;United Nations Food and Agriculture Organization||IGOUNOAGRFAO
igo:world-bank|World Bank|organization|WORLD_BANK_|World Bank Group||IGOUNODEVWBK
igo:imf|International Monetary Fund|organization|IMF_|IMF||IGOBUSIMF
igo:wto|World Trade Organization|organization||WTO;World Trade Organisation||IGOBUS
igo:eu|European Union|organization|THE_EUROPEAN_UNION_|EU;E.U.||IGOEUREEC
igo:european-commission|European Commission|organization|EUROPEAN_COMMISSION_|EU Commission||IGOEUREEC
igo:european-parliament|European Parliament|organization|EUROPEAN_PARLIAMENT_|||IGOEUREEC
igo:council-of-europe|Council of Europe|organization|COUNCIL_OF_EUROPE_|||IGOEURCOE
igo:nato|NATO|organization|NATO_|North Atlantic Treaty Organization;North Atlantic Treaty Organisation;North Atlantic Alliance||IGOWSTNAT
igo:osce|Organization for Security and Co-operation in Europe|organization|ORGANIZATION_FOR_SECURITY_AND_COOPERATION_IN_EUROPE_;ORGANIZATION_FOR_SECURITY_AND_CO-OPERATION_IN_EUROPE_|OSCE;Organisation for Security and Co-operation in Europe;Organization for Security and Cooperation in Europe||IGOEUR
igo:arab-league|Arab League|organization|ARAB_LEAGUE_|League of Arab States||IGOMEAARL
igo:african-union|African Union|organization|AUPSC_|AU Peace and Security Council|AU|IGOAFRAFU
igo:ecowas|ECOWAS|organization|ECONOMIC_COMMUNITY_OF_WEST_AFRICAN_STATES_;ECOWAS_|Economic Community of West African States||IGOWAFWAS
igo:igad|IGAD|organization|IGAD_;INTERGOVERNMENTAL_AUTHORITY_ON_DEVELOPMENT_|Intergovernmental Authority on Development||IGOEAFDEVIAD
igo:sadc|Southern African Development Community|organization||SADC||IGOSAF
igo:eccas|Economic Community of Central African States|organization|ECONOMIC_COMMUNITY_OF_CENTRAL_AFRICAN_STATES_|ECCAS||IGOCAFECA
igo:opec|OPEC|organization|ORGANIZATION_OF_PETROLEUM_EXPORTING_COUNTRIES_|Organization of the Petroleum Exporting Countries;Organization of Petroleum Exporting Countries||IGOOPC
igo:asean|ASEAN|organization|ASEAN_;ASSOCIATION_OF_SOUTHEAST_ASIAN_NATIONS_|Association of Southeast Asian Nations;Association of South East Asian Nations||IGOSEAASN
igo:gcc|Gulf Cooperation Council|organization||GCC;Gulf Co-operation Council;Cooperation Council for the Arab States of the Gulf||IGOMEAGCC
igo:oic|Organisation of Islamic Cooperation|organization|ORGANIZATION_OF_THE_ISLAMIC_CONFERENCE_;ORGANIZATION_OF_ISLAMIC_CONFERENCES_|Organization of Islamic Cooperation;OIC;Organization of the Islamic Conference;Organisation of the Islamic Conference||IGOMOSOIC
igo:cis|Commonwealth of Independent States|organization|COMMONWEALTH_OF_INDEPENDENT_STATES_|CIS||IGOCASCIS
igo:csto|Collective Security Treaty Organization|organization||CSTO;Collective Security Treaty Organisation||IGOCAS
igo:sco|Shanghai Cooperation Organisation|organization|SHANGHAI_COOPERATION_ORGANIZATION_|Shanghai Cooperation Organization||IGOCAS
igo:commonwealth|Commonwealth of Nations|organization|COMMONWEALTH_OF_NATIONS_|||IGOCWN
igo:g7|Group of Seven|organization|GROUP_OF_SEVEN_|G7;G-7||IGOGOS
igo:g20|Group of Twenty|organization||G20;G-20||IGOBUS
igo:interpol|Interpol|organization|INTERPOL_;INTERNATIONAL_CRIMINAL_POLICE_ORGANIZATION_|International Criminal Police Organization||IGOCOPITP
ngo:icrc|International Committee of the Red Cross|organization|INTERNATIONAL_COMMITTEE_OF_THE_RED_CROSS_|ICRC;Red Cross||NGOHLHIRC
ngo:ifrc|International Federation of Red Cross and Red Crescent Societies|organization|INTERNATIONAL_FEDERATION_OF_RED_CROSS_AND_RED_CRESCENT_|IFRC||NGOHLHIRC
ngo:red-crescent|Red Crescent|organization|RED_CRESCENT_|Syrian Arab Red Crescent;Palestine Red Crescent Society;Palestinian Red Crescent;Turkish Red Crescent;Iranian Red Crescent;Red Crescent Society||NGOHLHIRC
ngo:amnesty-international|Amnesty International|organization|AMNESTY_INTERNATIONAL_|||NGOHRIAMN
ngo:human-rights-watch|Human Rights Watch|organization|HUMAN_RIGHTS_WATCH|HRW||NGOHRI
ngo:msf|Médecins Sans Frontières|organization|MEDECINS_SANS_FRONTIERES_;DOCTORS_WITHOUT_BORDERS_|Medecins Sans Frontieres;Doctors Without Borders;MSF||NGOHLHMSF
ngo:medecins-du-monde|Médecins du Monde|organization|MEDECINS_DU_MONDE_|Medecins du Monde;Doctors of the World||NGOHLH
ngo:save-the-children|Save the Children|organization|SAVE_THE_CHILDREN_INTERNATIONAL_;SAVE_THE_CHILDREN_FUND_|Save the Children International||NGODEV
ngo:oxfam|Oxfam|organization|OXFAM_|Oxfam International||NGODEV
ngo:irc|International Rescue Committee|organization|INTERNATIONAL_RESCUE_COMMITTEE_|||NGO
ngo:nrc|Norwegian Refugee Council|organization|NORWEGIAN_REFUGEE_COUNCIL_|||NGOREF
ngo:crisis-group|International Crisis Group|organization|INTERNATIONAL_CRISIS_GROUP_|Crisis Group||NGO
ngo:rsf|Reporters Without Borders|organization|REPORTERS_WITHOUT_BORDERS_|Reporters Sans Frontieres;Reporters Sans Frontières;RSF||NGOHRIMED
ngo:cpj|Committee to Protect Journalists|organization|COMMITTEE_TO_PROTECT_JOURNALISTS_|CPJ||NGOHRIMED
ngo:white-helmets|White Helmets|organization||Syria Civil Defence;Syrian Civil Defence;Syria Civil Defense;Syrian Civil Defense||NGOSYR
"""


def strip_the(s: str) -> str:
    return re.sub(r"^(the|The|THE)\s+", "", s).strip()


def index_records(records: list[dict]) -> dict[str, dict]:
    idx: dict[str, dict] = {}
    for r in records:
        for p in r["phrases"]:
            idx.setdefault(clean_phrase(p).upper(), r)
    return idx


def build_orgs(src: Path) -> list[dict]:
    records = parse_actor_file(src / "Phoenix.International.actors.txt")
    idx = index_records(records)
    rows = []
    for line in ORG_TABLE.strip().splitlines():
        oid, name, typ, phrases, aliases, short, fallback = (line.split("|") + [""] * 7)[:7]
        cameo, found = "", []
        for p in [x for x in phrases.split(";") if x]:
            rec = idx.get(clean_phrase(p).upper())
            if rec is None:
                continue
            found.append(p)
            if not cameo:
                for c in rec["codes"]:
                    code = parse_code(c)[0]
                    if code and code != "---":
                        cameo = code
                        break
            # the dictionary's acronyms for the organisation ("OPCW")
            for syn in rec["phrases"]:
                d = strip_the(display(syn))
                if is_acronym(d) and len(d) >= 3:
                    found.append(d)
        al = [a for a in aliases.split(";") if a]
        for p in found:
            d = strip_the(display(p)) if "_" in p or p.isupper() and " " not in p else p
            if p.strip("_").isalpha() and p.isupper() and "_" not in p.strip("_"):
                d = p.strip("_")  # a one-word key of the dictionary is an acronym (AUPSC)
            if d and d != name and d not in al and not looks_like_person(d):
                al.append(d)
        rows.append({
            "id": oid, "name": name, "type": typ, "country": "", "cameo": cameo or fallback,
            "aliases": al, "short": [s for s in short.split(";") if s], "demonyms": [],
            "role": "", "note": "" if found else "CAMEO code from our table",
        })
    return rows


# ---------------------------------------------------------------------------
# Non-state armed groups (Phoenix.MilNonState)
# ---------------------------------------------------------------------------
# Groups that pass the automatic rules but are not useful or not right:
# fictional villains, dissolved US local militias and cults, names that are
# ordinary phrases in news text, duplicates of better entries.
DROP_GROUPS = {
    "black panthers", "waffen ss", "aum shinrikyo / aleph", "epa",
    "ernst stavro blofeld", "ra's al ghul", "republic of texas", "order, the", "the order",
    "up the irs, inc.", "yahweh", "nation of yahweh", "the avengers", "night avengers",
    "universal church of god", "gazteriak", "hotaru", "friendship society", "de fes",
    "mohammed's army", "god's army", "army of god", "organization", "tanzim", "hisba",
    "eyal", "shahin", "peykar", "maruseido", "sekihotai", "vitalunismo", "irrintzi",
    "brother julian", "gracchus babeuf", "rigas fereos", "the inevitables", "the extraditables",
    "phineas priests", "tigers", "venceremos", "global intifada", "jihad in sweden",
    "internet black tigers", "oklahoma city bombing conspirators", "d company",
    "charles martel group", "andres castro united front", "jaime bateman cayon group",
    "carlo giuliani", "group of carlo giuliani", "khristos kasimis revolutionary group for international solidarity",
    "islamic front", "the islamic front", "313", "mara salvatruchas", "takfir wa hijra",
}
# Aliases that are wrong for the group they sit in (checked by hand).
DROP_ALIASES = {
    ("al-islambouli brigades of al-qaeda", "al-qaeda organization"),
    ("hamas", "al-aqsa foundation"),
    ("izz ad-din al qassam", "al-quds brigades"), ("izz ad-din al qassam", "al-quds battalions"),
    ("izz ad-din al qassam", "jerusalem battalions"), ("izz ad-din al qassam", "jerusalem brigades"),
    ("izz ad-din al qassam", "sayf al-islam brigades"),
    ("hezbollah", "islamic jihad"), ("hezbollah", "islamic jihad for the liberation of palestine"),
    ("al qa'ida", "al-qaeda in iraq"), ("al qa'ida", "al qaeda linked abu sayyaf"),
    ("al qa'ida", "al-qaeda linked abu sayyaf"),
    ("real irish republican army", "italian red brigade"), ("real irish republican army", "red regiments"),
    ("al-arifeen", "lashkar-e-taiba"), ("muttahida qami movement (mqm)", "united national front"),
    ("irish national liberation army (inla)", "peoples liberation army (pla)"),
    ("tkp/ml-tikko", "peoples liberation army"),
}


def _region_country(code: str, iso: set[str]) -> str:
    """The country of a group's CAMEO code; region codes (MEA, SAS, WEU, INT,
    IMG, KKL...) and unknown codes give none. CAF is both the Central African
    Republic and CAMEO's Central Africa: the dictionary uses it for the region."""
    p = code[:3]
    return p if p in iso and p != "CAF" else ""


def group_type(code: str, names: list[str]) -> str:
    """Every record of Phoenix.MilNonState is coded as an armed actor (REB,
    UAF...): armed_group, unless its code says party or opposition. Armed
    "parties" (Communist Party of India-Maoist) stay armed groups."""
    return "political_group" if re.search(r"PTY|OPP", code[3:]) else "armed_group"


def build_groups(src: Path, iso: set[str], person_keys: set[str]) -> list[dict]:
    path = src / "Phoenix.MilNonState.actors.txt"
    records = parse_actor_file(path)
    rows = []
    for r in records:
        primary = r["phrases"][0]
        if primary.endswith("__"):
            # The last block of the file is a flat list of persons, fictional
            # characters and spelling duplicates: skipped (rule 3).
            continue
        codes = [parse_code(c) for c in r["codes"]]
        codes = [c for c in codes if c[0] and c[0] != "---"]
        # records whose codes are dated are persons (leaders of a group)
        if any(c[3] for c in codes):
            continue
        code = codes[0][0] if codes else ""
        # "(ETA)" is the acronym: an alias; "(GREECE)", "(COLOMBIA)" and longer
        # remarks in parentheses are dropped from the name
        acr = dedupe([a for ph in r["phrases"]
                      for a in re.findall(r"\(([A-Z][A-Z0-9./-]{1,5})\)", clean_phrase(ph))])
        name = display(re.sub(r"\([^)]*\)?", " ", primary))
        name = strip_the(name.rstrip(" ,"))
        if not name or norm_key(name) in {norm_key(d) for d in DROP_GROUPS}:
            continue
        if looks_like_person(name) or norm_key(name) in person_keys:
            continue
        gkey = clean_phrase(primary).lower().replace("_", " ").strip()
        aliases: list[str] = []
        short: list[str] = []
        for syn in r["phrases"][1:] + acr:
            if (gkey, clean_phrase(syn).lower()) in DROP_ALIASES:
                continue
            if syn in acr:
                d = syn
            else:
                d = strip_the(display(re.sub(r"\([^)]*\)?", " ", syn)))
            if not d or norm_key(d) == norm_key(name):
                continue
            if (gkey, d.lower()) in DROP_ALIASES:
                continue
            # persons folded into the group (leaders, founders): never aliases
            if looks_like_person(d) or norm_key(d) in person_keys:
                continue
            atoks, ntoks = set(norm_key(d).split()), set(norm_key(name).split())
            if (not is_acronym(d) and 2 <= len(atoks) <= 3 and not atoks & ntoks
                    and not any(t in GENERIC_WORDS or t in ORG_HEADS for t in atoks)):
                continue  # two or three unrelated proper words: a person or a place
            if " " not in d and not is_acronym(d):
                # one word: keep only a spelling variant of the group's name
                # (HIZBULLAH for HEZBOLLAH); surnames such as ZARQAWI go
                sims = [difflib.SequenceMatcher(None, norm_key(d), norm_key(t)).ratio()
                        for t in name.split()] + [
                    difflib.SequenceMatcher(None, norm_key(d), norm_key(name)).ratio()]
                if max(sims) < 0.7 or d.lower() in STOP_WORDS or d.lower().startswith("al-"):
                    continue
            if is_acronym(d):
                if d.lower() in STOP_WORDS or len(d.replace(".", "")) < 3:
                    short.append(d)
                else:
                    aliases.append(d)
                continue
            if is_generic(d):
                continue
            aliases.append(d)
        if is_generic(name):
            # the name is generic ("Irish National Liberation Army" is made of
            # a demonym and generic words): dropped, whatever its aliases say;
            # the groups that matter are in actors_curated.yaml
            continue
        if " " not in name and not is_acronym(name) and name.lower() in STOP_WORDS:
            continue
        country = _region_country(code, iso)
        rows.append({
            "id": "group:" + slug(name), "name": name, "type": group_type(code, [name] + aliases),
            "country": country, "cameo": code, "aliases": aliases, "short": short,
            "demonyms": [], "role": "", "note": "",
        })
    return merge_same_id(rows)


def merge_same_id(rows: list[dict]) -> list[dict]:
    out: dict[str, dict] = {}
    for r in rows:
        if r["id"] in out:
            o = out[r["id"]]
            for k in ("aliases", "short"):
                o[k] += [a for a in r[k] if a not in o[k]]
            if not o["country"]:
                o["country"] = r["country"]
        else:
            out[r["id"]] = r
    return list(out.values())


# ---------------------------------------------------------------------------
# Persons (CountryInfo entries of Phoenix.Countries)
# ---------------------------------------------------------------------------
# Countries whose cabinet members (not only heads of state/government) are kept.
FOCUS = set("""
SYR IRQ IRN ISR PSE LBN YEM SAU TUR RUS UKR USA GBR FRA DEU CHN EGY LBY SDN SSD AFG PAK IND JOR
QAT ARE SOM NGA MLI ETH MMR PRK KOR VEN COL MEX COD KWT BHR OMN DZA TUN MAR ERI KEN UGA CAF TCD
NER BFA AZE ARM GEO BLR
""".split())
SURNAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "HKG", "MAC", "KHM"}
HISPANIC = {"ESP", "MEX", "COL", "VEN", "ARG", "CHL", "PER", "BOL", "ECU", "PRY", "URY", "CUB",
            "DOM", "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "PRT", "BRA", "AGO", "MOZ", "GNQ"}
SECTOR_WORDS = {
    "": "", "MIL": "defence/military", "BUS": "economy/trade", "AGR": "agriculture",
    "MED": "information/media", "EDU": "education", "HLH": "health", "DEV": "development",
    "JUD": "justice", "LAB": "labour", "ENV": "environment/resources", "HRI": "human rights",
    "REL": "religious affairs", "COP": "interior/police", "LEG": "legislature",
    "REF": "refugees", "SPY": "intelligence", "MUS": "religious affairs", "PTY": "party",
}
CABINET_SECTORS = {"", "MIL", "SPY", "COP", "JUD"}
START_2000 = 20000101


def fmt_date(d: int | None) -> str:
    if d is None:
        return ""
    s = str(d)
    return f"{s[:4]}-{s[4:6]}-{s[6:]}"


def _days(d: int) -> int:
    y, m, dd = d // 10000, d // 100 % 100, d % 100
    return y * 372 + (m - 1) * 31 + dd  # monotonic, good enough for distances


# Words that show an entry is a role or a remark, not a person's name
NOT_NAME_WORDS = {"of", "affairs", "minister", "ministry", "secretary", "charge", "deputy",
                  "state", "director", "ambassador", "council", "government", "office",
                  "party", "president", "general", "chief", "committee", "department",
                  "commission", "and", "for", "the"}


ROLE_PREFIX = TITLE_WORDS | {
    "of", "state", "the", "u.s.", "us", "united", "states", "cia", "c.i.a.", "director",
    "president-elect", "vice-president", "secretaty", "h.e.", "elect", "un", "u.n.", "moscow",
    "party", "soviet", "leader", "reformer", "premier", "army", "navy", "air", "force",
    "a.k.a.", "aka", "shaykh",
}
# Second halves of Arabic compound names: not a usable surname alone
COMPOUND_ENDS = {"din", "deen", "dine", "islam", "allah", "rahman", "aziz", "karim", "haq",
                 "dawla", "dawlah", "ilah", "nabi", "rahim", "majid", "hamid", "latif"}


def strip_titles(name: str, min_tokens: int = 2) -> str:
    """Drop leading titles and role words ("Secretary of Defense Ash Carter"
    -> "Ash Carter"), keeping at least `min_tokens` words."""
    toks = name.replace(",", " ").split()
    prefix = ROLE_PREFIX | DEMONYM_WORDS | {"mr", "dr", "mrs", "u.s", "u.n"}
    while (len(toks) > min_tokens and toks[0].lower().rstrip(".") in prefix
           and toks[1].lower() not in ("bin", "ibn", "bint", "al", "el")):  # "Sultan bin Saeed"
        toks = toks[1:]
    return " ".join(toks)


def person_name(phrase: str) -> str:
    """Display form of a person's name: remarks in parentheses ("(ACTING")
    and titles go; words that only look like acronyms ("UN", "JI" in Korean
    names) are written as names."""
    name = re.sub(r"\s*\(.*$", "", display(phrase)).strip()
    name = strip_titles(name, min_tokens=1)
    toks = []
    for t in name.split():
        if re.fullmatch(r"[A-Z]{2,}", t) and t not in ("II", "III", "IV", "VI", "VII", "VIII"):
            t = t.capitalize()
        toks.append(t)
    return " ".join(toks)


def person_surnames(name: str, country: str) -> list[str]:
    toks = [t for t in name.split() if t.lower() not in LOWER_PARTICLES and "." not in t]
    toks = [t for t in toks if t.lower() not in ("jr", "sr", "ii", "iii", "junior", "senior",
                                                   "filho", "neto")]
    if len(toks) < 2:
        return []
    if country in SURNAME_FIRST:
        cands = [toks[0]]
    elif country in HISPANIC and len(toks) >= 3:
        cands = [toks[-2], toks[-1]]
    else:
        cands = [toks[-1]]
    out = []
    for c in cands:
        c = re.sub(r"^(al|el|Al|El)-", "", c)
        if c.lower() in COMPOUND_ENDS:
            continue
        if len(c) < 3 or c.lower() in STOP_WORDS or norm_key(c) in STOP_WORDS or \
                c.lower() in FIRST_NAMES or \
                c.lower() in GENERIC_WORDS or not c[0].isupper():
            continue
        out.append(c)
    return out


def build_persons(src: Path, cameo_to_iso: dict[str, str], iso_names: dict[str, str]
                  ) -> tuple[list[dict], set[str]]:
    """Returns (rows, keys of every person name seen in the file)."""
    records = parse_actor_file(src / "Phoenix.Countries.actors.txt")
    all_person_keys: set[str] = set()
    rows = []
    for r in records:
        codes = [parse_code(c) for c in r["codes"]]
        dated = [c for c in codes if c[3]]
        if not dated:
            continue  # undated: institutions, places, hand-made role entries
        name0 = person_name(r["phrases"][0])
        all_person_keys.add(norm_key(name0))
        roles = [c for c in dated if c[0][3:6] in ("GOV", "MIL")]
        post = [c for c in roles if c[2] is None or c[2] >= START_2000]
        if not post:
            continue
        ctry = {c[0][:3] for c in post}
        if len(ctry) != 1:
            continue  # codes of several countries: data errors in the source
        cameo_c = ctry.pop()
        iso = cameo_to_iso.get(cameo_c)
        if not iso:
            continue
        # Heads of state/government: in the CountryInfo leaders list a plain
        # GOV term is preceded by an ELI range ending when the term starts
        # (ELI = elite before and after office). Other ELI entries are not heads.
        eli_ends = [c[2] for c in codes if c[0][3:6] == "ELI" and c[2]]
        head = any(c[0][6:] == "" and c[1] and any(
            0 <= (_days(c[1]) - _days(e)) <= 366 for e in eli_ends) for c in post)
        sectors = {c[0][6:] for c in post}
        if not head and not (iso in FOCUS and sectors & CABINET_SECTORS):
            continue
        name = name0
        if len(name.split()) < 2 or not re.search(r"[a-z]", name):
            continue
        name = re.sub(r"\s+(al|el)$", "", name)  # a dangling article
        if len(name.split()) < 2:
            continue
        if any(t.lower() in NOT_NAME_WORDS for t in name.split()):
            continue
        if any(p in ORG_HEADS for t in name.lower().split() for p in t.split("-")):
            continue  # "Jaysh al-Sha'bi" is a militia with dates, not a person
        aliases, short = [], person_surnames(name, iso)
        for p in r["phrases"][1:]:
            d = strip_titles(display(p), min_tokens=1)
            if not d or norm_key(d) == norm_key(name):
                continue
            all_person_keys.add(norm_key(d))
            if " " not in d:
                # a bare surname ("KIIR", "YELTSIN"): a weak short form
                if d[0].isupper() and d.lower() not in STOP_WORDS | FIRST_NAMES and len(d) >= 3:
                    short.append(re.sub(r"^(al|el|Al|El)-", "", d))
                continue
            # a spelling variant shares the surname or most letters with the name;
            # anything else (another person, a role) is dropped
            ratio = difflib.SequenceMatcher(None, norm_key(d), norm_key(name)).ratio()
            same_last = norm_key(d).split()[-1:] == norm_key(name).split()[-1:]
            # the given names must match too: "Mansur bin Zayid" is not "Sultan bin Zayid"
            if (ratio >= 0.75 or (same_last and ratio >= 0.5)) and same_given(d, name):
                if not any(w.lower() in ("government", "regime", "administration", "'s")
                           for w in d.split()):
                    aliases.append(d)
        post.sort(key=lambda c: (c[1] or 0, c[2] or 99999999))
        latest = post[-1][0]
        sector = latest[6:]
        cname = iso_names[iso]
        if head:
            # the pattern also fits some cabinet members: no stronger claim
            role = f"Senior government official of {cname}"
        else:
            words = SECTOR_WORDS.get(sector, "")
            role = f"Government official of {cname}" + (f" ({words})" if words else "")
        periods = []
        for code, lo, hi, _ in post:
            if lo and hi:
                periods.append(f"{code} {fmt_date(lo)} to {fmt_date(hi)}")
            elif lo:
                periods.append(f"{code} from {fmt_date(lo)}")
            elif hi:
                periods.append(f"{code} until {fmt_date(hi)}")
            else:
                periods.append(code)
        rows.append({
            "id": "person:" + slug(name), "name": name, "type": "person", "country": iso,
            "cameo": latest, "aliases": dedupe(aliases), "short": dedupe(short),
            "demonyms": [], "role": role, "note": "; ".join(dedupe(periods)),
            "_head": head,
        })
    # the same person listed twice in one country: merge; the same name in
    # two countries: two people whose name cannot be told apart -> drop both
    by_id: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_id[row["id"]].append(row)
    out = []
    for pid, group in sorted(by_id.items()):
        if len({g["country"] for g in group}) > 1:
            continue
        base = group[0]
        for g in group[1:]:
            base["aliases"] = dedupe(base["aliases"] + g["aliases"])
            base["short"] = dedupe(base["short"] + g["short"])
            base["note"] = "; ".join(dedupe(base["note"].split("; ") + g["note"].split("; ")))
            if g["_head"] and not base["_head"]:
                base["role"], base["_head"] = g["role"], True
        out.append(base)
    out = merge_spelling_variants(out)
    # a surname shared by more than three persons ("Kim", "Khan", "Al Thani")
    # says nothing about who is meant: dropped from `short`
    counts: dict[str, int] = defaultdict(int)
    for row in out:
        for sh in row["short"]:
            counts[sh.lower()] += 1
    for row in out:
        row["short"] = [sh for sh in row["short"] if counts[sh.lower()] <= 3
                        and sh.lower() not in TITLE_WORDS]
    for row in out:
        row.pop("_head", None)
    return out, all_person_keys


def same_given(a: str, b: str) -> bool:
    """First words alike (spelling variants of one given name)."""
    fa, fb = norm_key(a).split()[:1], norm_key(b).split()[:1]
    if not fa or not fb:
        return False
    return difflib.SequenceMatcher(None, fa[0], fb[0]).ratio() >= 0.6


def merge_spelling_variants(rows: list[dict]) -> list[dict]:
    """'Ibrahim al-Jaafari' and 'Ibrahim al-Jafari' in one country are one
    person listed twice: same country, same or near surname and names at
    least 80% alike -> one row, the other name an alias."""
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        last = norm_key(r["name"]).split()[-1][:4]
        by_key[(r["country"], last)].append(r)
    dropped: set[int] = set()
    for group in by_key.values():
        group.sort(key=lambda r: (-(r["_head"]), -len(r["note"]), r["id"]))
        for i, a in enumerate(group):
            if id(a) in dropped:
                continue
            for b in group[i + 1:]:
                if id(b) in dropped:
                    continue
                ratio = difflib.SequenceMatcher(None, norm_key(a["name"]), norm_key(b["name"])).ratio()
                if ratio >= 0.8 and same_given(a["name"], b["name"]):
                    a["aliases"] = dedupe(a["aliases"] + [b["name"]] + b["aliases"])
                    a["short"] = dedupe(a["short"] + b["short"])
                    a["note"] = "; ".join(dedupe(a["note"].split("; ") + b["note"].split("; ")))
                    dropped.add(id(b))
    return [r for r in rows if id(r) not in dropped]


def dedupe(items: list[str]) -> list[str]:
    seen, out = set(), []
    for i in items:
        k = i.lower()
        if i and k not in seen:
            seen.add(k)
            out.append(i)
    return out


# ---------------------------------------------------------------------------
# Agents (Phoenix.agents.txt): generic nouns that describe a kind of actor
# ---------------------------------------------------------------------------
# The terms we keep: term | type | sector override | plural override | note.
# Everything else in the file (farm trades, WordNet archaisms such as
# "cutpurse" or "sodbuster", school grades, aircraft models, buildings) is
# dropped. The sector is read from the dictionary unless overridden; a term
# missing from the dictionary is marked "added" in the note.
# Type rule: institutions and the members who act for them (army, soldier,
# police) take the institution's type; nouns that name one role-holder
# (president, spokesman, commander, journalist) are persons; members of
# armed groups are armed_group; crowds and populations are community.
AGENT_TABLE = """
government|state
regime|state
administration|state
authority|state|||as in the authorities
cabinet|state
ministry|state
junta|state
military junta|state
military government|state
military regime|state
interim government|state
caretaker government|state
provisional government|state
transitional government|state|GOV||added
government delegation|state
government forces|state|MIL|government forces
government troops|state|MIL|government troops
government soldier|state
foreign ministry|state
foreign office|state
interior ministry|state|GOV||added
defence ministry|state|GOVMIL
defense ministry|state|GOVMIL
defense department|state|GOVMIL
ministry of defence|state|GOVMIL
ministry of defense|state|GOVMIL
ministry of foreign affairs|state
ministry of interior|state
ministry of the interior|state
embassy|state
consulate|state
presidency|state|GOV||added
parliament|state|LEG
legislature|state|LEG
national assembly|state|LEG
senate|state|LEG
lower house|state|LEG||added
upper house|state|LEG
house of representatives|state|LEG
national security council|state|GOVMIL
intelligence service|state|SPY
intelligence agency|state|SPY||added
intelligence|state|SPY|intelligence
secret police|state|SPY
spy agency|state|SPY
military intelligence|state|MILSPY
mukhabarat|state|SPY|mukhabarat
central bank|state|GOVBUS
court|state|JUD
supreme court|state|JUD
high court|state|JUD
constitutional court|state|JUD
military court|state|MILJUD||added
military tribunal|state|MILJUD
tribunal|state|JUD
judiciary|state|JUD
army|state|MIL
military|state|MIL|militaries
armed forces|state|MIL|armed forces
air force|state|MIL
navy|state|MIL
marines|state|MIL|marines
coast guard|state|MIL
national guard|state|MIL
special force|state|MIL|special forces
security force|state|MIL
security personnel|state|MIL|security personnel
military personnel|state|MIL|military personnel
ground forces|state|MIL|ground forces
ground troop|state|MIL
combat troops|state|MIL|combat troops
troop|state|MIL|troops
soldier|state|MIL
serviceman|state|MIL|servicemen|added
infantry|state|MIL|infantry
commando|state|MIL
paratroops|state|MIL|paratroops
border guard|state|MIL
border police|state|COP|border police|added
border patrol|state|COP
gendarmerie|state|COP
police|state|COP|police
police force|state|COP
riot police|state|COP|riot police
military police|state|MILCOP|military police
policeman|state|COP|policemen
police officer|state|COP
law enforcement|state|COP|law enforcement
warplane|state|MIL||stands for the air force that flies it
fighter jet|state|MIL||stands for the air force that flies it
helicopter gunship|state|MIL||stands for the force that flies it
warship|state|MIL||stands for the navy that sails it
drone|state|MIL||added; stands for the force that operates it
state media|media|GOVMED|state media
state-run media|media|GOVMED|state-run media|added
state news agency|media|GOVMED
official news agency|media|GOVMED
state television|media|GOVMED|state television|added
state-run television|media|GOVMED|state-run television|added
national news agency|media|GOVMED
president|person|GOV
vice president|person|GOV||added
prime minister|person|GOV
deputy prime minister|person|GOV
premier|person|GOV
chancellor|person|GOV
minister|person|GOV
foreign minister|person|GOV
deputy foreign minister|person|GOV||added
vice foreign minister|person|GOV
defence minister|person|GOVMIL
defense minister|person|GOVMIL
interior minister|person|GOV
finance minister|person|GOV
information minister|person|GOVMED
justice minister|person|GOV
oil minister|person|GOV
health minister|person|GOVHLH
foreign secretary|person|GOV
defence secretary|person|GOVMIL
defense secretary|person|GOVMIL
secretary of state|person|GOV|secretaries of state
secretary of defense|person|GOVMIL|secretaries of defense
interior secretary|person|GOV
attorney general|person|GOV|attorneys general
national security adviser|person|GOVMIL
national security advisor|person|GOVMIL
head of state|person|GOV|heads of state
head of government|person|GOV|heads of government
supreme leader|person|GOV
king|person|GOV
queen|person|GOV||added
crown prince|person|GOV
prince|person|GOV
emir|person|GOV||added
monarch|person|GOV
dictator|person|GOV
ruler|person|GOV
governor|person|GOV
mayor|person|GOV
ambassador|person|GOV
envoy|person|GOV
special envoy|person|GOV
diplomat|person|GOV
consul|person|GOV
official|person|GOV||added
government official|person|GOV
senior official|person|GOV||added
state official|person|GOV
security official|person|COP
police official|person|COP
police chief|person|COP
military official|person|MIL
spokesman|person||spokesmen|the sector is that of the body spoken for (PETRARCH2: MED)
spokeswoman|person||spokeswomen|the sector is that of the body spoken for (PETRARCH2: MED)
spokesperson|person||spokespersons;spokespeople|the sector is that of the body spoken for (PETRARCH2: MED)
government spokesman|person|GOV|government spokesmen
military spokesman|person|MIL|military spokesmen
commander|person|MIL
army chief|person|MIL
army commander|person|MIL||added
military commander|person|MIL||added
chief of staff|person|GOV|chiefs of staff
general|person|MIL
colonel|person|MIL
lieutenant colonel|person|MIL
brigadier general|person|MIL
major general|person|MIL
lieutenant general|person|MIL
admiral|person|MIL
officer|person|MIL||added
army officer|person|MIL
military officer|person|MIL
intelligence officer|person|SPY
intelligence chief|person|SPY
military adviser|person|MIL
military advisor|person|MIL
adviser|person|||added
advisor|person|||added
expert|person|||added
lawmaker|person|LEG
legislator|person|LEG
member of parliament|person|LEG|members of parliament
mp|person|LEG|mps
senator|person|LEG
congressman|person|LEG|congressmen
judge|person|JUD
prosecutor|person|JUD
public prosecutor|person|JUD
lawyer|person|JUD
attorney|person|JUD
party leader|person|PTY
opposition leader|person|OPP
politician|person|PTY
presidential candidate|person|PTY
rebel leader|person|REB
rebel commander|person|REB
insurgent leader|person|REB
guerrilla leader|person|REB
terrorist leader|person|UAF
militant leader|person|UAF||added
activist|person|OPP
human rights activist|person|OPP
rights activist|person|HRI
democracy activist|person|OPP
opposition activist|person|OPP
dissident|person|OPP
defector|person|OPP
cleric|person|REL
religious leader|person|REL
imam|person|MUS
mullah|person|MUS
priest|person|REL
bishop|person|CHR
archbishop|person|CHR
rabbi|person|JEW
journalist|person|MED
reporter|person|MED
correspondent|person|MED
editor|person|MED||added
blogger|person|MED
doctor|person|HLH
physician|person|HLH
nurse|person|HLH
medic|person|HLH
aid worker|person|NGO||added
businessman|person|BUS|businessmen
rebel|armed_group|REB
rebel group|armed_group|REB
rebel force|armed_group|REB
rebel army|armed_group|REB
rebel fighter|armed_group|REB||added
insurgent|armed_group|REB
insurgent group|armed_group|REB
insurgency|armed_group|REB
armed opposition group|armed_group|REB
opposition forces|armed_group|OPPUAF|opposition forces
militant|armed_group|UAF
militant group|armed_group|UAF||added
militant movement|armed_group|REB
militia|armed_group|UAF
militiaman|armed_group|UAF|militiamen
guerrilla|armed_group|REB
guerilla|armed_group|REB
fighter|armed_group|UAF
combatant|armed_group|UAF
gunman|armed_group|UAF|gunmen
armed man|armed_group|UAF|armed men
armed group|armed_group|UAF
jihadist|armed_group|UAFMUS
jihadi|armed_group|UAFMUS||added
islamist militant|armed_group|MUSUAF||added
islamic militant|armed_group|MUSUAF
terrorist|armed_group|UAF
terrorist group|armed_group|UAF
terrorist organization|armed_group|UAF
extremist|armed_group|RAD
death squad|armed_group|UAF
mercenary|armed_group|UAF
separatist|armed_group|REB
separatist group|armed_group|REB
separatist rebel|armed_group|REB
separatist movement|armed_group|REB
freedom fighter|armed_group|REB
suicide bomber|armed_group|REB
kidnapper|armed_group|CRM
pirate|armed_group|CRM
bandit|armed_group|CRM
gang|armed_group|CRM
drug cartel|armed_group|CRM||added
cartel|armed_group|CRM
smuggler|armed_group|CRM
drug trafficker|armed_group|CRM
opposition|political_group|OPP|opposition
main opposition|political_group|OPP|main opposition
opposition party|political_group|OPP
opposition group|political_group|OPP||added
opposition coalition|political_group|OPP
opposition alliance|political_group|OPP
opposition faction|political_group|OPP
exiled opposition|political_group|OPP|exiled opposition
government in exile|political_group|OPP|governments in exile
resistance movement|political_group|OPP
pro-democracy movement|political_group|OPP
political party|political_group|PTY|political parties
party|political_group|PTY
ruling party|political_group|GOVPTY||PETRARCH2: GOV
ruling coalition|political_group|GOVPTY||PETRARCH2: GOV
islamist|political_group|MUS
islamist group|political_group|MUS
civilian|community|CVL
resident|community|CVL
villager|community|CVL
citizen|community|CVL
population|community|CVL
settler|community|CVL
migrant|community|CVL
immigrant|community|CVL
refugee|community|REF
displaced person|community|REF|displaced persons;displaced people
displaced people|community|REF|displaced people
asylum seeker|community|REF
returnee|community|REF
protester|community|OPP
demonstrator|community|OPP
rioter|community|OPP
student|community|EDU
worker|community|LAB
voter|community|CVL
pilgrim|community|REL
worshipper|community|REL
worshiper|community|REL
detainee|community|OPP
political prisoner|community|OPP
prisoner of war|community|MIL|prisoners of war
hostage|community|||added
tribesman|community|||added
tribe|community|||added
ethnic minority|community|CVL|ethnic minorities
newspaper|media|MED
news agency|media|MED
television|media|MED||
radio station|media|MED
magazine|media|MED
website|media|MED
broadcaster|media|MED||added
company|company|BUS|companies
firm|company|BUS||added
corporation|company|BUS
defense contractor|company|BUS
defence contractor|company|BUS
arms industry|company|BUSMIL|arms industry
oil company|company|BUS|oil companies|added
ngo|organization|NGO|ngos
non-governmental organization|organization|NGO
non-governmental organisation|organization|NGO
aid group|organization|NGODEV
aid agency|organization|NGO|aid agencies|added
charity|organization|NGO|charities|added
human rights group|organization|HRI
rights group|organization|HRI
human rights organization|organization|HRI||added
humanitarian organization|organization|NGO||added
peacekeeper|organization|IGO||added
peacekeeping troops|organization|IGO|peacekeeping troops
truce monitor|organization|IGO
"""
# Irregular plurals not given in the dictionary.
IRREGULAR = {"man": "men", "woman": "women", "person": "persons", "child": "children",
             "police": "police", "personnel": "personnel", "staff": "staff",
             "people": "people", "intelligence": "intelligence", "infantry": "infantry",
             "monarch": "monarchs", "patriarch": "patriarchs", "stomach": "stomachs"}


def regular_plural(term: str) -> str:
    if " of " in term:  # "chief of staff" -> "chiefs of staff"
        head, rest = term.split(" of ", 1)
        return regular_plural(head) + " of " + rest
    words = term.split(" ")
    last = words[-1]
    if last in IRREGULAR:
        p = IRREGULAR[last]
    elif last.endswith("man") and len(last) > 3:
        p = last[:-3] + "men"
    elif re.search(r"[^aeiou]y$", last):
        p = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", last):
        p = last + "es"
    else:
        p = last + "s"
    return " ".join(words[:-1] + [p])


def parse_agent_file(path: Path) -> dict[str, dict]:
    """term (lowercase) -> {"sector", "plural"} from the dictionary, with the
    !PERSON! / !MINIST! substitution sets and the MINIST stem expanded."""
    subs: dict[str, list[str]] = {}
    out: dict[str, dict] = {}
    for raw in read_lines(path):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [x.strip() for x in m.group(2).split(",")]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[([^\]}]*)[\]}]", line)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        sector = code.replace("~", "").strip()
        variants = [phrase]
        for key, vals in subs.items():
            if key in phrase:
                variants = [v.replace(key, val) for v in variants for val in vals]
        expanded = []
        for v in variants:
            v = v.rstrip("_ ")
            if re.search(r"MINIST$", v):  # a stem: minister and ministry
                expanded += [v + "ER", v + "RY"]
            else:
                expanded.append(v)
        for v in expanded:
            term = re.sub(r"[_\s]+", " ", v).strip().lower()
            if not term or "!" in term:
                continue
            pl = None
            if plural is not None:
                inner = plural.strip("{}").strip()
                pl = re.sub(r"[_\s]+", " ", inner).strip().lower()  # "" = none/same
            # first definition wins (the file lists a few twice)
            out.setdefault(term, {"sector": sector, "plural": pl})
    return out


def build_agents(src: Path) -> list[dict]:
    source = parse_agent_file(src / "Phoenix.agents.txt")
    rows = []
    for line in AGENT_TABLE.strip().splitlines():
        term, typ, sector, plural, note = (line.split("|") + [""] * 5)[:5]
        found = source.get(term)
        if found is None and term.endswith("s"):
            found = source.get(term[:-1])
        if not sector:
            sector = found["sector"] if found and term not in (
                "spokesman", "spokeswoman", "spokesperson") else ""
        if not plural:
            if found and found["plural"] is not None:
                plural = found["plural"] or term  # "{}": no distinct plural
            else:
                plural = regular_plural(term)
        if found is None and "added" not in note:
            note = ("added; " + note) if note else "added"
        rows.append({"term": term, "plural": "|".join(p.strip() for p in plural.split(";")),
                     "type": typ, "sector": sector, "note": note})
    rows.sort(key=lambda r: r["term"])
    return rows


# ---------------------------------------------------------------------------
# Global rules on surface forms, curated overrides, output
# ---------------------------------------------------------------------------
def clean_row(row: dict) -> dict:
    """Rule 5 on one row: drop empty, broken and common-word forms; all-caps
    acronyms that are also words move to `short`."""
    name_k = norm_key(row["name"])
    aliases, short = [], list(row["short"])
    for a in row["aliases"]:
        a = a.strip()
        if not a or "\ufffd" in a or a.lower() == row["name"].lower() or not norm_key(a):
            continue
        if is_acronym(a):
            if a.lower() in STOP_WORDS:
                short.append(a)
                continue
        elif a.lower() in STOP_WORDS or norm_key(a) in STOP_WORDS:
            continue
        aliases.append(a)
    short = [s for s in short if s and (is_acronym(s) or s.lower() not in STOP_WORDS)
             and norm_key(s) != name_k]
    row["aliases"] = dedupe(aliases)
    row["short"] = [s for s in dedupe(short) if s.lower() not in {a.lower() for a in row["aliases"]}]
    row["demonyms"] = dedupe(row["demonyms"])
    return row


PRIORITY = {"country": 0, "igo": 1, "ngo": 1, "group": 2, "person": 3}


def resolve_collisions(rows: list[dict], log) -> list[dict]:
    """No surface form may point at two rows. The row whose NAME it is keeps
    it (countries before organisations before groups before persons when two
    rows have the same name: the later ones are dropped); as a mere alias
    it is removed from every row that shares it."""
    rows = sorted(rows, key=lambda r: (PRIORITY.get(r["id"].split(":")[0], 9), r["id"]))
    owners: dict[str, str] = {}
    kept = []
    for r in rows:
        k = norm_key(r["name"])
        if k in owners:
            log(f"drop {r['id']}: name '{r['name']}' already names {owners[k]}")
            continue
        owners[k] = r["id"]
        kept.append(r)
    users: dict[str, set[str]] = defaultdict(set)
    for r in kept:
        for f in r["aliases"] + r["demonyms"]:
            users[norm_key(f)].add(r["id"])
    for r in kept:
        keep_a = []
        for a in r["aliases"]:
            k = norm_key(a)
            if k in owners and owners[k] != r["id"]:
                log(f"alias '{a}' of {r['id']} is the name of {owners[k]}: removed")
                continue
            if len(users[k]) > 1:
                log(f"alias '{a}' shared by {sorted(users[k])}: removed")
                continue
            keep_a.append(a)
        r["aliases"] = keep_a
        keep_d = []
        for d in r["demonyms"]:
            k = norm_key(d)
            if (k in owners and owners[k] != r["id"]) or len(users[k]) > 1:
                log(f"demonym '{d}' of {r['id']} is ambiguous: removed")
                continue
            keep_d.append(d)
        r["demonyms"] = keep_d
    return kept


def load_curated(path: Path) -> list[dict]:
    if not path.exists():
        return []
    if yaml is None:
        raise SystemExit("error: PyYAML is needed to read actors_curated.yaml (pip install pyyaml)")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [d for d in data if isinstance(d, dict) and d.get("id")]


def apply_curated(rows: list[dict], curated: list[dict], log) -> list[dict]:
    """Hand-written entries win: a generated row with a curated id is left
    out (the curated entry replaces it, so ids stay unique across files);
    a generated row whose name is a curated surface form is a duplicate
    under another id and is left out; generated aliases that a curated
    entry uses are removed."""
    cur_ids = {c["id"] for c in curated}
    cur_forms: dict[str, str] = {}
    for c in curated:
        for f in [c.get("name", "")] + list(c.get("aliases") or []) + list(c.get("demonyms") or []):
            if f:
                cur_forms.setdefault(norm_key(str(f)), c["id"])
    out = []
    for r in rows:
        if r["id"] in cur_ids:
            continue
        k = norm_key(r["name"])
        if k in cur_forms:
            log(f"drop {r['id']}: its name '{r['name']}' belongs to curated {cur_forms[k]}")
            continue
        r["aliases"] = [a for a in r["aliases"] if norm_key(a) not in cur_forms]
        r["demonyms"] = [d for d in r["demonyms"] if norm_key(d) not in cur_forms]
        out.append(r)
    return out


def tsv_field(v) -> str:
    if isinstance(v, list):
        v = "|".join(v)
    v = str(v or "")
    if any(ch in v for ch in "\t\n\r\""):
        raise ValueError(f"bad character in field: {v!r}")
    return v


def write_tsv(path: Path, columns: list[str], rows: list[dict], title: str) -> None:
    buf = io.StringIO()
    for line in MIT_NOTICE.splitlines():
        buf.write(("# " + line).rstrip() + "\n")
    buf.write(f"# {title}\n")
    buf.write("# Generated by tools/build_kb.py from ../shared/kb-sources: do not edit.\n")
    buf.write("# Regenerate with: python tools/build_kb.py ../shared/kb-sources\n")
    buf.write("\t".join(columns) + "\n")
    for r in rows:
        buf.write("\t".join(tsv_field(r.get(c, "")) for c in columns) + "\n")
    path.write_text(buf.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", nargs="?", default=str(REPO / ".." / "shared" / "kb-sources"),
                    help="folder with the Phoenix dictionaries (default ../shared/kb-sources)")
    ap.add_argument("--out", default=str(KB_DIR), help="output folder (default src/dyads/kb)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every pruning decision")
    args = ap.parse_args(argv)
    src, out = Path(args.sources).resolve(), Path(args.out)
    if not (src / "Phoenix.Countries.actors.txt").exists():
        print(f"error: no Phoenix dictionaries in {src}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    messages: list[str] = []
    log = messages.append

    table = parse_country_table()
    iso_names = {c["iso"]: c["name"] for c in table}
    cameo_to_iso = {c["cameo"]: c["iso"] for c in table}
    cameo_to_iso.update({c["iso"]: c["iso"] for c in table})

    persons, person_keys = build_persons(src, cameo_to_iso, iso_names)
    countries = build_countries(src)
    orgs = build_orgs(src)
    groups = build_groups(src, set(iso_names), person_keys)
    rows = [clean_row(r) for r in countries + orgs + groups + persons]
    rows = apply_curated(rows, load_curated(out / "actors_curated.yaml"), log)
    rows = resolve_collisions(rows, log)
    rows.sort(key=lambda r: r["id"])
    for r in rows:
        assert r["type"] in TYPES, r
    write_tsv(out / "actors_generated.tsv", ACTOR_COLUMNS, rows,
              "Known actors: countries, international organisations, armed groups, office-holders.")
    agents = build_agents(src)
    write_tsv(out / "agents.tsv", AGENT_COLUMNS, agents,
              "Generic agents: nouns that describe a kind of actor, with the type and CAMEO sector.")
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r["type"]] += 1
    print(f"actors_generated.tsv: {len(rows)} rows "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"agents.tsv: {len(agents)} rows; {len(messages)} pruning decisions on collisions")
    if args.verbose:
        for m in messages:
            print("  " + m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
