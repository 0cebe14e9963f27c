"""The `publisher` command: a thin client of the library.

Each command lives in its own module and registers itself on `app` (`application.py`).
Commands read arguments, build `Settings`, call the library, render (rich for people,
`--json` for machines) and map outcomes to exit codes:
0 success, 1 something invalid or failed, 2 usage or configuration error, 3 another runner holds the lock.

This package stays light to import: the console script imports it, and so does every worker
process of validation (they import the script that started them again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from publisher.lazy import lazy_exports

if TYPE_CHECKING:
    from publisher.cli.application import _register, app

__all__ = ["_register", "app", "main"]


def main() -> None:
    from publisher.cli.application import main as run

    run()


__getattr__ = lazy_exports(__name__, {"app": "publisher.cli.application", "_register": "publisher.cli.application"})
