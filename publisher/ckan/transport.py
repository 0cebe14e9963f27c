"""HTTP-level facts: which answers and which network failures are transient, and
whether the portal may have acted on the request before it failed.

Errors are rebuilt from the action name, status and exception class only, so the
request (and its Authorization header) never travels inside an exception.
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import UTC
from typing import Any

import requests

from publisher.ckan.errors import PortalRefused, TransientError, UnexpectedResponse, scrub

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
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)


def check_status(response: requests.Response) -> None:
    """Raise `TransientError` for 429 and 5xx; other statuses are CKAN's to explain."""
    status = response.status_code
    if status == 429 or status >= 500:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        raise TransientError(
            key="ckan.http-status",
            status=status,
            retry_after=retry_after,
            safe=status in _SAFE_STATUSES,
            reason=response.reason or "",
        )


# The error types of CKAN's action API, which ckanapi turns back into CKAN's exceptions.
_CKAN_ERROR_TYPES = frozenset(
    {
        "Validation Error",
        "Not Found Error",
        "Authorization Error",
        "Search Query Error",
        "Search Error",
        "Search Index Error",
    }
)


_TAG = re.compile(r"<[^>]*>")


def check_answer(action: str, response: requests.Response, secret: str | None) -> None:
    """Raise `PortalRefused` unless the body is an answer of CKAN's action API.

    An HTML page (CKAN's own 413 over its form limits, a proxy's 404 or 502) never travels
    further: it may hold a CSRF token, and it is no sentence for a person. A JSON error of a
    type CKAN does not define keeps only its (token-free, shortened) message."""
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or "success" not in body:
        raise PortalRefused(action, response.status_code)
    if body.get("success"):
        return
    error = body.get("error")
    if isinstance(error, dict) and error.get("__type") in _CKAN_ERROR_TYPES:
        return
    said = error.get("message") if isinstance(error, dict) else error
    detail = " ".join(_TAG.sub("", scrub(str(said or ""), secret)).split())[:300]
    raise PortalRefused(action, response.status_code, detail)


# What an operator needs from urllib3's nested reprs ("HTTPConnectionPool(...): Max retries
# exceeded ... (Caused by NewConnectionError(...: [Errno 111] Connection refused))").
_CONNECTION_REASONS = (
    (("Connection refused",), "ckan.net.refused"),
    (
        ("NameResolutionError", "Name or service not known", "Failed to resolve", "nodename nor servname"),
        "ckan.net.host-unknown",
    ),
    (
        ("RemoteDisconnected", "Connection aborted", "Connection reset", "ConnectionResetError"),
        "ckan.net.closed",
    ),
    (("Network is unreachable", "No route to host"), "ckan.net.unreachable"),
)


# An answer that stopped before its end (a body shorter than its Content-Length, a broken
# chunk, a stream reset mid-body): the connection failed, not the portal's answer.
_CUT_SHORT = (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)


def network_reason(exc: requests.RequestException, secret: str | None) -> TransientError:
    """A one-line account of a network failure as a (not yet classified) transient error: its
    catalogue key, the exception's class name (kept for searching) and a token-free detail."""
    text = scrub(str(exc), secret)
    name = type(exc).__name__
    if isinstance(exc, requests.ConnectTimeout):
        return TransientError(key="ckan.net.connect-timeout", name=name)
    if isinstance(exc, requests.Timeout):
        return TransientError(key="ckan.net.read-timeout", name=name)
    if isinstance(exc, _CUT_SHORT):
        return TransientError(key="ckan.net.cut-short", name=name)
    if isinstance(exc, requests.exceptions.SSLError):
        return TransientError(key="ckan.net.tls", name=name, detail=text.rsplit("(Caused by ", 1)[-1].rstrip(")")[:200])
    for needles, key in _CONNECTION_REASONS:
        if any(n in text for n in needles):
            return TransientError(key=key, name=name)
    return TransientError(key="ckan.net.other", name=name, detail=text[:300])


def translate(exc: requests.RequestException, what: str, *, body_sent: bool, secret: str | None) -> Exception:
    """A token-free error for a requests failure: `TransientError` when worth retrying.

    Transient errors say what failed, not which action: the retry loop names the action once."""
    reason = network_reason(exc, secret)
    if isinstance(exc, requests.ConnectTimeout):
        reason.safe = True
        return reason
    if isinstance(exc, requests.Timeout):
        return reason
    if isinstance(exc, _CUT_SHORT):
        # The answer was cut short: the request arrived, so only an idempotent one is repeated.
        return reason
    if isinstance(exc, requests.ConnectionError):
        # A refused connection, or one lost before the body was fully sent, cannot have been acted on.
        refused = "NewConnectionError" in str(exc) or "Connection refused" in str(exc)
        reason.safe = refused or not body_sent
        return reason
    return UnexpectedResponse(key="ckan.unexpected", what=what, reason=reason)
