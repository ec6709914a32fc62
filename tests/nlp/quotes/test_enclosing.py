"""A quotation no cue gave a speaker, quoted inside the article's sentence, is spoken by the subject
of the nearest verb above it outside the marks; the quotation's own subject outside the marks is
what the words are about, and a quotation that is a sentence of its own takes no one. Hand-built Docs."""
from __future__ import annotations

from dyads.nlp.claims import load_reporting
from dyads.nlp.quotes.enclosing import governing_subject
from dyads.nlp.quotes.framed import _head_of
from tests.docs import build

LEX = load_reporting()


def _speaker(doc, s, e):
    top = _head_of(doc, s, e)
    if top is None:
        return None  # nothing outside the marks governs it
    subj = governing_subject(top, s, e, LEX)
    return None if subj is None else subj.text


def test_the_subject_of_a_verb_telling_someone_to_do_the_quoted_thing():
    # Okafor urged the crowd to " stay home tonight . "
    doc = build("""
        Okafor   NNP  nsubj  1  B-PERSON
        urged    VBD  ROOT   1
        the      DT   det    3
        crowd    NN   dobj   1
        to       TO   aux    6
        "        ``   punct  6
        stay     VB   xcomp  1
        home     RB   advmod 6
        tonight  NN   npadvmod 6
        .        .    punct  6
        "        ''   punct  6
    """)
    assert _speaker(doc, 5, 11) == "Okafor"


def test_a_quotation_as_a_title_speaks_for_the_text_that_uses_it():
    # The memo took her words as its title : " No more delays . "
    doc = build("""
        The     DT   det    1
        memo    NN   nsubj  2
        took    VBD  ROOT   2
        her     PRP$ poss   4
        words   NNS  dobj   2
        as      IN   prep   2
        its     PRP$ poss   7
        title   NN   pobj   5
        :       :    punct  2
        "       ``   punct  12
        No      DT   det    12
        more    JJ   amod   12
        delays  NNS  appos  7
        .       .    punct  12
        "       ''   punct  12
    """)
    assert _speaker(doc, 9, 15) == "memo"


def test_the_relative_pronoun_speaks_for_its_antecedent():
    # Mensah , who joked about the plan , " I have not read it . "
    doc = build("""
        Mensah  NNP  ROOT   0  B-PERSON
        ,       ,    punct  0
        who     WP   nsubj  3
        joked   VBD  relcl  0
        about   IN   prep   3
        the     DT   det    6
        plan    NN   pobj   4
        ,       ,    punct  3
        "       ``   punct  11
        I       PRP  nsubj  11
        have    VBP  aux    11
        read    VBN  ccomp  3
        it      PRP  dobj   11
        .       .    punct  11
        "       ''   punct  11
    """)
    assert _speaker(doc, 8, 15) == "Mensah"


def test_the_quotations_own_subject_outside_the_marks_is_not_its_speaker():
    # The rules bar officials if they " took part in the case . "
    doc = build("""
        The        DT   det    1
        rules      NNS  nsubj  2
        bar        VBP  ROOT   2
        officials  NNS  dobj   2
        if         IN   mark   6
        they       PRP  nsubj  6
        "          ``   punct  6
        took       VBD  advcl  2
        part       NN   dobj   7
        in         IN   prep   7
        the        DT   det    11
        case       NN   pobj   9
        "          ''   punct  7
    """)
    assert _speaker(doc, 6, 13) == "rules"


def test_a_quotation_that_is_its_own_sentence_has_no_governing_subject():
    # " We will win . "
    doc = build("""
        "     ``   punct  3
        We    PRP  nsubj  3
        will  MD   aux    3
        win   VB   ROOT   3
        .     .    punct  3
        "     ''   punct  3
    """)
    assert _speaker(doc, 0, 6) is None


def test_a_pronoun_that_cannot_speak_gives_no_speaker():
    # It lists the phrase " never again " among the slogans .
    doc = build("""
        It       PRP  nsubj  1
        lists    VBZ  ROOT   1
        the      DT   det    3
        phrase   NN   dobj   1
        "        ``   punct  5
        never    RB   advmod 6
        again    RB   appos  3
        "        ''   punct  5
    """)
    assert _speaker(doc, 4, 8) is None


def test_a_quotation_describing_a_relatives_antecedent_is_spoken_by_the_clause_above():
    # Lee called him a cheat who is " beyond repair "
    doc = build("""
        Lee     NNP  nsubj  1  B-PERSON
        called  VBD  ROOT   1
        him     PRP  nsubj  4
        a       DT   det    4
        cheat   NN   oprd   1
        who     WP   nsubj  6
        is      VBZ  relcl  4
        "       ``   punct  8
        beyond  IN   acomp  6
        repair  NN   pobj   8
        "       ''   punct  8
    """)
    assert _speaker(doc, 7, 11) == "Lee"
