"""Tests for dyads.ingest: readers, normalisation, ids, language, prepare.

Every bad input is matched by its error code; texts are written here.
"""
from __future__ import annotations

import gzip
import io
import json
import os

from pathlib import Path

import pytest

from dyads.errors import DocumentFailure, DyadsError
from dyads.ingest import (
    check_language,
    detect_language,
    doc_id,
    normalise,
    prepare,
    read_inputs,
    read_prepared,
    sha256,
    visible_text,
)
from dyads.ingest import readers
from dyads.model import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

EN = (
    "Fighters of the River Front militia shelled a border post held by the national army on "
    "Sunday night, two local officials said. The army said it had repelled the attack and that "
    "three of its soldiers were wounded. The neighbouring government, which has backed the "
    "militia since 2019, did not comment on the clashes."
)
EN2 = (
    "Negotiators from the two rival factions left the capital on Friday after talks on a "
    "ceasefire collapsed, mediators said. They said both sides had accused each other of "
    "breaking an earlier truce, and that aid groups feared the fighting would resume."
)
FR = (
    "Les combattants de la milice du Front du fleuve ont bombardé dimanche soir un poste "
    "frontière tenu par l'armée nationale, selon deux responsables locaux. L'armée a affirmé "
    "qu'elle avait repoussé l'attaque et que trois de ses soldats avaient été blessés. Le "
    "gouvernement voisin, qui soutient la milice depuis des années, n'a pas commenté les combats."
)
ES = (
    "Los combatientes de la milicia del Frente del Río bombardearon el domingo por la noche un "
    "puesto fronterizo del ejército nacional, según dos funcionarios locales. El ejército dijo "
    "que había repelido el ataque y que tres de sus soldados resultaron heridos. El gobierno "
    "vecino, que apoya a la milicia desde hace años, no comentó los combates."
)


def items(paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def one(path, **kw):
    got = items([path], **kw)
    assert len(got) == 1, got
    return got[0]


def code_of(item):
    assert isinstance(item, DocumentFailure), f"expected a failure, got {item!r}"
    return item.code


def write(tmp_path, name, data):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)
    return p


def jsonl(records):
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# ---------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "E001"),
        (b"   \n\t\r\n  ", "E001"),
        (b"\xef\xbb\xbf\n", "E001"),  # BOM only
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "E002"),
        (b"some words\x00\x00\x00\x01\x02 more words", "E002"),
        (bytes(range(1, 9)) * 20 + b"text", "E002"),  # mostly control bytes, no NUL
        (b"%PDF-1.7\n1 0 obj", "E002"),
        (b"Caf\xe9 society in the capital", "E003"),
        ("Talks resumed.".encode("utf-16"), "E003"),
    ],
    ids=["empty", "whitespace", "bom-only", "png", "nul", "controls", "pdf", "latin1", "utf16"],
)
def test_bad_text_files(tmp_path, data, code):
    assert code_of(one(write(tmp_path, "doc.txt", data))) == code


def test_invalid_utf8_reports_byte_offset(tmp_path):
    p = write(tmp_path, "doc.txt", b"Twelve bytes\xff and then more")
    err = one(p).error
    assert err.code == "E003" and err.info["offset"] == 12
    assert "offset 12" in str(err)


def test_invalid_utf8_offset_counts_the_bom(tmp_path):
    p = write(tmp_path, "doc.txt", b"\xef\xbb\xbfabc\xc3(")
    err = one(p).error
    assert err.code == "E003" and err.info["offset"] == 6


def test_missing_file(tmp_path):
    item = one(tmp_path / "nowhere.txt")
    assert code_of(item) == "E005"
    assert item.origin == str(tmp_path / "nowhere.txt")


def test_fifo_is_unreadable_and_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    item = one(fifo)
    assert code_of(item) == "E004"
    assert "FIFO" in str(item.error)


def test_permission_error_is_e004(tmp_path, monkeypatch):
    p = write(tmp_path, "locked.txt", EN)

    def denied(path, mode="r", *a, **kw):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr("builtins.open", denied)
    item = one(p)
    assert code_of(item) == "E004"
    assert "permission denied" in str(item.error)


def test_too_large_text_file(tmp_path):
    p = write(tmp_path, "long.txt", "word " * 100)
    item = one(p, max_chars=200)
    assert code_of(item) == "E009"
    assert item.error.info["chars"] == 500 and item.error.info["limit"] == 200
    assert isinstance(one(p, max_chars=500), Article)  # the limit itself is allowed


def test_too_large_is_refused_without_reading_it_all(tmp_path):
    p = write(tmp_path, "huge.txt", b"a" * 5000)
    item = one(p, max_chars=1000)  # more than 4 bytes per allowed character: cannot fit
    assert code_of(item) == "E009"
    assert "more than" in str(item.error.info["chars"])


def test_oversized_raw_html_is_e012(tmp_path):
    p = write(tmp_path, "page.html", "<p>" + "x" * 2000 + "</p>")
    assert code_of(one(p, max_chars=100)) == "E012"


def test_refused_extension_is_e010(tmp_path):
    p = write(tmp_path, "report.pdf", EN)
    item = one(p)
    assert code_of(item) == "E010" and ".pdf" in str(item.error)


def test_unknown_extension_binary_is_e002(tmp_path):
    assert code_of(one(write(tmp_path, "blob.dat", b"\x89PNG\r\n\x1a\n\x00\x00"))) == "E002"


def test_unknown_extension_text_is_read(tmp_path):
    for name in ("notes.md", "README"):
        item = one(write(tmp_path, name, EN))
        assert isinstance(item, Article) and item.text == EN


def test_csv_without_text_column(tmp_path):
    p = write(tmp_path, "table.csv", "id,title,body\n1,Clash,Something happened\n")
    item = one(p)
    assert code_of(item) == "E011"
    assert "body" in str(item.error)


def test_csv_without_rows_or_header(tmp_path):
    assert code_of(one(write(tmp_path, "empty.csv", ""))) == "E001"


def test_corrupt_gzip_yields_records_then_e004(tmp_path):
    records = [{"id": f"d{i}", "text": f"{EN} Item {i * 7919 % 1000}."} for i in range(300)]
    whole = gzip.compress(jsonl(records).encode())
    p = write(tmp_path, "cut.jsonl.gz", whole[: len(whole) // 2])
    got = items([p])
    assert len(got) > 10
    assert [i.id for i in got[:-1]] == [f"d{i}" for i in range(len(got) - 1)]
    assert code_of(got[-1]) == "E004" and "after line" in str(got[-1].error)


def test_not_gzip_at_all(tmp_path):
    p = write(tmp_path, "plain.jsonl.gz", jsonl([{"text": EN}]))
    assert code_of(one(p)) == "E004"


# ---------------------------------------------------------------- records


@pytest.mark.parametrize(
    "line, code",
    [
        ('{"id": "x", "text": "unterminated', "E008"),
        ("[1, 2, 3]", "E008"),
        ("not json at all", "E008"),
        ('{"id": "x", "title": "No body"}', "E006"),
        ('{"id": "x", "text": null, "html": null}', "E006"),
        ('{"id": "x", "text": 42}', "E006"),
        ('{"id": "x", "text": ""}', "E001"),
        ('{"id": "x", "text": "  \\n  "}', "E001"),
        ('{"id": "x", "html": "<html><body><script>only()</script></body></html>"}', "E001"),
        ('{"id": "x", "text": "\\u0000\\u0000\\u0000binary-ish"}', "E002"),
    ],
)
def test_bad_records(tmp_path, line, code):
    p = write(tmp_path, "records.jsonl", line + "\n")
    item = one(p)
    assert code_of(item) == code
    assert item.origin == f"{p}:1"


def test_one_bad_line_does_not_stop_the_others(tmp_path):
    p = write(
        tmp_path,
        "mixed.jsonl",
        jsonl([{"id": "first", "text": EN}, "{oops", "", {"id": "third", "text": EN2}, {"title": "no text"}]),
    )
    got = items([p])
    assert [type(i).__name__ for i in got] == ["IngestedArticle", "DocumentFailure", "IngestedArticle", "DocumentFailure"]
    assert got[0].id == "first" and got[0].origin == f"{p}:1"
    assert got[1].code == "E008" and got[1].origin == f"{p}:2"
    assert got[2].id == "third" and got[2].origin == f"{p}:4"  # blank line 3 skipped, still counted
    assert got[3].code == "E006" and got[3].origin == f"{p}:5"


def test_invalid_utf8_in_a_line_gives_file_offset(tmp_path):
    first = (json.dumps({"text": EN}) + "\n").encode()
    p = write(tmp_path, "bad.jsonl", first + b'{"text": "bad \xff here"}\n' + first)
    got = items([p])
    assert got[1].code == "E003" and got[1].origin == f"{p}:2"
    assert got[1].error.info["offset"] == len(first) + len(b'{"text": "bad ')
    assert isinstance(got[0], Article) and isinstance(got[2], Article)


def test_jsonl_fields(tmp_path):
    rec = {"id": 17, "text": EN, "title": " Border post shelled ", "date": "2021-06-14",
           "source": "Example Gazette", "url": "https://example.org/a", "extra": [1]}
    item = one(write(tmp_path, "r.ndjson", "\ufeff" + jsonl([rec])))
    assert isinstance(item, Article)
    assert (item.id, item.title, item.date, item.source, item.url) == (
        "17", "Border post shelled", "2021-06-14", "Example Gazette", "https://example.org/a")
    assert item.text == EN


def test_jsonl_html_record_gets_metadata(tmp_path):
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    item = one(write(tmp_path, "r.jsonl", jsonl([{"id": "h1", "html": html}])))
    assert item.title == "Militia shells border post" and item.date == "2021-06-14"
    assert "River Front militia" in item.text and "<p>" not in item.text


def test_jsonl_gz(tmp_path):
    recs = [{"id": f"d{i}", "text": f"{EN} Report number {i}."} for i in range(30)]
    p = write(tmp_path, "corpus.jsonl.gz", gzip.compress(jsonl(recs).encode()))
    got = items([p])
    assert [a.id for a in got] == [f"d{i}" for i in range(30)]
    assert got[29].text.endswith("Report number 29.") and got[29].origin == f"{p}:30"


class CountingStream(io.RawIOBase):
    """A stream that counts how many lines were taken from it."""

    def __init__(self, lines):
        self.lines, self.taken = iter(lines), 0

    def readable(self):
        return True

    def readline(self, size=-1):
        self.taken += 1
        return next(self.lines, b"")

    def read(self, size=-1):
        return self.readline()


def test_jsonl_is_streamed_not_loaded():
    endless = (json.dumps({"id": str(i), "text": EN}).encode() + b"\n" for i in range(10**9))
    stream = CountingStream(endless)
    gen = read_inputs(["-"], stdin=stream)
    first = [next(gen) for _ in range(3)]
    assert [a.id for a in first] == ["0", "1", "2"]
    assert stream.taken <= 5


def test_csv_records(tmp_path):
    p = write(
        tmp_path,
        "table.csv",
        '\ufeffID,Title,Text,Date\n'
        f'a1,Border post,"{EN}",2021-06-14\n'
        '\n'
        f'a2,Talks,"{EN2}\nA second paragraph, with a comma.",\n'
        'a3,Empty,,\n',
    )
    got = items([p])
    assert [getattr(i, "id", None) for i in got[:2]] == ["a1", "a2"]
    assert got[0].title == "Border post" and got[0].date == "2021-06-14" and got[0].origin == f"{p}:2"
    assert got[1].text == EN2 + "\nA second paragraph, with a comma." and got[1].date is None
    assert got[1].origin == f"{p}:4"
    assert code_of(got[2]) == "E001" and got[2].origin == f"{p}:6"


def test_csv_large_field_is_accepted(tmp_path):
    big = (EN + " ") * 600  # > 131072, csv's default field limit
    item = one(write(tmp_path, "big.csv", f'id,text\nbig,"{big}"\n'))
    assert isinstance(item, Article) and item.text == big


def test_csv_invalid_utf8(tmp_path):
    p = write(tmp_path, "t.csv", b"id,text\nx,caf\xe9\n")
    item = one(p)
    assert code_of(item) == "E003" and item.error.info["offset"] == len(b"id,text\nx,caf")


# ---------------------------------------------------------------- documents


def test_txt_article(tmp_path):
    p = write(tmp_path, "seed-report.txt", EN)
    item = one(p)
    assert isinstance(item, Article)
    assert item.id == "seed-report" and item.origin == str(p) and item.text == EN


def test_html_article_with_metadata():
    item = one(FIXTURES / "article.html")
    assert isinstance(item, Article)
    assert item.id == "article"
    assert item.title == "Militia shells border post"
    assert item.date == "2021-06-14"
    assert "shelled a border post" in item.text
    assert "“would not stop until the valley is free”" in item.text  # curly quotes kept
    assert "Copyright" not in item.text and "Home" not in item.text
    assert item.warnings == []


LEAKS = ("LEAK", "alert", "javascript", "document.", "fetch(", "onerror", "onclick", "stolen", "color:")


@pytest.mark.parametrize("name, w002", [("hostile.html", False), ("fallback.html", True)])
def test_hostile_html_never_leaks_script(name, w002):
    item = one(FIXTURES / name)
    assert isinstance(item, Article)
    for leak in LEAKS:
        assert leak not in item.text, leak
    assert [w.code for w in item.warnings] == (["W002"] if w002 else [])
    assert ("truce" in item.text) and len(item.text) > 40


def test_visible_text_fallback_directly():
    html = (
        "<p>Shelling <b>resumed</b> at dawn.<script>x('SCRIPT')</script></p>"
        "<style>p{}</style><div>Residents&nbsp;fled &amp; hid.</div><template>TPL</template>"
    )
    assert visible_text(html) == "Shelling resumed at dawn.\nResidents\u00a0fled & hid."


def test_directory_recursion(tmp_path):
    root = tmp_path / "corpus"
    write(root, "b.txt", EN2)
    write(root, "a.txt", EN)
    write(root, "sub/c.jsonl", jsonl([{"id": "c1", "text": EN}, {"id": "c2", "text": EN2}]))
    write(root, "sub/deeper/d.csv", f'id,text\nd1,"{EN}"\n')
    write(root, "sub/page.htm", (FIXTURES / "article.html").read_text(encoding="utf-8"))
    write(root, "notes.md", EN)  # unknown extension inside a directory: skipped
    write(root, "image.png", b"\x89PNG\r\n\x1a\n")
    write(root, ".hidden.txt", EN)
    write(root, ".git/config.txt", EN)
    got = items([root])
    assert all(isinstance(i, Article) for i in got)
    # files met in a walk are named by their path below the directory given; records keep theirs
    assert [i.id for i in got] == ["a.txt", "b.txt", "c1", "c2", "d1", "sub/page.htm"]
    assert got[2].origin == str(root / "sub" / "c.jsonl") + ":1"
    assert items([root]) == got  # deterministic


def test_several_paths_in_order(tmp_path):
    a = write(tmp_path, "a.txt", EN)
    got = items([a, tmp_path / "missing.txt", a])
    assert [type(i).__name__ for i in got] == ["IngestedArticle", "DocumentFailure", "IngestedArticle"]


def test_stdin_text():
    item = one("-", stdin=("  " + EN).encode())
    assert isinstance(item, Article)
    assert item.origin == "<stdin>"
    assert item.id == doc_id("  " + EN) and len(item.id) == 16


def test_stdin_jsonl():
    data = "\n\n  " + jsonl([{"id": "s1", "text": EN}, "{broken", {"id": "s2", "text": EN2}])
    got = items(["-"], stdin=data.encode())
    assert got[0].id == "s1" and got[0].origin == "<stdin>:3"
    assert code_of(got[1]) == "E008"
    assert got[2].id == "s2" and got[2].text == EN2


def test_stdin_accepts_text_streams_and_str():
    assert one("-", stdin=io.StringIO(EN)).text == EN
    assert one("-", stdin=jsonl([{"id": "t", "text": EN}])).id == "t"


def test_stdin_html_page_is_extracted():
    page = (FIXTURES / "article.html").read_bytes()
    item = one("-", stdin=b"\n" + page)
    assert item.title == "Militia shells border post" and "<p>" not in item.text
    assert item.id == doc_id(item.text)


def test_unknown_extension_html_page_is_extracted(tmp_path):
    item = one(write(tmp_path, "story.php", (FIXTURES / "hostile.html").read_bytes()))
    assert item.title == "Talks collapse in the capital" and "LEAK" not in item.text


def test_record_without_id_gets_hash_id(tmp_path):
    item = one(write(tmp_path, "r.jsonl", jsonl([{"text": EN + "\r\n", "id": ""}])))
    assert item.id == doc_id(EN + "\n") and len(item.id) == 16


def test_stdin_binary_and_empty():
    assert code_of(one("-", stdin=b"\x00\x01\x02binary")) == "E002"
    assert code_of(one("-", stdin=b"  \n ")) == "E001"


# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("a\r\nb\rc\n", "a\nb\nc\n"),
        ("\ufeffStart", "Start"),
        ("Cafe\u0301", "Caf\u00e9"),  # NFC
        ("nul\x00and\x07bell\x1besc", "nul and bell esc"),
        ("tab\tkept  and  spaces   kept", "tab\tkept  and  spaces   kept"),
        ("100\u00a0km \u201cquoted\u201d \u2014 dash \u2019s", "100\u00a0km \u201cquoted\u201d \u2014 dash \u2019s"),
        ("c1\x85control\x7f", "c1 control "),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("", ""),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected
    assert normalise(expected) == expected  # idempotent


def test_offsets_refer_to_normalised_text(tmp_path):
    raw = "The army\r\nsaid on Monday\r\nthat the \u201cCafe\u0301 truce\u201d\x0bheld. " + EN
    p = write(tmp_path, "crlf.txt", raw.encode())
    article, _ = prepare(one(p))
    text = article.text
    assert "\r" not in text and "\x0b" not in text
    start = text.index("said on Monday")
    assert text[start:start + len("said on Monday")] == "said on Monday"
    start = text.index("Caf\u00e9 truce")
    end = start + len("Caf\u00e9 truce")
    assert text[start:end] == "Caf\u00e9 truce" and text[start - 1] == "\u201c" and text[end] == "\u201d"
    assert prepare(article)[0].text == text  # done once: a second pass changes nothing


def test_ids():
    crlf, lf = "A line\r\nAnother", "A line\nAnother"
    assert doc_id(crlf) == doc_id(lf) == sha256(lf)[:16]
    assert len(sha256(lf)) == 64 and all(c in "0123456789abcdef" for c in sha256(lf))
    assert doc_id("one text") != doc_id("another text")


# ---------------------------------------------------------------- language

EN_NAMES = ("Ahmad al-Hassan, Abu Bakr al-Baghdadi, Asa'ib Ahl al-Haq, Jaysh al-Islam, Ahrar al-Sham, "
            "Hayat Tahrir al-Sham, Faylaq al-Rahman, Nour al-Din al-Zenki, Jabhat Fateh al-Sham, "
            "Liwa al-Quds, Saraya al-Salam, Kata'ib Sayyid al-Shuhada")
RU = "Губернатор региона заявил во вторник, что верные правительству войска отбили две деревни у границы."
AR = "قال حاكم المنطقة يوم الثلاثاء إن القوات الموالية للحكومة استعادت قريتين قرب الحدود."
ZH = "该地区省长周二表示，忠于政府的部队夺回了边境附近的两个村庄。"
DE = ("Der Gouverneur der Region sagte am Dienstag, dass regierungstreue Truppen nach einer Woche "
      "schwerer Kämpfe zwei Dörfer nahe der Grenze zurückerobert hätten. Das Bündnis wies die Vorwürfe zurück.")


@pytest.mark.parametrize(
    "text, expected",
    [
        (EN, "en"),
        (EN + " " + EN2, "en"),
        (FR, "fr"),
        (ES, "es"),
        (DE, "de"),
        (RU, "ru"),
        (AR, "ar"),
        (ZH, "zh"),
        (EN_NAMES, "en"),  # Arabic names with "al-" are not Spanish or Italian
        ("Le gouvernement a annoncé la fin des combats.", "en"),  # too short to tell
        ("", "en"),
        ("12 345 678 -- 2021", "en"),
        (EN + " \u00abNous ne céderons pas\u00bb, a-t-il dit. " + EN2, "en"),  # a French quote inside
    ],
)
def test_detect_language(text, expected):
    lang, conf = detect_language(text)
    assert lang == expected
    assert 0.0 <= conf <= 1.0


def test_detect_language_reads_only_the_start():
    text = (EN + " ") * 30 + FR * 500
    assert detect_language(text)[0] == "en"
    assert detect_language(FR * 30 + " " + (EN + " ") * 500)[0] == "fr"


def test_check_language_rejects_confident_non_english():
    with pytest.raises(DyadsError) as info:
        check_language(Article(text=FR, origin="rapport.txt"))
    assert info.value.code == "E007" and info.value.info["language"] == "fr"
    assert "rapport.txt" in str(info.value)
    assert check_language(Article(text=EN)) == "en"


def test_non_english_file_fails_in_read_prepared(tmp_path):
    p = write(tmp_path, "nota.txt", ES)
    (item,) = list(read_prepared([str(p)]))
    assert code_of(item) == "E007" and item.error.info["language"] == "es"
    (ok,) = list(read_prepared([str(p)], check_lang=False))
    assert ok[0].text == ES


def test_half_english_is_a_warning_not_an_error():
    article, warnings = prepare(Article(text=EN + " " + FR, id="mix"))
    assert "W005" in [w.code for w in warnings]
    assert article.language == "fr"


# ---------------------------------------------------------------- prepare


def test_prepare_fills_id_language_and_no_warnings():
    article, warnings = prepare(Article(text="\ufeff" + EN + "\r\n", origin="x.txt"))
    assert article.text == EN + "\n"
    assert article.id == doc_id(EN + "\n")
    assert article.language == "en" and article.origin == "x.txt"
    assert warnings == []


def test_prepare_keeps_given_id_and_metadata():
    article, _ = prepare(Article(text=EN, id="mine", title="T", date="2020-01-01", source="S", url="U"))
    assert (article.id, article.title, article.date, article.source, article.url) == ("mine", "T", "2020-01-01", "S", "U")


def test_prepare_warns_on_controls_and_short_text():
    _, warnings = prepare(Article(text="Short\x0b text with \ufffd in it.", id="s"))
    assert [w.code for w in warnings] == ["W001", "W004"]
    assert "2 control" in warnings[0].message


@pytest.mark.parametrize(
    "text, code",
    [("", "E001"), (" \n\t ", "E001"), ("  \x0b    \n     \t  ", "E001"), ("\x0b\x0c", "E002"), ("\x00" * 50, "E002"), (EN * 10, "E009"), (FR, "E007")],
)
def test_prepare_errors(text, code):
    with pytest.raises(DyadsError) as info:
        prepare(Article(text=text, origin="in.txt"), max_chars=1000)
    assert info.value.code == code


def test_nul_beyond_the_sniffed_start_is_replaced(tmp_path):
    raw = (EN + "\n") * 40 + "late\x00nul"
    article, warnings = prepare(one(write(tmp_path, "late.txt", raw)))
    assert article.text.endswith("late nul") and len(article.text) == len(raw)
    assert [w.code for w in warnings] == ["W001"]


def test_prepare_carries_reader_warnings():
    item = one(FIXTURES / "fallback.html")
    _, warnings = prepare(item)
    assert "W002" in [w.code for w in warnings]


def test_read_prepared_end_to_end(tmp_path):
    p = write(tmp_path, "r.jsonl", jsonl([{"text": EN}, {"id": "fr", "text": FR}, {"id": "e2", "text": EN2}]))
    got = list(read_prepared([str(p)]))
    assert got[0][0].id == doc_id(EN) and got[0][1] == []
    assert code_of(got[1]) == "E007" and got[1].origin == f"{p}:2"
    assert got[2][0].id == "e2"


def test_reader_module_exposes_kinds():
    assert readers.kind_of("a/B.JSONL.GZ") == "jsonl.gz"
    assert readers.kind_of("x.htm") == "html"
    assert readers.kind_of("x.md") is None


# ---------------------------------------------------------------- hostile input (issue 11)


def _outcome(got):
    """(id or code, origin) per item, for comparing whole runs."""
    return [(code_of(i) if isinstance(i, DocumentFailure) else i.id, i.origin) for i in got]


@pytest.mark.parametrize("module", ["lxml.html.clean", None])  # lxml itself raises it with no module name
def test_html_reader_that_cannot_be_imported_fails_only_html_documents(tmp_path, monkeypatch, module):
    """An ImportError of the HTML reader (lxml.html.clean, split from lxml 5.2) is E013 for each
    HTML document, naming the package to install; plain text and text records are still read."""
    import builtins
    import sys

    real_import = builtins.__import__

    def broken(name, *args, **kw):
        if name == "trafilatura" or name.startswith("trafilatura."):
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean",
                              name=module)
        return real_import(name, *args, **kw)

    monkeypatch.delitem(sys.modules, "trafilatura", raising=False)
    monkeypatch.setattr(builtins, "__import__", broken)
    root = tmp_path / "in"
    write(root, "a.html", "<html><body><p>" + EN + "</p></body></html>")
    write(root, "b.txt", EN2)
    write(root, "c.jsonl", jsonl([{"id": "h", "html": "<p>" + EN + "</p>"}, {"id": "t", "text": EN}]))
    got = list(read_prepared([str(root)]))
    assert [code_of(g) if isinstance(g, DocumentFailure) else g[0].id for g in got] == ["E013", "b.txt", "E013", "t"]
    msg = got[0].as_dict()["message"]
    assert "pip install lxml_html_clean" in msg and str(root / "a.html") in msg
    assert got[2].origin == f"{root / 'c.jsonl'}:1" and got[2].as_dict()["input"] == got[2].origin


def test_html_reader_importable_again_reads_html(tmp_path):
    item = one(write(tmp_path, "p.html", "<html><body><p>" + EN + "</p></body></html>"))
    assert isinstance(item, Article) and "border post" in item.text


def test_integer_too_long_for_python_fails_its_record_only(tmp_path):
    """json.loads refuses integers of more than 4,300 digits with a ValueError: E008 for that
    line, and the lines around it are read (also on standard input)."""
    huge = "9" * 5000
    data = jsonl([{"id": "a", "text": EN}, '{"id": ' + huge + ', "text": "x"}',
                  '{"id": "n", "text": "x", "meta": {"views": [' + huge + "]}}", {"id": "c", "text": EN2}])
    for got in (items([write(tmp_path, "h.jsonl", data)]), list(read_inputs(["-"], stdin=data.encode()))):
        assert [code_of(i) if isinstance(i, DocumentFailure) else i.id for i in got] == ["a", "E008", "E008", "c"]
        assert "digits" in got[1].as_dict()["message"]
    # below the limit a long integer is just an id
    assert one(write(tmp_path, "ok.jsonl", '{"id": ' + "7" * 400 + ', "text": "' + EN + '"}\n')).id == "7" * 400


def test_long_digit_strings_in_csv_are_text(tmp_path):
    huge = "9" * 5000
    got = items([write(tmp_path, "n.csv", f'id,date,text\n{huge},{huge},"{EN}"\nb,2020-01-01,"{EN2}"\n')])
    assert [i.id for i in got] == [huge, "b"]


def test_same_file_names_in_a_walk_get_distinct_stable_ids(tmp_path):
    root = tmp_path / "corpus"
    for name, text in (("x.txt", EN), ("x.html", f"<html><body><p>{EN2}</p></body></html>"),
                       ("north/x.txt", EN2), ("south/x.txt", EN + " Later."), ("south/deep/x.txt", EN2 + " Again.")):
        write(root, name, text)
    got = items([root])
    ids = [i.id for i in got]
    assert ids == ["north/x.txt", "south/deep/x.txt", "south/x.txt", "x.html", "x.txt"]
    assert [i.id for i in items([str(root) + os.sep])] == ids  # a trailing slash changes nothing
    assert one(root / "north" / "x.txt").id == "x"  # a file given by name keeps its bare name


def test_bad_csv_rows_fail_alone(tmp_path):
    """A NUL byte, invalid UTF-8 (also inside a quoted field over two lines) or a malformed row
    fails its row; the good rows before and after are read."""
    data = (b'id,text\n'
            b'g1,"' + EN.encode() + b'"\n'
            b'n,"Shelling \x00 resumed at dawn."\n'
            b'u,"Officials said \xff\n the talks failed."\n'
            b'g2,"' + EN2.encode() + b'"\n')
    p = write(tmp_path, "rows.csv", data)
    assert _outcome(items([p])) == [("g1", f"{p}:2"), ("E002", f"{p}:3"), ("E003", f"{p}:4"), ("g2", f"{p}:6")]
    bad = items([p])[2]
    assert bad.error.info["offset"] == data.index(b"\xff")
    # a file that is binary as a whole still fails as one
    assert code_of(one(write(tmp_path, "u16.csv", "id,text\na,hello\n".encode("utf-16-le")))) == "E002"
    assert code_of(one(write(tmp_path, "png.csv", b"\x89PNG\r\n\x1a\n" + b"id,text\n"))) == "E002"


def test_bad_header_fails_the_csv_file(tmp_path):
    p = write(tmp_path, "h.csv", b"id,t\xffext\na,b\n")
    assert code_of(one(p)) == "E003"


def test_bad_jsonl_lines_fail_alone(tmp_path):
    data = (json.dumps({"id": "g1", "text": EN}).encode() + b"\n"
            + b'{"id": "n", "text": "a \x00 b"}\n'
            + b'{"id": "u", "text": "caf\xe9"}\n'
            + json.dumps({"id": "z", "text": "\u0000" * 30 + EN}).encode() + b"\n"
            + json.dumps({"id": "g2", "text": EN2}).encode() + b"\n")
    p = write(tmp_path, "l.jsonl", data)
    assert [o[0] for o in _outcome(items([p]))] == ["g1", "E008", "E003", "E002", "g2"]


def test_metadata_fields_lose_control_characters(tmp_path):
    rec = {"id": "a\x00b", "title": "War\x07 report\u200b", "source": "\ufeffDesk", "text": EN}
    item = one(write(tmp_path, "m.jsonl", jsonl([rec])))
    assert item.id == "a b" and item.title == "War  report\u200b" and item.source == "Desk"


TABLE = "\n".join(f"{2000 + i} | {i * 3.3:.2f} e {i} | {i * 1.5:.1f}e{i % 9} di {i * 2}" for i in range(60))


def test_a_table_of_numbers_is_not_rejected_as_another_language():
    lang, conf = detect_language(TABLE)
    assert conf < 0.8, (lang, conf)
    warnings = []
    check_language(Article(text=TABLE, id="t"), warnings=warnings)  # no E007
    assert [w.code for w in warnings] in ([], ["W005"])
    article, _ = prepare(Article(text="Casualty figures by province:\n" + TABLE, id="t2"))
    assert article.text.endswith(TABLE)


def test_prose_in_another_language_with_numbers_is_still_rejected():
    it = ("Le milizie del fronte hanno bombardato il posto di confine nella notte di domenica, "
          "secondo due funzionari locali. L'esercito ha detto che sono stati feriti tre soldati e che "
          "il governo vicino, che sostiene la milizia da anni, non ha commentato gli scontri. ") * 2
    with pytest.raises(DyadsError) as info:
        check_language(Article(text=it + " 12 feriti, 3 morti.", id="it"))
    assert info.value.code == "E007" and info.value.info["language"] == "it"


def test_deeply_nested_html_goes_to_the_visible_text_fallback(tmp_path):
    """trafilatura's time grows with the square of the nesting (5,000 divs: seconds per page,
    in the one reading process): past MAX_DEPTH the page is read by the fallback."""
    from dyads.ingest.html import MAX_DEPTH, too_deep

    deep = "<html><body>" + "<div>" * 5000 + f"<p>{EN}</p>" + "</div>" * 5000 + "</body></html>"
    item = one(write(tmp_path, "deep.html", deep))
    assert isinstance(item, Article) and item.text == EN and [w.code for w in item.warnings] == ["W002"]
    assert too_deep("<span>" * (MAX_DEPTH + 1)) and not too_deep("<span>" * MAX_DEPTH)
    # closed or flat elements do not add up, however many
    assert not too_deep("<div><b>x</b></div>" * 5000 + "<p>para" * 5000 + "<br><img src=x>" * 5000)
