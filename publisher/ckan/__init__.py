"""Everything that speaks CKAN: the HTTP client (ckanapi underneath, with retries,
counters and streaming uploads) and the mapping between data packages and CKAN
dataset dicts. Nothing here decides *what* to publish: that is `publisher.sync`.
"""

from publisher.ckan.client import CkanClient
from publisher.ckan.errors import (
    CKANAPIError,
    CkanError,
    NotAuthorized,
    NotFound,
    PortalUnavailable,
    UploadTooLarge,
    ValidationError,
)

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
