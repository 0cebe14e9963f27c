"""What a validation worker process runs: set up once by the pool, then chunks of packages.

A worker imports this module before anything else of validation, so it stays light (no
frictionless, no polars): the set-up has to run before polars is imported.
"""

from __future__ import annotations

import os

from publisher.catalog import PackageDir
from publisher.settings import Settings
from publisher.validation.report import PackageReport

Outcome = PackageReport | Exception

_settings: Settings | None = None  # this worker's settings, sent once by the pool


def start(settings: Settings, polars_threads: int) -> None:
    """The pool's initializer. polars sizes its thread pool once, when it is imported: workers
    that share the cores each take their part of them (threads beyond the cores only make each
    small query wait for the others). A value the operator set is kept."""
    global _settings
    _settings = settings
    os.environ.setdefault("POLARS_MAX_THREADS", str(polars_threads))
    # Imported here, while the parent may still be keying packages, not with the first chunk.
    from publisher.validation import run  # noqa: F401


def validate_chunk(pkgs: list[PackageDir]) -> list[Outcome]:
    """Each package's report, or the exception that stopped its validation."""
    from publisher.validation.run import validate_uncached  # imported by `start` already

    assert _settings is not None, "the pool's initializer sets the settings"
    outcomes: list[Outcome] = []
    for pkg in pkgs:
        try:
            outcomes.append(validate_uncached(pkg, _settings))
        except Exception as exc:  # noqa: BLE001 - a validator crash is that package's outcome
            outcomes.append(exc)
    return outcomes
