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
