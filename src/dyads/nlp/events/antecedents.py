"""What "it"/"they" on an event's side stand for: the non-person actor spoken of just before
and what "the city" stands for (a mixin of `participants.Participants`, which gives `doc`,
`actor_at`, `actors`, `place_at`, `_avoid` and `_actor_of_head`).

    p._antecedent(tok)          # actor id or None
    p._named_place_before(tok)  # the place span "the city" stands for, or None

In order, sentence by sentence going back (the pronoun's own, then one before; "they" two):
the subject of a clause; a passive's "by" agent; then an object, for "they" (a subject that
cannot be meant: "called the Alawites apostates and vowed to fight them") and for a singular
"it" in a clause under another one, in its own sentence ("the rebels fire at Israel as it bombs
Gaza": the nearest singular actor named before it, not the plural subject).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb
from .words import PLACE_TYPE_NOUNS, PLURAL_PRONOUNS

# dependency labels of a clause under another one ("as it bombs"): see grammar/antecedents.yaml
SUBORDINATE_DEPS = kb.words("antecedents", "subordinate_deps")
# prepositions of place: a name under them is where, not a party ("a village in X")
PLACE_PREPS = kb.words("antecedents", "place_preps")
# sentences before its own a plural pronoun looks back through ("They shelled the camp" after
# the troops were named, a sentence about their helicopters between)
PLURAL_BACK = 2
SINGULAR_BACK = 1
PLURAL_TAGS = ("NNS", "NNPS")
# sentences before its own where "the city" looks for the place named "the city of X"
PLACE_BACK = 3
# sentences before its own where a bare count ("arrested 60") looks for the people it counts
PEOPLE_BACK = 3
# words of a count that alone stand for people ("hundreds stormed"): see grammar/antecedents.yaml
BARE_COUNTS = kb.words("antecedents", "bare_count_words")
# named entities a bare number is not people in (dates, sums, shares)
NOT_PEOPLE_ENTS = ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL")


def subordinate(t: Token) -> bool:
    """Is the pronoun the subject of a clause under another clause of its sentence ("as it
    bombs"; not the object of one: "the rebels who overran it" is the place overrun)?"""
    v = t.head
    return t.dep_ == "nsubj" and v.i != t.i and v.dep_ in SUBORDINATE_DEPS and v.head.i != v.i


def placed(tok: Token) -> bool:
    """Is this name inside a phrase of place ("a village in X", "shelters near X"): where, not
    a party? (Up its phrase to the verb.)"""
    t = tok
    while t.head.i != t.i and t.pos_ not in ("VERB", "AUX"):  # spaCy makes a new Token each time: compare .i
        if t.dep_ == "prep" and t.lower_ in PLACE_PREPS:
            return True
        t = t.head
    return False


class Antecedents:
    """'it'/'they' to the non-person actor spoken of just before."""

    def _non_person(self, a: Optional[str]) -> bool:
        return a is not None and a not in self._avoid and self.actors.get(a) is not None \
            and self.actors[a].type != "person"

    def _stand_in(self, t: Token) -> Optional[list]:
        """The actors a word that only points back stands for ("the city", "arrested 60"), or None."""
        named = self._named_place_before(t)
        if named is not None:
            return [self._place_actor(named)]
        return self._counted_people(t)

    def _counted_people(self, t: Token) -> Optional[list]:
        """A bare count on an event's side ("police arrested 60", "hundreds stormed the airport")
        stands for the people the article last named, in its sentence or the PEOPLE_BACK before
        (not the other side of its clause); a count word as the subject with no one named before
        is a group of people of its own, named by it. None when the word is no bare count."""
        if not (t.tag_ == "CD" or t.lower_ in BARE_COUNTS) or t.dep_ not in ("nsubj", "nsubjpass", "dobj") \
                or t.ent_type_ in NOT_PEOPLE_ENTS or any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children) \
                or t.i in self.actor_at:
            return None
        doc = self.doc
        other = {self.actor_at[c.i] for c in t.head.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")
                 and c.i != t.i and c.i in self.actor_at}
        start = t.sent.start
        for _ in range(PEOPLE_BACK):
            start = doc[start - 1].sent.start if start > 0 else 0
        for i in range(t.i - 1, start - 1, -1) if t.dep_ != "nsubj" else ():  # "hundreds stormed": new people
            a = self.actor_at.get(i)
            if a is not None and a not in other and self.actors.get(a) is not None \
                    and self.actors[a].type == "community":
                return [a]
        if t.dep_ == "nsubj" and t.lower_ in BARE_COUNTS:
            key = f"made-group:{t.lower_}"
            a = self.registry.find(key)
            if a is not None:
                self._add_mention(a, t.i, t.i + 1)
                return [a.id]
            return [self._new_actor(t.text, "community", key, [(t.i, t.i + 1)])]
        return None

    def _named_place_before(self, t: Token):
        """"the city" (a kind of place after "the", saying nothing more of itself) stands for the
        place the article last named as one, in its sentence or the PLACE_BACK before ("the southern
        city of Rafah ... The city was shelled"): that place's span, or None."""
        doc = self.doc
        if t.lemma_.lower() not in PLACE_TYPE_NOUNS or t.i in self.actor_at or t.i in self.place_at:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) or any(
                c.dep_ in ("prep", "poss", "compound", "nmod", "appos", "relcl", "acl") for c in t.children):
            return None
        start = t.sent.start
        for _ in range(PLACE_BACK):
            if start == 0:
                break
            start = doc[start - 1].sent.start
        lemma = t.lemma_.lower()
        for i in range(t.i - 1, start - 1, -1):
            if doc[i].lemma_.lower() != lemma:
                continue
            for c in doc[i].children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None and pobj.i in self.place_at:
                        return self.place_at[pobj.i]
        return None

    def _antecedent(self, t: Token) -> Optional[str]:
        """'it'/'they': the non-person actor that was the subject just before."""
        doc = self.doc
        plural = t.lower_ in PLURAL_PRONOUNS
        start = t.sent.start
        for back in range((PLURAL_BACK if plural else SINGULAR_BACK) + 1):
            for i in range(t.i - 1, start - 1, -1):
                if doc[i].dep_ not in ("nsubj", "nsubjpass") or doc[i].pos_ == "PRON":
                    continue
                if t.lower_ in ("it", "its") and doc[i].tag_ == "NNS":
                    continue  # "it" is no plural group ("X-aligned groups")
                found = [self.actor_at[i]] if i in self.actor_at else self._actor_of_head(doc[i], 2)
                if found and found[0] in self._avoid:
                    continue  # "the PKK attacked its soldiers": not its own
                if found and self._non_person(found[0]):
                    return found[0]
            for i in range(t.i - 1, start - 1, -1):  # "he was slammed by X for its war": a passive's agent
                a = self.actor_at.get(i) if doc[i].dep_ == "pobj" and doc[i].head.dep_ == "agent" else None
                if self._non_person(a):
                    return a
            # an object before, when the subject cannot be meant
            objects = plural or (back == 0 and subordinate(t))
            for i in range(t.i - 1, start - 1, -1) if objects else ():
                a = self.actor_at.get(i)
                if a is None or doc[i].pos_ == "PRON" or doc[i].dep_ in ("nsubj", "nsubjpass"):
                    continue
                if not plural and (doc[i].tag_ in PLURAL_TAGS or placed(doc[i])):
                    continue  # "it" is no plural people, nor the place of something
                if self._non_person(a):
                    return a
            if start == 0:
                break
            start = doc[start - 1].sent.start
        return None
