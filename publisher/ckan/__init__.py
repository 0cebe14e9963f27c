"""Everything that speaks CKAN: the HTTP client (ckanapi underneath, with retries,
counters and streaming uploads) and the mapping between data packages and CKAN
dataset dicts. Nothing here decides *what* to publish: that is `publisher.sync`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from publisher.ckan.errors import (
    CKANAPIError,
    CkanError,
    NotAuthorized,
    NotFound,
    PortalUnavailable,
    UploadTooLarge,
    ValidationError,
)

if TYPE_CHECKING:
    from publisher.ckan.client import CkanClient

__all__ = [
    "CKANAPIError",
    "CkanClient",
    "CkanError",
    "NotAuthorized",
    "NotFound",
    "PortalUnavailable",
    "UploadTooLarge",
    "ValidationError",
]


def __getattr__(name: str) -> Any:
    # The client brings requests' session machinery, retries and multipart uploads: only
    # processes that talk to a portal load it (validation's workers read organizations.json).
    if name == "CkanClient":
        return importlib.import_module("publisher.ckan.client").CkanClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
