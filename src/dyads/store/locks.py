"""Who may open a corpus store when: one ingest at a time, readers never locked out for long.

DuckDB lets one process hold a file read-write, or any number of processes read-only, never
both. So that a user can browse (`dyads serve`) while a corpus grows (`dyads ingest`):

- the ingest holds DuckDB's write lock only while it writes one batch (open, one transaction,
  close), and waits for readers to let go when one holds the file (`connect_writer`, bounded by
  `writer_wait()`, then E112);
- readers open read-only per request and close after it (`connect_reader`), waiting a bounded
  time while the writer writes (then E107);
- a writer that waits would starve under a steady stream of readers, so it first takes the
  *turn* (`<store>.turn`, an exclusive flock held while it waits and writes); a reader passes
  through the turn (a shared flock taken and dropped at once) before it opens the file, so new
  readers queue behind a waiting writer while the ones reading finish;
- two ingests on one store are still refused (E107): each holds `<store>.ingest.lock` (an
  exclusive flock) for its whole run. The kernel drops a flock when its process dies, so a lock
  left by an ingest killed with -9 is never stale; the file keeps the PID of its last holder,
  for the message only.

    with IngestLock(path):                       # E107 when another ingest runs
        con = connect_writer(path)               # waits for readers (bounded), E112 after
        ...; release_writer(con)                 # close: readers may open it again
    con = connect_reader(path, wait=20.0)        # E107 after `wait` seconds of writes

Readers never create a file: without a `.turn` file no writer has run with this protocol.
"""
from __future__ import annotations

import os
import struct
import time
from typing import Callable, Optional

import duckdb

from ..errors import DyadsError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: DuckDB's own lock is all there is
    fcntl = None  # type: ignore[assignment]

WRITER_WAIT = 600.0     # seconds an ingest waits for readers to let go of the store before E112
READER_WAIT = 60.0      # seconds a reader waits while the ingest writes before E107
_STEP = 0.01            # first pause between tries; doubles up to _MAX_STEP
_MAX_STEP = 0.1


def writer_wait() -> float:
    """How long a writer waits for readers: $DYADS_LOCK_TIMEOUT seconds, else WRITER_WAIT."""
    try:
        return max(0.0, float(os.environ.get("DYADS_LOCK_TIMEOUT") or WRITER_WAIT))
    except ValueError:
        return WRITER_WAIT


def is_lock_error(exc: BaseException) -> bool:
    """DuckDB refused the file because another process holds it."""
    return isinstance(exc, duckdb.Error) and "lock" in str(exc).lower()


def _held_here(exc: BaseException) -> bool:
    """DuckDB refused because this process has the file open the other way (read-only against
    read-write): as passing as another process's lock (the web lets go of its kept connection
    when a writer waits; an ingest after each batch)."""
    return isinstance(exc, duckdb.Error) and "different configuration" in str(exc)


def first_line(exc: BaseException, limit: int = 300) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:limit]


def _retry(attempt: Callable[[], Optional[object]], wait: float) -> Optional[object]:
    """Call `attempt` until it returns something other than None or `wait` seconds pass."""
    deadline = time.monotonic() + wait
    step = _STEP
    while True:
        got = attempt()
        if got is not None or time.monotonic() >= deadline:
            return got
        time.sleep(min(step, max(0.0, deadline - time.monotonic())))
        step = min(step * 2, _MAX_STEP)


# ---------------------------------------------------------------- flock files


def _flock(fd: int, flags: int) -> bool:
    try:
        fcntl.flock(fd, flags | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


class IngestLock:
    """`<store>.ingest.lock`, held exclusively by the one ingest of a store for its whole run."""

    def __init__(self, path: str):
        self.path = str(path)
        self.file = ingest_lock_file(self.path)
        self.fd: Optional[int] = None

    def acquire(self) -> "IngestLock":
        if fcntl is None:
            return self
        try:
            fd = os.open(self.file, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DyadsError("E105", path=self.path, detail=exc.strerror or str(exc)) from None
        if not _flock(fd, fcntl.LOCK_EX):
            holder = _read_pid(fd)
            os.close(fd)
            who = f"dyads ingest, PID {holder}" if holder else "another dyads ingest"
            raise DyadsError("E107", path=self.path, detail=f"{who} is writing to it")
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        fd, self.fd = self.fd, None
        _unlock(fd)

    def __enter__(self) -> "IngestLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def ingest_lock_file(path: str) -> str:
    """The file an ingest of the store at `path` holds for its whole run."""
    return str(path) + ".ingest.lock"


def ingest_running(path: str) -> bool:
    """Whether an ingest holds the store's ingest lock, asked of the kernel's lock table without
    taking the lock (a probe must never make an ingest fail with E107)."""
    try:
        st = os.stat(ingest_lock_file(path))
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            table = f.read()
    except OSError:
        return False
    me = f" {os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino} "
    return any(line.split()[1:2] == ["FLOCK"] and me in line for line in table.splitlines())


def _unlock(fd: Optional[int]) -> None:
    """Let go of a lock file's lock and close it (nothing when `fd` is None)."""
    if fd is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _read_pid(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


class _Turn:
    """The writer's turn: `<store>.turn`, held exclusively while a writer waits and writes."""

    def __init__(self, path: str):
        self.file = str(path) + ".turn"
        self.fd: Optional[int] = None

    def take(self, wait: float) -> bool:
        if fcntl is None:
            return True
        try:
            fd = os.open(self.file, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:  # a directory we cannot write in: no reader can pass a turn there either
            return True
        if _retry(lambda: True if _flock(fd, fcntl.LOCK_EX) else None, wait) is None:
            os.close(fd)
            return False
        self.fd = fd
        return True

    def give_back(self) -> None:
        fd, self.fd = self.fd, None
        _unlock(fd)


def _pass_turn(path: str) -> bool:
    """A reader's pass through the turn: True at once unless a writer holds it."""
    if fcntl is None:
        return True
    try:
        fd = os.open(str(path) + ".turn", os.O_RDONLY)
    except OSError:  # no writer has taken a turn here (or it is not ours to read)
        return True
    try:
        if not _flock(fd, fcntl.LOCK_SH):
            return False
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def file_lock_holder(path: str) -> tuple[Optional[str], int]:
    """Who holds DuckDB's own lock on the file (a POSIX lock over the whole file): ("write",
    pid), ("read", pid) or (None, 0). Asks only (F_GETLK). Never call it in a process that has
    the file open through DuckDB: closing any descriptor of a file drops the process's POSIX
    locks on it."""
    if fcntl is None:
        return None, 0
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None, 0
    try:
        got = fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0))
        kind, _, _, _, pid = struct.unpack("hhqqi4x", got)
    except OSError:
        return None, 0
    finally:
        os.close(fd)
    return {fcntl.F_RDLCK: "read", fcntl.F_WRLCK: "write"}.get(kind), pid


def writer_waiting(path: str) -> bool:
    """Whether a writer holds the turn of the store at `path` (waiting for readers, or writing):
    a reader keeping a connection should let go of it."""
    return not _pass_turn(path)


# ---------------------------------------------------------------- connections

_TURNS: dict[int, _Turn] = {}  # id(connection) -> the turn its writer holds


def connect_writer(path: str, config: Optional[dict] = None, wait: Optional[float] = None):
    """A read-write DuckDB connection to `path`, once no reader holds the file: takes the turn
    (new readers wait), then retries while readers finish. E112 after `wait` seconds (default
    `writer_wait()`); E107 at once when another process holds the file read-write (readers let
    go after a request, a writer may not for long); E105 when the file cannot be opened for
    another reason. Give it back with `release_writer`."""
    wait = writer_wait() if wait is None else wait
    started = time.monotonic()
    turn = _Turn(path)
    if not turn.take(wait):
        raise DyadsError("E112", path=path, seconds=f"{wait:g}", detail="another writer kept its turn")
    last: list[BaseException] = []

    def attempt():
        try:
            return duckdb.connect(path, config=config or {})
        except duckdb.Error as exc:
            if _held_here(exc):  # (never probe the file then: that would drop this process's lock)
                last[:] = [exc]
                return None
            if not is_lock_error(exc):
                raise
            kind, pid = file_lock_holder(path)
            if kind == "write":
                raise DyadsError("E107", path=path, detail=f"PID {pid} has it open for writing") from None
            last[:] = [exc]
            return None

    try:
        con = _retry(attempt, max(0.0, wait - (time.monotonic() - started)))
    except duckdb.Error as exc:
        turn.give_back()
        raise DyadsError("E105", path=path, detail=first_line(exc)) from None
    except BaseException:
        turn.give_back()
        raise
    if con is None:
        turn.give_back()
        raise DyadsError("E112", path=path, seconds=f"{wait:g}", detail=first_line(last[0]) if last else "locked")
    _TURNS[id(con)] = turn
    return con


def release_writer(con) -> None:
    """Close a connection from `connect_writer` (DuckDB checkpoints and lets go of the file),
    then give back the turn."""
    turn = _TURNS.pop(id(con), None)
    try:
        con.close()
    finally:
        if turn is not None:
            turn.give_back()


def connect_reader(path: str, wait: float = READER_WAIT):
    """A read-only DuckDB connection to `path`, waiting up to `wait` seconds while a writer
    holds the turn or the file. E107 then; E105 when it cannot be opened for another reason."""
    last: list[BaseException] = []

    def attempt():
        if not _pass_turn(path):
            return None
        try:
            return duckdb.connect(path, read_only=True)
        except duckdb.Error as exc:
            if not (is_lock_error(exc) or _held_here(exc)):
                raise
            last[:] = [exc]
            return None

    try:
        con = _retry(attempt, wait)
    except duckdb.Error as exc:
        raise DyadsError("E105", path=path, detail=first_line(exc)) from None
    if con is None:
        detail = first_line(last[0]) if last else "an ingest is writing to it"
        raise DyadsError("E107", path=path, detail=detail, busy=True)
    return con
