"""The words the event rules read, from kb/grammar/events.yaml and the agents file (`dyads.kb`)."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import kb

# modal verbs that make an event hypothetical ("they could attack")
MODALS_HYPOTHETICAL = kb.words("events", "modals_hypothetical")
# modal verbs that put an event in the future ("they will attack")
MODALS_FUTURE = kb.words("events", "modals_future")
# verbs under which an event is only wanted, planned or asked for
WANTING = kb.words("events", "wanting")
# verbs under which an event is only asked for ("urged them to withdraw")
ASKING = kb.words("events", "asking")
# asking verbs whose tensed clause may report what is so ("told them that ..."): kb/grammar/modality.yaml
TELLING = kb.words("modality", "telling")
# adjectives under which an act does not happen ("unable to reach")
UNABLE = kb.words("modality", "unable")
EXPECTING = kb.words("modality", "expecting")
# reporting verbs under which "would" is the future of the past ("said they would boycott")
REPORTING_FUTURE = kb.words("events", "reporting_future")
# nouns of people that stand for the group they belong to ("Hizbullah fighters")
MEMBER_NOUNS = kb.words("events", "member_nouns")
# a person's family, advisers or clan are not that person
NOT_THE_PERSON = kb.words("events", "not_the_person")
# nouns that stand for the place they name ("the town of Cizre")
PLACE_TYPE_NOUNS = kb.words("events", "place_type_nouns")
MAX_NESTING = 12
# how an object phrase holds an actor further in
WITHIN_DEPS = {"prep", "pobj", "amod", "compound", "poss", "nmod", "acl", "agent", "appos", "dobj"}
# prepositions of place or time under which an actor-like word is the circumstance, not a party
LOCATIVE_PREPS = kb.words("events", "locative_preps")
# acts whose recipient a purpose clause may name ("opened fire to disperse the crowd")
PURPOSE_CATEGORIES = {"PROTEST", "ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "REJECT"}
# acts that need no recipient
ONE_SIDED = {"PROTEST", "MOBILIZE"}
# acts that conjoined actors do with each other when no one else is named
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "REJECT"}
# words counting a crowd in "<word> of people" ("thousands of people")
QUANTITY_HEADS = kb.words("events", "quantity_heads")
AGENT_TYPES = {"person": "community", "community": "community"}


# plural nouns of plain people that the agents file does not list
PLAIN_PEOPLE = kb.words("events", "plain_people")
# modifiers that leave a group of people too vague to be an actor ("other people", "many fighters")
VAGUE_MODIFIERS = kb.words("events", "vague_modifiers")
FIGHTER_NOUNS = kb.words("events", "fighter_nouns")
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# verbs of "X called for Y to ...": a request to Y
CALL_VERBS = kb.words("events", "call_verbs")
MADE_PREFIXES = ("made-place:", "made-group:")  # actors this component makes


# relative pronouns: a relative clause's subject that stands for its antecedent
RELATIVES = kb.words("events", "relatives")
# verbs whose object is no party to the act its clause describes ("have the means to strike")
HAVING_VERBS = kb.words("events", "having_verbs")
# prepositions of the one called upon ("called on X to withdraw")
UPON_PREPS = kb.words("events", "upon_preps")
# verbs that make their object do the act of their clause ("forced them to leave")
CAUSATIVE_VERBS = kb.words("events", "causative_verbs")
# nouns of "in protest/retaliation for ...": what the act answers, not a party
MOTIVE_NOUNS = kb.words("events", "motive_nouns")
# prepositions that give examples of a group ("groups such as X", "including X")
EXAMPLE_PREPS = kb.words("events", "example_preps")
# pronouns that may stand for a group or a country
GROUP_PRONOUNS = kb.words("events", "group_pronouns")
# plural pronouns: they do not refer to a person
PLURAL_PRONOUNS = kb.words("events", "plural_pronouns")
# conjunctions that make their clause's act hypothetical
CONDITIONALS = kb.words("events", "conditionals")
# verbs that stop the act under them ("stopped shelling")
STOPPING_VERBS = kb.words("events", "stopping_verbs")

_ACCUSING = None
_GROUP_NOUNS: Optional[dict] = None


def accusing_words() -> frozenset:
    global _ACCUSING
    if _ACCUSING is None:
        _ACCUSING = frozenset(kb.data("evaluations.yaml")["accusing"]) | kb.words("denials", "condemning")
    return _ACCUSING



def counted(t: Token) -> bool:
    """"thousands of people", "200 people": a crowd the text counts, not people in general."""
    if any(c.dep_ == "nummod" for c in t.children):
        return True
    h = t.head
    return t.dep_ == "pobj" and h.lower_ == "of" and (h.head.lower_ in QUANTITY_HEADS or h.head.like_num)




def people_noun(t: Token) -> bool:
    low = t.lemma_.lower()
    return low in MEMBER_NOUNS or t.lower_ in group_nouns() or t.lower_ in FIGHTER_NOUNS


def group_nouns() -> dict:
    """Plural nouns of people ("refugees", "students", "doctors") -> the actor type of such a group."""
    global _GROUP_NOUNS
    if _GROUP_NOUNS is None:
        out = {}
        for row in kb.rows("agents.tsv"):
            kind = AGENT_TYPES.get(row.get("type") or "")
            if kind is None or " " in row["term"]:
                continue
            for p in (row.get("plural") or "").split("|"):
                if p and " " not in p:
                    out.setdefault(p.lower(), kind)
        _GROUP_NOUNS = out
    return _GROUP_NOUNS
