"""Bounded retries with exponential backoff and full jitter for transient portal failures.

Only `TransientError` is retried; CKAN's terminal answers (ValidationError,
NotAuthorized, NotFound) pass straight through on the first attempt. A 429's
`Retry-After` is honoured (up to a ceiling: a portal asking for an hour's pause
fails the dataset instead of stalling the run).

A write that cannot be repeated (a create, a revise that appends resources) is retried
only when the portal certainly did not act on it. After an ambiguous failure (a 5xx, a
timeout, the connection lost once the body was sent) it raises `WriteUnconfirmed`
instead: a proxy's 502 may come after CKAN committed, and a blind retry would add the
resources twice. The caller reads the dataset back and continues from what CKAN did.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import tenacity

from publisher.ckan.errors import PortalUnavailable, TransientError
from publisher.messages import Lang, text

log = logging.getLogger(__name__)
T = TypeVar("T")


class WriteUnconfirmed(PortalUnavailable):
    """A write that cannot be repeated failed in a way that leaves unknown whether the portal
    acted on it: the dataset must be read back before anything else is sent."""

    code = "write-unconfirmed"


def ambiguous(exc: TransientError) -> bool:
    """Whether the portal may have acted on the request before it failed. Any 5xx counts: a
    proxy answers 502/503/504 for a request it passed on and CKAN may still have committed."""
    return not exc.safe or (exc.status is not None and exc.status >= 500)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_s: float = 0.5
    max_wait_s: float = 30.0
    max_retry_after_s: float = 120.0
    # Injected by tests to observe waits without spending them.
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)


def _wait(policy: RetryPolicy) -> Callable[[tenacity.RetryCallState], float]:
    backoff = tenacity.wait_random_exponential(multiplier=policy.base_s, max=policy.max_wait_s)

    def wait(state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, TransientError) and exc.retry_after is not None:
            # Honour the server's pause, with a little jitter so workers do not return together.
            return exc.retry_after + random.uniform(0, min(1.0, exc.retry_after * 0.1))
        return float(backoff(state))

    return wait


def call_with_retries(fn: Callable[[], T], *, what: str, idempotent: bool, policy: RetryPolicy, lang: Lang = "pt") -> T:
    """Run `fn`, retrying transient failures; exhausted retries become `PortalUnavailable`.

    `idempotent=False` (creates) retries only failures the portal certainly did not act on;
    an ambiguous one raises `WriteUnconfirmed` at once.
    """

    def retryable(exc: BaseException) -> bool:
        if not isinstance(exc, TransientError):
            return False
        if not idempotent and ambiguous(exc):
            return False
        return exc.retry_after is None or exc.retry_after <= policy.max_retry_after_s

    def before_sleep(state: tenacity.RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        reason = exc.localized(lang) if isinstance(exc, TransientError) else str(exc)
        log.warning(
            "%s", text("ckan.retry", lang, what=what, reason=reason, n=state.attempt_number, total=policy.attempts - 1)
        )

    attempts = 0

    def counted() -> T:
        nonlocal attempts
        attempts += 1
        return fn()

    retrying = tenacity.Retrying(
        stop=tenacity.stop_after_attempt(max(1, policy.attempts)),
        wait=_wait(policy),
        retry=tenacity.retry_if_exception(retryable),
        before_sleep=before_sleep,
        sleep=policy.sleep,
        reraise=True,
    )
    try:
        return retrying(counted)
    except TransientError as exc:
        kind = WriteUnconfirmed if not idempotent and ambiguous(exc) else PortalUnavailable
        failure = kind(
            key="ckan.after-attempts", status=exc.status, attempts=attempts, what=what, reason=exc, tries=attempts
        )
    # Raised outside the except block: the chained context could otherwise carry a request object.
    raise failure
