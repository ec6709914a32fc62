"""Doc -> ArticleResult: the one place that knows both spaCy and the contract. A pure mapping:
every decision (an event's date and place included) is the pipeline's."""
from __future__ import annotations

from .mentions import doc_text

import hashlib
from typing import Optional

from spacy.tokens import Doc

from ..model import Actor, Article, ArticleResult, Attribute, Document, Event, Mention, Quote, Span, Warning

from .doc import ActorInfo, EventRecord
from .quantities import quantity_results
from .quotes import quote_at


def doc_to_result(doc: Doc, article: Article, warnings: Optional[list[Warning]] = None, language: str = "en") -> ArticleResult:
    text = doc_text(doc)
    result = ArticleResult(
        document=Document(
            id=article.id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
            title=article.title,
            date=article.date,
            source=article.source,
            url=article.url,
            language=language,
            chars=len(text),
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        ),
        warnings=list(warnings or []),
    )
    infos: list[ActorInfo] = doc._.dyads_actors or []
    result.actors = [_actor(doc, a) for a in infos]
    if doc.has_extension("dyads_quotes") and doc._.dyads_quotes is not None:
        result.quotes = [_quote(q) for q in doc._.dyads_quotes]
    if doc.has_extension("dyads_warnings") and doc._.dyads_warnings:
        result.warnings.extend(doc._.dyads_warnings)
    if doc.has_extension("dyads_events") and doc._.dyads_events is not None:
        result.events = [_event(e) for e in doc._.dyads_events]
        from ..graph import article_relations

        # the article's own voice and the sides' own claims make relations (graph.event_voice);
        # a third party's claim stays an event
        result.relations = article_relations(result.events)
    if doc.has_extension("dyads_places") and doc._.dyads_places is not None:
        result.places = list(doc._.dyads_places)
    if doc.has_extension("dyads_quantities") and doc._.dyads_quantities is not None:
        result.quantities = quantity_results(doc)
        for n in result.quantities:
            n.claimed_by = voice(result.quotes, n.start, n.end)
    return result


def voice(quotes: list[Quote], start: int, end: int) -> Optional[str]:
    """Whose voice asserts what lies at [start, end): the speaker of the innermost quote
    it is in, or None for the article's own voice."""
    q = quote_at(quotes, start, end)
    return q.speaker if q else None


def _event(e: EventRecord) -> Event:
    return e.contract()


def _quote(q) -> Quote:
    return Quote(
        id=q.id,
        kind=q.kind,
        text=q.text,
        start=q.start,
        end=q.end,
        speaker=q.speaker,
        speaker_text=q.speaker_text,
        speaker_mention=Span(*q.speaker_chars) if q.speaker_chars else None,
        cue=q.cue,
    )


def _actor(doc: Doc, a: ActorInfo) -> Actor:
    mentions, aliases = [], []
    for c in a.cands:
        span = doc[c.start : c.end]
        mentions.append(Mention(start=span.start_char, end=span.end_char, text=span.text))
        if c.kind == "pronoun":
            continue
        for form in (span.text, doc[c.title[0] : c.end].text if c.title else None):
            if form and form not in aliases:
                aliases.append(form)
    attributes = {}
    for key in ("role", "affiliation", "country", "religion"):
        att = a.attributes.get(key)
        if att is None:
            attributes[key] = None
            continue
        value = att["value"]
        if isinstance(value, ActorInfo):
            value = getattr(value, "id", None)
        attributes[key] = Attribute(value=value, start=att.get("start"), end=att.get("end"))
    codes = {}
    if a.entry is not None and a.entry.cameo:
        codes["cameo"] = a.entry.cameo
    return Actor(
        id=a.id,
        name=a.name,
        type=a.type,
        aliases=aliases,
        kb_id=a.kb_id,
        codes=codes,
        attributes=attributes,
        mentions=mentions,
    )
