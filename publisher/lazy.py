"""Names a package exports from submodules that are imported only when first asked for.

Every command, and every worker process of validation, imports some package `__init__`; an
eager one drags in frictionless, polars, requests or the publish engine whether the run needs
them or not. A package lists those names here instead (PEP 562's module `__getattr__`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: each name of `where` from the module it maps to."""

    def __getattr__(name: str) -> Any:
        if name in where:
            return getattr(importlib.import_module(where[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
