"""'the envoy' when the article gave no person that title (coref_descriptions._salient_person):
the one person named just before; no one when several are, or when the title says whose it is.
Hand-built Docs, no model."""
from __future__ import annotations

from docs import build, run_actors


def analyse(spec: str):
    doc = build(spec)
    run_actors(doc)
    return doc, doc._.dyads_actors


def texts_of(doc, actors, name):
    return [doc[c.start : c.end].text for a in actors if a.name == name for c in a.cands]


# "An envoy spoke . Marta Ilves said talks would resume . The envoy left ."
ONE_PERSON = """
An      DT   det       1
envoy   NN   nsubj     2
spoke   VBD  ROOT      2
.       .    punct     2
Marta   NNP  compound  5  B-PERSON
Ilves   NNP  nsubj     6  I-PERSON
said    VBD  ROOT      6
talks   NNS  nsubj     9
would   MD   aux       9
resume  VB   ccomp     6
.       .    punct     6
The     DT   det       12
envoy   NN   nsubj     13
left    VBD  ROOT      13
.       .    punct     13
"""


def test_the_envoy_no_one_was_titled_is_the_one_person_named_just_before():
    doc, actors = analyse(ONE_PERSON)
    assert "The envoy" in texts_of(doc, actors, "Marta Ilves")


def test_the_envoy_the_article_never_spoke_of_before_is_someone_new():
    # "Marta Ilves said talks would resume . The envoy left .": no envoy was spoken of before
    rows = ONE_PERSON.strip().splitlines()[4:]
    shifted = []
    for line in rows:
        parts = line.split()
        parts[3] = str(int(parts[3]) - 4)
        shifted.append("  ".join(parts))
    doc, actors = analyse("\n".join(shifted))
    assert "The envoy" not in texts_of(doc, actors, "Marta Ilves")


def test_the_envoy_of_someone_is_not_the_person_named_before():
    # "... The envoy of Ostria left ."
    doc, actors = analyse(ONE_PERSON.replace("""left    VBD  ROOT      13
.       .    punct     13""", """of      IN   prep      12
Ostria  NNP  pobj      13  B-GPE
left    VBD  ROOT      15
.       .    punct     15""").replace("envoy   NN   nsubj     13", "envoy   NN   nsubj     15"))
    assert "The envoy" not in texts_of(doc, actors, "Marta Ilves")


def test_the_envoy_after_two_persons_is_neither():
    # "An envoy spoke . Marta Ilves met Jaan Tamm . The envoy left ."
    doc, actors = analyse("""
An      DT   det       1
envoy   NN   nsubj     2
spoke   VBD  ROOT      2
.       .    punct     2
Marta   NNP  compound  5  B-PERSON
Ilves   NNP  nsubj     6  I-PERSON
met     VBD  ROOT      6
Jaan    NNP  compound  8  B-PERSON
Tamm    NNP  dobj      6  I-PERSON
.       .    punct     6
The     DT   det       11
envoy   NN   nsubj     12
left    VBD  ROOT      12
.       .    punct     12
""")
    assert not texts_of(doc, actors, "Marta Ilves").count("The envoy")
    assert not texts_of(doc, actors, "Jaan Tamm").count("The envoy")
