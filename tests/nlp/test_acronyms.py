"""An acronym in brackets after "<name> in <place>" spells the name with the place
("Board of Chess Control in Ruritania (BCCR)"): it names the board (nlp/acronyms.py)."""
from __future__ import annotations

from docs import build, run_actors


def analyse(spec: str):
    doc = build(spec)
    run_actors(doc)
    return doc, doc._.dyads_actors


BOARD = """
The        DT    det       4
Board      NNP   nsubj     10  B-ORG
of         IN    prep      1   I-ORG
Chess      NNP   compound  4   I-ORG
Control    NNP   pobj      2   I-ORG
in         IN    prep      4
Ruritania  NNP   pobj      5   B-GPE
(          -LRB- punct     1
{acr}      NNP   appos     1
)          -RRB- punct     1
met        VBD   ROOT      10
.          .     punct     10
{acr}      NNP   nsubj     13
said       VBD   ROOT      13
so         RB    advmod    13
.          .     punct     13
"""


def names_of(doc, actors, word):
    return [a.name for a in actors if any(doc[c.start : c.end].text == word for c in a.cands)]


def test_the_acronym_of_a_name_and_its_place_names_the_board():
    doc, actors = analyse(BOARD.format(acr="BCCR"))
    assert names_of(doc, actors, "BCCR") == ["Board of Chess Control"]


def test_an_acronym_that_the_words_do_not_spell_is_not_the_board():
    doc, actors = analyse(BOARD.format(acr="XYZR"))
    assert "Board of Chess Control" not in names_of(doc, actors, "XYZR")
