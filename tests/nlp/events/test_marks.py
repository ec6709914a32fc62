"""Modality of an act under an asking verb (dyads.nlp.events.marks), on hand-built parses of
invented sentences: what a side is asked or urged to do is `demanded`, never asserted, also when it is
the second verb of the asked clause ("urged X to stand by it and recognise Y") or when the parser hung
a bare asked verb on the main verb ("held a rally to demand X recognise Y"). Negative cases: a
conjunct with its own tense or subject, a conjunct of the asking verb itself.
"""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyads.nlp.events.marks import modality, stray_asked

VOCAB = spacy.blank("en").vocab


def parse(rows: str) -> Doc:
    """rows: one token a line, "word head dep POS TAG lemma" (head: absolute index)."""
    toks = [line.split() for line in rows.strip().splitlines()]
    return Doc(VOCAB, words=[t[0] for t in toks], heads=[int(t[1]) for t in toks], deps=[t[2] for t in toks],
               pos=[t[3] for t in toks], tags=[t[4] for t in toks], lemmas=[t[5] for t in toks])


# "Marchers waved flags urging Genovia to keep its word and free the prisoners."
URGED_CONJUNCT = """
Marchers 1 nsubj NOUN NNS marcher
waved 1 ROOT VERB VBD wave
flags 1 dobj NOUN NNS flag
urging 2 acl VERB VBG urge
Genovia 3 dobj PROPN NNP Genovia
to 6 aux PART TO to
keep 3 xcomp VERB VB keep
its 8 poss PRON PRP$ its
word 6 dobj NOUN NN word
and 6 cc CCONJ CC and
free 6 conj VERB VB free
the 12 det DET DT the
prisoners 10 dobj NOUN NNS prisoner
. 1 punct PUNCT . .
"""

# "Students marched through the city to demand Genovia free the prisoners." ("free" misparsed as a
# conjunct of "marched")
STRAY = """
Students 1 nsubj NOUN NNS student
marched 1 ROOT VERB VBD march
through 1 prep ADP IN through
the 4 det DET DT the
city 2 pobj NOUN NN city
to 6 aux PART TO to
demand 1 advcl VERB VB demand
Genovia 6 dobj PROPN NNP Genovia
free 1 conj VERB VBP free
the 10 det DET DT the
prisoners 8 dobj NOUN NNS prisoner
. 1 punct PUNCT . .
"""

# "Students marched to demand reforms and burned an effigy." (the burning happened)
TENSED_CONJUNCT = """
Students 1 nsubj NOUN NNS student
marched 1 ROOT VERB VBD march
to 3 aux PART TO to
demand 1 advcl VERB VB demand
reforms 3 dobj NOUN NNS reform
and 1 cc CCONJ CC and
burned 1 conj VERB VBD burn
an 8 det DET DT an
effigy 6 dobj NOUN NN effigy
. 1 punct PUNCT . .
"""

# "Genovia demanded talks and freed the prisoners." (a conjunct of the asking verb itself)
CONJUNCT_OF_ASKING = """
Genovia 1 nsubj PROPN NNP Genovia
demanded 1 ROOT VERB VBD demand
talks 1 dobj NOUN NNS talk
and 1 cc CCONJ CC and
freed 1 conj VERB VBD free
the 6 det DET DT the
prisoners 4 dobj NOUN NNS prisoner
. 1 punct PUNCT . .
"""

# "Genovia kept its word and they free the prisoners." (a conjunct with its own subject)
OWN_SUBJECT = """
Genovia 1 nsubj PROPN NNP Genovia
kept 1 ROOT VERB VBD keep
its 3 poss PRON PRP$ its
word 1 dobj NOUN NN word
and 1 cc CCONJ CC and
they 6 nsubj PRON PRP they
free 1 conj VERB VBP free
the 8 det DET DT the
prisoners 6 dobj NOUN NNS prisoner
. 1 punct PUNCT . .
"""


def test_second_verb_of_an_urged_clause_is_demanded():
    doc = parse(URGED_CONJUNCT)
    assert modality(doc[6], None) == "demanded"    # keep (xcomp of urging)
    assert modality(doc[10], None) == "demanded"   # free (its conjunct)


def test_bare_verb_hung_on_the_main_verb_after_a_demand_is_demanded():
    doc = parse(STRAY)
    assert stray_asked(doc[8])
    assert modality(doc[8], None) == "demanded"
    assert modality(doc[1], None) == "asserted"    # the march itself happened


def test_tensed_conjunct_after_a_purpose_clause_is_asserted():
    doc = parse(TENSED_CONJUNCT)
    assert not stray_asked(doc[6])
    assert modality(doc[6], None) == "asserted"


def test_conjunct_of_the_asking_verb_is_asserted():
    doc = parse(CONJUNCT_OF_ASKING)
    assert not stray_asked(doc[4])
    assert modality(doc[4], None) == "asserted"


def test_conjunct_with_its_own_subject_keeps_its_own_modality():
    doc = parse(OWN_SUBJECT)
    assert modality(doc[6], None) == "asserted"


# "Genovia is sending no more rifles to Ruritania."
NO_MORE = """
Genovia 2 nsubj PROPN NNP Genovia
is 2 aux AUX VBZ be
sending 2 ROOT VERB VBG send
no 4 neg DET DT no
more 5 amod ADJ JJR more
rifles 2 dobj NOUN NNS rifle
to 2 prep ADP IN to
Ruritania 6 pobj PROPN NNP Ruritania
. 2 punct PUNCT . .
"""

# "Genovia is sending more rifles to Ruritania."
MORE = """
Genovia 2 nsubj PROPN NNP Genovia
is 2 aux AUX VBZ be
sending 2 ROOT VERB VBG send
more 4 amod ADJ JJR more
rifles 2 dobj NOUN NNS rifle
to 2 prep ADP IN to
Ruritania 5 pobj PROPN NNP Ruritania
. 2 punct PUNCT . .
"""


def test_no_more_of_the_object_negates_the_act():
    from dyads.nlp.events.marks import negated
    doc = parse(NO_MORE)
    assert negated(doc[2], None)
    doc = parse(MORE)
    assert not negated(doc[2], None)


# "Genovia expects an attack." / "Genovia braced for a strike." / "Genovia condemned an attack."
def _object_of(verb: str, lemma: str, prep: bool = False) -> Doc:
    if prep:
        return parse(f"""
Genovia 1 nsubj PROPN NNP Genovia
{verb} 1 ROOT VERB VBD {lemma}
for 1 prep ADP IN for
a 4 det DET DT a
strike 2 pobj NOUN NN strike
. 1 punct PUNCT . .
""")
    return parse(f"""
Genovia 1 nsubj PROPN NNP Genovia
{verb} 1 ROOT VERB VBZ {lemma}
an 3 det DET DT an
attack 1 dobj NOUN NN attack
. 1 punct PUNCT . .
""")


def test_an_expected_act_is_not_asserted():
    assert modality(_object_of("expects", "expect")[3], None) == "hypothetical"
    assert modality(_object_of("braced", "brace", prep=True)[4], None) == "hypothetical"


def test_an_act_condemned_or_reported_stays_asserted():
    assert modality(_object_of("condemned", "condemn")[3], None) == "asserted"
    assert modality(_object_of("reported", "report")[3], None) == "asserted"
