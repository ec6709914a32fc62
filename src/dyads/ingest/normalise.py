"""Text normalisation, ids, byte checks, and `prepare`, the one step every article passes.

`normalise` is done once; every offset in the contract refers to its output.
It is idempotent (`normalise(normalise(t)) == normalise(t)`), so ids computed
from already-normalised text agree with ids computed from raw text.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from ..errors import DyadsError, warning
from ..model import Article, Warning

BOM = "\ufeff"
SHORT_CHARS = 200  # below this, W004
DEFAULT_MAX_CHARS = 2_000_000

# C0 controls except \t \n (\r is turned into \n first), DEL and C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates (from JSON "\ud800" escapes) cannot be encoded: U+FFFD instead.
_SURROGATES = re.compile("[\ud800-\udfff]")
_SUSPICIOUS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ud800-\udfff]")


@dataclass
class IngestedArticle(Article):
    """An `Article` as the readers give it: plus what reading noticed, and the language once checked."""

    warnings: list[Warning] = field(default_factory=list)
    language: Optional[str] = None


# ---------------------------------------------------------------- normalisation


def normalise(text: str) -> str:
    """The one normalisation: BOMs removed, NFC, CRLF/CR -> LF, other controls -> space.

    Everything else is kept as it is: non-breaking spaces, curly quotes, dashes,
    tabs and runs of whitespace. Lone surrogates become U+FFFD.
    """
    if BOM in text:
        text = text.replace(BOM, "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(" ", text)
    return text


def count_suspicious(text: str) -> int:
    """Control characters (other than tab and line breaks) and U+FFFD in the raw text (for W001)."""
    return len(_SUSPICIOUS.findall(text))


def sha256(text: str) -> str:
    """Full hex sha256 of the normalised text, UTF-8 encoded."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def doc_id(text: str) -> str:
    """The id of a document without one: the first 16 hex digits of `sha256(text)`."""
    return sha256(text)[:16]


# ---------------------------------------------------------------- byte checks

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\xd0\xcf\x11\xe0", "an MS Office file"),
    (b"\x7fELF", "an executable"),
    (b"PAR1", "a Parquet file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_UTF16_32 = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
SNIFF = 8000  # like git: a NUL in the first 8000 bytes means binary
_BYTE_CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # not \t \n \v \f \r ESC
_CONTROL_SHARE = 0.10


def binary_reason(data: bytes, *, any_nul: bool = True) -> Optional[str]:
    """Why `data` looks like binary rather than text, or None.

    `any_nul=False` (a file of many records): a NUL byte alone does not make the whole of
    it binary; the record holding it fails by itself.
    """
    head = data[:SNIFF]
    if head.startswith(_UTF16_32):
        return None  # text, but not UTF-8: `decode_utf8` says so (E003)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    nul = head.find(b"\x00")
    if nul >= 0 and any_nul:
        return f"NUL byte at offset {nul}"
    return _controls_reason(head, _BYTE_CONTROLS)


def text_binary_reason(text: str) -> Optional[str]:
    """The same test for text that arrived as a string (a record's `text`)."""
    head = text[:SNIFF]
    nul = head.find("\x00")
    if nul >= 0:
        return f"NUL character at offset {nul}"
    return _controls_reason(head, _CONTROLS)


def _controls_reason(head, controls: re.Pattern) -> Optional[str]:
    """Too many control characters (bytes or characters, as `controls` matches) in `head`."""
    if head:
        share = len(controls.findall(head)) / len(head)
        if share > _CONTROL_SHARE:
            return f"{share:.0%} control characters"
    return None


def decode_utf8(data: bytes, source: str, *, base: int = 0) -> str:
    """Decode strictly, dropping a leading UTF-8 BOM; E002 for binary, E003 with the byte offset."""
    reason = binary_reason(data)
    if reason:
        raise DyadsError("E002", input=source, detail=reason)
    skip = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[skip:].decode("utf-8") if skip else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DyadsError("E003", input=source, offset=base + skip + exc.start) from None


# ---------------------------------------------------------------- prepare


def prepare(
    article: Article,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    check_lang: bool = True,
) -> tuple[IngestedArticle, list[Warning]]:
    """Normalise the text, fill the id, check size and language; return the article and its warnings.

    Raises `DyadsError` E001 (empty), E002 (binary-looking text), E009 (too large)
    or E007 (confidently not English). Warnings: those the reader attached
    (W002), W001 (control or replacement characters), W004 (very short), W005
    (possibly not English).
    """
    from .language import check_language

    source = article.origin or article.id or "<input>"
    raw = article.text if isinstance(article.text, str) else ""
    if len(raw) > max_chars:
        raise DyadsError("E009", input=source, chars=len(raw), limit=max_chars)
    reason = text_binary_reason(raw)
    if reason:
        raise DyadsError("E002", input=source, detail=reason)
    warnings: list[Warning] = list(getattr(article, "warnings", None) or [])
    suspicious = count_suspicious(raw)
    text = normalise(raw)
    if not text.strip():
        raise DyadsError("E001", input=source)
    if len(text) > max_chars:
        raise DyadsError("E009", input=source, chars=len(text), limit=max_chars)
    if suspicious:
        warnings.append(warning("W001", input=source, detail=suspicious))
    if len(text) < SHORT_CHARS:
        warnings.append(warning("W004", input=source, chars=len(text)))
    out = IngestedArticle(
        text=text,
        id=article.id or doc_id(text),
        title=article.title,
        date=article.date,
        source=article.source,
        url=article.url,
        origin=article.origin,
        warnings=warnings,
    )
    if check_lang:
        probe = Article(text=text, id=out.id, origin=source)
        out.language = check_language(probe, warnings=warnings)
    else:
        out.language = getattr(article, "language", None)
    return out, warnings
