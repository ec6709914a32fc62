"""Readers: paths, directories and stdin in; a lazy stream of articles (or failures) out.

    for item in read_inputs(["corpus/", "extra.jsonl.gz", "-"]):
        if isinstance(item, DocumentFailure): report(item)
        else: analyse(prepare(item))

Nothing is loaded whole except single documents: JSON Lines (plain or gzip)
and CSV are read a record at a time. Text is decoded strictly as UTF-8 (a BOM
is dropped) but not normalised: `prepare` does that, once.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import stat
import sys
import zlib
from typing import IO, Any, Iterator, Optional, Union

from ..errors import DocumentFailure, DyadsError, warning
from .html import extract_html, visible_text  # noqa: F401 (visible_text: part of this module's API)
from .normalise import (
    DEFAULT_MAX_CHARS,
    IngestedArticle,
    binary_reason,
    decode_utf8,
    doc_id,
    normalise,
    text_binary_reason,
)
from .streams import _Prefixed, _binary_stdin

Item = Union[IngestedArticle, DocumentFailure]

TEXT_EXT = (".txt",)
HTML_EXT = (".html", ".htm")
JSONL_EXT = (".jsonl", ".ndjson")
JSONL_GZ_EXT = (".jsonl.gz", ".ndjson.gz")
CSV_EXT = (".csv",)
# Given explicitly, these are refused without reading (E010); other unknown
# extensions are read as text when they are text.
REFUSED_EXT = frozenset(
    ".pdf .doc .docx .odt .rtf .xls .xlsx .ods .ppt .pptx .epub .zip .gz .tgz .bz2 .xz .zst "
    ".7z .tar .rar .png .jpg .jpeg .gif .webp .bmp .tif .tiff .svg .mp3 .mp4 .wav .avi .mov "
    ".parquet .duckdb .sqlite .db .pkl .pickle .npy .json .xml .exe .so .dll .bin".split()
)
RAW_FACTOR = 16  # raw input (HTML, a JSON line) may be this many bytes per allowed character
STDIN_NAME = "<stdin>"
RECORD_FIELDS = ("id", "title", "date", "source", "url")


def read_inputs(
    paths: list[str],
    *,
    stdin: Any = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Item]:
    """Yield one `Article` (an `IngestedArticle`) or one `DocumentFailure` per document, lazily.

    `paths` are files, directories (walked recursively, sorted, hidden entries
    and unknown extensions skipped) or "-" for standard input (`stdin`: bytes,
    str, a binary or text stream; default `sys.stdin.buffer`).
    """
    for path in paths:
        path = os.fspath(path)
        if path == "-":
            yield from _read_stdin(stdin, max_chars)
            continue
        try:
            st = os.stat(path)
        except FileNotFoundError:
            yield _fail(path, "E005", input=path)
            continue
        except OSError as exc:
            yield _fail(path, "E004", input=path, detail=_os_detail(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            for file in _walk(path):
                yield from _read_file(file, max_chars, id=_relative_id(file, path))
        else:
            yield from _read_file(path, max_chars, id=_stem(path))


def kind_of(path: str) -> Optional[str]:
    """'text', 'html', 'jsonl', 'jsonl.gz', 'csv', or None for an extension dyads does not know."""
    name = os.path.basename(path).lower()
    for kind, exts in (("jsonl.gz", JSONL_GZ_EXT), ("jsonl", JSONL_EXT), ("html", HTML_EXT),
                       ("csv", CSV_EXT), ("text", TEXT_EXT)):
        if name.endswith(exts):
            return kind
    return None


def _walk(root: str) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and kind_of(name):
                found.append(os.path.join(dirpath, name))
    return sorted(found, key=lambda p: os.path.relpath(p, root).split(os.sep))


def _fail(origin: str, code: str, **info) -> DocumentFailure:
    info.setdefault("input", origin)
    return DocumentFailure(DyadsError(code, **info), origin=origin)


def _os_detail(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


_FILE_TYPES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _open_binary(path: str) -> IO[bytes]:
    """Open a regular file for reading; E004 for anything else (never block on a FIFO)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DyadsError("E005", input=path) from None
    except OSError as exc:
        raise DyadsError("E004", input=path, detail=_os_detail(exc)) from None
    for test, what in _FILE_TYPES:
        if test(st.st_mode):
            raise DyadsError("E004", input=path, detail=f"it is {what}, not a regular file; use - to read standard input")
    try:
        return open(path, "rb")
    except OSError as exc:
        raise DyadsError("E004", input=path, detail=_os_detail(exc)) from None


def _relative_id(path: str, root: str) -> str:
    """The id of a file met in a directory walk: its path below the directory given, with its
    extension, '/'-separated ("sub/report.txt"), so that files of one name in different folders,
    or a .txt and a .html of one name, never share an id."""
    return "/".join(os.path.relpath(path, root).split(os.sep))


def _read_file(path: str, max_chars: int, id: Optional[str] = None) -> Iterator[Item]:
    kind = kind_of(path)
    if kind is None and os.path.splitext(path)[1].lower() in REFUSED_EXT:
        yield _fail(path, "E010", detail=os.path.splitext(path)[1].lower())
        return
    try:
        f = _open_binary(path)
    except DyadsError as err:
        yield DocumentFailure(err, origin=path)
        return
    with f:
        if kind in ("jsonl", "jsonl.gz"):
            stream = gzip.GzipFile(fileobj=f, mode="rb") if kind == "jsonl.gz" else f
            yield from _read_jsonl(stream, path, max_chars)
        elif kind == "csv":
            yield from _read_csv(f, path, max_chars)
        else:
            html = True if kind == "html" else (False if kind == "text" else None)
            yield _read_document(f, path, max_chars, html=html, id=id or _stem(path))


def _stem(path: str) -> str:
    """The id of a single file given by name: its name without the extension."""
    name = os.path.basename(path)
    for ext in JSONL_GZ_EXT:
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return os.path.splitext(name)[0] or name


def _read_capped(f: IO[bytes], cap: int) -> Optional[bytes]:
    """Read the whole stream, or None if it holds more than `cap` bytes."""
    data = f.read(cap + 1)
    return None if len(data) > cap else data


def _read_document(f: IO[bytes], origin: str, max_chars: int, *, html: Optional[bool], id: Optional[str]) -> Item:
    """One whole file (or stdin) as one article; `html=None`: HTML if it starts like an HTML page."""
    cap = max_chars * (4 if html is False else RAW_FACTOR) + 3
    try:
        data = _read_capped(f, cap)
    except OSError as exc:
        return _fail(origin, "E004", detail=_os_detail(exc))
    if data is None:
        if html is not False:
            return _fail(origin, "E012", size=f"more than {cap:,}", limit=f"{cap:,}")
        return _fail(origin, "E009", chars=f"more than {max_chars:,}", limit=max_chars)
    return _guarded(_decoded, (data, html, id), origin, max_chars)


def _decoded(source: tuple[bytes, Optional[bool], Optional[str]], origin: str, max_chars: int) -> IngestedArticle:
    data, html, id = source
    text = decode_utf8(data, origin)
    if html is None:
        html = _looks_like_html(text)
    if html:
        return _from_html(text, origin, max_chars, id=id)
    return _article(text, origin, max_chars, id=id)


def _looks_like_html(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n\f\v")[:15].lower().startswith(("<!doctype html", "<html"))


def _article(text: str, origin: str, max_chars: int, warnings=None, **fields) -> IngestedArticle:
    if not text.strip():
        raise DyadsError("E001", input=origin)
    if len(text) > max_chars:
        raise DyadsError("E009", input=origin, chars=len(text), limit=max_chars)
    if not fields.get("id"):
        fields["id"] = doc_id(text)
    return IngestedArticle(text=text, origin=origin, warnings=list(warnings or []), **fields)


def _from_html(html: str, origin: str, max_chars: int, **fields) -> IngestedArticle:
    try:
        text, meta, used_fallback = extract_html(html)
    except DyadsError as err:  # E013: the HTML reader cannot be imported; this document only
        raise DyadsError(err.code, **{**err.info, "input": origin}) from None
    for key in ("title", "date"):
        if not fields.get(key) and meta.get(key):
            fields[key] = meta[key]
    warns = [warning("W002", input=origin)] if used_fallback else []
    return _article(text, origin, max_chars, warns, **fields)


# ---------------------------------------------------------------- records


def _field(value: Any) -> Optional[str]:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    value = normalise(str(value)).strip()  # no NUL or other control characters in metadata
    return value or None


def _record(rec: dict, origin: str, max_chars: int) -> IngestedArticle:
    """One JSON or CSV record: `text` (or `html`) plus optional metadata."""
    fields = {k: _field(rec.get(k)) for k in RECORD_FIELDS}
    text, html = rec.get("text"), rec.get("html")
    if isinstance(text, str) and text.strip():
        reason = text_binary_reason(text)
        if reason:
            raise DyadsError("E002", input=origin, detail=reason)
        return _article(text, origin, max_chars, **fields)
    if isinstance(html, str) and html.strip():
        if len(html) > max_chars * RAW_FACTOR:
            size = len(html.encode("utf-8", "surrogatepass"))
            raise DyadsError("E012", input=origin, size=f"{size:,}", limit=f"{max_chars * RAW_FACTOR:,}")
        return _from_html(html, origin, max_chars, **fields)
    if isinstance(text, str) or isinstance(html, str):
        raise DyadsError("E001", input=origin)
    raise DyadsError("E006", input=origin)


def _lines(f: IO[bytes], cap: int) -> Iterator[tuple[int, int, Optional[bytes]]]:
    """(line number, byte offset, line) for each line; line is None when longer than `cap`."""
    lineno = offset = 0
    while True:
        line = f.readline(cap + 1)
        if not line:
            return
        lineno += 1
        start = offset
        offset += len(line)
        if len(line) > cap and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line
                more = f.readline(1 << 20)
                offset += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield lineno, start, None
            continue
        yield lineno, start, line


def _read_jsonl(f: IO[bytes], name: str, max_chars: int) -> Iterator[Item]:
    cap = max_chars * RAW_FACTOR + 1024
    lineno = 0
    try:
        for lineno, offset, line in _lines(f, cap):
            origin = f"{name}:{lineno}"
            if line is None:
                yield _fail(origin, "E012", size=f"more than {cap:,}", limit=f"{cap:,}")
                continue
            if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                line, offset = line[3:], 3
            if not line.strip():
                continue
            yield _guarded(_json_record, (line, offset), origin, max_chars)
    except (OSError, EOFError, zlib.error) as exc:  # corrupt or truncated gzip, I/O error
        reason = _os_detail(exc) if isinstance(exc, OSError) else (str(exc) or "unexpected end of data").lower()
        yield _fail(name, "E004", detail=f"{reason} (after line {lineno}); the file may be truncated or corrupt")


def _json_record(source: tuple[bytes, int], origin: str, max_chars: int) -> IngestedArticle:
    line, offset = source
    return _record(_parse_json_line(line, origin, offset), origin, max_chars)


def _parse_json_line(line: bytes, origin: str, offset: int) -> dict:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DyadsError("E003", input=origin, offset=offset + exc.start) from None
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DyadsError("E008", input=origin, detail=f"{exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise DyadsError("E008", input=origin, detail="nested too deeply") from None
    except ValueError as exc:  # an integer of more than sys.get_int_max_str_digits() digits
        raise DyadsError("E008", input=origin, detail=_value_detail(exc)) from None
    if not isinstance(rec, dict):
        raise DyadsError("E008", input=origin, detail=f"expected an object, got {type(rec).__name__}")
    return rec


def _value_detail(exc: ValueError) -> str:
    if "digits" in str(exc):
        return f"a number too long to read: more than {sys.get_int_max_str_digits():,} digits"
    return str(exc) or type(exc).__name__


class _Utf8Lines:
    """A binary stream as lines of text for the csv module, noting bad lines instead of stopping.

    A line that is not valid UTF-8 is decoded with U+FFFD and noted (E003, with its byte
    offset); a line longer than `cap` bytes is skipped and noted (E012). The row that holds a
    noted line fails; the rows around it are read as usual.
    """

    def __init__(self, f: IO[bytes], cap: int):
        self.f, self.cap = f, cap
        self.bad: dict[int, tuple[str, dict]] = {}  # line number -> (code, message fields)

    def __iter__(self) -> Iterator[str]:
        for lineno, offset, line in _lines(self.f, self.cap):
            if line is None:
                self.bad[lineno] = ("E012", {"size": f"more than {self.cap:,}", "limit": f"{self.cap:,}"})
                yield "\n"
                continue
            skip = 3 if lineno == 1 and line.startswith(b"\xef\xbb\xbf") else 0
            try:
                yield line[skip:].decode("utf-8")
            except UnicodeDecodeError as exc:
                self.bad[lineno] = ("E003", {"offset": offset + skip + exc.start})
                yield line[skip:].decode("utf-8", "replace")

    def problem(self, first: int, last: int, origin: str) -> Optional[DyadsError]:
        """The error of the first bad line among lines first..last (forgotten once asked)."""
        found = None
        for lineno in [n for n in self.bad if first <= n <= last]:
            code, info = self.bad.pop(lineno)
            found = found or DyadsError(code, input=origin, **info)
        return found


def _read_csv(f: IO[bytes], name: str, max_chars: int) -> Iterator[Item]:
    reason = binary_reason(f.read(8000), any_nul=False)  # one NUL fails its row only (E002)
    if reason:
        yield _fail(name, "E002", detail=reason)
        return
    f.seek(0)
    limit = max_chars * RAW_FACTOR
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
    lines = _Utf8Lines(f, limit + 1024)
    reader = csv.reader(lines)
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
        bad = lines.problem(1, reader.line_num, name)
        if bad:  # without its header the file cannot be read
            yield DocumentFailure(bad, origin=name)
            return
        if not header:
            yield _fail(name, "E001")
            return
        columns = [c.strip().lower() for c in header]
        if "text" not in columns and "html" not in columns:
            yield _fail(name, "E011", detail=", ".join(c for c in columns if c) or "none")
            return
        yield from _csv_rows(reader, lines, columns, name, max_chars)
    except csv.Error as exc:
        yield _fail(name, "E004", detail=f"malformed CSV at line {reader.line_num}: {exc}")
    except OSError as exc:
        yield _fail(name, "E004", detail=_os_detail(exc))


def _csv_rows(reader, lines: _Utf8Lines, columns: list[str], name: str, max_chars: int) -> Iterator[Item]:
    """One article or failure per row after the header; a bad row fails alone."""
    first = reader.line_num + 1
    while True:
        row_first, origin = first, f"{name}:{first}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a malformed row: report it, read on from the next line
            if reader.line_num < first:
                raise
            lines.problem(first, reader.line_num, origin)
            yield _fail(origin, "E004", detail=f"malformed CSV row: {exc}")
            first = reader.line_num + 1
            continue
        last, first = reader.line_num, reader.line_num + 1
        bad = lines.problem(row_first, last, origin)
        if bad:
            yield DocumentFailure(bad, origin=origin)
        elif any(cell.strip() for cell in row):
            yield _guarded(_record, {col: cell for col, cell in zip(columns, row) if col}, origin, max_chars)


def _guarded(read, source, origin: str, max_chars: int) -> Item:
    """`read(source, origin, max_chars)`, any error a failure of this one document."""
    try:
        return read(source, origin, max_chars)
    except DyadsError as err:
        return DocumentFailure(err, origin=origin)
    except (RecursionError, MemoryError, ValueError, TypeError, LookupError, AttributeError) as exc:
        return _fail(origin, "E200", detail="read", error=f"{type(exc).__name__}: {str(exc)[:200]}")


# ---------------------------------------------------------------- stdin


def _read_stdin(stdin: Any, max_chars: int) -> Iterator[Item]:
    f = _binary_stdin(stdin)
    head = b""
    try:
        read = getattr(f, "read1", None) or f.read  # what is there: never wait for a full buffer
        while True:  # find the first non-blank byte
            chunk = read(1 << 16)
            head += chunk
            if not chunk or head.lstrip(b"\xef\xbb\xbf \t\r\n\f\v"):
                break
    except OSError as exc:
        yield _fail(STDIN_NAME, "E004", detail=_os_detail(exc))
        return
    stream = _Prefixed(head, f)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n\f\v").startswith(b"{"):
        yield from _read_jsonl(stream, STDIN_NAME, max_chars)
    else:
        yield _read_document(stream, STDIN_NAME, max_chars, html=None, id=None)

