"""Everything that speaks CKAN: the HTTP client (ckanapi underneath, with retries,
counters and streaming uploads) and the mapping between data packages and CKAN
dataset dicts. Nothing here decides *what* to publish: that is `publisher.sync`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from publisher.ckan.errors import CKANAPI_ERRORS, CkanError, PortalUnavailable, UploadTooLarge
from publisher.lazy import lazy_exports

if TYPE_CHECKING:
    from publisher.ckan.client import CkanClient
    from publisher.ckan.errors import CKANAPIError, NotAuthorized, NotFound, ValidationError

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


# The client brings requests' session machinery, retries and multipart uploads: only processes
# that talk to a portal load it (validation's workers read organizations.json, nothing more).
__getattr__ = lazy_exports(
    __name__,
    {
        "CkanClient": "publisher.ckan.client",
        **dict.fromkeys(CKANAPI_ERRORS, "publisher.ckan.errors"),
    },
)
