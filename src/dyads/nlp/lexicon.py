"""The word lists of `kb/lexicon.yaml` and `kb/given_names.yaml` (read by `dyads.kb`), with small lookups
over tokens."""
from __future__ import annotations

import functools
from typing import Optional

from .. import kb


class ActorLexicon:
    def __init__(self, data: dict):
        self.titles = {tuple(t.split()) for t in data["person_titles"]}
        self.title_max = max(len(t) for t in self.titles)
        self.title_heads = {t[-1] for t in self.titles}
        self.title_firsts = {t[0] for t in self.titles}
        self.prefix_noise = set(data["name_prefix_noise"])
        self.org_keywords: dict[str, str] = {}
        self.org_phrases: dict[tuple[str, ...], str] = {}
        for typ, words in data["org_keywords"].items():
            for w in words:
                parts = tuple(str(w).split())
                if len(parts) == 1:
                    self.org_keywords.setdefault(parts[0], typ)
                else:
                    self.org_phrases.setdefault(parts, typ)
        self.kind_nouns: dict[str, str] = {}
        for typ, words in data["kind_nouns"].items():
            for w in words:
                self.kind_nouns.setdefault(w, typ)
        self.descriptions: dict[tuple[str, ...], str] = {tuple(k.split()): v for k, v in data["descriptions"].items()}
        self.speech_verbs = set(data["speech_verbs"])
        self.male = set(data["person_pronouns"]["male"])
        self.female = set(data["person_pronouns"]["female"])
        self.religions = set(data["religions"])
        self.departments = set(data["departments"])
        names = data.get("given_names") or {}
        self.gender_of_name = {n: "male" for n in names.get("male", [])}
        self.gender_of_name.update({n: "female" for n in names.get("female", [])})
        self.gender_of_title = {t: "male" for t in names.get("male_titles", [])}
        self.gender_of_title.update({t: "female" for t in names.get("female_titles", [])})

    def title_ending_at(self, words: list[str], i: int) -> int:
        """Length of the longest title whose last word is words[i] (0 if none)."""
        if 0 <= i < len(words) and words[i].lower() not in self.title_heads:
            return 0  # no title ends with this word (most words): no need to try every length
        for n in range(min(self.title_max, i + 1), 0, -1):
            if tuple(w.lower() for w in words[i - n + 1 : i + 1]) in self.titles:
                return n
        return 0

    def title_starting_at(self, words: list[str], i: int) -> int:
        if 0 <= i < len(words) and words[i].lower() not in self.title_firsts:
            return 0  # no title starts with this word (most words)
        for n in range(min(self.title_max, len(words) - i), 0, -1):
            if tuple(w.lower() for w in words[i : i + n]) in self.titles:
                return n
        return 0

    def org_type(self, words: list[str]) -> Optional[str]:
        """The actor type an organisation's name gives by its keywords, head word first."""
        low = [w.lower() for w in words if w.strip()]
        for n in (3, 2):
            for i in range(len(low) - n + 1):
                t = self.org_phrases.get(tuple(low[i : i + n]))
                if t:
                    return t
        if low and low[-1] in self.org_keywords:
            return self.org_keywords[low[-1]]
        for w in low[:-1]:
            if w in self.org_keywords:
                return self.org_keywords[w]
        return None


@functools.lru_cache(maxsize=1)
def load_lexicon() -> ActorLexicon:
    return ActorLexicon({**kb.data("lexicon.yaml"), "given_names": kb.data("given_names.yaml")})
