"""Sides named by a list, on hand-built parses: a group noun whose members a list in apposition names
(each member acts), a list the parser hung on a single name inside the group noun's phrase, and a
doer's companion set off by "along with". The countries are made up.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from dyads.nlp.events import EventsComponent
from docs import events_doc

COUNTRIES = {"Genovia": ("A1", "country"), "Ruritania": ("A2", "country"), "Latveria": ("A3", "country"),
             "Borduria": ("A4", "country"), "Syldavia": ("A5", "country")}


@pytest.fixture(scope="module")
def events():
    component = EventsComponent()

    def run(rows: str) -> list[tuple]:
        doc = events_doc(rows, COUNTRIES)
        component(doc)
        return sorted((e.source, e.target) for e in doc._.dyads_events if e.category == "ASSAULT")
    return run


def misplaced(noun: str, lemma: str, opener: str, items: int = 3) -> str:
    # "Genovia condemned <noun> that attacked Ruritania <opener> Latveria , Borduria and Syldavia ."
    rows = f"""
Genovia 1 nsubj PROPN NNP Genovia
condemned 1 ROOT VERB VBD condemn
{noun} 1 dobj NOUN NNS {lemma}
that 4 nsubj PRON WDT that
attacked 2 relcl VERB VBD attack
Ruritania 4 dobj PROPN NNP Ruritania
{opener} 5 punct PUNCT : {opener}
Latveria 5 appos PROPN NNP Latveria
"""
    if items == 3:
        rows += """, 7 punct PUNCT , ,
Borduria 7 conj PROPN NNP Borduria
and 9 cc CCONJ CC and
Syldavia 9 conj PROPN NNP Syldavia
"""
    return rows + ". 1 punct PUNCT . .\n"


def test_a_list_after_a_dash_names_the_members_of_the_countries_before_it(events):
    assert events(misplaced("countries", "country", "–")) == [("A3", "A2"), ("A4", "A2"), ("A5", "A2")]


def test_a_list_after_a_colon_names_them_too(events):
    assert events(misplaced("states", "state", ":")) == [("A3", "A2"), ("A4", "A2"), ("A5", "A2")]


def test_a_list_after_a_mere_comma_is_not_reattached(events):
    # "attacked Ruritania, Latveria, ...": no dash, so not a list set off for the countries
    assert ("A3", "A2") not in events(misplaced("countries", "country", ","))


def test_one_name_after_a_dash_is_no_list(events):
    assert ("A3", "A2") not in events(misplaced("countries", "country", "–", items=1))


def test_a_noun_of_no_kind_of_actor_takes_no_members(events):
    assert ("A3", "A2") not in events(misplaced("films", "film", "–"))


DIRECT = """
Two 1 nummod NUM CD two
countries 7 nsubj NOUN NNS country
– 3 punct PUNCT : –
Genovia 1 appos PROPN NNP Genovia
and 3 cc CCONJ CC and
Ruritania 3 conj PROPN NNP Ruritania
– 3 punct PUNCT : –
attacked 7 ROOT VERB VBD attack
Latveria 7 dobj PROPN NNP Latveria
. 7 punct PUNCT . .
"""


def test_a_list_in_apposition_to_the_group_noun_names_its_members(events):
    assert events(DIRECT) == [("A1", "A3"), ("A2", "A3")]


def test_a_list_with_an_item_that_names_no_actor_names_no_members(events):
    got = events(DIRECT.replace("Ruritania 3 conj PROPN NNP Ruritania", "others 3 conj NOUN NNS other"))
    assert all(s is None for s, _ in got)


ALONG_SUBJECT = """
Genovia 6 nsubj PROPN NNP Genovia
, 6 punct PUNCT , ,
along 6 prep ADP IN along
with 2 prep ADP IN with
Latveria 3 pobj PROPN NNP Latveria
, 6 punct PUNCT , ,
attacked 6 ROOT VERB VBD attack
Ruritania 6 dobj PROPN NNP Ruritania
. 6 punct PUNCT . .
"""


def test_a_companion_set_off_after_the_subject_acts_too(events):
    assert events(ALONG_SUBJECT) == [("A1", "A2"), ("A3", "A2")]


def test_a_companion_after_the_object_is_neither_doer_nor_victim(events):
    got = events("""
Genovia 1 nsubj PROPN NNP Genovia
attacked 1 ROOT VERB VBD attack
Ruritania 1 dobj PROPN NNP Ruritania
, 1 punct PUNCT , ,
along 1 prep ADP IN along
with 4 prep ADP IN with
Latveria 5 pobj PROPN NNP Latveria
. 1 punct PUNCT . .
""")
    assert got == [("A1", "A2")]


def test_a_companion_not_set_off_by_a_comma_is_left_alone(events):
    got = events("""
Genovia 5 nsubj PROPN NNP Genovia
along 5 prep ADP IN along
with 1 prep ADP IN with
Latveria 2 pobj PROPN NNP Latveria
, 5 punct PUNCT , ,
attacked 5 ROOT VERB VBD attack
Ruritania 5 dobj PROPN NNP Ruritania
. 5 punct PUNCT . .
""")
    assert got == [("A1", "A2")]


def counted(number: bool) -> str:
    # "Genovia killed [200] Ruritanians, civilians and fighters ."
    return f"""
Genovia 1 nsubj PROPN NNP Genovia
killed 1 ROOT VERB VBD kill
{"200" if number else "many"} 3 {"nummod NUM CD 200" if number else "amod ADJ JJ many"}
Ruritanians 1 dobj PROPN NNPS Ruritanians
, 3 punct PUNCT , ,
civilians 3 conj NOUN NNS civilian
and 5 cc CCONJ CC and
fighters 5 conj NOUN NNS fighter
. 1 punct PUNCT . .
"""


def test_kinds_listed_after_counted_people_are_their_parts_not_more_victims(events):
    ruritanians = {"Ruritanians": ("A2", "community")}
    component = EventsComponent()
    doc = events_doc(counted(True), {**COUNTRIES, **ruritanians})
    component(doc)
    assert [(e.source, e.target) for e in doc._.dyads_events] == [("A1", "A2")]


def test_kinds_listed_after_uncounted_people_are_victims_too():
    component = EventsComponent()
    doc = events_doc(counted(False), {**COUNTRIES, "Ruritanians": ("A2", "community")})
    component(doc)
    assert len({e.target for e in doc._.dyads_events}) > 1
