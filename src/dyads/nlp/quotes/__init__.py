"""The `dyads_quotes` spaCy component: who said what, with its speaker and its voice.

    nlp.add_pipe("dyads_quotes")      # after dyads_actors
    doc._.dyads_quotes                # [QuoteInfo] in text order

Quotation marks give direct quotes (split around the cue, across sentences and
paragraphs); reporting expressions (`claims.py`) give indirect speech and, when
they hold a quoted fragment, mixed quotes. A quote with no cue of its own takes
the speaker the text implies: a speaker introduced with a colon just before, or
the previous quote's. Speakers resolve to actors through the actors component's
mentions (names, surnames, pronouns); a description ("a source", "one of
Al-Assad's advisors") becomes an actor of its own. Unbalanced quotation marks
never stop the article: the rest is extracted and a W003 warning says where.

One module a concern: `marks` (quotation marks, regions, paragraph breaks), `build`
(quote records from claims and regions), `speakers` (speaker phrases to actors),
`cues` (cues beside marks no reporting expression took), `chains` (quotes running over
several regions, and uncued quotations), `voice` (whose voice holds a stretch of text),
`component` (the factory and the order of the steps).
"""
from __future__ import annotations

from ..doc import QuoteInfo  # noqa: F401 - the quote record, declared with the Doc's other records
from .component import QuotesComponent, make_quotes  # noqa: F401 - registers the factory
from .marks import Region, paragraph_break, quote_regions  # noqa: F401
from .voice import quote_at  # noqa: F401

__all__ = ["QuoteInfo", "QuotesComponent", "Region", "make_quotes", "paragraph_break", "quote_at", "quote_regions"]
