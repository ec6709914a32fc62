"""Standard input as the readers want it: a binary stream with `read` and `readline`, whatever
was given (bytes, str, a text or binary stream), and the bytes already looked at put back in front.
"""
from __future__ import annotations

import io
import sys
from typing import IO, Any


class _Prefixed:
    """A binary stream with some bytes already read put back in front (for `readline`)."""

    def __init__(self, prefix: bytes, stream: IO[bytes]):
        self.prefix, self.stream = prefix, stream

    def read(self, size: int = -1) -> bytes:
        head, self.prefix = self.prefix, b""
        if size is None or size < 0:
            return head + self.stream.read()
        if len(head) >= size:
            self.prefix = head[size:]
            return head[:size]
        return head + self.stream.read(size - len(head))

    def readline(self, size: int = -1) -> bytes:
        if self.prefix:
            nl = self.prefix.find(b"\n")
            if nl >= 0 and (size < 0 or nl < size):
                line, self.prefix = self.prefix[: nl + 1], self.prefix[nl + 1 :]
                return line
            if 0 <= size <= len(self.prefix):
                line, self.prefix = self.prefix[:size], self.prefix[size:]
                return line
            head, self.prefix = self.prefix, b""
            return head + self.stream.readline(-1 if size < 0 else size - len(head))
        return self.stream.readline(size)


class _TextAsBytes:
    """A text stream seen as UTF-8 bytes (for stdin given as io.StringIO in tests or notebooks)."""

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        return self.stream.read(size).encode("utf-8", "surrogatepass")

    def readline(self, size: int = -1) -> bytes:
        return self.stream.readline(size).encode("utf-8", "surrogatepass")


def _binary_stdin(stdin: Any):
    if stdin is None:
        return sys.stdin.buffer
    if isinstance(stdin, (bytes, bytearray)):
        return io.BytesIO(bytes(stdin))
    if isinstance(stdin, str):
        return io.BytesIO(stdin.encode("utf-8", "surrogatepass"))
    if isinstance(stdin, io.TextIOBase):
        return getattr(stdin, "buffer", None) or _TextAsBytes(stdin)
    return stdin
