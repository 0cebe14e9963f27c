"""Webhook channel: one JSON POST per notification, a few bounded retries."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from publisher import USER_AGENT
from publisher.messages import text
from publisher.notify.config import WebhookConfig
from publisher.notify.message import Notification

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)


class DeliveryError(RuntimeError):
    pass


def safe_target(url: str) -> str:
    """Scheme and host only: webhook paths and queries often embed a key."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")


def send_webhook(config: WebhookConfig, notification: Notification, *, session: requests.Session | None = None) -> None:
    """POST the payload; raises DeliveryError (naming the host only) when every attempt failed."""
    import requests  # here: every command imports the notify package, few send anything

    if config.url is None:
        raise DeliveryError(text("notify.webhook.no_url", notification.lang))
    url = config.url.get_secret_value()
    http = session or requests.Session()
    last = ""
    for attempt in range(1, config.attempts + 1):
        try:
            response = http.post(
                url,
                json=notification.payload(),
                headers={"User-Agent": USER_AGENT},
                timeout=config.timeout_s,
            )
        except requests.RequestException as exc:
            last = exc.__class__.__name__
        else:
            if response.status_code < 300:
                log.info("%s", text("notify.webhook.delivered", notification.lang, target=safe_target(url),
                                    status=response.status_code))  # fmt: skip
                return
            last = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code != 429:
                break  # the receiver refused this payload; sending it again will not help
        if attempt < config.attempts:
            time.sleep(min(2 ** (attempt - 1), 10) * 0.5)
    raise DeliveryError(text("notify.webhook.failed", notification.lang, target=safe_target(url), reason=last))
