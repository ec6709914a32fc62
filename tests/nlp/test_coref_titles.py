"""'the envoy' when the article gave no person that title (coref_descriptions._salient_person):
the one person named just before; no one when several are, or when the title says whose it is.
Hand-built Docs, no model."""
from __future__ import annotations

from dyads.nlp.actors import ActorsComponent
from dyads.nlp.kb import KnowledgeBase
from dyads.nlp.lexicon import load_lexicon
from docs import build


def analyse(spec: str):
    doc = build(spec)
    comp = ActorsComponent.__new__(ActorsComponent)
    comp.name, comp.actors_files = "dyads_actors", ()
    comp.kb, comp.lex = KnowledgeBase([]), load_lexicon()
    comp(doc)
    return doc, doc._.dyads_actors


def texts_of(doc, actors, name):
    return [doc[c.start : c.end].text for a in actors if a.name == name for c in a.cands]


# "Marta Ilves said talks would resume . The envoy left ."
ONE_PERSON = """
Marta   NNP  compound  1  B-PERSON
Ilves   NNP  nsubj     2  I-PERSON
said    VBD  ROOT      2
talks   NNS  nsubj     5
would   MD   aux       5
resume  VB   ccomp     2
.       .    punct     2
The     DT   det       8
envoy   NN   nsubj     9
left    VBD  ROOT      9
.       .    punct     9
"""


def test_the_envoy_no_one_was_titled_is_the_one_person_named_just_before():
    doc, actors = analyse(ONE_PERSON)
    assert "The envoy" in texts_of(doc, actors, "Marta Ilves")


def test_the_envoy_of_someone_is_not_the_person_named_before():
    # "... The envoy of Ostria left ."
    doc, actors = analyse(ONE_PERSON.replace("""left    VBD  ROOT      9
.       .    punct     9""", """of      IN   prep      8
Ostria  NNP  pobj      9  B-GPE
left    VBD  ROOT      11
.       .    punct     11""").replace("envoy   NN   nsubj     9", "envoy   NN   nsubj     11"))
    assert "The envoy" not in texts_of(doc, actors, "Marta Ilves")


def test_the_envoy_after_two_persons_is_neither():
    # "Marta Ilves met Jaan Tamm . The envoy left ."
    doc, actors = analyse("""
Marta   NNP  compound  1  B-PERSON
Ilves   NNP  nsubj     2  I-PERSON
met     VBD  ROOT      2
Jaan    NNP  compound  4  B-PERSON
Tamm    NNP  dobj      2  I-PERSON
.       .    punct     2
The     DT   det       7
envoy   NN   nsubj     8
left    VBD  ROOT      8
.       .    punct     8
""")
    assert not texts_of(doc, actors, "Marta Ilves").count("The envoy")
    assert not texts_of(doc, actors, "Jaan Tamm").count("The envoy")
