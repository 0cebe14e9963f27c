"""Only one runner at a time: an exclusive `fcntl.flock` on a lock file that names its holder.

The kernel releases a flock when the holding process dies, however it dies, so a
crashed runner never leaves a stale lock behind. The file is never deleted (deleting
a lock file lets two processes lock two different files); its content (pid, host,
start time, command) only tells a second runner who is in the way.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from publisher.messages import Lang, text


class LockHolder(BaseModel):
    pid: int
    host: str
    started_at: str
    command: str | None = None

    def describe(self, lang: Lang = "pt", timezone: str | None = None) -> str:
        """Who holds the lock, in `lang`; the start on `timezone`'s clock with the zone (else UTC, with its offset)."""
        key = "runner.lock.holder_command" if self.command else "runner.lock.holder"
        return text(key, lang, pid=self.pid, host=self.host, since=self.since(timezone), command=self.command)

    def since(self, timezone: str | None = None) -> str:
        try:
            started = datetime.fromisoformat(self.started_at)
        except ValueError:
            return self.started_at
        if timezone is None or started.tzinfo is None:
            return self.started_at
        return f"{started.astimezone(ZoneInfo(timezone)):%Y-%m-%d %H:%M} ({timezone})"


class LockHeld(RuntimeError):
    """Another runner holds the lock."""

    def __init__(self, path: Path, holder: LockHolder | None, lang: Lang = "pt") -> None:
        self.path = path
        self.holder = holder
        who = holder.describe(lang) if holder else text("runner.lock.unknown_holder", lang)
        super().__init__(text("runner.lock.held", lang, path=path, holder=who))


def read_holder(path: Path) -> LockHolder | None:
    """Who holds (or last held) the lock, from the file's content; None when unknown."""
    try:
        text = path.read_text(encoding="utf-8").strip()
        return LockHolder(**json.loads(text)) if text else None
    except (OSError, ValueError, TypeError):
        return None


def is_locked(path: Path) -> bool:
    """True when some process holds the lock right now (tested without taking it for long)."""
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


class RunnerLock:
    def __init__(self, path: Path, command: str | None = None, lang: Lang = "pt") -> None:
        self.path = path
        self.command = command
        self.lang: Lang = lang
        self._fd: int | None = None

    def acquire(self) -> LockHolder:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LockHeld(self.path, self._wait_for_holder(), self.lang) from None
        holder = LockHolder(
            pid=os.getpid(),
            host=socket.gethostname(),
            started_at=datetime.now(UTC).isoformat(timespec="seconds"),
            command=self.command or " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv)),
        )
        self._fd = fd
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, (holder.model_dump_json() + "\n").encode("utf-8"), 0)
            os.fsync(fd)
        except OSError:
            # A full disk: the flock holds all the same, only the note of who holds it is missing
            # (a second runner says "unknown"). The ledger's write check says what is wrong.
            pass
        return holder

    def _wait_for_holder(self) -> LockHolder | None:
        # The holder writes its name just after locking: give it a moment before saying "unknown".
        for _ in range(20):
            holder = read_holder(self.path)
            if holder is not None:
                return holder
            time.sleep(0.05)
        return None

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> LockHolder:
        return self.acquire()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
