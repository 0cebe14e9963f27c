"""The CKAN client's failure paths, against a FAKE server (see fixtures_publish.FakePortal):
retries for transient failures only, Retry-After, streaming uploads, and no token anywhere."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any

import pytest
from fixtures_publish import FakePortal, Reply

from publisher import USER_AGENT
from publisher.ckan.client import CkanClient
from publisher.ckan.errors import NotAuthorized, PortalUnavailable, UploadTooLarge, ValidationError
from publisher.ckan.retry import RetryPolicy
from publisher.ckan.transport import parse_retry_after
from publisher.settings import Settings

TOKEN = "tok-SECRET-5a1e9c7d-never-show-me"


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client_for(fake: FakePortal, sleeps: Sleeps | None = None, attempts: int = 4, **settings: Any) -> CkanClient:
    s = Settings(
        CKAN_URL=fake.url, CKAN_API_TOKEN=TOKEN, timeout_seconds=settings.pop("timeout_seconds", 5), **settings
    )
    policy = RetryPolicy(
        attempts=attempts, base_s=0.01, max_wait_s=0.02, sleep=sleeps if sleeps is not None else Sleeps()
    )
    return CkanClient(s, policy=policy)


def a_file(tmp_path: Path, size: int = 300_000) -> Path:
    path = tmp_path / "dados.csv"
    path.write_bytes(b"id,valor\n" + b"1,2\n" * ((size - 9) // 4))
    return path


def test_503_then_success_is_retried_and_counted(fake_portal: FakePortal) -> None:
    fake_portal.script("package_show", Reply(503, "<html>busy</html>"), Reply.ok({"name": "x"}))
    client = client_for(fake_portal)
    assert client.call("package_show", {"id": "x"}) == {"name": "x"}
    stats = client.stats.snapshot()
    assert (stats.requests, stats.write_requests) == (2, 0)


def test_503_mid_upload_is_retried_with_a_fresh_stream(fake_portal: FakePortal, tmp_path: Path) -> None:
    path = a_file(tmp_path)
    # A replace (idempotent): a create answered 503 once its body is sent is read back instead.
    # First attempt: the server reads a third of the body, answers 503 and cuts the connection,
    # but only after the client's (unslept) retry could have picked that connection up again.
    busy = Reply(503, "<html>busy</html>", read_fraction=0.33, linger_s=0.5)
    fake_portal.script("resource_patch", busy, Reply.ok({"id": "r1"}))
    client = client_for(fake_portal)
    result = client.upload("resource_patch", {"id": "r1", "name": "dados"}, path)
    assert result == {"id": "r1"}
    calls = fake_portal.calls("resource_patch")
    assert len(calls) == 2
    assert calls[0].body_read < calls[0].body_length
    assert calls[1].client_port != calls[0].client_port, "the retry must not reuse the cut connection"
    # The whole file went again in the second attempt, streamed with a declared length.
    assert calls[1].body_read == calls[1].body_length > path.stat().st_size
    stats = client.stats.snapshot()
    assert (stats.write_requests, stats.uploaded_files, stats.uploaded_bytes) == (2, 1, path.stat().st_size)


def test_upload_sends_fields_user_agent_and_token_header(fake_portal: FakePortal, tmp_path: Path) -> None:
    path = a_file(tmp_path, 2000)
    fake_portal.script("resource_patch", Reply.ok({"id": "r1"}))
    client_for(fake_portal).upload("resource_patch", {"id": "r1", "schema": '{"fields":[]}'}, path)
    seen = fake_portal.calls("resource_patch")[0]
    assert seen.headers["User-Agent"] == USER_AGENT
    assert seen.headers["Content-Type"].startswith("multipart/form-data")
    assert seen.headers["Authorization"] == TOKEN
    assert b'name="schema"\r\n\r\n{"fields":[]}\r\n' in seen.body
    assert b'filename="dados.csv"' in seen.body and path.read_bytes() in seen.body


def test_500_on_a_create_is_not_retried(fake_portal: FakePortal) -> None:
    # A 500 may come after the portal acted: retrying a create could duplicate it.
    fake_portal.script("package_create", Reply(500, "<html>oops</html>"), Reply.ok({"id": "dup"}))
    client = client_for(fake_portal)
    with pytest.raises(PortalUnavailable) as exc:
        client.call("package_create", {"name": "x"})
    assert exc.value.attempts == 1 and exc.value.status == 500
    assert len(fake_portal.calls("package_create")) == 1


def test_500_on_a_read_is_retried_until_the_bound(fake_portal: FakePortal) -> None:
    fake_portal.script("package_show", *[Reply(500, "x") for _ in range(5)])
    sleeps = Sleeps()
    with pytest.raises(PortalUnavailable) as exc:
        client_for(fake_portal, sleeps, attempts=3).call("package_show", {"id": "x"})
    assert exc.value.attempts == 3
    assert len(fake_portal.calls("package_show")) == 3
    assert len(sleeps) == 2 and all(0 <= s <= 0.02 for s in sleeps)


def test_read_timeout_retries_reads_but_not_creates(fake_portal: FakePortal) -> None:
    fake_portal.script("package_show", Reply(200, {"success": True, "result": 1}, delay_s=1.5), Reply.ok({"name": "x"}))
    client = client_for(fake_portal, timeout_seconds=0.5)
    assert client.call("package_show", {"id": "x"}) == {"name": "x"}
    fake_portal.script("resource_create", Reply(200, {"success": True, "result": 1}, delay_s=1.5))
    with pytest.raises(PortalUnavailable):
        client.call("resource_create", {"package_id": "p"})
    assert len(fake_portal.calls("resource_create")) == 1


def test_429_honours_retry_after(fake_portal: FakePortal) -> None:
    fake_portal.script("package_patch", Reply(429, "slow down", headers={"Retry-After": "7"}), Reply.ok({"id": "x"}))
    sleeps = Sleeps()
    assert client_for(fake_portal, sleeps).call("package_patch", {"id": "x"}) == {"id": "x"}
    assert len(sleeps) == 1 and 7 <= sleeps[0] <= 8


def test_429_with_an_unreasonable_retry_after_fails_at_once(fake_portal: FakePortal) -> None:
    fake_portal.script("package_patch", Reply(429, "come back tomorrow", headers={"Retry-After": "86400"}))
    sleeps = Sleeps()
    with pytest.raises(PortalUnavailable):
        client_for(fake_portal, sleeps).call("package_patch", {"id": "x"})
    assert sleeps == []


def test_terminal_errors_keep_ckans_types_and_are_not_retried(fake_portal: FakePortal) -> None:
    error = {"__type": "Validation Error", "name": ["That URL is already in use."]}
    fake_portal.script("package_create", Reply(409, {"success": False, "error": error}))
    fake_portal.script(
        "package_patch", Reply(403, {"success": False, "error": {"__type": "Authorization Error", "message": "no"}})
    )
    client = client_for(fake_portal)
    with pytest.raises(ValidationError) as exc:
        client.call("package_create", {"name": "x"})
    assert exc.value.error_dict["name"] == ["That URL is already in use."]
    with pytest.raises(NotAuthorized):
        client.call("package_patch", {"id": "x"})
    assert len(fake_portal.seen) == 2


def test_too_large_upload_is_refused_before_sending(fake_portal: FakePortal, tmp_path: Path) -> None:
    path = a_file(tmp_path, 5000)
    client = client_for(fake_portal, max_resource_size_bytes=4000)
    with pytest.raises(UploadTooLarge):
        client.upload("resource_create", {"package_id": "p"}, path)
    assert fake_portal.seen == [] and client.stats.snapshot().requests == 0


def test_token_never_appears_in_errors_reprs_or_logs(
    fake_portal: FakePortal, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path = a_file(tmp_path, 5000)
    fake_portal.script("package_show", *[Reply(503, f"<html>{TOKEN}</html>") for _ in range(4)])
    fake_portal.script("resource_create", Reply(200, {"success": True}, drop=True))
    client = client_for(fake_portal)
    texts = [repr(client)]
    for call in (
        lambda: client.call("package_show", {"id": "x"}),
        lambda: client.upload("resource_create", {"package_id": "p"}, path),
    ):
        with pytest.raises(Exception) as exc:
            call()
        texts += [str(exc.value), repr(exc.value), "".join(traceback.format_exception(exc.value))]
    # A portal that cannot be reached at all.
    s = Settings(CKAN_URL="http://127.0.0.1:9", CKAN_API_TOKEN=TOKEN, timeout_seconds=1)
    with pytest.raises(PortalUnavailable) as exc:
        CkanClient(s, policy=RetryPolicy(attempts=2, sleep=Sleeps())).call("package_show", {"id": "x"})
    texts += [str(exc.value), "".join(traceback.format_exception(exc.value))]
    texts.append(caplog.text)
    assert all(TOKEN not in t for t in texts)
    assert any("503" in t for t in texts)


def test_retry_after_as_http_date() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == pytest.approx(10.0)
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("soon") is None


def test_a_revise_that_adds_resources_is_not_repeated_blindly() -> None:
    from publisher.ckan.transport import is_idempotent

    # It may have landed before the connection dropped: a repeat would attach the files twice.
    assert not is_idempotent("package_revise") and not is_idempotent("resource_create")
    assert is_idempotent("resource_patch") and is_idempotent("package_patch")


def test_ensure_reachable_tells_a_non_ckan_address_from_a_portal_that_is_down(fake_portal: FakePortal) -> None:
    from publisher.ckan.errors import PortalUnreachable

    # Nothing scripted: the fake answers CKAN's "Not found" JSON, as a site without the action would.
    with pytest.raises(PortalUnreachable, match="status_show not found"):
        client_for(fake_portal).ensure_reachable()
    fake_portal.script("status_show", Reply(200, "<html>a web page</html>"))
    with pytest.raises(PortalUnreachable, match="not CKAN's API"):
        client_for(fake_portal).ensure_reachable()
    fake_portal.script("status_show", *[Reply(503, "busy") for _ in range(3)])
    with pytest.raises(PortalUnreachable) as down:
        client_for(fake_portal, attempts=3).ensure_reachable()
    assert down.value.attempts == 3 and "HTTP 503" in str(down.value) and fake_portal.url in str(down.value)
    fake_portal.script("status_show", Reply.ok({"ckan_version": "2.12.0"}))
    assert client_for(fake_portal).ensure_reachable() == {"ckan_version": "2.12.0"}
