"""Rule tests of the actors component on hand-built Docs and a small knowledge base.

Each resolution rule has a positive case and a negative one. No model needed.
"""
from __future__ import annotations

import pytest

from dyads.nlp.kb import Entry, KnowledgeBase, name_key
from docs import build, run_actors

KB = KnowledgeBase([
    Entry("country:SYR", "Syria", "country", country="SYR", cameo="SYR", demonyms=["Syrian", "Syrians"]),
    Entry("gov:SYR", "Syrian government", "state", country="SYR", cameo="SYRGOV", aliases=["Syrian regime", "Assad regime"]),
    Entry("person:bashar-al-assad", "Bashar al-Assad", "person", country="SYR", cameo="SYRGOV", short=["Assad"]),
    Entry("person:hafez-al-assad", "Hafez al-Assad", "person", country="SYR", short=["Assad"]),
    Entry("group:hezbollah", "Hezbollah", "armed_group", country="LBN", cameo="LBNREB", aliases=["Hizbullah", "Hizballah"]),
    Entry("group:isis", "Islamic State", "armed_group", aliases=["ISIS", "ISIL", "Daesh"]),
    Entry("community:alawites", "Alawites", "community", demonyms=["Alawite"]),
    Entry("community:shiites", "Shiites", "community", demonyms=["Shiite", "Shia"]),
    Entry("country:USA", "United States", "country", country="USA", aliases=["US"], demonyms=["American"]),
])


def analyse(spec: str):
    doc = build(spec)
    run_actors(doc, KB)
    return doc, doc._.dyads_actors


def by_name(actors, name):
    found = [a for a in actors if a.name == name]
    assert found, f"no actor {name!r} in {[a.name for a in actors]}"
    return found[0]


def mention_texts(doc, actor):
    return [doc[c.start : c.end].text for c in actor.cands]


# ------------------------------------------------------------------ knowledge base


@pytest.mark.parametrize("a,b", [("Al-Assad", "Assad"), ("al Assad", "Assad"), ("Bashar el-Assad", "Bashar Assad"),
                                 ("Shi'ites", "Shiites"), ("Hizb\u00fcllah", "Hizbullah")])
def test_name_keys_fold_articles_accents_and_apostrophes(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a,b", [("Assad", "Asad"), ("Syrian", "Syria"), ("as Syria", "Syria")])
def test_name_keys_keep_real_differences(a, b):
    assert name_key(a) != name_key(b)


def test_acronyms_match_only_in_capitals():
    words = "ISIS and Isis and US and us".split()
    hits = KB.match(words, [w.isupper() and len(w) > 1 for w in words])
    assert [(s, e) for s, e, _ in hits] == [(0, 1), (4, 5)]


SPELLING = """
Hizballah     NNP  nsubj  1  B-ORG
fought        VBD  ROOT   1
alongside     IN   prep   1
Assad         NNP  pobj   2  B-PERSON
.             .    punct  1
"""


def test_spelling_variant_links_to_knowledge_base():
    doc, actors = analyse(SPELLING)
    hz = by_name(actors, "Hezbollah")
    assert hz.kb_id == "group:hezbollah" and hz.type == "armed_group"
    assert mention_texts(doc, hz) == ["Hizballah"]


PRO_REGIME = """
pro       JJ    amod    2
-         HYPH  punct   2
Assad     NNP   amod    3
militias  NNS   nsubj   4
attacked  VBD   ROOT    4
.         .     punct   4
"""


def test_pro_prefix_names_a_stance_not_the_actor():
    doc, actors = analyse(PRO_REGIME)
    assert all(a.kb_id != "person:bashar-al-assad" for a in actors)
    militia = by_name(actors, "pro-assad militias")
    assert militia.type == "armed_group"


# ------------------------------------------------------------------ titles and surnames

TITLE_AND_SURNAME = """
President  NNP  compound  4
Bashar     NNP  compound  4  B-PERSON
al         NNP  compound  4  I-PERSON
-          HYPH punct     4  I-PERSON
Assad      NNP  nsubj     5  I-PERSON
spoke      VBD  ROOT      5
.          .    punct     5
Assad      NNP  nsubj     8  B-ORG
said       VBD  ROOT      8
no         DT   dobj      8
.          .    punct     8
"""


def test_title_becomes_role_and_surname_joins_full_name():
    doc, actors = analyse(TITLE_AND_SURNAME)
    persons = [a for a in actors if a.type == "person"]
    assert len(persons) == 1
    p = persons[0]
    assert p.kb_id == "person:bashar-al-assad"
    assert mention_texts(doc, p) == ["Bashar al-Assad", "Assad"]
    assert p.attributes["role"]["value"] == "President"


TWO_ASSADS = """
Bashar     NNP  compound  3  B-PERSON
al         NNP  compound  3  I-PERSON
-          HYPH punct     3  I-PERSON
Assad      NNP  nsubj     4  I-PERSON
ruled      VBD  ROOT      4
.          .    punct     4
Hafez      NNP  compound  9  B-PERSON
al         NNP  compound  9  I-PERSON
-          HYPH punct     9  I-PERSON
Assad      NNP  nsubj     10 I-PERSON
died       VBD  ROOT      10
.          .    punct     10
Assad      NNP  nsubj     13 B-PERSON
had        VBD  ROOT      13
ruled      VBN  dobj      13
.          .    punct     13
Later      RB   advmod    17
,          ,    punct     17
Assad      NNP  nsubj     19 B-PERSON
spoke      VBD  ROOT      19
again      RB   advmod    19
.          .    punct     19
"""


def test_surname_goes_to_person_named_just_before_else_to_first_introduced():
    doc, actors = analyse(TWO_ASSADS)
    bashar = by_name(actors, "Bashar al-Assad")
    hafez = by_name(actors, "Hafez al-Assad")
    starts = lambda a: [c.start for c in a.cands]
    assert 12 in starts(hafez)  # right after Hafez is named
    assert 18 in starts(bashar)  # later: the first-introduced Assad again
    assert 18 not in starts(hafez)


# ------------------------------------------------------------------ acronyms

ACRONYM = """
The        DT    det       3
National   NNP   compound  3  B-ORG
Unity      NNP   compound  3  I-ORG
Committee  NNP   nsubj     8  I-ORG
(          -LRB- punct     3
NUC        NNP   appos     3
)          -RRB- punct     3
also       RB    advmod    8
spoke      VBD   ROOT      8
.          .     punct     8
NUC        NNP   nsubj     11
said       VBD   ROOT      11
so         RB    advmod    11
.          .     punct     11
"""


def test_acronym_in_parentheses_joins_its_long_form_everywhere():
    doc, actors = analyse(ACRONYM)
    com = by_name(actors, "National Unity Committee")
    assert mention_texts(doc, com) == ["National Unity Committee", "NUC", "NUC"]
    assert com.type == "political_group"


def test_parenthesised_word_that_does_not_fit_initials_is_not_an_alias():
    spec = ACRONYM.replace("NUC", "XYZ")
    doc, actors = analyse(spec)
    com = by_name(actors, "National Unity Committee")
    assert "XYZ" not in mention_texts(doc, com)


# ------------------------------------------------------------------ descriptions

REGIME = """
Syria      NNP  nsubj     1  B-GPE
suffers    VBZ  ROOT      1
.          .    punct     1
The        DT   det       4
regime     NN   nsubj     5
fell       VBD  ROOT      5
.          .    punct     5
"""


def test_the_regime_is_the_government_of_the_articles_country():
    doc, actors = analyse(REGIME)
    gov = by_name(actors, "Syrian government")
    assert gov.kb_id == "gov:SYR" and gov.type == "state"
    assert mention_texts(doc, gov) == ["The regime"]


def test_the_regime_without_any_country_stays_generic():
    spec = REGIME.replace("Syria      NNP  nsubj     1  B-GPE", "It         PRP  nsubj     1")
    doc, actors = analyse(spec)
    assert [a.name for a in actors] == ["government"]


def test_regime_led_by_a_person_takes_that_persons_country():
    spec = """
    The        DT   det       1
    regime     NN   nsubj     6
    led        VBN  acl       1
    by         IN   agent     2
    Bashar     NNP  compound  5  B-PERSON
    Assad      NNP  pobj      3  I-PERSON
    fell       VBD  ROOT      6
    .          .    punct     6
    """
    doc, actors = analyse(spec)
    gov = by_name(actors, "Syrian government")
    assert mention_texts(doc, gov) == ["The regime"]


OPPOSITION = """
Syrian       JJ   amod      1  B-NORP
opposition   NN   compound  2
figures      NNS  nsubj     3
met          VBD  ROOT      3
.            .    punct     3
The          DT   det       5
opposition   NN   nsubj     6
agreed       VBD  ROOT      6
.            .    punct     6
"""


def test_opposition_resolves_to_the_countrys_opposition():
    doc, actors = analyse(OPPOSITION)
    opp = by_name(actors, "Syrian opposition")
    assert opp.type == "political_group"
    assert mention_texts(doc, opp) == ["opposition", "The opposition"]


THE_PRESIDENT = """
President  NNP  compound  2
Bashar     NNP  compound  2  B-PERSON
Assad      NNP  nsubj     3  I-PERSON
spoke      VBD  ROOT      3
.          .    punct     3
The        DT   det       6
president  NN   poss      8
's         POS  case      6
clan       NN   nsubj     9
fought     VBD  ROOT      9
.          .    punct     9
"""


def test_the_president_is_the_person_titled_president():
    doc, actors = analyse(THE_PRESIDENT)
    p = by_name(actors, "Bashar al-Assad")
    assert "The president" in mention_texts(doc, p)


def test_the_president_is_not_a_former_president():
    spec = """
    former     JJ   amod      1
    president  NN   compound  3
    Bashar     NNP  compound  3  B-PERSON
    Assad      NNP  nsubj     4  I-PERSON
    spoke      VBD  ROOT      4
    .          .    punct     4
    The        DT   det       7
    president  NN   nsubj     8
    spoke      VBD  ROOT      8
    .          .    punct     8
    """
    doc, actors = analyse(spec)
    p = by_name(actors, "Bashar al-Assad")
    assert "The president" not in mention_texts(doc, p)
    assert p.attributes["role"]["value"] == "former president"


THE_WEEKLY = """
Speaking   VBG  advcl     6
to         IN   prep      0
Al         NNP  compound  4  B-ORG
-          HYPH punct     4  I-ORG
Ahram      NNP  compound  5  I-ORG
Weekly     NNP  pobj      1  I-ORG
he         PRP  nsubj     7
said       VBD  ROOT      7
.          .    punct     7
The        DT   det       10
Weekly     NNP  nsubj     11
asked      VBD  ROOT      11
.          .    punct     11
"""


def test_the_last_word_of_a_name_stands_for_it():
    doc, actors = analyse(THE_WEEKLY)
    w = by_name(actors, "Al-Ahram Weekly")
    assert w.type == "media"
    assert mention_texts(doc, w) == ["Al-Ahram Weekly", "The Weekly"]


# ------------------------------------------------------------------ pronouns

PRONOUNS = """
Riyad      NNP  compound  1  B-PERSON
Darar      NNP  nsubj     2  I-PERSON
believes   VBZ  ROOT      2
it         PRP  dobj      2
.          .    punct     2
\u201c          ``   punct     7
Bashar     NNP  compound  7  B-PERSON
Assad      NNP  nsubj     8  I-PERSON
lies       VBZ  ccomp     11
\u201d          ''   punct     8
,          ,    punct     11
he         PRP  nsubj     11
said       VBD  ROOT      11
.          .    punct     11
"""


def test_he_after_a_quote_is_the_speaker_not_the_person_quoted():
    doc, actors = analyse(PRONOUNS)
    darar = by_name(actors, "Riyad Darar")
    assert mention_texts(doc, darar) == ["Riyad Darar", "he"]
    assert "he" not in mention_texts(doc, by_name(actors, "Bashar al-Assad"))


HE_ADDED = """
Darar      NNP  nsubj     1  B-PERSON
spoke      VBD  ROOT      1
.          .    punct     1
Hafez      NNP  compound  4  B-PERSON
Assad      NNP  nsubj     5  I-PERSON
jailed     VBD  ccomp     8
foes       NNS  dobj      5
,          ,    punct     8
he         PRP  nsubj     8
added      VBD  ROOT      8
.          .    punct     8
"""


def test_he_added_skips_the_persons_of_the_reported_clause():
    doc, actors = analyse(HE_ADDED)
    assert "he" in mention_texts(doc, by_name(actors, "Darar"))
    assert "he" not in mention_texts(doc, by_name(actors, "Hafez al-Assad"))


# ------------------------------------------------------------------ types from context

def test_people_mistaken_for_a_place_become_a_community():
    spec = """
    Druzes     NNPS nsubj  1  B-GPE
    fled       VBD  ROOT   1
    .          .    punct  1
    """
    doc, actors = analyse(spec)
    assert by_name(actors, "Druzes").type == "community"


def test_a_city_is_not_an_actor():
    spec = """
    Aleppo     NNP  nsubj  1  B-GPE
    burned     VBD  ROOT   1
    .          .    punct  1
    """
    doc, actors = analyse(spec)
    assert actors == []


def test_organisation_label_with_a_title_before_it_is_a_person():
    spec = """
    opposition NN   compound  1
    figure     NN   compound  3
    Fawwaz     NNP  compound  3  B-ORG
    Tallo      NNP  nsubj     4  I-ORG
    believes   VBZ  ROOT      4
    it         PRP  dobj      4
    .          .    punct     4
    Tallo      NNP  nsubj     8  B-ORG
    said       VBD  ROOT      8
    .          .    punct     8
    """
    doc, actors = analyse(spec)
    t = by_name(actors, "Fawwaz Tallo")
    assert t.type == "person"
    assert mention_texts(doc, t) == ["Fawwaz Tallo", "Tallo"]
    assert t.attributes["role"]["value"] == "opposition figure"


def test_organisation_name_keyword_gives_type_not_person():
    spec = """
    Liberation NNP  compound  1  B-ORG
    Front      NNP  nsubj     2  I-ORG
    said       VBD  ROOT      2
    it         PRP  dobj      2
    .          .    punct     2
    """
    doc, actors = analyse(spec)
    assert by_name(actors, "Liberation Front").type == "armed_group"


def test_companies_such_as_gives_company_type():
    spec = """
    Companies  NNS  nsubj     6
    such       JJ   amod      2
    as         IN   prep      0
    Mortada    NNP  pobj      2  B-ORG
    and        CC   cc        3
    Bostan     NNP  conj      3  B-ORG
    armed      VBD  ROOT      6
    them       PRP  dobj      6
    .          .    punct     6
    """
    doc, actors = analyse(spec)
    assert by_name(actors, "Mortada").type == "company"
    assert by_name(actors, "Bostan").type == "company"


def test_lowercase_person_entity_is_dropped():
    spec = """
    sectarian  JJ   amod   1  B-PERSON
    combatants NNS  nsubj  2  I-PERSON
    fought     VBD  ROOT   2
    .          .    punct  2
    """
    doc, actors = analyse(spec)
    assert actors == []


def test_missed_person_found_by_apposition():
    spec = """
    Riyad      NNP  compound  1
    Darar      NNP  nsubj     6
    ,          ,    punct     1
    a          DT   det       4
    member     NN   appos     1
    ,          ,    punct     1
    spoke      VBD  ROOT      6
    .          .    punct     6
    """
    doc, actors = analyse(spec)
    d = by_name(actors, "Riyad Darar")
    assert d.type == "person" and d.attributes["role"]["value"] == "member"


def test_capitalised_chunk_without_person_context_is_not_a_person():
    spec = """
    Riyad      NNP  compound  1
    Darar      NNP  nsubj     2
    fell       VBD  ROOT      2
    .          .    punct     2
    """
    doc, actors = analyse(spec)
    assert actors == []


# ------------------------------------------------------------------ attributes

def test_apposition_religion_and_title_country():
    spec = """
    Iraqi      JJ   amod      2  B-NORP
    Prime      NNP  compound  2
    Minister   NNP  compound  4
    Nuri       NNP  compound  4  B-PERSON
    Maliki     NNP  nsubj     9  I-PERSON
    ,          ,    punct     4
    a          DT   det       7
    Shiite     NNP  appos     4
    ,          ,    punct     4
    spoke      VBD  ROOT      9
    .          .    punct     9
    """
    kb_iraq = Entry("country:IRQ", "Iraq", "country", country="IRQ", demonyms=["Iraqi"])
    KB.add(kb_iraq)
    doc, actors = analyse(spec)
    m = by_name(actors, "Nuri Maliki")
    assert m.attributes["role"]["value"] == "Prime Minister"
    assert m.attributes["country"]["value"] == "IRQ"
    assert m.attributes["religion"]["value"] == "Shiite"


# ------------------------------------------------------------------ gender, titles, entity clean-up

GENDER = """
Nadia      NNP  compound  1  B-PERSON
Haddad     NNP  nsubj     2  I-PERSON
spoke      VBD  ROOT      2
.          .    punct     2
Christopher NNP compound  4  B-PERSON
Wray       NNP  nsubj     5  I-PERSON
listened   VBD  ROOT      5
.          .    punct     5
She        PRP  nsubj     7
left       VBD  ROOT      7
.          .    punct     7
"""


def test_she_skips_a_man_named_more_recently():
    doc, actors = analyse(GENDER)
    assert "She" in mention_texts(doc, by_name(actors, "Nadia Haddad"))
    assert "She" not in mention_texts(doc, by_name(actors, "Christopher Wray"))


def test_he_takes_the_most_recent_person_when_gender_is_unknown():
    doc, actors = analyse(GENDER.replace("She ", "He  "))
    assert "He" in mention_texts(doc, by_name(actors, "Christopher Wray"))


def test_department_in_a_title_is_not_an_organisation():
    spec = """
    Secretary  NNP  compound  4
    of         IN   prep      0
    State      NNP  pobj      1  B-ORG
    Antony     NNP  compound  4  B-PERSON
    Blinken    NNP  nsubj     5  I-PERSON
    spoke      VBD  ROOT      5
    .          .    punct     5
    """
    doc, actors = analyse(spec)
    assert [a.name for a in actors] == ["Antony Blinken"]
    assert actors[0].attributes["role"]["value"] == "Secretary of State"


def test_entity_with_an_inner_possessive_is_not_one_name():
    spec = """
    Syria      NNP  poss      2  B-ORG
    's         POS  case      0  I-ORG
    Mukhabarat NNP  nsubj     3  I-ORG
    spoke      VBD  ROOT      3
    .          .    punct     3
    """
    doc, actors = analyse(spec)
    assert [a.name for a in actors] == ["Syria"]


def test_acronym_inside_the_entity_is_split_off():
    spec = """
    Federal    NNP  compound  2  B-ORG
    Security   NNP  compound  2  I-ORG
    Service    NNP  nsubj     6  I-ORG
    (          -LRB- punct    2  I-ORG
    FSS        NNP  appos     2  I-ORG
    )          -RRB- punct    2
    spoke      VBD  ROOT      6
    .          .    punct     6
    """
    doc, actors = analyse(spec)
    a = by_name(actors, "Federal Security Service")
    assert mention_texts(doc, a) == ["Federal Security Service", "FSS"]


def test_organisation_label_conjoined_with_a_person_is_a_person():
    spec = """
    Talks      NNS  nsubj     5
    between    IN   prep      0
    Omar       NNP  pobj      1  B-PERSON
    and        CC   cc        2
    Zayd       NNP  conj      2  B-ORG
    ended      VBD  ROOT      5
    .          .    punct     5
    """
    doc, actors = analyse(spec)
    assert by_name(actors, "Zayd").type == "person"


def test_organisation_label_alone_stays_an_organisation():
    spec = """
    Zayd       NNP  nsubj     1  B-ORG
    grew       VBD  ROOT      1
    .          .    punct     1
    """
    doc, actors = analyse(spec)
    assert by_name(actors, "Zayd").type == "organization"


def test_name_ending_in_an_adjective_of_the_next_noun_is_matched_without_it():
    KB.add(Entry("mil:IRN", "Iranian army", "state", country="IRN", aliases=["Iranian military"]))
    KB.add(Entry("country:IRN", "Iran", "country", country="IRN", demonyms=["Iranian"]))
    spec = """
    Iranian    JJ   amod      2  B-NORP
    military   JJ   amod      2
    experts    NNS  nsubj     3
    arrived    VBD  ROOT      3
    .          .    punct     3
    """
    doc, actors = analyse(spec)
    assert [a.name for a in actors] == ["Iran"]
    spec = """
    The        DT   det       2
    Iranian    JJ   amod      2  B-NORP
    military   NN   nsubj     3
    arrived    VBD  ROOT      3
    .          .    punct     3
    """
    doc, actors = analyse(spec)
    assert [a.name for a in actors] == ["Iranian army"]
