"""A light language detector: writing system first, then stopword profiles.

No model, no download: it looks at the first few thousand characters, decides
by script for non-Latin writing systems (Cyrillic, Arabic, CJK, ...), and for
Latin script compares the share of running words that are frequent function
words of each language. It is built for one question, "is this English news?",
and says "en" whenever the evidence is thin (short texts, lists of names); a text that
is mostly digits and signs (a table of numbers) is never confidently another language.
"""
from __future__ import annotations

import re
from typing import Optional

from ..errors import DyadsError, warning
from ..model import Article, Warning

SAMPLE_CHARS = 5000
MIN_WORDS = 20  # fewer Latin-script words than this: "en"
MIN_SCRIPT_LETTERS = 10  # fewer letters than this: no decision by script
CONFIDENT = 0.80  # at or above, a non-English verdict is an error (E007)
DOUBTFUL = 0.50  # between DOUBTFUL and CONFIDENT, a warning (W005)
FULL_EVIDENCE = 0.15  # a stopword share this high is full evidence for a language
MIN_LETTER_SHARE = 0.5  # fewer letters than this share of the non-space characters: at most W005

# Frequent function words, chosen to be rare as words in the other languages
# listed (so no "a", "in", "on", "is", "an", "i" outside English, which has them, and
# no "al"/"el", which English news writes in Arabic names: "al-Assad", "el-Sisi").
_STOPWORDS: dict[str, str] = {
    "en": "the of and to that for was with said by as at from it his he have has are be were "
    "which who not but they their this had been its will or after would there than when what "
    "she her we our you about into over could them these those says while more other some if up",
    "fr": "le la les de des du un une et est que qui dans pour pas par sur au aux avec ce cette "
    "il elle ils sont ont été plus ne se son sa ses leur mais ou nous vous qu d l être selon",
    "es": "la los las de del que en un una por con para es se no lo su sus como más pero "
    "fue ha sido este esta entre sobre también desde ya dijo según hasta porque muy sin y",
    "pt": "o os da das do dos de que e em um uma para com não por se na no ao mais foi como mas "
    "pelo pela ser está ou sua seu também já são tem até quando disse segundo nos",
    "it": "il lo la gli le di del della dei delle che e è per non un una con sono ha nel nella "
    "da alla anche come più ma si su ci questo questa stato era essere hanno dopo tra",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem es wurde "
    "sie auch nach bei dass wird als noch aus hat wie oder aber sind einen vor zum zur über",
    "nl": "de het een van en dat op te zijn niet met voor die aan er ook als bij door maar om "
    "werd heeft hij zij wordt naar uit nog wel dan hun deze worden waren",
    "sv": "och att det som en är på för av med den till har inte om ett de var han hon vi men "
    "kan från efter också ska sig under vid eller så när dem hade skulle",
    "tr": "ve bir bu da de için ile olan çok daha gibi kadar ama sonra olarak ise ne değil var "
    "şu her diye oldu tarafından göre ancak yeni iki ilk",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada ke ada juga oleh karena "
    "atau bahwa mereka kami kita sudah telah bisa saat lebih sebagai para tersebut menjadi",
    "pl": "w z na się nie do że jest o jak ale po od za przez tak czy co jego już są był była "
    "było także który która które przed oraz może tym ich jej tylko dla też gdy",
}
_INDEX: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words.split():
        _INDEX[_w] = _INDEX.get(_w, ()) + (_lang,)
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "tr", "id", "pl",
             "ru", "uk", "ar", "fa", "ur", "zh", "ja", "ko", "el", "he", "hi", "th")

_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_NON_SPACE = re.compile(r"\S")
_SCRIPTS = (  # (language, letters of its script)
    ("cyrillic", re.compile("[\u0400-\u04ff\u0500-\u052f]")),
    ("arabic", re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("han", re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")),
    ("kana", re.compile("[\u3040-\u30ff\u31f0-\u31ff]")),
    ("hangul", re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")),
    ("el", re.compile("[\u0370-\u03ff\u1f00-\u1fff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("hi", re.compile("[\u0900-\u097f]")),
    ("th", re.compile("[\u0e00-\u0e7f]")),
)
_NON_LATIN = re.compile("|".join(rx.pattern for _, rx in _SCRIPTS))
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")
_PERSIAN = re.compile("[پچژگکی]")  # letters Persian uses where Arabic has ك ي, or lacks
_ARABIC_ONLY = re.compile("[ةكيى]")
_URDU = re.compile("[ٹڈڑںےھ]")


def detect_language(text: str) -> tuple[str, float]:
    """Guess the language of `text`: an ISO 639-1 code and a confidence between 0 and 1.

    Only the first `SAMPLE_CHARS` characters are read. Texts under `MIN_WORDS`
    words in Latin script are "en" (too little to tell).
    """
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return "en", 0.0
    other = len(_NON_LATIN.findall(sample))
    if letters >= MIN_SCRIPT_LETTERS and other >= 0.5 * letters:
        by_script = _by_script(sample, letters)
        if by_script:
            return by_script
    words = [w.lower() for w in _WORD.findall(sample)]
    if sum(len(w) > 1 for w in words) < MIN_WORDS:  # "e" of 1.5e3, "x" of 3 x 4: no evidence
        return "en", 0.5
    counts = dict.fromkeys(_STOPWORDS, 0)
    for w in words:
        for lang in _INDEX.get(w, ()):
            counts[lang] += 1
    n = len(words)
    rates = sorted(((c / n, lang) for lang, c in counts.items()), reverse=True)
    best_rate, best = rates[0]
    en_rate = counts["en"] / n
    latin = max(0.0, (letters - other) / letters)  # share of letters in Latin script (roughly)
    if best == "en" or best_rate == 0:
        runner_up = rates[1][0] if best == "en" else 0.0
        conf = en_rate / (en_rate + runner_up) if en_rate else 0.5
        return "en", round(conf * min(1.0, en_rate / FULL_EVIDENCE + 0.5) * latin, 3)
    conf = best_rate / (best_rate + en_rate) * min(1.0, best_rate / FULL_EVIDENCE)
    if letters < MIN_LETTER_SHARE * len(_NON_SPACE.findall(sample)):
        conf = min(conf, DOUBTFUL)  # mostly digits and signs (a table): too few letters to reject it
    return best, round(conf * latin, 3)


def _by_script(sample: str, letters: int) -> Optional[tuple[str, float]]:
    counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPTS}
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    grouped = {k: v for k, v in counts.items() if k not in ("han", "kana", "hangul")}
    grouped["cjk"] = cjk
    name, top = max(grouped.items(), key=lambda kv: kv[1])
    share = top / letters
    if share < 0.5:
        return None
    if name == "cyrillic":
        lang = "uk" if len(_UKRAINIAN.findall(sample)) > 0.02 * top else "ru"
    elif name == "arabic":
        urdu = len(_URDU.findall(sample))
        persian = len(_PERSIAN.findall(sample))
        arabic = len(_ARABIC_ONLY.findall(sample))
        lang = "ur" if urdu > 0.02 * top else ("fa" if persian > arabic else "ar")
    elif name == "cjk":
        if counts["hangul"] >= max(counts["han"], counts["kana"]) or counts["hangul"] > 0.3 * cjk:
            lang = "ko"
        elif counts["kana"] > 0.05 * cjk:
            lang = "ja"
        else:
            lang = "zh"
    else:
        lang = name
    return lang, round(min(1.0, share), 3)


def check_language(article: Article, *, warnings: Optional[list[Warning]] = None) -> str:
    """The article's language code; raises E007 when it is confidently not English.

    A doubtful non-English verdict returns that code (and, if a `warnings`
    list is given, appends W005); weak evidence returns "en".
    """
    text = article.text or ""
    lang, conf = detect_language(text)
    if lang == "en":
        return "en"
    source = article.origin or article.id or "<input>"
    if conf >= CONFIDENT:
        raise DyadsError("E007", input=source, language=lang, confidence=conf)
    if conf >= DOUBTFUL:
        if warnings is not None:
            warnings.append(warning("W005", input=source, detail=f"looks like '{lang}', confidence {conf:.2f}"))
        return lang
    return "en"
