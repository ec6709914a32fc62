"""A second report the text starts inside what a first claim says (a participle of saying after a
comma, a second cue conjoined to the first) ends the first claim's content; a gerund after a
preposition, a report naming its own speaker inside the content, and conjoined 'that'-clauses
under one cue are no second report; the second report shares the first speaker. Hand-built
Docs, invented sentences."""
from __future__ import annotations

from dyads.nlp.claims import Claim
from dyads.nlp.quotes.nested import outermost
from dyads.nlp.quotes.split import split_reports
from tests.docs import build


def _contents(doc, claims):
    return [doc[c.content[0] : c.content[1]].text for c in claims]


# "Ruiz praised the plan for its low cost , arguing that it helps farmers ."
PARTICIPLE = build("""
    Ruiz     NNP  nsubj   1
    praised  VBD  ROOT    1
    the      DT   det     3
    plan     NN   dobj    1
    for      IN   prep    3
    its      PRP$ poss    7
    low      JJ   amod    7
    cost     NN   pobj    4
    ,        ,    punct   1
    arguing  VBG  advcl   1
    that     IN   mark    12
    it       PRP  nsubj   12
    helps    VBZ  ccomp   9
    farmers  NNS  dobj    12
    .        .    punct   1
""")


def test_a_participle_of_saying_starts_a_second_report():
    first = Claim((1, 2), (2, 14), (0, 1), 0, "act")
    second = Claim((9, 10), (11, 14), (0, 1), 0, "speech")
    out = split_reports(PARTICIPLE, [first, second])
    assert _contents(PARTICIPLE, out) == ["the plan for its low cost", "it helps farmers"]
    assert out[0].cue == first.cue and out[0].speaker == first.speaker
    assert len(outermost(out)) == 2  # the second report is no longer inside the first


# "Ruiz said the dam would hold , and warned against new debt ."
CONJOINED = build("""
    Ruiz     NNP  nsubj   1
    said     VBD  ROOT    1
    the      DT   det     3
    dam      NN   nsubj   5
    would    MD   aux     5
    hold     VB   ccomp   1
    ,        ,    punct   1
    and      CC   cc      1
    warned   VBD  conj    1
    against  IN   prep    8
    new      JJ   amod    11
    debt     NN   pobj    9
    .        .    punct   1
""")


def test_a_second_cue_conjoined_to_the_first_starts_a_second_report():
    first = Claim((1, 2), (2, 12), (0, 1), 0, "speech")
    second = Claim((8, 9), (10, 12), (0, 1), 0, "topic")
    out = split_reports(CONJOINED, [first, second])
    assert _contents(CONJOINED, out) == ["the dam would hold", "new debt"]


# "Ruiz was criticized for saying that the dam would hold ."
GERUND = build("""
    Ruiz        NNP  nsubjpass 2
    was         VBD  auxpass   2
    criticized  VBN  ROOT      2
    for         IN   prep      2
    saying      VBG  pcomp     3
    that        IN   mark      9
    the         DT   det       7
    dam         NN   nsubj     9
    would       MD   aux       9
    hold        VB   ccomp     4
    .           .    punct     2
""")


def test_a_gerund_after_a_preposition_is_no_second_report():
    first = Claim((2, 3), (3, 10), (0, 1), 0, "act")
    second = Claim((4, 5), (6, 10), (0, 1), 0, "speech")
    out = split_reports(GERUND, [first, second])
    assert out[0] is first


# "Ruiz said Lee told police that he left ."   (a report whose speaker the content names)
INNER = build("""
    Ruiz    NNP  nsubj   1
    said    VBD  ROOT    1
    Lee     NNP  nsubj   3
    told    VBD  ccomp   1
    police  NNS  dobj    3
    that    IN   mark    7
    he      PRP  nsubj   7
    left    VBD  ccomp   3
    .       .    punct   1
""")


def test_a_report_naming_its_own_speaker_inside_is_kept_whole():
    first = Claim((1, 2), (2, 8), (0, 1), 0, "speech")
    second = Claim((3, 4), (6, 8), (2, 3), 2, "speech")
    out = split_reports(INNER, [first, second])
    assert out[0] is first


# "Lee said that taxes would fall and that debt would shrink ."
THATS = build("""
    Lee     NNP  nsubj   1
    said    VBD  ROOT    1
    that    IN   mark    6
    taxes   NNS  nsubj   6
    would   MD   aux     6
    fall    VB   ccomp   1
    and     CC   cc      6
    that    IN   mark    11
    debt    NN   nsubj   11
    would   MD   aux     11
    shrink  VB   conj    6
    .       .    punct   1
""")


def test_conjoined_that_clauses_under_one_cue_are_one_report():
    c = Claim((1, 2), (3, 12), (0, 1), 0, "speech")
    assert split_reports(THATS, [c]) == [c]


def test_too_short_a_first_part_keeps_the_claim_whole():
    # "Ruiz praised it , arguing that it helps farmers ."  -> 'it' alone is no report
    doc = build("""
        Ruiz     NNP  nsubj   1
        praised  VBD  ROOT    1
        it       PRP  dobj    1
        ,        ,    punct   1
        arguing  VBG  advcl   1
        that     IN   mark    7
        it       PRP  nsubj   7
        helps    VBZ  ccomp   4
        farmers  NNS  dobj    7
        .        .    punct   1
    """)
    first = Claim((1, 2), (2, 9), (0, 1), 0, "act")
    second = Claim((4, 5), (6, 9), (0, 1), 0, "speech")
    assert split_reports(doc, [first, second])[0] is first


# "Analysts said costs have grown , citing the steel shortage ."  (the parser hangs 'citing' on the
# content's verb, and the second claim found 'costs' as its subject)
INSIDE = build("""
    Analysts  NNS  nsubj   1
    said      VBD  ROOT    1
    costs     NNS  nsubj   5
    have      VBP  aux     5
    grown     VBN  ccomp   1
    ,         ,    punct   4
    citing    VBG  advcl   4
    the       DT   det     9
    steel     NN   compound 9
    shortage  NN   dobj    6
    .         .    punct   1
""")


def test_a_second_report_on_the_contents_verb_takes_the_first_speaker():
    first = Claim((1, 2), (2, 10), (0, 1), 0, "speech")
    second = Claim((6, 7), (7, 10), (2, 3), 2, "act")
    out = split_reports(INSIDE, [first, second])
    assert _contents(INSIDE, out) == ["costs have grown", "the steel shortage"]
    assert out[1].speaker == (0, 1) and out[1].head == 0


def test_a_conjoined_intention_is_no_second_report():
    # "The guard said the man ran , and refused to stop ."  -> what the man did, one report
    doc = build("""
        The      DT   det     1
        guard    NN   nsubj   2
        said     VBD  ROOT    2
        the      DT   det     4
        man      NN   nsubj   5
        ran      VBD  ccomp   2
        ,        ,    punct   5
        and      CC   cc      5
        refused  VBD  conj    5
        to       TO   aux     10
        stop     VB   xcomp   8
        .        .    punct   2
    """)
    first = Claim((2, 3), (3, 11), (0, 2), 1, "speech")
    second = Claim((8, 9), (9, 11), (3, 5), 4, "intent")
    assert split_reports(doc, [first, second])[0] is first
