"""Where an act's target is (dyads.nlp.events: targets.py, matcher.py), on hand-built parses of
sentences the team wrote: towns standing for the state an apposition or a possessor names, and
participles that modify a name rather than tell an act."""
from __future__ import annotations

from dyads.nlp.events.lexicon import load_triggers
from dyads.nlp.events.matcher import _attributive, match_trigger
from dyads.nlp.events.targets import _town_state

from docs import build


def test_apposition_names_the_state_of_a_town():
    # "Rebels shelled Dolo , a Somali border town ."
    doc = build('''
        Rebels   NNS  nsubj     1
        shelled  VBD  ROOT      1
        Dolo     NNP  dobj      1  B-GPE
        ,        ,    punct     2
        a        DT   det       7
        Somali   JJ   amod      7  B-NORP
        border   NN   compound  7
        town     NN   appos     2
        .        .    punct     1
    ''')
    assert _town_state(doc[2]).text == "Somali"
    hit = match_trigger(doc[1], load_triggers())
    assert hit.target.text == "Somali"


def test_possessor_place_names_the_state_of_a_district():
    # "the Kenyan capital 's eastern district"
    doc = build('''
        the       DT   det    2
        Kenyan    JJ   amod   2  B-NORP
        capital   NN   poss   5
        's        POS  case   2
        eastern   JJ   amod   5
        district  NN   ROOT   5
    ''')
    assert _town_state(doc[5]).text == "Kenyan"


def test_a_town_without_a_state_word_stays():
    # "Dolo , a quiet town": no state named
    doc = build('''
        Dolo   NNP  ROOT   0  B-GPE
        ,      ,    punct  0
        a      DT   det    4
        quiet  JJ   amod   4
        town   NN   appos  0
    ''')
    assert _town_state(doc[0]).i == 0
    # a person's district is no state's: "the mayor 's district"
    doc = build('''
        the       DT   det   1
        mayor     NN   poss  3
        's        POS  case  1
        district  NN   ROOT  3
    ''')
    assert _town_state(doc[3]).i == 3


def test_participle_before_a_name_modifies_it():
    # "Residents of occupied East Timor protested ." (parsed with "occupied" as a verb)
    doc = build('''
        Residents  NNS  nsubj     5
        of         IN   prep      0
        occupied   VBN  pcomp     1
        East       NNP  compound  4  B-GPE
        Timor      NNP  dobj      2  I-GPE
        protested  VBD  ROOT      5
        .          .    punct     5
    ''')
    assert _attributive(doc[2])
    assert match_trigger(doc[2], load_triggers()) is None


def test_a_finite_verb_after_its_subject_is_an_act():
    # "Kenya occupied Kismayo ."
    doc = build('''
        Kenya     NNP  nsubj  1  B-GPE
        occupied  VBD  ROOT   1
        Kismayo   NNP  dobj   1  B-GPE
        .         .    punct  1
    ''')
    assert not _attributive(doc[1])
