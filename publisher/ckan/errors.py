"""Errors of the CKAN layer.

CKAN's own error types (ckanapi's `ValidationError` with `error_dict`, `NotAuthorized`,
`NotFound`) are re-exported unchanged: callers catch what CKAN raised. The types
defined here cover what CKAN cannot say itself: the network failed, the portal is
overloaded, a file is too big to send.

None of these messages may hold the API token: they are built from the action name,
the HTTP status and the exception class, never from request headers, and `scrub`
removes the token from any text that came from elsewhere.

An error raised here carries a catalogue key and its values, not a sentence: the layer
that shows it to a person renders it in that person's language (`localized`). `str()`
gives the English rendering, for tracebacks and debug logs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from publisher.lazy import lazy_exports
from publisher.messages import Lang, number, text

if TYPE_CHECKING:
    from ckanapi.errors import CKANAPIError, NotAuthorized, NotFound, ValidationError

__all__ = [
    "CKANAPIError",
    "CkanError",
    "FormTooLarge",
    "NotAuthorized",
    "NotFound",
    "PortalUnavailable",
    "PortalRefused",
    "PortalUnreachable",
    "TransientError",
    "UnexpectedResponse",
    "UploadTooLarge",
    "ValidationError",
    "scrub",
]

# ckanapi brings requests with it: a process that only names the errors of this module, such as
# a validation worker reading organizations.json, does not load it.
CKANAPI_ERRORS: Final = ("CKANAPIError", "NotAuthorized", "NotFound", "ValidationError")
__getattr__ = lazy_exports(__name__, dict.fromkeys(CKANAPI_ERRORS, "ckanapi.errors"))


class CkanError(Exception):
    """Base of the errors raised by this package itself: a catalogue `key` and its `values`
    (a value that is itself a `CkanError` is rendered in the same language), or a plain
    language-neutral `message` (a name, a URL)."""

    code = "ckan-error"

    def __init__(self, message: str = "", *, key: str | None = None, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(message if key is None else "")

    def localized(self, lang: Lang) -> str:
        if self.key is None:
            return super().__str__()
        rendered = {k: v.localized(lang) if isinstance(v, CkanError) else v for k, v in self.values.items()}
        return text(self.key, lang, **rendered)

    def __str__(self) -> str:
        return self.localized("en")


class TransientError(CkanError):
    """A failure worth retrying: connection error, timeout, 429 or 5xx.

    `safe` means the portal certainly did not act on the request (refused connection,
    429/502/503, body not fully sent), so even a create may be retried without risk of
    a duplicate. An unsafe failure (read timeout, 500, 504, connection lost after the
    body was sent) is retried only for idempotent actions.
    """

    code = "portal-transient"

    def __init__(
        self,
        message: str = "",
        *,
        status: int | None = None,
        retry_after: float | None = None,
        safe: bool = False,
        key: str | None = None,
        **values: Any,
    ):
        super().__init__(message, key=key, status=status, **values)
        self.status = status
        self.retry_after = retry_after
        self.safe = safe


class PortalUnavailable(CkanError):
    """Transient failures went on after every retry (or could not be retried safely)."""

    code = "portal-unavailable"

    def __init__(
        self, message: str = "", *, status: int | None = None, attempts: int = 1, key: str | None = None, **values: Any
    ):
        super().__init__(message, key=key, **values)
        self.status = status
        self.attempts = attempts


class PortalUnreachable(PortalUnavailable):
    """The address does not answer as a CKAN portal at all: a run stops before its first dataset."""

    code = "portal-unreachable"


class UnexpectedResponse(CkanError):
    """The portal answered something that is not a CKAN API answer."""

    code = "portal-unexpected-response"


class UploadTooLarge(CkanError):
    """The file exceeds the portal's ckan.max_resource_size (checked before sending)."""

    code = "upload-too-large"

    def __init__(self, path: str, size: int, limit: int):
        super().__init__(key="ckan.upload-too-large", path=path, size=size, limit=limit)
        self.path = path
        self.size = size
        self.limit = limit


class PortalRefused(CkanError):
    """The portal refused an action with an answer that is not CKAN's (an HTML error page of
    CKAN's web layer or of a proxy: 413 over the form limits, 404, 502...). Only the action,
    the status and what that status means are kept: never the page (it holds a CSRF token)."""

    code = "portal-refused"

    def __init__(self, action: str, status: int, detail: str = "") -> None:
        meaning = f"ckan.refused.status.{status}" if status in REFUSED_STATUSES else "ckan.refused.status.other"
        if detail:
            super().__init__(key="ckan.refused.detail", action=action, status=status, detail=detail)
        else:
            super().__init__(key="ckan.refused", action=action, status=status, meaning=_Meaning(key=meaning))
        self.action = action
        self.status = status


class _Meaning(CkanError):
    """What an HTTP status means to the reader, rendered in their language."""


# Statuses with a sentence of their own in the catalogue (`ckan.refused.status.<n>`).
REFUSED_STATUSES = frozenset({400, 401, 403, 404, 405, 408, 409, 413, 414, 500, 502, 503, 504})


class FormTooLarge(CkanError):
    """One resource alone makes a request over the portal's form limits: no batch can carry it."""

    code = "form-too-large"

    def __init__(self, what: str, max_field_bytes: int, max_parts: int) -> None:
        super().__init__(key="ckan.form-too-large", what=what)
        self.max_field_bytes = max_field_bytes
        self.max_parts = max_parts

    def localized(self, lang: Lang) -> str:
        limits = {"bytes": number(self.max_field_bytes, lang, 0), "parts": number(self.max_parts, lang, 0)}
        return text("ckan.form-too-large", lang, **self.values, **limits)


def scrub(text: str, secret: str | None) -> str:
    """`text` with every occurrence of `secret` masked."""
    if secret and len(secret) >= 4:
        return text.replace(secret, "***")
    return text
