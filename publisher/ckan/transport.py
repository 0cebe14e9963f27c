"""HTTP-level facts: which answers and which network failures are transient, and
whether the portal may have acted on the request before it failed.

Errors are rebuilt from the action name, status and exception class only, so the
request (and its Authorization header) never travels inside an exception.
"""

from __future__ import annotations

import email.utils
import time
from datetime import datetime, timezone

import requests

from publisher.ckan.errors import TransientError, UnexpectedResponse, scrub

# 502/503: a proxy or an overloaded server refused the request before the application saw it.
_SAFE_STATUSES = frozenset({429, 502, 503})
READ_SUFFIXES = ("_show", "_list", "_search", "_autocomplete")


def is_write(action: str) -> bool:
    """Whether an action changes the portal (everything that is not a read)."""
    return not action.endswith(READ_SUFFIXES)


def is_idempotent(action: str) -> bool:
    """Repeating the action leaves the portal as doing it once (creates are not, nor a
    revise, which may append resources)."""
    return not action.endswith("_create") and action != "package_revise"


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)


def check_status(response: requests.Response, what: str) -> None:
    """Raise `TransientError` for 429 and 5xx; other statuses are CKAN's to explain."""
    status = response.status_code
    if status == 429 or status >= 500:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        raise TransientError(
            f"{what}: HTTP {status} {response.reason or ''}".rstrip(),
            status=status,
            retry_after=retry_after,
            safe=status in _SAFE_STATUSES,
        )


def translate(exc: requests.RequestException, what: str, *, body_sent: bool, secret: str | None) -> Exception:
    """A token-free error for a requests failure: `TransientError` when worth retrying."""
    reason = scrub(f"{type(exc).__name__}: {exc}", secret)
    if isinstance(exc, requests.ConnectTimeout):
        return TransientError(f"{what}: {reason}", safe=True)
    if isinstance(exc, requests.Timeout):
        return TransientError(f"{what}: {reason}", safe=False)
    if isinstance(exc, requests.ConnectionError):
        # A refused connection, or one lost before the body was fully sent, cannot have been acted on.
        refused = "NewConnectionError" in reason or "Connection refused" in reason
        return TransientError(f"{what}: {reason}", safe=refused or not body_sent)
    return UnexpectedResponse(f"{what}: {reason}")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
