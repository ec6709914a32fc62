#!/usr/bin/env python3
"""A hostile corpus for `dyads ingest`: it must neither crash nor lose or double a document.

Writes N documents, mixed: ordinary English conflict reports made from templates, and every
kind of hostile input we could think of (empty, blank, binary, NUL bytes, invalid UTF-8,
UTF-8 and UTF-16 BOMs, numbers of hundreds of digits in text, integers of thousands of digits
in JSON fields, deeply nested or unbalanced HTML, script/style/iframe, javascript: links,
entity floods, unbalanced quotation marks, other languages and scripts, tables of numbers,
repeated ids, ids with newlines, slashes and ../, very long lines, RTL marks, zero-width
characters, emoji, control characters, lone surrogates, bad CSV rows, bad JSON lines, a CSV
without a text column, files of one name in different folders) as .txt, .html, .jsonl,
.jsonl.gz and .csv files. Then it runs `dyads ingest DIR` twice into a fresh store and checks:

  - no crash (no traceback; exit status 1 as documented when a document failed, else 0);
  - every failure has a code (the summary's counts against the store's failures table);
  - nothing stored twice or lost: stored + failed + repeated = documents in, every ordinary
    article stored under its id, the store holding as many documents as were stored;
  - no stored text holds script or style content, every stored result is valid JSON;
  - a second run stores nothing new (all unchanged or failed again).

It prints documents in, stored, failed by code, repeated ids, the time and peak memory
(resident memory of `dyads ingest` and its workers, summed, sampled every 0.1 s), then one JSON
line of the same figures. Exit status 0 when every check holds, 1 otherwise.

    python benchmarks/hostile_corpus.py -n 60                  # a quick look
    python benchmarks/hostile_corpus.py -n 10000 -p 2          # the full run (~15 min)
    python benchmarks/hostile_corpus.py -n 200 --keep /tmp/hc  # keep the corpus and the store
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

# ---------------------------------------------------------------- ordinary articles

ACTORS = ["the national army", "the River Front militia", "the Northern Alliance", "government forces",
          "the Coastal Brigade", "police", "the Free Highlands Movement", "the interior ministry",
          "the United Nations", "the Red Crescent", "rebel fighters", "the presidential guard"]
PLACES = ["Kessa", "Ardun", "Lower Vell", "Marrow Bay", "Tiberin", "Oskar Ridge", "Hallam", "Qadir Wells",
          "Port Semmel", "Ebrin", "the border crossing at Dun", "the old market of Sallow"]
VERBS = ["shelled positions held by", "attacked a convoy of", "accused", "agreed a ceasefire with",
         "met envoys of", "arrested members of", "threatened", "sent food aid to", "condemned",
         "withdrew from areas held by", "clashed with", "called for talks with"]
SPEAKERS = ["a spokesman", "the governor", "a local official", "residents", "a commander",
            "the foreign minister", "an aid worker", "witnesses"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(rng: random.Random, serial: int) -> tuple[str, str]:
    """(title, text): a short English report, unique by its serial number."""
    a, b = rng.sample(ACTORS, 2)
    place, day, verb, who = rng.choice(PLACES), rng.choice(DAYS), rng.choice(VERBS), rng.choice(SPEAKERS)
    n, m = rng.randint(2, 90), rng.randint(100, 9000)
    title = f"{a[0].upper() + a[1:]} {verb} {b} near {place}"
    text = (f"{a[0].upper() + a[1:]} {verb} {b} near {place} on {day}, {who} said. "
            f"At least {n} people were killed and {m} others fled their homes, according to "
            f"the health ministry. \"We will not leave {place},\" {who} told reporters. "
            f"{b[0].upper() + b[1:]} denied the claims and said it would respond. "
            f"Talks planned for next week were postponed (report {serial}).")
    return title, text


# ---------------------------------------------------------------- the corpus


@dataclass
class Corpus:
    root: str
    rng: random.Random
    documents: int = 0  # documents dyads should see: records, rows, files (a file failing whole: one)
    expect_stored: set = field(default_factory=set)  # ids that must be stored (ordinary articles)
    repeats: int = 0  # documents repeating an id met before in the run
    serial: int = 0
    kinds: dict = field(default_factory=dict)

    def write(self, rel: str, data, docs: int, kind: str) -> str:
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        self.documents += docs
        self.kinds[kind] = self.kinds.get(kind, 0) + docs
        return path

    def text(self) -> tuple[str, str]:
        self.serial += 1
        return article(self.rng, self.serial)


def _jsonl(records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def _csv_cell(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def ordinary(c: Corpus, n: int, i: int) -> None:
    """n ordinary English articles as a .txt, .html, a .jsonl(.gz) file of records or a .csv of rows."""
    form = i % 5
    if form == 0:
        for _ in range(n):
            title, text = c.text()
            rel = f"plain/{c.serial % 7}/report-{c.serial}.txt"
            c.write(rel, text, 1, "ordinary")
            c.expect_stored.add(rel)
    elif form == 1:
        for _ in range(n):
            title, text = c.text()
            rel = f"pages/{c.serial % 5}/page-{c.serial}.html"
            paras = "".join(f"<p>{s}.</p>" for s in text.split(". "))
            html = (f"<!DOCTYPE html><html><head><title>{title}</title>"
                    f"<meta property=\"article:published_time\" content=\"2024-03-{1 + c.serial % 28:02d}\">"
                    f"</head><body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{paras}"
                    f"</article><footer>Copyright Desk</footer></body></html>")
            c.write(rel, html, 1, "ordinary")
            c.expect_stored.add(rel)
    elif form in (2, 3):
        recs = []
        for _ in range(n):
            title, text = c.text()
            recs.append({"id": f"rec-{c.serial}", "title": title, "date": "2024-05-01", "source": "Desk", "text": text})
            c.expect_stored.add(f"rec-{c.serial}")
        data = _jsonl(recs).encode("utf-8")
        if form == 3:
            c.write(f"records/batch-{c.serial}.jsonl.gz", gzip.compress(data), n, "ordinary")
        else:
            c.write(f"records/batch-{c.serial}.jsonl", data, n, "ordinary")
    else:
        rows = ["id,title,date,text"]
        for _ in range(n):
            title, text = c.text()
            rows.append(f"row-{c.serial},{_csv_cell(title)},2024-06-02,{_csv_cell(text)}")
            c.expect_stored.add(f"row-{c.serial}")
        c.write(f"rows/table-{c.serial}.csv", "\r\n".join(rows) + "\r\n", n, "ordinary")


def hostile_files(c: Corpus, k: int) -> None:
    """One of each kind of hostile whole file (.txt, .html), numbered k."""
    _, en = c.text()
    d = f"hostile/{k}"
    w = c.write
    w(f"{d}/empty.txt", b"", 1, "empty")
    w(f"{d}/blank.txt", " \n\t\r\n  \n", 1, "blank")
    w(f"{d}/image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, 1, "binary")
    w(f"{d}/nul.txt", en[:40].encode() + b"\x00" + en[40:].encode(), 1, "nul")
    w(f"{d}/latin1.txt", (en + " Caf\u00e9 d\u00e9j\u00e0.").encode("latin-1"), 1, "invalid-utf8")
    w(f"{d}/bom.txt", b"\xef\xbb\xbf" + en.encode(), 1, "bom")
    w(f"{d}/utf16.txt", en.encode("utf-16"), 1, "utf16")
    w(f"{d}/huge-number.txt", en + f" Officials said {'9' * 400} people and {'1' * 5000} dollars.", 1, "huge-number")
    w(f"{d}/quotes.txt", en + " \"He said the war \u201cwould end soon, and \u00abnever\" again.", 1, "unbalanced-quotes")
    w(f"{d}/odd-chars.txt", "\u202e" + en.replace(" ", " \u200b", 5) + " \U0001F525\U0001F1FA\U0001F1E6 \u200f"
      "\u0627\u0644\u0633\u0644\u0627\u0645\u200e \x07\x1b[31m red\x7f \u2028 done.", 1, "rtl-zero-width-emoji-controls")
    # sizes kept moderate: a 22,000-character line costs ~30 s of parsing, an entity flood of that size ~60 s
    w(f"{d}/long-line.txt", (en.replace("\n", " ") + " ") * 20, 1, "long-line")
    w(f"{d}/table.txt", "\n".join(f"{2000 + i} | {i * 3.3:.2f} e {i} | {i * 1.5:.1f}e{i % 9} di {i * 2}"
                                  for i in range(80)), 1, "table-of-numbers")
    w(f"{d}/french.txt", "Les combattants de la milice ont bombard\u00e9 dimanche un poste fronti\u00e8re "
      "tenu par l'arm\u00e9e nationale, selon deux responsables locaux. L'arm\u00e9e a affirm\u00e9 qu'elle "
      "avait repouss\u00e9 l'attaque et que trois de ses soldats avaient \u00e9t\u00e9 bless\u00e9s.", 1, "french")
    w(f"{d}/russian.txt", "\u0410\u0440\u043c\u0438\u044f \u0437\u0430\u044f\u0432\u0438\u043b\u0430, "
      "\u0447\u0442\u043e \u043e\u0442\u0440\u0430\u0437\u0438\u043b\u0430 \u0430\u0442\u0430\u043a\u0443 "
      "\u0431\u043e\u0435\u0432\u0438\u043a\u043e\u0432 \u043d\u0430 \u043f\u043e\u0433\u0440\u0430\u043d"
      "\u0438\u0447\u043d\u044b\u0439 \u043f\u043e\u0441\u0442. " * 3, 1, "russian")
    w(f"{d}/chinese.txt", "\u519b\u961f\u8868\u793a\uff0c\u6b66\u88c5\u5206\u5b50\u5468\u65e5\u88ad\u51fb"
      "\u4e86\u8fb9\u5883\u54e8\u6240\uff0c\u9020\u6210\u4e09\u540d\u58eb\u5175\u53d7\u4f24\u3002" * 4, 1, "chinese")
    w(f"{d}/script.html", "<html><head><style>p{color:red}</style><script>document.write('LEAK')</script>"
      "</head><body><iframe src=\"javascript:alert(1)\"></iframe><article><p onclick=\"steal()\">"
      f"{en}</p><a href=\"javascript:alert(2)\">more</a><img src=x onerror=alert(3)></article>"
      "<noscript>NOSCRIPT</noscript></body></html>", 1, "script-style-iframe-javascript")
    w(f"{d}/nested.html", "<html><body>" + "<div>" * 5000 + f"<p>{en}</p>" + "</div>" * 5000 + "</body></html>",
      1, "deeply-nested-html")
    w(f"{d}/unbalanced.html", "<html><body><div><p>" + en + "<table><tr><td>cell<b><i>bold</div></td>"
      "</span></p></p></html></body><p>tail", 1, "unbalanced-html")
    w(f"{d}/only-script.html", "<html><body><script>var x = 'nothing to read';</script></body></html>", 1,
      "html-without-text")
    w(f"{d}/entities.html", "<html><body><p>" + en + " " + "&amp;&#x1F525;&bogus;&#0;&#xD800;" * 500
      + "</p></body></html>", 1, "entity-flood")
    w(f"{d}/comment-bomb.htm", "<html><body><!--" + "-- <p>hidden</p> " * 3000 + "--><p>" + en + "</p></body></html>",
      1, "comment-bomb")
    # one name in several folders, and a .txt and .html of one name: distinct ids
    for sub in ("same", "same/deeper"):
        _, t = c.text()
        w(f"{d}/{sub}/story.txt", t, 1, "same-name")
        c.expect_stored.add(f"{d}/{sub}/story.txt")
    _, t = c.text()
    w(f"{d}/same/story.html", f"<html><body><p>{t}</p></body></html>", 1, "same-name")
    c.expect_stored.add(f"{d}/same/story.html")
    w(f"{d}/notes.md", en, 0, "skipped")  # unknown extension in a directory: not an input
    w(f"{d}/.hidden.txt", en, 0, "skipped")


def hostile_records(c: Corpus, k: int) -> None:
    """Hostile JSON Lines and CSV files, numbered k."""
    d = f"hostile/{k}"
    huge = "7" * 5000
    good = []
    for _ in range(4):
        title, t = c.text()
        good.append(t)
    lines = [
        {"id": f"j{k}-ok", "text": good[0]},
        '{"id": ' + huge + ', "text": "x"}',  # E008: integer too long for Python
        '{"id": "j%d-n", "text": "t", "views": [%s]}' % (k, huge),  # E008
        '{"id": "j%d-bad", "text": "unterminated' % k,  # E008
        "[1, 2, 3]",  # E008: not an object
        "[" * 100000 + "]" * 100000,  # E008: nested too deeply
        {"id": f"j{k}-num", "text": 42},  # E006
        {"id": f"j{k}-none"},  # E006
        {"id": f"j{k}-empty", "text": "   "},  # E001
        {"id": f"j{k}-nul", "text": "\u0000" * 40 + "x"},  # E002
        {"id": f"j{k}/../../etc/passwd", "text": good[1]},
        json.dumps({"id": f"j{k}\nnew\rline\u2028", "text": good[2] + " \ud800 lone surrogate."}),  # \ud800 escape
        {"id": f"j{k}-big", "text": good[3] + " The fund holds " + "8" * 400 + " dinars.", "date": huge},
        {"id": f"j{k}-html", "html": "<html><body><script>x()</script><p>" + good[0].replace("report", "dispatch")
         + "</p></body></html>"},
    ]
    body = _jsonl(lines).encode("utf-8", "surrogatepass")
    body += b'{"id": "raw-nul", "text": "a\x00b"}\n' + b'{"id": "latin", "text": "caf\xe9"}\n\n  \n'
    c.write(f"{d}/records.jsonl", b"\xef\xbb\xbf" + body, len(lines) + 2, "bad-json-lines")
    from dyads.ingest import normalise  # ids are normalised like any field: controls out, CR -> LF

    c.expect_stored.update(normalise(lines[i]["id"]).strip() for i in (0, 10, 12, 13))
    c.expect_stored.add(f"j{k}\nnew\nline")
    # the same ids again, in a later file: repeats (of two texts under one id the later is kept)
    again = [{"id": f"j{k}-ok", "text": good[0]}, {"id": f"j{k}-big", "text": good[1] + " Revised."}]
    c.write(f"{d}/repeats.jsonl", _jsonl(again), 2, "repeated-ids")
    c.repeats += 2
    _, a = c.text()
    _, b = c.text()
    rows_bytes = ("id,title,text\r\n" + f"c{k}-a,ok,{_csv_cell(a)}\r\n").encode()
    rows_bytes += f"c{k}-nul,nul,\"bad \x00 row\"\r\n".encode()
    rows_bytes += f"c{k}-u,latin,\"caf".encode() + b"\xe9\nstill in the field\"\r\n"
    rows_bytes += f"{k + 1}{huge},huge id,\"{b}\"\r\n".encode()  # one per round: not a repeat
    rows_bytes += f"c{k}-b,ok,{_csv_cell(b.replace('report', 'bulletin'))}\r\n".encode()
    rows_bytes += f"c{k}-open,open quote,\"never closed {a}\r\n".encode()  # swallows the rest: one row
    c.write(f"{d}/rows.csv", rows_bytes, 6, "bad-csv-rows")
    c.expect_stored.update({f"c{k}-a", f"{k + 1}{huge}", f"c{k}-b"})
    c.write(f"{d}/no-text-column.csv", "id,body\nx,hello\n", 1, "csv-without-text-column")
    c.write(f"{d}/binary.csv", b"PK\x03\x04" + bytes(range(256)) * 8, 1, "binary-csv")


# ---------------------------------------------------------------- generate


def generate(root: str, n: int, seed: int = 11) -> Corpus:
    """Write about n documents under `root` (a quarter or so hostile, at least one of each kind)."""
    c = Corpus(root=root, rng=random.Random(seed))
    k = 0
    while True:
        hostile_files(c, k)
        hostile_records(c, k)
        k += 1
        if c.documents * 4 >= n:
            break
    i = 0
    while c.documents < n:
        ordinary(c, min(n - c.documents, 1 + i % 40), i)
        i += 1
    return c


# ---------------------------------------------------------------- run and check


def run_ingest(root: str, db: str, processes: int) -> dict:
    """`dyads ingest root --db db -p N`: exit status, stderr, seconds, peak memory of the process tree."""
    import psutil

    env = dict(os.environ, COLUMNS="100000", TERM="dumb")
    cmd = [sys.executable, "-m", "dyads", "ingest", root, "--db", db, "-p", str(processes)]
    err = tempfile.TemporaryFile()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, env=env)
    peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(ch.memory_info().rss for ch in ps.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.monotonic() - start
    err.seek(0)
    stderr = err.read().decode("utf-8", "replace")
    flat = re.sub(r"\s+", " ", stderr)
    m = re.search(r"(\d+) stored, (\d+) unchanged, (\d+) failed(?: \(\d+ replaced\))?(?:, (\d+) repeated ids)?"
                  r" in [\d.]+ s", flat)
    counts = dict(zip(("stored", "unchanged", "failed", "repeated"), (int(x or 0) for x in m.groups()))) if m else {}
    return {"status": proc.returncode, "stderr": stderr, "seconds": round(seconds, 1),
            "peak_mib": round(peak / 2**20), "counts": counts}


def store_facts(db: str) -> dict:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        ids = [r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()]
        leaks = con.execute("SELECT count(*) FROM documents WHERE regexp_matches(text, ?)", [LEAKS]).fetchone()[0]
        invalid = 0
        for (result,) in con.execute("SELECT result FROM documents").fetchall():
            try:
                json.loads(result, parse_constant=_refuse)
            except ValueError:
                invalid += 1
        last = con.execute("SELECT run_id FROM runs ORDER BY started DESC LIMIT 1").fetchone()
        codes = dict(con.execute("SELECT coalesce(code, 'NONE'), count(*) FROM failures WHERE run_id = ? "
                                 "GROUP BY 1 ORDER BY 1", [last[0] if last else None]).fetchall())
    finally:
        con.close()
    return {"ids": ids, "codes": codes, "leaks": leaks, "invalid_json": invalid}


LEAKS = r"LEAK|NOSCRIPT|alert\(|steal\(|color:red|nothing to read"  # what scripts and styles hold


def _refuse(name):
    raise ValueError(f"not JSON: {name}")


def check(c: Corpus, first: dict, second: dict, facts1: dict, facts2: dict) -> list[str]:
    """The problems found (empty when every check holds)."""
    problems = []
    for name, run in (("first", first), ("second", second)):
        if "Traceback" in run["stderr"] or not run["counts"]:
            problems.append(f"{name} run crashed or printed no summary (status {run['status']}):\n"
                            + run["stderr"][-3000:])
            continue
        k = run["counts"]
        want = 1 if k["failed"] else 0
        if run["status"] != want:
            problems.append(f"{name} run: exit status {run['status']}, documented {want}")
        seen = k["stored"] + k["unchanged"] + k["failed"] + k["repeated"]
        if seen != c.documents:
            problems.append(f"{name} run: stored+unchanged+failed+repeated = {seen}, documents in = {c.documents}")
    if problems:
        return problems
    k1, k2 = first["counts"], second["counts"]
    if sum(facts1["codes"].values()) != k1["failed"] or "NONE" in facts1["codes"]:
        problems.append(f"failures without a code, or not recorded: {facts1['codes']} vs {k1['failed']} failed")
    if len(facts1["ids"]) != len(set(facts1["ids"])) or len(facts1["ids"]) != k1["stored"]:
        problems.append(f"store holds {len(facts1['ids'])} documents ({len(set(facts1['ids']))} distinct), "
                        f"the run said {k1['stored']} stored")
    if facts1["leaks"] or facts1["invalid_json"]:
        problems.append(f"{facts1['leaks']} stored texts hold script or style content, "
                        f"{facts1['invalid_json']} stored results are not valid JSON (Infinity, NaN)")
    lost = c.expect_stored - set(facts1["ids"])
    if lost:
        problems.append(f"{len(lost)} ordinary documents lost, e.g. {sorted(lost)[:5]!r}")
    if k1["repeated"] != c.repeats:
        problems.append(f"{k1['repeated']} repeated ids reported, {c.repeats} written")
    if k2["stored"] != 0 or sorted(facts2["ids"]) != sorted(facts1["ids"]):
        problems.append(f"second run stored {k2['stored']} (the store now holds {len(facts2['ids'])})")
    if k2["unchanged"] + k2["repeated"] != k1["stored"] + k1["repeated"] or k2["failed"] != k1["failed"]:
        problems.append(f"second run: {k2['unchanged']} unchanged, {k2['failed']} failed; "
                        f"first: {k1['stored']} stored, {k1['failed']} failed")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--documents", type=int, default=200, help="documents to write (default 200)")
    ap.add_argument("-p", "--processes", type=int, default=1, help="dyads ingest --processes (default 1)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--keep", help="write the corpus and the store here and keep them (default: a temporary folder)")
    args = ap.parse_args(argv)
    work = args.keep or tempfile.mkdtemp(prefix="dyads-hostile-")
    root, db = os.path.join(work, "corpus"), os.path.join(work, "store.duckdb")
    for p in (root, db, db + ".wal"):
        if os.path.isdir(p):
            shutil.rmtree(p)
        elif os.path.exists(p):
            os.remove(p)
    try:
        c = generate(root, args.documents, args.seed)
        first = run_ingest(root, db, args.processes)
        facts1 = store_facts(db) if os.path.exists(db) else {"ids": [], "codes": {}, "leaks": 0, "invalid_json": 0}
        second = run_ingest(root, db, args.processes)
        facts2 = store_facts(db) if os.path.exists(db) else {"ids": [], "codes": {}, "leaks": 0, "invalid_json": 0}
        problems = check(c, first, second, facts1, facts2)
        k = first["counts"]
        print(f"documents in {c.documents} ({sum(v for n, v in c.kinds.items() if n != 'ordinary')} hostile)")
        print(f"stored {k.get('stored')}  failed {k.get('failed')}  repeated ids {k.get('repeated')}")
        print("failed by code: " + ", ".join(f"{code} {n}" for code, n in facts1["codes"].items()))
        print(f"first run {first['seconds']} s, peak {first['peak_mib']} MiB, exit {first['status']}; "
              f"second run {second['seconds']} s, peak {second['peak_mib']} MiB, exit {second['status']}, "
              f"stored {second['counts'].get('stored')}")
        for p in problems:
            print("PROBLEM: " + p)
        print(json.dumps({"bench": "hostile", "documents": c.documents, "processes": args.processes,
                          "first": {**first["counts"], "status": first["status"], "seconds": first["seconds"],
                                    "peak_mib": first["peak_mib"]},
                          "second": {**second["counts"], "status": second["status"], "seconds": second["seconds"],
                                     "peak_mib": second["peak_mib"]},
                          "failed_by_code": facts1["codes"], "kinds": c.kinds, "problems": problems}))
        return 1 if problems else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
