"""HTTP-level facts: which answers and which network failures are transient, and
whether the portal may have acted on the request before it failed.

Errors are rebuilt from the action name, status and exception class only, so the
request (and its Authorization header) never travels inside an exception.
"""

from __future__ import annotations

import email.utils
import time
from datetime import UTC, datetime

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
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)


def check_status(response: requests.Response) -> None:
    """Raise `TransientError` for 429 and 5xx; other statuses are CKAN's to explain."""
    status = response.status_code
    if status == 429 or status >= 500:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        raise TransientError(
            f"HTTP {status} {response.reason or ''}".rstrip(),
            status=status,
            retry_after=retry_after,
            safe=status in _SAFE_STATUSES,
        )


# What an operator needs from urllib3's nested reprs ("HTTPConnectionPool(...): Max retries
# exceeded ... (Caused by NewConnectionError(...: [Errno 111] Connection refused))").
_CONNECTION_REASONS = (
    (("Connection refused",), "connection refused: is the portal running at this address?"),
    (
        ("NameResolutionError", "Name or service not known", "Failed to resolve", "nodename nor servname"),
        "host name not found",
    ),
    (
        ("RemoteDisconnected", "Connection aborted", "Connection reset", "ConnectionResetError"),
        "the portal closed the connection",
    ),
    (("Network is unreachable", "No route to host"), "network unreachable"),
)


def network_reason(exc: requests.RequestException) -> str:
    """A one-line account of a network failure (its class name kept for the searchable detail)."""
    text = str(exc)
    name = type(exc).__name__
    if isinstance(exc, requests.ConnectTimeout):
        return f"no connection before the timeout ({name})"
    if isinstance(exc, requests.Timeout):
        return f"no answer before the timeout ({name})"
    if isinstance(exc, requests.exceptions.SSLError):
        return f"TLS failure: {text.rsplit('(Caused by ', 1)[-1].rstrip(')')[:200]} ({name})"
    for needles, reason in _CONNECTION_REASONS:
        if any(n in text for n in needles):
            return f"{reason} ({name})"
    return f"{name}: {text[:300]}"


def translate(exc: requests.RequestException, what: str, *, body_sent: bool, secret: str | None) -> Exception:
    """A token-free error for a requests failure: `TransientError` when worth retrying.

    Transient errors say what failed, not which action: the retry loop names the action once."""
    reason = scrub(network_reason(exc), secret)
    if isinstance(exc, requests.ConnectTimeout):
        return TransientError(reason, safe=True)
    if isinstance(exc, requests.Timeout):
        return TransientError(reason, safe=False)
    if isinstance(exc, requests.ConnectionError):
        # A refused connection, or one lost before the body was fully sent, cannot have been acted on.
        refused = "NewConnectionError" in str(exc) or "Connection refused" in str(exc)
        return TransientError(reason, safe=refused or not body_sent)
    return UnexpectedResponse(f"{what}: {reason}")


def utcnow() -> datetime:
    return datetime.now(UTC)
