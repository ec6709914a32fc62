"""The seed article's camps: the Al-Assad regime with the Alawites and its Shiite allies
(Hizbullah, the Huthis); the opposition, the NCCDC and the jihadist groups outside that camp.

The article lives in `../shared/corpus/` (third-party text, never copied into the
project); without it the test is skipped."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyads.graph import article_camps
from dyads.model import Article, ArticleResult

pytestmark = pytest.mark.slow

SEED = Path(__file__).resolve().parent.parent / ".." / "shared" / "corpus" / "seed-alawites.txt"

# each actor by the names the article (and the knowledge base's spellings) give it
REGIME = ("Syrian regime", "Syrian government", "Al-Assad regime")
WITH_REGIME = {
    "the Alawites": ("Alawite",),
    "Hizbullah": ("Hizbullah", "Hezbollah", "Hizballah"),
    "the Huthis": ("Huthi", "Houthi"),
}
NOT_WITH_REGIME = {
    "the Syrian opposition": ("Syrian opposition",),
    "the NCCDC": ("National Coordination Committee for Democratic Change", "NCCDC"),
    "the Al-Nusra Front": ("Nusra",),
    "the Islamic State": ("Islamic State", "ISIS", "ISIL", "Daesh"),
}


def matching(result: ArticleResult, patterns) -> list[str]:
    """Ids of the actors whose name or an alias contains one of `patterns` (case-insensitive,
    from a word start, so "ISIS" is not found in "crisis")."""
    rx = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in patterns) + ")", re.I)
    return [a.id for a in result.actors if any(rx.search(s) for s in [a.name, *a.aliases])]


@pytest.fixture(scope="module")
def seed():
    if not SEED.parent.parent.is_dir():
        pytest.skip(f"the shared corpus is not here ({SEED.parent.parent.resolve()} does not exist)")
    if not SEED.is_file():
        pytest.skip(f"the seed article is not here ({SEED.resolve()})")
    from dyads import Analyzer

    text = SEED.read_text(encoding="utf-8")
    result = Analyzer().analyze(Article(text=text, id="seed-alawites", date="2014-03-20"))
    return result, article_camps(result)


def describe(result: ArticleResult, c) -> str:
    names = {a.id: a.name for a in result.actors}
    camps = "; ".join(f"camp {k}: " + ", ".join(names[n] for n in m) for k, m in c.members().items())
    return f"{camps}; unaligned: " + ", ".join(names[n] for n in c.unaligned)


def regime_camp(result: ArticleResult, c) -> int:
    ids = matching(result, REGIME)
    assert ids, "no actor is the Syrian regime"
    labels = {c.partition[i] for i in ids if i in c.partition}
    assert len(labels) == 1, f"the Syrian regime ({ids}) is in camps {labels or 'none'}: {describe(result, c)}"
    return labels.pop()


@pytest.mark.parametrize("who", sorted(WITH_REGIME))
def test_regime_allies_are_in_the_regime_camp(seed, who):
    result, c = seed
    camp = regime_camp(result, c)
    ids = matching(result, WITH_REGIME[who])
    assert ids, f"no actor is {who}"
    assert any(c.partition.get(i) == camp for i in ids), \
        f"{who} ({ids}) not in the regime's camp {camp}: {describe(result, c)}"


# The opposition's one hostile tie to the regime is a demand to leave its side ("asked the
# Alawites to stop fighting alongside the regime", events/requests.py); without it, its reassurance
# of the Alawites put it in the regime's camp.
@pytest.mark.parametrize("who", sorted(NOT_WITH_REGIME))
def test_regime_enemies_are_not_in_the_regime_camp(seed, who):
    result, c = seed
    camp = regime_camp(result, c)
    ids = matching(result, NOT_WITH_REGIME[who])
    assert ids, f"no actor is {who}"
    inside = [i for i in ids if c.partition.get(i) == camp]
    assert not inside, f"{who} ({inside}) in the regime's camp {camp}: {describe(result, c)}"


def test_the_regime_camp_opposes_the_jihadists_camp_as_reported(seed):
    # as the CLI and the web report it: camps of two or more, which camp opposes which
    from dyads.graph import article_network, camp_view

    result, c = seed
    view = camp_view(article_network(result), c)
    regime = {view.camp_of[i] for i in matching(result, REGIME) if i in view.camp_of}
    assert len(regime) == 1, f"the Syrian regime is in reported camps {regime or 'none'}: {describe(result, c)}"
    (camp,) = regime
    assert len(view.camps[camp]) >= 2
    jihadists = matching(result, NOT_WITH_REGIME["the Al-Nusra Front"] + NOT_WITH_REGIME["the Islamic State"])
    theirs = {view.camp_of[i] for i in jihadists if i in view.camp_of}
    assert theirs and camp not in theirs, f"jihadists in reported camps {theirs}: {describe(result, c)}"
    assert all(k in view.opposes(camp) for k in theirs), f"camp {camp} opposes {view.opposes(camp)}, not {theirs}"
