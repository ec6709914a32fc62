"""Events: who did what to whom, in PLOVER (the `dyads_events` spaCy component).

- `component.py`: the component (match, then set_annotations; initialize/to_disk/from_disk)
- `participants.py`: the source and target of a trigger, read from the parse
- `marks.py`: negation and modality
- `accusations.py`: a speaker's condemning words about an actor
- `lexicon.py`: the trigger lexicon (kb/triggers_*.tsv|yaml); `matcher.py`, `nouns.py`: its matcher
- `words.py`: the word lists the rules read (kb/grammar/events.yaml)
"""
from __future__ import annotations

from ..doc import EventRecord
from .component import EventsComponent, make_events
from .lexicon import CATEGORIES, POLARITY, TriggerHit, TriggerLexicon, build_lexicon, intent_category, load_triggers, polarity_of
from .matcher import match_trigger
from .nouns import match_noun_trigger

EventInfo = EventRecord  # the name the component's record had before

__all__ = ["CATEGORIES", "POLARITY", "EventInfo", "EventRecord", "EventsComponent", "TriggerHit", "TriggerLexicon",
           "build_lexicon", "intent_category", "load_triggers", "make_events", "match_noun_trigger", "match_trigger",
           "polarity_of"]
