"""A later mention of a hyphenated name the article introduced, its second part written small
("Hana Mar-Oz" ... "Mar-oz's removal"): the same person. The first part stays capitalised."""
from __future__ import annotations

from docs import build, run_actors


def analyse(spec: str):
    doc = build(spec)
    run_actors(doc)
    return doc, doc._.dyads_actors


INTRO = """
    Envoy   NNP  compound  2
    Hana    NNP  compound  2  B-PERSON
    Mar     NNP  compound  4  I-PERSON
    -       HYPH punct     4  I-PERSON
    Oz      NNP  nsubj     5  I-PERSON
    left    VBD  ROOT      5
    .       .    punct     5
"""


def texts(doc, actors, name):
    a = next(a for a in actors if a.name == name)
    return [doc[c.start : c.end].text for c in a.cands]


def test_second_part_written_small_after_the_hyphen_is_the_same_name():
    doc, actors = analyse(INTRO + """
    They    PRP  nsubj     8
    hailed  VBD  ROOT      8
    Mar     NNP  compound  11
    -       HYPH punct     11
    oz      NNP  poss      13
    's      POS  case      11
    removal NN   dobj      8
    .       .    punct     8
    """)
    assert texts(doc, actors, "Hana Mar-Oz")[-1] == "Mar-oz"


def test_a_first_part_written_small_is_not_the_name():
    doc, actors = analyse(INTRO + """
    They    PRP  nsubj     8
    hailed  VBD  ROOT      8
    mar     NN   compound  11
    -       HYPH punct     11
    Oz      NNP  poss      13
    's      POS  case      11
    removal NN   dobj      8
    .       .    punct     8
    """)
    assert "mar-Oz" not in texts(doc, actors, "Hana Mar-Oz")
