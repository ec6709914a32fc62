"""The Analyzer over a stream: order kept, a document on which a component fails is
skipped with E200 and the others still come out."""
from __future__ import annotations

import pytest

from dyads.errors import DocumentFailure
from dyads.model import Article, ArticleResult

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from dyads import Analyzer

    return Analyzer(batch_size=2)


def test_results_come_out_in_input_order_with_failures_in_place(analyzer):
    items = [Article(text="Hezbollah fighters crossed the border near Qusayr on Monday.", id="a"),
             Article(text="   ", id="empty"),
             Article(text="The opposition said the army had shelled the town.", id="b"),
             Article(text="Rebels said they had taken the hill after a night of fighting.", id="c")]
    out = list(analyzer.pipe(items))
    assert [type(o).__name__ for o in out] == ["ArticleResult", "DocumentFailure", "ArticleResult", "ArticleResult"]
    assert [o.document.id for o in out if isinstance(o, ArticleResult)] == ["a", "b", "c"]
    assert out[1].code == "E001"


def _quotes_fail_on_explode(analyzer, monkeypatch) -> None:
    """The quotes component raises on any document holding the word EXPLODE."""
    quotes = analyzer.nlp.get_pipe("dyads_quotes")
    original = type(quotes).__call__

    def fragile(self, doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("simulated failure")
        return original(self, doc)

    monkeypatch.setattr(type(quotes), "__call__", fragile)


def test_a_component_failing_on_one_document_skips_only_that_one(analyzer, monkeypatch):
    _quotes_fail_on_explode(analyzer, monkeypatch)
    texts = ["The army said it had retaken the village.", "EXPLODE the regime said.", "Rebels denied the claim."]
    out = list(analyzer.pipe(texts))
    assert [type(o).__name__ for o in out] == ["ArticleResult", "DocumentFailure", "ArticleResult"]
    failure = out[1]
    assert isinstance(failure, DocumentFailure) and failure.code == "E200"
    assert "dyads_quotes" in failure.error.as_dict()["message"] and "simulated failure" in failure.error.as_dict()["message"]


def test_batches_end_at_the_document_count_or_the_character_budget():
    from dyads.nlp.pipeline import _batches

    items = [("a" * n, i) for i, n in enumerate([10, 10, 10, 50, 5, 5, 5, 5])]
    groups = [[ctx for _, ctx in g] for g in _batches(iter(items), size=3, chars=30)]
    # 10+10+10 fills the budget; 50 is over it alone and goes alone; then three at most
    assert groups == [[0, 1, 2], [3], [4, 5, 6], [7]]
    assert [[c for _, c in g] for g in _batches(iter(items), size=100, chars=10**6)] == [list(range(8))]
    assert list(_batches(iter([]), size=3, chars=30)) == []


def test_a_character_budget_changes_neither_the_results_nor_their_order(analyzer):
    from dyads import Analyzer

    texts = ["Hezbollah fighters crossed the border near Qusayr on Monday.", "   ",
             "The opposition said the army had shelled the town, killing 12 civilians.",
             "Rebels said they had taken the hill after a night of fighting. " * 20,
             "Turkey accused Russia of bombing a hospital in Idlib."]
    items = [Article(text=t, id=f"d{i}") for i, t in enumerate(texts)]
    small = Analyzer(nlp=analyzer.nlp, batch_size=32, batch_chars=80)  # about one document a batch
    a, b = list(analyzer.pipe(items)), list(small.pipe(items))
    assert [type(o).__name__ for o in b] == ["ArticleResult", "DocumentFailure", "ArticleResult", "ArticleResult",
                                              "ArticleResult"]
    assert [o.to_json() if isinstance(o, ArticleResult) else o.code for o in a] == \
           [o.to_json() if isinstance(o, ArticleResult) else o.code for o in b]


# Long documents (longdoc.py): over `chunk_chars` (or the model's max_length) a text is parsed in
# paragraph-aligned pieces and analysed as one Doc whose text is the original text.

def test_cut_points_part_the_text_at_paragraph_breaks_within_the_limit():
    from dyads.nlp.longdoc import cut_points

    paras = ["The council met in Aleppo. It voted twice.", "Rebels left the town.",
             "A convoy arrived on Monday. Aid workers said food was short.", "Talks resume in May."]
    text = "\n\n".join(paras)
    cuts = cut_points(text, 70, "\n\n")
    pieces = [text[a:b] for a, b in zip(cuts, cuts[1:])]
    assert "".join(pieces) == text and all(len(p) <= 70 for p in pieces)
    # every cut falls right after a blank line, before the first word of a paragraph
    assert all(text[c - 2:c] == "\n\n" and not text[c].isspace() for c in cuts[1:-1])
    assert [p.strip() for p in pieces] == ["\n\n".join(paras[:2]), paras[2], paras[3]]


def test_cut_points_leave_a_short_text_whole():
    from dyads.nlp.longdoc import cut_points

    assert cut_points("Rebels left.\n\nThe army came.", 28) == [0, 28]
    assert cut_points("Rebels left.\n\nThe army came.", 27) == [0, 14, 28]
    assert cut_points("", 10) == [0, 0]


def test_a_paragraph_longer_than_a_piece_is_cut_after_a_sentence_then_at_a_space():
    from dyads.nlp.longdoc import cut_points

    text = "The army shelled the town. Rebels fired back at dawn and the town burned"
    (_, cut, end) = cut_points(text, 50)
    assert text[:cut] == "The army shelled the town. " and end == len(text)
    words = "one two three four five six seven eight nine ten"
    cuts = cut_points(words, 20)
    assert all(words[c - 1] == " " and words[c] != " " for c in cuts[1:-1])
    assert "".join(words[a:b] for a, b in zip(cuts, cuts[1:])) == words
    # no space at all: cut at the limit (the only case that splits a word)
    assert cut_points("x" * 25, 10) == [0, 10, 20, 25]


def test_a_whitespace_run_is_never_split_between_pieces():
    from dyads.nlp.longdoc import cut_points

    text = "Rebels left.\n\n\n\n\n\nThe army came."
    # the blank lines (12..18) reach past the first piece's limit (16): that piece ends at a
    # space instead, and the next one takes the whole run
    cuts = cut_points(text, 16)
    assert cuts == [0, 7, 18, 32]
    assert not any(text[c - 1].isspace() and text[c].isspace() for c in cuts[1:-1])


def test_a_long_item_goes_alone_even_under_the_character_budget():
    from dyads.nlp.pipeline import _batches

    items = [("a" * n, i) for i, n in enumerate([5, 5, 40, 5, 5])]
    groups = [[c for _, c in g] for g in _batches(iter(items), size=10, chars=1000, alone=30)]
    assert groups == [[0, 1], [2], [3, 4]]
    # without the threshold, as before
    assert [[c for _, c in g] for g in _batches(iter(items), size=10, chars=1000)] == [[0, 1, 2, 3, 4]]


_PARAGRAPHS = [
    "Hezbollah fighters crossed the border near Qusayr on Monday, the Syrian Observatory for Human Rights said.",
    '"We will not leave the town," said Ahmad Darar, a commander of the Free Syrian Army.',
    "The army shelled the villages of Kafr Nabl and Maarat al-Numan, killing at least 12 civilians.",
    "Turkey accused Russia of bombing a hospital in Idlib, and the United Nations called for a ceasefire.",
    "Iranian advisers arrived in Damascus on Tuesday to train militias loyal to Bashar al-Assad.",
    "Rebels said they had taken the hill after a night of fighting; the government denied it.",
]


def _long_text(n_paragraphs: int) -> str:
    """Our own paragraphs, numbered so that no two are the same."""
    return "\n\n".join(f"{_PARAGRAPHS[i % len(_PARAGRAPHS)]} Report {i + 1}." for i in range(n_paragraphs))


def _actor_mentions(result):
    return sorted((m.start, m.end, m.text) for a in result.actors for m in a.mentions)


def test_a_long_document_in_pieces_keeps_the_text_and_points_at_the_right_characters(analyzer):
    from dyads import Analyzer
    from dyads.nlp.longdoc import parse_long
    from dyads.nlp.pipeline import COMPONENTS

    text = _long_text(30)  # about 3,000 characters
    doc = parse_long(analyzer.nlp, text, 400, COMPONENTS)
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in analyzer.nlp.make_doc(text)]
    assert doc.has_annotation("DEP") and doc.has_annotation("TAG") and doc.has_annotation("LEMMA")
    assert all(doc[i].is_sent_start for i in range(1, len(doc)) if doc[i - 1].text == "\n\n")

    pieces = Analyzer(nlp=analyzer.nlp, chunk_chars=400).analyze(text)
    whole = analyzer.analyze(text)
    assert pieces.text == text
    found = _actor_mentions(pieces)
    assert found and all(text[s:e] == t for s, e, t in found)
    assert pieces.quotes  # the text has quotes: the loop below checks something
    for q in pieces.quotes:
        assert text[q.start:q.end] == q.text
    # the pieces are parsed on their own, so a word next to a cut may be read a little differently:
    # nearly every actor mention and quote is the same as in the whole-text parse
    same = set(found) & set(_actor_mentions(whole))
    assert len(same) >= 0.9 * max(len(found), len(_actor_mentions(whole)))
    assert {(q.start, q.end) for q in pieces.quotes} == {(q.start, q.end) for q in whole.quotes}
    assert {a.name for a in pieces.actors} >= {"Hezbollah", "Turkey", "Russia"}


def test_the_models_max_length_no_longer_limits_and_the_next_document_still_comes_out(analyzer, monkeypatch):
    # A document between spaCy's nlp.max_length and --max-chars once ended the whole stream
    # with spaCy's E088; the model's limit is lowered here to keep the test small.
    long_text = _long_text(40)
    monkeypatch.setattr(analyzer.nlp, "max_length", 1000)
    with pytest.raises(ValueError, match="E088"):
        analyzer.nlp(long_text)
    items = [Article(text=long_text, id="long"), Article(text=_PARAGRAPHS[0], id="next")]
    out = list(analyzer.pipe(items))
    assert [type(o).__name__ for o in out] == ["ArticleResult", "ArticleResult"]
    assert [o.document.id for o in out] == ["long", "next"]
    assert out[0].text == long_text and any(a.name == "Hezbollah" for a in out[0].actors)
    assert any(a.name == "Hezbollah" for a in out[1].actors)


def test_a_document_over_max_chars_is_still_refused_with_e009(analyzer):
    from dyads import Analyzer

    small = Analyzer(nlp=analyzer.nlp, max_chars=2000, chunk_chars=500)
    out = list(small.pipe([_long_text(40), _PARAGRAPHS[2]]))
    assert [type(o).__name__ for o in out] == ["DocumentFailure", "ArticleResult"]
    assert out[0].code == "E009"


def test_the_chunk_size_does_not_change_a_document_shorter_than_it(analyzer):
    from dyads import Analyzer

    texts = [_long_text(12), _PARAGRAPHS[3]]
    exact = Analyzer(nlp=analyzer.nlp, chunk_chars=len(texts[0]))  # the longest text is just within
    assert [r.to_json() for r in exact.pipe(texts)] == [r.to_json() for r in analyzer.pipe(texts)]
    cut = Analyzer(nlp=analyzer.nlp, chunk_chars=len(texts[0]) - 1)  # one character less: in pieces
    assert [r.text for r in cut.pipe(texts)] == texts


def test_a_component_failing_on_a_long_document_skips_only_that_one(analyzer, monkeypatch):
    from dyads import Analyzer

    _quotes_fail_on_explode(analyzer, monkeypatch)
    small = Analyzer(nlp=analyzer.nlp, chunk_chars=300)
    out = list(small.pipe([_PARAGRAPHS[1], _long_text(10) + "\n\nEXPLODE.", _long_text(10)]))
    assert [type(o).__name__ for o in out] == ["ArticleResult", "DocumentFailure", "ArticleResult"]
    assert out[1].code == "E200" and "dyads_quotes" in out[1].error.as_dict()["message"]


def test_inside_a_quotation_by_bisection_agrees_with_a_scan_of_every_region():
    from dyads.nlp.coref import _inside, _merged

    regions = [(30, 40), (5, 12), (8, 20), (50, 51)]  # unsorted and nested, as quoted_regions may give
    merged = _merged(regions)
    assert merged == ([5, 30, 50], [20, 40, 51])
    for idx in range(-1, 60):
        assert _inside(idx, merged) == any(s <= idx < e for s, e in regions), idx
    assert not _inside(3, _merged([]))


def test_quote_at_by_index_agrees_with_a_scan_of_every_quote():
    import random
    from types import SimpleNamespace

    from dyads.nlp.quotes import quote_at

    def scan(quotes, start, end):
        best = None
        for q in quotes:
            if q.start <= start and end <= q.end and q.speaker:
                if best is None or q.end - q.start < best.end - best.start:
                    best = q
        return best

    rng = random.Random(7)
    quotes = []
    for _ in range(60):  # nested, overlapping, equally long, and speakerless quotes
        s = rng.randrange(0, 500)
        quotes.append(SimpleNamespace(start=s, end=s + rng.choice([5, 20, 20, 80, 300]),
                                      speaker=rng.choice(["A1", "A2", None])))
    for start in range(0, 820, 3):
        for width in (0, 1, 7, 40):
            assert quote_at(quotes, start, start + width) is scan(quotes, start, start + width)
    assert quote_at([], 0, 5) is None
    quotes.append(SimpleNamespace(start=900, end=1000, speaker="A9"))  # the list grew: asked again
    assert quote_at(quotes, 950, 960).speaker == "A9"
