"""Rule tests: which entity spans can name an actor (names_an_actor). Invented sentences on
hand-built Docs; no model needed."""
from __future__ import annotations

import pytest

from dyads.nlp.mentions import names_an_actor
from docs import build


def span_of(spec: str, start: int, end: int):
    return build(spec)[start:end]


ACCORDS = """
They        PRP  nsubj     1
signed      VBD  ROOT      1
the         DT   det       4
Harwick     NNP  compound  4  B-ORG
Accords     NNPS dobj      1  I-ORG
.           .    punct     1
"""

STORM = """
Storm       NNP  compound  1  B-PERSON
Edna        NNP  nsubj     2  I-PERSON
hit         VBD  ROOT      2
.           .    punct     2
"""

FEAST = """
Pilgrims    NNS  nsubj     1
left        VBD  ROOT      1
after       IN   prep      1
the         DT   det       4
Hajj        NNP  pobj      2  B-ORG
.           .    punct     1
"""

COMMON_START = """
Rockets     NNS  nsubj     1  B-ORG
fell        VBD  ROOT      1
.           .    punct     1
"""

NAMES = """
Harwick     NNP  compound  1  B-ORG
Council     NNP  nsubj     2  I-ORG
met         VBD  ROOT      2
Edna        NNP  dobj      2  B-PERSON
.           .    punct     2
"""


@pytest.mark.parametrize("spec,start,end", [(ACCORDS, 3, 5), (STORM, 0, 2), (FEAST, 4, 5), (COMMON_START, 0, 1)])
def test_events_deals_storms_feasts_and_common_words_name_no_actor(spec, start, end):
    assert not names_an_actor(span_of(spec, start, end))


@pytest.mark.parametrize("start,end", [(0, 2), (3, 4)])
def test_organisations_and_persons_still_do(start, end):
    assert names_an_actor(span_of(NAMES, start, end))


def test_a_singular_noun_starting_a_sentence_may_be_a_name_the_tagger_missed():
    assert names_an_actor(span_of("""
    Harwickpeace NN   nsubj     1  B-ORG
    protested    VBD  ROOT      1
    .            .    punct     1
    """, 0, 1))


def test_a_proper_noun_starting_a_sentence_is_still_a_name():
    assert names_an_actor(span_of("""
    Edna        NNP  nsubj     1  B-PERSON
    spoke       VBD  ROOT      1
    .           .    punct     1
    """, 0, 1))
