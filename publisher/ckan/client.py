"""`CkanClient`: the one way this product talks to CKAN.

Built on ckanapi's `RemoteCKAN` (so CKAN's error types and `error_dict` come back
as CKAN raised them) over a requests `Session`, adding what ckanapi lacks: a timeout
on every call, the product's user agent, bounded retries with backoff and jitter for
transient failures only, a request-rate limit, counters of requests/writes/bytes,
streaming uploads with a size check before sending, and anonymous hashed downloads.

The token lives only in this object's private attributes and in request headers; the
repr shows the URL alone and errors are rebuilt without the request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import requests
from ckanapi import RemoteCKAN
from ckanapi.common import reverse_apicontroller_action

from publisher import USER_AGENT
from publisher.ckan.download import Download, anonymous_session, fetch, through_portal_url
from publisher.ckan.errors import (
    CKANAPIError,
    CkanError,
    NotAuthorized,
    NotFound,
    PortalRefused,
    PortalUnavailable,
    PortalUnreachable,
    UploadTooLarge,
    ValidationError,
    scrub,
)
from publisher.ckan.meter import RateLimiter, RequestStats
from publisher.ckan.retry import RetryPolicy, call_with_retries
from publisher.ckan.transport import check_answer, check_status, is_idempotent, is_write, translate
from publisher.ckan.upload import BytesCallback, FormLimits, post_files
from publisher.messages import Lang
from publisher.settings import Settings

log = logging.getLogger(__name__)

UploadAction = Literal["resource_create", "resource_patch"]


@dataclass(frozen=True)
class UploadFile:
    form_field: str
    path: Path
    expected_sha256: str | None = None


class FileChangedDuringUpload(CkanError):
    """The bytes sent do not hash to what was validated: the file changed meanwhile."""

    code = "file-changed"


class StopRequested(CkanError):
    """A stop was asked (a first SIGTERM or SIGINT) while a dataset was in hand: raised before
    the next request, never in the middle of one, so the request in flight finishes and the
    portal is left as it answered."""

    code = "stopped"


class InvalidToken(PortalUnreachable):
    """CKAN does not know the API token (garbage, revoked or expired): it would treat every
    call as anonymous. Like an unreachable portal, it stops a run before its next dataset."""

    code = "token-invalid"


class _Remote(RemoteCKAN):  # type: ignore[misc]
    """RemoteCKAN on the versioned API path, turning 429/5xx into `TransientError` and any
    answer that is not CKAN's API (an HTML error page) into `PortalRefused`."""

    base_url = "api/3/action/"
    secret: str | None = None

    def _request_fn(
        self, url: str, data: Any, headers: dict[str, str], files: Any, requests_kwargs: dict[str, Any]
    ) -> tuple[int, str]:
        r = self.session.post(url, data=data, headers=headers, files=files, allow_redirects=False, **requests_kwargs)
        check_status(r)
        check_answer(url.rstrip("/").rsplit("/", 1)[-1], r, self.secret)
        return r.status_code, r.text


class CkanClient:
    """A CKAN API client for one worker; `fork()` gives another worker its own session
    while sharing the rate limit and feeding the same run totals."""

    def __init__(
        self,
        settings: Settings,
        *,
        stats: RequestStats | None = None,
        limiter: RateLimiter | None = None,
        policy: RetryPolicy | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        self._settings = settings
        # Polled before each request (see `StopRequested`); shared with forked clients.
        self._should_stop = should_stop
        self.url = settings.ckan_url.rstrip("/")
        self._token = settings.token_value()
        self._lang = settings.lang
        self._timeout = settings.timeout_seconds
        self._max_upload = settings.max_resource_size_bytes
        self.stats = stats or RequestStats()
        self._limiter = limiter or RateLimiter(settings.max_requests_per_second)
        self._policy = policy or RetryPolicy(attempts=settings.retries + 1)
        self._session = requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT
        self._remote = _Remote(self.url, apikey=self._token, user_agent=USER_AGENT, session=self._session)
        self._remote.secret = self._token
        self.form_limits = FormLimits(settings.form_max_field_bytes, settings.form_max_parts)
        self._anon: requests.Session | None = None
        # CKAN's own `ckan.site_url`, from which it builds download URLs (None until read).
        self._site_url: str | None = None

    def __repr__(self) -> str:
        return f"CkanClient({self.url!r})"

    def fork(self) -> CkanClient:
        """A client for another thread: own session and counters (which also count toward ours)."""
        forked = CkanClient(
            self._settings,
            stats=RequestStats(parent=self.stats),
            limiter=self._limiter,
            policy=self._policy,
            should_stop=self._should_stop,
        )
        forked._site_url = self._site_url
        return forked

    def close(self) -> None:
        self._session.close()
        if self._anon is not None:
            self._anon.close()

    def __enter__(self) -> CkanClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def lang(self) -> Lang:
        """The language of the operator's log lines this client writes."""
        return self._lang

    @property
    def authenticated(self) -> bool:
        return bool(self._token)

    # -- actions ---------------------------------------------------------------------------

    def call(self, action: str, data: Mapping[str, Any] | None = None) -> Any:
        """Call an action with a JSON body; CKAN's errors are raised as CKAN's types."""
        write = is_write(action)
        payload = dict(data or {})

        def attempt() -> Any:
            self._before_request(write)
            error: Exception | None = None
            try:
                return self._remote.call_action(action, payload, requests_kwargs={"timeout": self._timeout})
            except requests.RequestException as exc:
                error = translate(exc, action, body_sent=True, secret=self._token)
            raise error

        log.debug("%s %s", action, payload.get("id") or payload.get("name") or "")
        return call_with_retries(
            attempt, what=action, idempotent=is_idempotent(action), policy=self._policy, lang=self._lang
        )

    def ensure_reachable(self) -> dict[str, Any]:
        """`status_show`, or `PortalUnreachable` when nothing answers there as CKAN does.

        Called once before a run, so that a portal that is down (or a wrong CKAN_URL) gives one
        clear failure instead of the same network error for every dataset."""
        try:
            status: dict[str, Any] = self.call("status_show")
        except PortalUnavailable as exc:
            failure = PortalUnreachable(
                key="ckan.unreachable", status=exc.status, attempts=exc.attempts, url=self.url, reason=exc
            )
        except (NotAuthorized, ValidationError):
            return {}  # it is CKAN; the calls that matter will say what is wrong
        except (CKANAPIError, PortalRefused) as exc:
            key = "ckan.not-ckan.no-status-show" if isinstance(exc, NotFound) else "ckan.not-ckan.not-api"
            failure = PortalUnreachable(key=key, url=self.url)
        else:
            self._site_url = str(status.get("site_url") or "") or self._site_url
            return status
        raise failure

    def check_token(self) -> dict[str, Any] | None:
        """The token's user (`user_show` without an id answers the caller, and is NotFound for
        an anonymous one), or None without a token. Raises `InvalidToken` when CKAN does not
        take the token, before anything is sent on its strength."""
        if not self._token:
            return None
        try:
            user: dict[str, Any] = self.call("user_show", {})
        except (NotFound, NotAuthorized):
            raise InvalidToken(key="sync.token.invalid", url=self.url) from None
        return user

    def member_role(self, organization: str, user_id: str) -> str | None:
        """The user's role in the organization ("member", "editor", "admin"), or None."""
        try:
            members = self.call("member_list", {"id": organization, "object_type": "user"})
        except (NotFound, NotAuthorized):
            return None
        return next((str(m[2]) for m in members if m[0] == user_id), None)

    def package_show(self, name: str) -> dict[str, Any] | None:
        """The dataset as the database holds it (private and deleted ones included), or None."""
        try:
            result: dict[str, Any] = self.call("package_show", {"id": name})
        except NotFound:
            return None
        return result

    def organization_show(self, name: str) -> dict[str, Any] | None:
        try:
            result: dict[str, Any] = self.call("organization_show", {"id": name, "include_datasets": False})
        except NotFound:
            return None
        return result

    def upload(
        self,
        action: UploadAction,
        fields: Mapping[str, str],
        path: Path,
        *,
        expected_sha256: str | None = None,
        on_bytes: BytesCallback | None = None,
    ) -> dict[str, Any]:
        """resource_create / resource_patch with `path` streamed as the upload.

        Structured fields must already be JSON strings (a dict in a form is flattened).
        Raises `UploadTooLarge` before sending anything if the file exceeds the portal limit.
        """
        result: dict[str, Any] = self.upload_files(
            action, fields, [UploadFile("upload", path, expected_sha256)], on_bytes=on_bytes
        )
        return result

    def upload_files(
        self,
        action: str,
        fields: Mapping[str, str],
        files: Sequence[UploadFile],
        *,
        on_bytes: BytesCallback | None = None,
    ) -> Any:
        """One multipart request carrying several files, each streamed and hashed on the way
        (e.g. `package_revise` attaching every resource of a new dataset at once)."""
        for f in files:
            size = f.path.stat().st_size
            if size > self._max_upload:
                raise UploadTooLarge(f.path.name, size, self._max_upload)
        url = f"{self.url}/api/3/action/{action}"
        headers = {"User-Agent": USER_AGENT}
        if self._token:
            headers["Authorization"] = self._token
            headers["X-CKAN-API-Key"] = self._token
        # A batch may carry hundreds of files: its log lines and messages name a few.
        names = ", ".join(f.path.name for f in files[:3]) + (f" (+{len(files) - 3})" if len(files) > 3 else "")

        def attempt() -> Any:
            self._before_request(write=True)
            sent = post_files(
                self._session, url, fields=fields, files=[(f.form_field, f.path) for f in files], headers=headers,
                timeout=self._timeout, what=action, secret=self._token, on_bytes=on_bytes,
            )  # fmt: skip
            check_status(sent.response)
            check_answer(action, sent.response, self._token)
            result = reverse_apicontroller_action(url, sent.response.status_code, sent.response.text)
            for f in files:
                self.stats.count_upload(f.path.stat().st_size)
                if f.expected_sha256 and sent.sha256[f.form_field] != f.expected_sha256:
                    raise FileChangedDuringUpload(
                        key="ckan.file-changed",
                        path=f.path.name,
                        sent=sent.sha256[f.form_field],
                        validated=f.expected_sha256,
                    )
            return result

        # resource_patch of the same bytes onto the same id is idempotent; a create or a revise
        # that adds resources is not.
        return call_with_retries(
            attempt, what=f"{action} {names}", idempotent=is_idempotent(action), policy=self._policy, lang=self._lang
        )

    def site_url(self) -> str:
        """CKAN's `ckan.site_url` (read once with `status_show`; "" when CKAN does not say)."""
        if self._site_url is None:
            try:
                status = self.call("status_show")
            except (CKANAPIError, PortalRefused):
                status = None  # not said: URLs are taken as CKAN wrote them
            self._site_url = str(status.get("site_url") or "") if isinstance(status, dict) else ""
        return self._site_url

    def download(self, url: str, *, limit: int | None = None) -> Download:
        """Anonymous streamed GET, hashed on the fly (retries transient failures), through
        CKAN_URL's host when CKAN built `url` from a different `ckan.site_url`."""
        url = through_portal_url(url, self.site_url(), self.url)
        if self._anon is None:
            self._anon = anonymous_session(USER_AGENT)
        anon = self._anon

        def attempt() -> Download:
            self._before_request(write=False)
            error: Exception | None = None
            try:
                return fetch(anon, url, timeout=self._timeout, limit=limit)
            except requests.RequestException as exc:
                error = translate(exc, f"GET {url}", body_sent=True, secret=self._token)
            raise error

        return call_with_retries(attempt, what=f"GET {url}", idempotent=True, policy=self._policy, lang=self._lang)

    def _before_request(self, write: bool) -> None:
        if self._should_stop is not None and self._should_stop():
            raise StopRequested(key="ckan.stopped")
        self._limiter.acquire()
        self.stats.count_request(write=write)

    def scrub(self, text: str) -> str:
        return scrub(text, self._token)
