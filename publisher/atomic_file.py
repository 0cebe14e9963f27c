"""Write a file so that a reader sees the old content or the new one, never half of it."""

from __future__ import annotations

import os
from pathlib import Path


def write_text_atomic(path: Path, content: str) -> None:
    """`content` into `path` through a temporary file in the same folder and one rename.

    The temporary name carries the process id: two processes writing the same file (two
    runners on one state folder) never write into each other's temporary file. OSError is
    the caller's to judge (for a cache it only costs speed; for the ledger marker it is news).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
