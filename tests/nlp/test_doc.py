"""The Doc's records and their owners (nlp/doc.py): the actor registry makes and attaches the
actors coreference finds; the events component dates and places its events relative to the
article's date the Analyzer puts on the Doc, for a text parsed whole and one parsed in pieces."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from dyads.model import Article
from dyads.nlp.doc import ActorRegistry, QuoteInfo
from dyads.nlp.kb import Entry, name_key
from dyads.nlp.mentions import Cand

VOCAB = spacy.blank("en").vocab


def test_the_registry_makes_resolving_actors_in_order_with_their_entry_names_as_keys():
    doc = Doc(VOCAB, words="Bashar al-Assad met the rebels".split())
    reg = ActorRegistry(doc)
    assad = reg.new("Bashar al-Assad", "person", entry=Entry("p:assad", "Bashar al-Assad", "person", aliases=["Assad"]))
    rebels = reg.new("rebels", "armed_group", synthetic="group:rebels")
    assert [a.index for a in reg.resolving] == [0, 1] and reg.resolving == [assad, rebels]
    assert assad.keys == {name_key("Bashar al-Assad"), name_key("Assad")}
    assert rebels.keys == set() and rebels.synthetic == "group:rebels"
    assert doc._.dyads_actors is None  # not the article's actors until they are numbered


def test_the_registry_attaches_a_mention_and_keeps_only_names_as_keys():
    doc = Doc(VOCAB, words="Hassan Nasrallah said he would speak".split())
    reg = ActorRegistry(doc)
    a = reg.new("Hassan Nasrallah", "person")
    name, pronoun = Cand(0, 2, "ner", type="person"), Cand(3, 4, "pronoun", type="person")
    reg.attach(a, name)
    reg.attach(a, pronoun)
    assert name.actor == pronoun.actor == a.index and a.cands == [name, pronoun]
    assert a.keys == {name_key("Hassan Nasrallah")}  # "he" is no name of his


def test_quote_info_is_declared_with_the_doc_records_and_still_importable_from_quotes():
    from dyads.nlp import quotes

    assert quotes.QuoteInfo is QuoteInfo
    q = QuoteInfo("direct", 3, 10, "We won")
    assert q.speaker is None and q.regions == [] and q.claim is None


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer(chunk_chars=200)  # a text over 200 characters is parsed in pieces


SENTENCE = "Rebels attacked the army in Aleppo on Monday, the opposition said."
FILLER = "\n\n".join(["The weather was mild and the markets were open as usual that week."] * 4)


@pytest.mark.slow
@pytest.mark.parametrize("text", [SENTENCE, FILLER + "\n\n" + SENTENCE], ids=["whole", "in pieces"])
def test_an_event_is_dated_relative_to_the_article_date_and_placed(analyzer, text):
    def event(date):
        (e,) = analyzer.analyze(Article(text=text, date=date)).events
        return e

    thursday, next_thursday = event("2024-03-14"), event("2024-03-21")
    assert thursday.date == "2024-03-11"  # the Monday before Thursday 14 March 2024
    assert next_thursday.date == "2024-03-18"
    assert event(None).date is None  # "on Monday" of no known week
    result = analyzer.analyze(Article(text=text, date="2024-03-14"))
    assert thursday.place is not None and thursday.place in {p.id for p in result.places}
