"""Notifications: when a run fails or a package is invalid, every error goes to the
configured channels (a webhook, e-mail over SMTP). Delivery never raises: a channel
that fails is logged and reported back, and the run goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from pydantic import BaseModel

from publisher.messages import Lang, text
from publisher.notify.config import (
    EmailConfig,
    NotifyConfig,
    NotifyConfigError,
    WebhookConfig,
    load_notify_config,
    notify_config,
)
from publisher.notify.message import Item, Notification, NotificationKind, validation_items
from publisher.notify.smtp import send_email
from publisher.notify.webhook import DeliveryError, send_webhook

log = logging.getLogger(__name__)

__all__ = [
    "Delivery",
    "DeliveryError",
    "EmailConfig",
    "Item",
    "Notification",
    "NotificationKind",
    "NotifyConfig",
    "NotifyConfigError",
    "WebhookConfig",
    "load_notify_config",
    "notify_config",
    "send",
    "validation_items",
    "wanted",
]


class Delivery(BaseModel):
    channel: str
    ok: bool
    error: str | None = None


def wanted(config: NotifyConfig, notification: Notification) -> bool:
    if not config.active:
        return False
    if notification.kind == "package-invalid":
        return config.on_invalid
    if notification.kind == "datasets-overdue":
        return config.on_overdue
    return config.on_run_failed


def send(config: NotifyConfig, notification: Notification) -> list[Delivery]:
    """Send to every configured channel the notification's kind is wanted on."""
    if not wanted(config, notification):
        return []
    results: list[Delivery] = []
    if config.webhook.enabled:
        results.append(_attempt("webhook", lambda: send_webhook(config.webhook, notification), notification.lang))
    if config.email.enabled:
        results.append(_attempt("email", lambda: send_email(config.email, notification), notification.lang))
    return results


def _attempt(channel: str, action: Callable[[], None], lang: Lang) -> Delivery:
    try:
        action()
    except DeliveryError as exc:
        error = str(exc)
    except Exception as exc:  # a channel must never take the run down with it
        error = exc.__class__.__name__
    else:
        return Delivery(channel=channel, ok=True)
    log.warning("%s", text("notify.delivery.failed", lang, channel=channel, error=error))
    return Delivery(channel=channel, ok=False, error=error)
