"""The areas of the catalogue, one module each; `publisher.messages` merges them."""

from __future__ import annotations

from types import ModuleType
from typing import Final

from publisher.messages import (
    ckan,
    cli,
    datastore,
    dcat,
    goals,
    ledger,
    notify,
    pull,
    reports,
    runner,
    scaffold,
    settings,
    sync,
    validation,
)

MODULES: Final[tuple[ModuleType, ...]] = (
    settings,
    cli,
    runner,
    ledger,
    ckan,
    sync,
    goals,
    notify,
    reports,
    validation,
    scaffold,
    datastore,
    dcat,
    pull,
)
