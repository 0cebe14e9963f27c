"""Notifications delivered to real receivers on 127.0.0.1: an HTTP server for the webhook
and an SMTP server (aiosmtpd) for e-mail. Every error must arrive, in Portuguese."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from pydantic import SecretStr

from publisher.notify import (
    EmailConfig,
    Item,
    Notification,
    NotifyConfig,
    NotifyConfigError,
    WebhookConfig,
    load_notify_config,
    send,
    validation_items,
)
from publisher.validation.report import Problem

REPO = Path(__file__).resolve().parents[1]


class WebhookReceiver:
    """A real HTTP server collecting POSTed JSON bodies; `statuses` scripts the replies."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.statuses = list(statuses or [])
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.bodies.append(json.loads(body))
                receiver.headers.append(dict(self.headers))
                status = receiver.statuses.pop(0) if receiver.statuses else 204
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/secret-key-123"

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class Mailbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        msg = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        self.messages.append(msg)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    # aiosmtpd checks its own port by connecting to it, so it needs a real number, not 0.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


def _errors(n: int) -> list[Problem]:
    return [
        Problem(
            code="type-error",
            package="despesas",
            file="dados.csv",
            resource="despesas",
            row=i + 2,
            field="valor",
            value=f"x{i}",
            message=f'Arquivo dados.csv, linha {i + 2}, campo "valor": "x{i}" não é um número.',
            hint="Use vírgula como separador decimal.",
        )  # fmt: skip
        for i in range(n)
    ]


def _invalid(n: int = 120) -> Notification:
    items = validation_items(_errors(n)) + [
        Item(
            dataset="receitas",
            code="profile-missing",
            message='datapackage.json, propriedade "homepage": campo obrigatório ausente.',
        )
    ]
    return Notification(kind="package-invalid", job="publish", run_id=42, status="failed", items=items)


def test_webhook_receives_every_error_as_json_in_portuguese() -> None:
    with WebhookReceiver() as hook:
        config = NotifyConfig(webhook=WebhookConfig(url=SecretStr(hook.url)))
        [delivery] = send(config, _invalid())
        assert delivery.ok and delivery.channel == "webhook"
    [body] = hook.bodies
    assert body["kind"] == "package-invalid" and body["run_id"] == 42 and body["lang"] == "pt"
    assert body["error_count"] == 121 and len(body["errors"]) == 121
    assert body["datasets"] == ["despesas", "receitas"]
    assert {e["row"] for e in body["errors"] if e["dataset"] == "despesas"} == set(range(2, 122))
    assert "erro(s) de validação" in body["subject"]
    # The rendered text lists all of them too, with the hints.
    assert body["text"].count("[type-error]") == 120 and "Como corrigir: Use vírgula" in body["text"]
    assert "publisher" in hook.headers[0]["User-Agent"]


def test_webhook_retries_a_5xx_and_gives_up_on_a_4xx_without_raising() -> None:
    with WebhookReceiver(statuses=[503, 200]) as hook:
        [ok] = send(NotifyConfig(webhook=WebhookConfig(url=SecretStr(hook.url), attempts=3)), _invalid(1))
    assert ok.ok and len(hook.bodies) == 2
    with WebhookReceiver(statuses=[400, 400, 400]) as hook:
        [refused] = send(NotifyConfig(webhook=WebhookConfig(url=SecretStr(hook.url), attempts=3)), _invalid(1))
    assert not refused.ok and "400" in (refused.error or "") and len(hook.bodies) == 1
    # The key in the webhook path is never echoed back.
    assert "secret-key-123" not in (refused.error or "")


def test_email_carries_every_error_in_the_body_and_as_json(smtp: tuple[Mailbox, int]) -> None:
    box, port = smtp
    config = NotifyConfig(email=EmailConfig(host="127.0.0.1", port=port, sender="publicador@teste.local",
                                            to=["dados@teste.local", "ti@teste.local"]))  # fmt: skip
    [delivery] = send(config, _invalid())
    assert delivery.ok, delivery.error
    [msg] = box.messages
    assert box.envelopes == [("publicador@teste.local", ["dados@teste.local", "ti@teste.local"])]
    assert "121 erro(s) de validação em 2 pacote(s)" in str(msg["Subject"])
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    for i in range(120):
        assert f'linha {i + 2}, campo "valor": "x{i}"' in text
    assert 'propriedade "homepage"' in text and "Conjunto de dados receitas (1 erro(s))" in text
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == "erros.json"
    assert len(json.loads(attachment.get_content())) == 121


def test_run_failure_notification_and_english(smtp: tuple[Mailbox, int]) -> None:
    box, port = smtp
    note = Notification(kind="run-failed", lang="en", job="verify", run_id=7, status="failed", error="1 dataset(s) differ",
                        items=[Item(dataset="x", code="verify-mismatch", message="data.csv: sha256 differs")])  # fmt: skip
    [delivery] = send(NotifyConfig(email=EmailConfig(host="127.0.0.1", port=port, to=["a@b.local"])), note)
    assert delivery.ok
    text = box.messages[0].get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "run 7 of job verify failed" in str(box.messages[0]["Subject"])
    assert "Reason: 1 dataset(s) differ" in text and "[verify-mismatch] data.csv: sha256 differs" in text


def test_a_dead_channel_is_reported_not_raised() -> None:
    # Nothing listens on port 9 (discard) of the loopback here.
    config = NotifyConfig(webhook=WebhookConfig(url=SecretStr("http://127.0.0.1:9/x"), attempts=1),
                          email=EmailConfig(host="127.0.0.1", port=9, to=["a@b.local"], timeout_s=2))  # fmt: skip
    deliveries = send(config, _invalid(1))
    assert [(d.channel, d.ok) for d in deliveries] == [("webhook", False), ("email", False)]


def test_nothing_is_sent_without_channels_or_when_the_kind_is_not_wanted() -> None:
    assert send(NotifyConfig(), _invalid(1)) == []
    with WebhookReceiver() as hook:
        config = NotifyConfig(on_invalid=False, webhook=WebhookConfig(url=SecretStr(hook.url)))
        assert send(config, _invalid(1)) == []
        overdue = Notification(kind="datasets-overdue", items=[Item(dataset="a", code="overdue", message="m")])
        assert send(config, overdue) == []  # on_overdue is off by default
    assert hook.bodies == []


def test_committed_notify_file_and_environment_overrides(tmp_path: Path) -> None:
    committed = load_notify_config(REPO / "jobs" / "notify.toml", env={})
    assert committed.enabled and not committed.active  # no channel until one is configured
    secret_file = tmp_path / "smtp-password"
    secret_file.write_text("s3nh4-muito-secreta\n", encoding="utf-8")
    config = load_notify_config(
        REPO / "jobs" / "notify.toml",
        env={
            "PUBLISHER_NOTIFY_WEBHOOK_URL": "http://127.0.0.1:1/h",
            "PUBLISHER_NOTIFY_SMTP_HOST": "smtp.local",
            "PUBLISHER_NOTIFY_SMTP_PORT": "2525",
            "PUBLISHER_NOTIFY_SMTP_USER": "bot",
            "PUBLISHER_NOTIFY_SMTP_PASSWORD_FILE": str(secret_file),
            "PUBLISHER_NOTIFY_SMTP_STARTTLS": "sim",
            "PUBLISHER_NOTIFY_EMAIL_TO": "a@x.local, b@x.local",
        },
    )
    assert config.active and config.webhook.enabled and config.email.enabled
    assert (config.email.host, config.email.port, config.email.starttls) == ("smtp.local", 2525, True)
    assert config.email.to == ["a@x.local", "b@x.local"]
    assert config.email.password is not None and config.email.password.get_secret_value() == "s3nh4-muito-secreta"
    assert "s3nh4" not in repr(config) and "s3nh4" not in config.model_dump_json()
    silenced = load_notify_config(REPO / "jobs" / "notify.toml", env={"PUBLISHER_NOTIFY_ENABLED": "0",
                                                                      "PUBLISHER_NOTIFY_WEBHOOK_URL": "http://x.local/h"})  # fmt: skip
    assert not silenced.active


def test_a_committed_password_or_a_bad_value_is_refused_without_echoing_it(tmp_path: Path) -> None:
    bad = tmp_path / "notify.toml"
    bad.write_text('[email]\nhost = "x"\npassword = "hunter2-secret"\n', encoding="utf-8")
    with pytest.raises(NotifyConfigError, match="PASSWORD") as info:
        load_notify_config(bad, env={})
    assert "hunter2" not in str(info.value)
    with pytest.raises(NotifyConfigError) as info:
        load_notify_config(
            None, env={"PUBLISHER_NOTIFY_SMTP_PORT": "not-a-port", "PUBLISHER_NOTIFY_SMTP_PASSWORD": "hunter2-secret"}
        )
    assert "PUBLISHER_NOTIFY_SMTP_PORT" in str(info.value) and "hunter2" not in str(info.value)


def test_the_time_of_a_notification_carries_its_zone_and_the_status_its_language() -> None:
    at = datetime(2026, 12, 2, 5, 0, tzinfo=UTC)
    note = Notification(
        kind="run-failed", job="publish", run_id=3, status="failed", at=at, timezone="America/Sao_Paulo"
    )
    body = note.text()
    assert "2026-12-02 02:00:00 -0300 (America/Sao_Paulo)" in body and ": falhou." in body
    english = note.model_copy(update={"lang": "en", "timezone": None}).text()
    assert "2026-12-02 05:00:00 +0000 (UTC)" in english and ": failed." in english


def test_a_delivery_failure_is_logged_in_the_notifications_language(caplog: pytest.LogCaptureFixture) -> None:
    config = NotifyConfig(webhook=WebhookConfig(url=SecretStr("http://127.0.0.1:9/hook"), attempts=1))
    with caplog.at_level("WARNING", logger="publisher.notify"):
        [delivery] = send(config, _invalid(1))
    assert not delivery.ok
    assert "notificação por webhook falhou" in caplog.text
