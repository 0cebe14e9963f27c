"""Bounded retries with exponential backoff and full jitter for transient portal failures.

Only `TransientError` is retried; CKAN's terminal answers (ValidationError,
NotAuthorized, NotFound) pass straight through on the first attempt. A 429's
`Retry-After` is honoured (up to a ceiling: a portal asking for an hour's pause
fails the dataset instead of stalling the run).
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

    `idempotent=False` (creates) retries only failures the portal certainly did not act on.
    """

    def retryable(exc: BaseException) -> bool:
        if not isinstance(exc, TransientError):
            return False
        if not (exc.safe or idempotent):
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
        failure = PortalUnavailable(
            key="ckan.after-attempts", status=exc.status, attempts=attempts, what=what, reason=exc, tries=attempts
        )
    # Raised outside the except block: the chained context could otherwise carry a request object.
    raise failure
