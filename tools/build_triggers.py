#!/usr/bin/env python3
"""Build dyads' generated event-trigger lexicon from PETRARCH2's CAMEO verb dictionary.

Usage (from the repository root)::

    python tools/build_triggers.py [../shared/kb-sources] [--spec ../shared/spec] [--audit]

Reads ``CAMEO.2.0.txt`` (PETRARCH2's verb dictionary, Open Event Data
Alliance, MIT License) and ``CAMEO2PLOVER-2021.txt`` (the PLOVER project's
CAMEO -> PLOVER table) and writes ``src/dyads/kb/triggers_generated.tsv``.

Only FACTS are converted: which verb, particle, object noun and preposition
go with which CAMEO code. The reading of the dictionary and every rule below
are ours; no PETRARCH2 code is used. The output is sorted and the same on
every run. Hand-written entries (``triggers_curated.yaml``) are merged at
load time by ``dyads.nlp.events.lexicon`` and win over generated ones.

Conversion and pruning, in one place:

1. Codes. A code maps to PLOVER through CAMEO2PLOVER (category, mode,
   context); a code missing from the table falls back to its three-digit,
   then two-digit parent. CAMEO 02x ("appeal") has no row in the 2021 table;
   PLOVER folds appeals into REQUEST, so 02x is read as the matching 10x row
   (0231 -> 1031). CAMEO 01x (public statements) has no PLOVER category and
   is dropped, as are null codes ``[---]`` and codes whose first half is
   empty (``[:173]``: the event is the target's, not the subject's).
   Two rows are read the way PLOVER's gold records code them (see
   ``CODE_OVERRIDES``): sanctions and embargoes (163) are SANCTION; the
   destruction of property (1712: demolished homes, blown-up power lines)
   is COERCE (seize), like the rest of 171. Modes are
   normalised to the names of spec/plover.md (``MODE_NAMES``); for AID,
   COOPERATE and AGREE, which have no modes there, the context
   (economic, military, humanitarian, ...) is given as the mode.
2. Isolated verbs. The dictionary's synonym blocks are wide (WordNet sets:
   DIE, MATCH and RING sit with the fighting verbs), so an isolated verb keeps
   its code only when it is in ``KEEP_ISOLATED``, a list we reviewed block
   by block: verbs that name an event on their own in news text. Every other
   verb keeps only its patterns.
3. Patterns. A pattern is attached to the verb its comment names (the verb it
   was written for), not to the whole synonym block; without a comment, to
   the block's first verb. Kept shapes: ``[particle] [object noun, with
   modifiers] [(preposition [object])]``. Dropped: patterns with nouns before
   the verb (subject constraints), with more than one prepositional phrase,
   with the actor placeholders ``$ % ^`` (a ``+`` inside a prepositional
   phrase becomes that preposition as the target), with several bare words
   that are not particle + noun, or with adverbs/pronouns as "objects".
   A pattern that codes the same category and mode as its verb's isolated
   entry and names no preposition adds nothing and is dropped.
4. Synonym sets (``&WEAPON``) are written as ``&`` lines of the output,
   single words only (the head of a multi-word member), and referenced by
   name. Irregular verb forms the dictionary lists (``BROUGHT`` for BRING)
   are written as ``@`` lines (form, lemma), so that the matcher can recover a lemma the lemmatiser got wrong; forms a
   regular ending explains are left out.
5. Duplicates (same verb, particle, object, modifiers, preposition and
   object of the preposition) keep the most specific code; equal codes keep
   one row.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "dyads" / "kb" / "triggers_generated.tsv"

PARTICLES = {"up", "down", "off", "out", "back", "away", "over", "together", "aside", "forward", "apart",
             "around", "along", "through", "ahead", "in", "on"}
PREPOSITIONS = {"to", "for", "with", "against", "on", "in", "into", "at", "from", "of", "over", "by", "upon",
                "toward", "towards", "about", "behind", "alongside", "under", "between", "among", "across",
                "onto", "through", "within", "without", "after", "before", "near", "off", "out", "as", "during",
                "beyond", "like", "amid", "around", "inside", "outside"}
# bare words after the verb that are never an object noun
NOT_NOUNS = {"himself", "herself", "itself", "themselves", "him", "her", "them", "it", "not", "no", "when",
             "each", "first", "short", "hard", "again", "only", "so", "very", "more", "most", "well", "that",
             "this", "what", "which", "who", "all", "any", "some", "there", "here", "now", "then"}

# Modes of CAMEO2PLOVER that spec/plover.md names differently (None: no mode).
MODE_NAMES = {"assassinate": "targeted", "ban": "restrict", "political": "restrict", "return": "release",
              "ease": None, "massacre": None, "cleansing": None, "pro_autocracy": "crowd-control"}
CATEGORIES_WITH_CONTEXT_MODE = {"AID", "COOPERATE", "AGREE"}
CONTEXT_MODES = {"economic", "military", "legal", "intelligence", "humanitarian", "peacekeeping", "asylum"}
# rows read the way PLOVER's gold records code them
CODE_OVERRIDES = {"163": ("SANCTION", "restrict"), "1712": ("COERCE", "seize")}

# Isolated verbs whose dictionary code we keep (reviewed block by block; see the module doc).
KEEP_ISOLATED = set("""
consult confer converse discuss mock
appeal beg implore plead solicit propose recommend advise
offer proffer pledge promise guarantee
convene attend invite meet contact visit host phone telephone broker
back support endorse acclaim applaud commend compliment congratulate extol felicitate hail praise salute
welcome laud honor honour greet appreciate encourage reassure favor favour legitimise legitimize thank
apologise apologize forgive forgave forgiven
aid assist help donate supply lend loan bankroll finance fund sponsor underwrite invest arm equip
extradite rescue shelter protect guard shield
abandon pardon mediate arbitrate intercede conciliate negotiate compromise
free release withdraw retreat disengage capitulate cede concede relinquish surrender yield comply obey accede
acquiesce acquit exonerate
investigate probe inspect audit
demand exhort entreat clamor clamour
allege decry disapprove snub rebuff challenge complain dispute disagree object protest
belittle denigrate impugn malign slander admonish berate castigate censure chastise chide criticise criticize
denounce deride disparage lambaste rebuke remonstrate reprimand reproach ridicule scold scorn deplore abhor
pillory accuse blame condemn fault implicate
overrule threaten
demonstrate march riot
mobilise mobilize muster marshal patrol
blacklist ostracise ostracize secede
confine detain imprison incarcerate jail restrict withhold bar blockade boycott embargo
compel force pressure blackmail impose reimpose penalize penalise punish
crackdown curb quell repress suppress subdue
vandalise vandalize apprehend arrest capture seize nab nationalise nationalize confiscate annex usurp
commandeer hijack fine ban censor criminalise criminalize outlaw prohibit proscribe forbid veto
rearrest re-arrest deport expel banish exile evict
abuse mistreat injure wound rampage scuffle slap terrorize terrorise whip overthrow
abduct kidnap rape torture stab assassinate ambush
annihilate crush decimate demolish destroy devastate eradicate obliterate raze smash subjugate
encircle bomb bombard detonate dynamite pelt torch shell snipe
behead decapitate kill murder slay strangle
assault attack battle blitz clash combat fight skirmish storm retaliate bludgeon kick pummel stone
pound raid loot pillage plunder ransack repel repulse shoot target besiege invade occupy overrun
recapture butcher massacre slaughter
""".split())
# isolated multi-word verbs kept (verb, particle or preposition)
KEEP_ISOLATED_PHRASES = {("meet", "with"), ("side", "with"), ("call", "off"), ("pull", "out"), ("pull", "back"),
                         ("back", "down"), ("draw", "back"), ("give", "in"), ("give", "up"), ("take", "over"),
                         ("crack", "down"), ("kick", "out"), ("boot", "out"), ("cordon", "off"), ("vote", "down"),
                         ("blow", "up"), ("gun", "down"), ("shoot", "down"), ("wipe", "out"), ("fight", "back"),
                         ("wage", "war"), ("step", "in"), ("set", "free"), ("lash", "out"), ("dress", "down"),
                         ("look", "after"), ("call", "up"), ("foray", "into"), ("ask", "for"), ("pay", "for")}

MIT_NOTICE = """\
# Contains facts converted from the PETRARCH2 verb dictionary (CAMEO.2.0.txt) by tools/build_triggers.py.
# The MIT License (MIT)
# Copyright (c) 2015 Open Event Data Alliance
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

HEADER = """\
# PLOVER event triggers: verb lemma, particle, object noun, its modifiers, preposition, the preposition's
# object, PLOVER category, mode, CAMEO code, where the target is, and the dictionary block the row came from.
# Cells: empty = no constraint; a|b = alternatives; &NAME = a word set defined on an '&' line below.
# '@form<TAB>lemma' lines: irregular verb forms (brought -> bring).
# target: '' = the matcher's default order; otherwise slots tried in order (dobj, dative, of, owner,
# a preposition such as to/against/with, or none).
# Generated by tools/build_triggers.py from ../shared/kb-sources: do not edit.
# Regenerate with: python tools/build_triggers.py ../shared/kb-sources
# Hand-written entries live in triggers_curated.yaml and win over these rows.
"""

COLUMNS = ["verb", "prt", "obj", "mod", "prep", "pobj", "category", "mode", "cameo", "target", "block"]


# ----------------------------------------------------------------------------- CAMEO -> PLOVER

def read_plover_table(path: Path) -> dict[str, tuple[str, str | None, str]]:
    """code -> (category, mode, context) from CAMEO2PLOVER-2021.txt."""
    table: dict[str, tuple[str, str | None, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([^#]*)", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        if not parts or not parts[0]:
            continue
        cat = parts[0]
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        ctx = parts[2] if len(parts) > 2 else ""
        table.setdefault(m.group(1), (cat, mode, ctx))
    return table


def plover_of(code: str, table) -> tuple[str, str | None] | None:
    """(category, mode) for a CAMEO code, or None when PLOVER has no category for it."""
    if code in CODE_OVERRIDES:
        return CODE_OVERRIDES[code]
    if code.startswith("01"):
        return None
    look = "10" + code[2:] if code.startswith("02") else code
    row = None
    for cand in (look, look[:3], look[:2] + "0"):
        if cand in table:
            row = table[cand]
            break
    if row is None:
        return None
    cat, mode, ctx = row
    if mode is not None:
        mode = mode.strip()
        if mode in MODE_NAMES:
            mode = MODE_NAMES[mode]
    if cat in CATEGORIES_WITH_CONTEXT_MODE and mode is None:
        first = ctx.split(";")[0].strip()
        mode = first if first in CONTEXT_MODES else None
    return cat, (mode or None)


# ----------------------------------------------------------------------------- dictionary reader

def norm_word(w: str) -> str:
    return w.strip().strip("_").lower().replace("_", " ")


def singular(w: str) -> str:
    """Nouns are matched by lemma: write them singular (naive rules, enough for the dictionary's nouns)."""
    if " " in w or len(w) < 4 or not w.endswith("s") or w.endswith(("ss", "us", "is", "ics", "ews")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    return w[:-1]


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    name = None
    for raw in lines:
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("&"):
            name = line.strip().rstrip("_")[1:]
            sets[name] = []
        elif line.startswith("+") and name is not None:
            phrase = norm_word(line[1:])
            words = phrase.split()
            if not words or "of" in words:
                continue
            head = singular(words[-1])
            if head.isalpha() or "-" in head:
                if head not in sets[name]:
                    sets[name].append(head)
    return {k: v for k, v in sets.items() if v}


class Block:
    def __init__(self, name: str, code: str):
        self.name, self.code = name, code
        self.verbs: list[tuple[str, str, str]] = []  # (verb, extra words, own code or "")
        self.forms: dict[str, str] = {}  # surface form (lower) -> verb phrase key
        self.patterns: list[tuple[str, str, str]] = []  # (body, code, comment)


def parse_verb_line(line: str) -> tuple[str, str, list[str], str]:
    """'+TAKE_OVER {+TAKES_OVER ...} [171] # c' -> ('take', 'over', [forms], '171')."""
    code = ""
    m = re.search(r"\[([^\]]*)\]", line)
    if m:
        code = m.group(1).strip()
        line = line[: m.start()] + line[m.end():]
    forms = []
    m = re.search(r"\{([^}]*)\}", line)
    if m:
        forms = [f.replace("+", "").strip(", ") for f in m.group(1).replace(",", " ").split()]
        line = line[: m.start()] + line[m.end():]
    word = line.strip().split()[0] if line.strip() else ""
    parts = word.split("_")
    if "+" in word:
        idx = next(i for i, p in enumerate(parts) if p.startswith("+"))
    else:
        idx = 0
    parts = [p.lstrip("+").lower() for p in parts]
    verb = parts[idx]
    rest = parts[:idx] + parts[idx + 1:] if idx == 0 else []
    if idx != 0:  # words before the verb ("WIRE_+TAP"): not expressible as dependents
        return "", "", [], code
    return verb, " ".join(rest), [f.lower() for f in forms], code


def read_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    blk = None
    for raw in lines:
        if raw.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", raw)
            if m:
                blk = Block(m.group(1), m.group(2).strip())
                blocks.append(blk)
            continue
        if blk is None:
            continue
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        if body.lstrip().startswith("-"):
            m = re.search(r"\[([^\]]*)\]", body)
            if not m:
                continue
            blk.patterns.append((body[: m.start()].strip()[1:].strip(), m.group(1).strip(), comment.strip()))
            continue
        verb, rest, forms, code = parse_verb_line(body.split(";")[0])
        if not verb or not verb.replace("-", "").isalpha():
            continue
        blk.verbs.append((verb, rest, code))
        for f in forms:
            fw = f.split("_")[0]
            blk.forms[fw] = verb
        blk.forms[verb] = verb
    return blocks


def block_code(blk: Block, own: str) -> str:
    code = own or blk.code
    code = code.replace("---", "").strip()
    return code


def first_code(code: str) -> str | None:
    """'042:043' -> '042'; ':173' and '---' -> None."""
    code = code.strip()
    if not code or code.startswith(":"):
        return None
    first = code.split(":")[0].strip()
    return first if re.fullmatch(r"\d{2,4}", first) else None


# ----------------------------------------------------------------------------- patterns

TOKEN_RE = re.compile(r"\([^)]*\)|\{[^}]*\}|&[A-Za-z_]+|[$%^+*]|[^\s(){}]+")


def parse_element_noun(tok: str) -> tuple[str, str] | None:
    """A noun element -> (head, modifiers)."""
    if tok.startswith("{"):
        words = [norm_word(w) for w in tok[1:-1].split()]
        words = [w for w in words if w]
        if not words:
            return None
        head = words[-1]
        if head.startswith("&"):
            head = "&" + head[1:].upper()
        else:
            head = singular(head)
        mods = [w for w in words[:-1] if not w.startswith("&")]
        if len(mods) != len(words) - 1:
            return None
        return head, " ".join(mods)
    if tok.startswith("&"):
        return "&" + tok[1:].rstrip("_").upper(), ""
    w = norm_word(tok)
    if not w or w in NOT_NOUNS or w.endswith("ly") or " " in w or not re.fullmatch(r"[a-z][a-z'-]*", w):
        return None
    return singular(w), ""


def parse_pattern(body: str) -> dict | None:
    """'* OUT {NEW STRATEGY} (TO +)' -> {prt, obj, mod, prep, pobj, target} or None when not expressible."""
    if "*" not in body:
        return None
    pre, post = body.split("*", 1)
    if pre.strip():
        return None  # nouns before the verb: subject constraints we do not express
    toks = TOKEN_RE.findall(post)
    if any(t in ("$", "%", "^") or "$" in t or "^" in t or "%" in t for t in toks):
        return None
    out = {"prt": "", "obj": "", "mod": "", "prep": "", "pobj": "", "target": ""}
    groups = [t for t in toks if t.startswith("(")]
    bare = [t for t in toks if not t.startswith("(")]
    if len(groups) > 1:
        return None
    # a bare '+' is the object (the default target): drop it
    bare = [t for t in bare if t != "+"]
    if len(bare) > 2:
        return None
    if len(bare) == 2:
        first = norm_word(bare[0])
        if first in PARTICLES:
            out["prt"] = first
        elif first in PREPOSITIONS and not groups:
            # 'FOR X' written without brackets
            groups = ["(" + bare[0] + " " + bare[1] + ")"]
            bare = []
        else:
            return None
        bare = bare[1:]
    if len(bare) == 1:
        w = norm_word(bare[0]) if not bare[0].startswith(("{", "&")) else ""
        if w in PARTICLES and not out["prt"]:
            out["prt"] = w
        elif w in PREPOSITIONS and not groups:
            out["prep"] = w
        else:
            noun = parse_element_noun(bare[0])
            if noun is None:
                return None
            out["obj"], out["mod"] = noun
    if groups:
        inner = TOKEN_RE.findall(groups[0][1:-1])
        if not inner:
            return None
        prep = norm_word(inner[0])
        if prep not in PREPOSITIONS:
            # '(ASIDE RIFT)': an adverb particle written as a preposition
            if prep in PARTICLES and not out["prt"] and not out["obj"] and len(inner) == 2:
                noun = parse_element_noun(inner[1])
                if noun is None:
                    return None
                out["prt"] = prep
                out["obj"], out["mod"] = noun
                return out
            return None
        out["prep"] = prep
        rest = inner[1:]
        if "+" in rest:
            rest = [r for r in rest if r != "+"]
            out["target"] = prep
        if len(rest) > 1:
            return None
        if rest:
            noun = parse_element_noun(rest[0])
            if noun is None or noun[1]:
                return None  # modifiers on the preposition's object: too specific
            out["pobj"] = noun[0]
    if not any(out[k] for k in ("prt", "obj", "prep")):
        return None
    return out


def comment_verbs(comment: str, blk: Block, all_forms: dict[str, str]) -> list[tuple[str, str]]:
    """The verb(s) a pattern was written for: (verb, extra words of a multi-word verb)."""
    out = []
    for w in re.split(r"[,\s]+", comment):
        if not w or not re.fullmatch(r"[A-Za-z_+-]+", w) or w.lower() != w and not w.isupper():
            continue
        parts = w.replace("+", "").lower().split("_")
        head = parts[0]
        verb = blk.forms.get(head) or all_forms.get(head)
        if verb is None:
            continue
        rest = " ".join(parts[1:])
        if (verb, rest) not in out:
            out.append((verb, rest))
        break  # the first verb named is the pattern's verb
    return out


# ----------------------------------------------------------------------------- build

def build(src: Path, spec: Path, audit: bool = False) -> tuple[list[list[str]], dict[str, list[str]], dict]:
    table = read_plover_table(spec / "CAMEO2PLOVER-2021.txt")
    lines = (src / "CAMEO.2.0.txt").read_text(encoding="latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    end = next((i for i, line in enumerate(lines) if line.startswith("######## TRANSFORMATIONS")), len(lines))
    sets = read_synsets(lines[:start])
    blocks = read_blocks(lines[start + 1: end])
    all_forms: dict[str, str] = {}
    for b in blocks:
        for f, v in b.forms.items():
            all_forms.setdefault(f, v)

    stats = defaultdict(int)
    rows: dict[tuple, tuple] = {}  # key -> (category, mode, cameo, target, from)
    isolated: dict[tuple[str, str], tuple[str, str | None]] = {}

    def put(key, cat, mode, cameo, target, src_verb):
        old = rows.get(key)
        val = (cat, mode or "", cameo, target, src_verb)
        if old is None or (len(cameo), cameo) > (len(old[2]), old[2]) and old[0] == cat or \
                (old[0] != cat and len(cameo) > len(old[2])):
            rows[key] = val
            if old is not None:
                stats["duplicate"] += 1
        else:
            stats["duplicate"] += 1

    # isolated verbs
    for b in blocks:
        for verb, rest, own in b.verbs:
            code = first_code(block_code(b, own))
            if code is None:
                stats["isolated: null code"] += 1
                continue
            pl = plover_of(code, table)
            if pl is None:
                stats["isolated: no PLOVER category"] += 1
                continue
            words = rest.split()
            if rest and (verb, rest) not in KEEP_ISOLATED_PHRASES or not rest and verb not in KEEP_ISOLATED:
                stats["isolated: not kept (review list)"] += 1
                continue
            prt = prep = obj = ""
            if len(words) == 1:
                w = words[0]
                if w in PARTICLES:
                    prt = w
                elif w in PREPOSITIONS:
                    prep = w
                else:
                    obj = singular(w)
            elif len(words) > 1:
                stats["isolated: long phrase"] += 1
                continue
            isolated[(verb, rest)] = pl
            target = prep if prep in ("with", "to", "against", "on", "at", "into", "for") else ""
            put((verb, prt, obj, "", prep, ""), pl[0], pl[1], code, target, b.name.lower())
            stats["isolated: kept"] += 1

    # patterns
    for b in blocks:
        first_verb = b.verbs[0] if b.verbs else None
        for body, code_s, comment in b.patterns:
            code = first_code(code_s)
            if code is None:
                stats["pattern: null or target-only code"] += 1
                continue
            pl = plover_of(code, table)
            if pl is None:
                stats["pattern: no PLOVER category"] += 1
                continue
            pat = parse_pattern(body)
            if pat is None:
                stats["pattern: shape not expressible"] += 1
                continue
            verbs = comment_verbs(comment, b, all_forms) if comment else []
            if not verbs and first_verb is not None and not comment:
                verbs = [(first_verb[0], first_verb[1])]
            if not verbs:
                stats["pattern: verb not identified"] += 1
                continue
            for verb, rest in verbs:
                p = dict(pat)
                if rest:
                    words = rest.split()
                    if len(words) != 1 or p["prt"]:
                        stats["pattern: long verb phrase"] += 1
                        continue
                    if words[0] in PARTICLES:
                        p["prt"] = words[0]
                    elif words[0] in PREPOSITIONS and not p["prep"]:
                        p["prep"] = words[0]
                    else:
                        stats["pattern: long verb phrase"] += 1
                        continue
                for k in ("obj", "pobj"):
                    if p[k].startswith("&") and p[k][1:] not in sets:
                        p[k] = ""
                        p = None
                        break
                if p is None:
                    stats["pattern: unknown word set"] += 1
                    continue
                base = isolated.get((verb, rest))
                if base is not None and base == pl and not p["prep"] and not p["obj"] and not p["prt"]:
                    stats["pattern: same as its verb"] += 1
                    continue
                if base is not None and base == pl and not p["prep"] and not p["prt"]:
                    stats["pattern: same as its verb"] += 1
                    continue
                key = (verb, p["prt"], p["obj"], p["mod"], p["prep"], p["pobj"])
                put(key, pl[0], pl[1], code, p["target"], b.name.lower())
                stats["pattern: kept"] += 1

    forms = {}
    for b in blocks:
        for f, v in b.forms.items():
            if f != v and f.isalpha() and v.isalpha() and v not in regular_lemmas(f):
                forms.setdefault(f, v)
    out_rows = []
    for key in sorted(rows):
        cat, mode, cameo, target, src_verb = rows[key]
        out_rows.append(list(key) + [cat, mode, cameo, target, src_verb])
    used_sets = {c[1:] for r in out_rows for c in (r[2], r[5]) if c.startswith("&")}
    return out_rows, {k: sets[k] for k in sorted(used_sets)}, dict(stats), dict(sorted(forms.items()))


def regular_lemmas(word: str) -> set:
    """Lemmas a regular English ending explains (the matcher tries these itself)."""
    out = set()
    for suf, rep_ in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("es", ""),
                      ("s", "")):
        if word.endswith(suf):
            out.add(word[: len(word) - len(suf)] + rep_)
    for suf in ("ed", "ing"):
        if word.endswith(suf) and len(word) > len(suf) + 2 and word[-len(suf) - 1] == word[-len(suf) - 2]:
            out.add(word[: -len(suf) - 1])
    return out


def write(rows, sets, path: Path, forms=None) -> None:
    buf = [MIT_NOTICE, HEADER, "#\t" + "\t".join(COLUMNS) + "\n"]
    for name, words in sets.items():
        buf.append(f"&{name}\t{'|'.join(words)}\n")
    for form, lemma in (forms or {}).items():
        buf.append(f"@{form}\t{lemma}\n")
    for r in rows:
        buf.append("\t".join(r) + "\n")
    path.write_text("".join(buf), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", nargs="?", default=str(ROOT.parent / "shared" / "kb-sources"))
    ap.add_argument("--spec", default=None, help="folder of CAMEO2PLOVER-2021.txt (default: ../spec beside sources)")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--audit", action="store_true", help="print what was kept and pruned")
    args = ap.parse_args(argv)
    src = Path(args.sources)
    spec = Path(args.spec) if args.spec else src.parent / "spec"
    rows, sets, stats, forms = build(src, spec, args.audit)
    write(rows, sets, Path(args.out), forms)
    by_cat = defaultdict(int)
    for r in rows:
        by_cat[r[6]] += 1
    print(f"wrote {len(rows)} rows and {len(sets)} word sets to {args.out}", file=sys.stderr)
    if args.audit:
        for k in sorted(stats):
            print(f"  {k}: {stats[k]}", file=sys.stderr)
        for k in sorted(by_cat):
            print(f"  {k}: {by_cat[k]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
