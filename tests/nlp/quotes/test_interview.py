"""Speakers over a whole feature with several people: each is introduced once (full name, role,
gender from the text) and then quoted by surname, by pronoun, by role ('the minister') and by
quotations with no cue, paragraphs apart. The article is written for this test (slow: it needs the
model). Negatives: an object pronoun is not the subject of its own clause ('Reyes grows maize on the
slope above her' is not Reyes), a place with an apposition is not a person, a possessive may be the
subject ('she sold her crop')."""
from __future__ import annotations

import pytest

slow = pytest.mark.slow

FEATURE = """Farmers in the Orvan valley say the new dam has already changed their lives.

Amara Okafor, a 52-year-old rice farmer, has worked the same fields for three decades. Her neighbour, Tomas Reyes, grows maize on the slope above her.

\u201cThe water used to come every spring,\u201d Okafor said. \u201cNow it comes when the engineers decide.\u201d

Reyes was less worried. He said the dam had saved his crop during last year's drought.

\u201cI lost nothing last summer,\u201d he said. \u201cMy father would not believe it.\u201d

The region's agriculture minister, Lena Brandt, visited the valley on Tuesday. She promised compensation for families whose fields were flooded.

\u201cEvery family will be paid before the harvest,\u201d the minister said.

Okafor did not trust the promise. \u201cWe heard the same words in 2019,\u201d she said.

Reyes disagreed with his neighbour. \u201cThis time the money is already in the budget,\u201d he said.

\u201cI will believe it when I see it,\u201d Okafor said.

Brandt left the valley that evening. \u201cWe will come back in a month,\u201d she told reporters.
"""

SPEAKERS = [
    ("The water used to come", "Amara Okafor"),  # surname, a person the recogniser took for a place
    ("the dam had saved his crop", "Tomas Reyes"),  # 'he' after the surname: not a woman's pronoun
    ("I lost nothing last summer", "Tomas Reyes"),
    ("compensation for families", "Lena Brandt"),
    ("Every family will be paid", "Lena Brandt"),  # 'the minister': the person the apposition named so
    ("We heard the same words", "Amara Okafor"),  # 'she' after 'Okafor did not trust': not the minister
    ("This time the money", "Tomas Reyes"),
    ("I will believe it", "Amara Okafor"),
    ("We will come back", "Lena Brandt"),
]


@pytest.fixture(scope="module")
def feature():
    from dyads import Analyzer

    r = Analyzer().analyze(FEATURE)
    names = {a.id: a.name for a in r.actors}
    return r, names


@slow
@pytest.mark.parametrize("opening, speaker", SPEAKERS)
def test_every_quote_of_the_feature_has_its_speaker(feature, opening, speaker):
    r, names = feature
    [q] = [q for q in r.quotes if q.text.startswith(opening) or opening in q.text[:60]]
    assert names.get(q.speaker) == speaker, (q.text, q.speaker_text)


@slow
def test_the_role_is_no_person_of_its_own(feature):
    r, names = feature
    assert "minister" not in {n.lower() for n in names.values()}
    assert [a.type for a in r.actors if a.name == "Amara Okafor"] == ["person"]


@slow
def test_a_place_with_an_apposition_stays_a_place():
    from dyads import Analyzer

    r = Analyzer().analyze("Port Amara, a fishing town on the coast, was flooded on Monday.")
    assert not any(a.type == "person" for a in r.actors)


@slow
def test_a_possessive_may_be_the_subject_an_object_may_not():
    from dyads import Analyzer

    a = Analyzer()
    r = a.analyze("Amara Okafor, a rice farmer, sold her crop early. \u201cPrices will fall,\u201d she said.")
    names = {x.id: x.name for x in r.actors}
    assert [names.get(q.speaker) for q in r.quotes] == ["Amara Okafor"]
    text = "Amara Okafor, a rice farmer, met Tomas Reyes, a maize grower. Reyes thanked her."
    r = a.analyze(text)
    at = text.rindex("her")
    owners = [x.name for x in r.actors for m in x.mentions if (m.start, m.end) == (at, at + 3)]
    assert owners == ["Amara Okafor"]
