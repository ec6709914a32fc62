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


def test_a_component_failing_on_one_document_skips_only_that_one(analyzer, monkeypatch):
    quotes = analyzer.nlp.get_pipe("dyads_quotes")
    original = type(quotes).__call__

    def fragile(self, doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("simulated failure")
        return original(self, doc)

    monkeypatch.setattr(type(quotes), "__call__", fragile)
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
