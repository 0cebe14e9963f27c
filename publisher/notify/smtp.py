"""E-mail channel over SMTP (stdlib smtplib): plain-text body with every error, and the
same errors as a JSON attachment for whoever wants to process them."""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from publisher.messages import Lang, text
from publisher.notify.config import EmailConfig
from publisher.notify.message import Notification
from publisher.notify.webhook import DeliveryError

log = logging.getLogger(__name__)

# The e-mail header's language tag for each catalogue language.
_CONTENT_LANGUAGE: dict[Lang, str] = {"pt": "pt-BR", "en": "en"}


def build_email(config: EmailConfig, notification: Notification) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = notification.subject
    msg["From"] = config.sender
    msg["To"] = ", ".join(config.to)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain="publisher.local")
    msg["Content-Language"] = _CONTENT_LANGUAGE[notification.lang]
    msg.set_content(notification.text(), charset="utf-8")
    msg.add_attachment(
        json.dumps(notification.payload()["errors"], ensure_ascii=False, indent=2).encode("utf-8"),
        maintype="application",
        subtype="json",
        filename=text("notify.email.attachment", notification.lang),
    )
    return msg


def send_email(config: EmailConfig, notification: Notification) -> None:
    if not config.enabled or config.host is None:
        raise DeliveryError(text("notify.email.no_host", notification.lang))
    msg = build_email(config, notification)
    try:
        smtp: smtplib.SMTP
        if config.ssl:
            smtp = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout_s, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout_s)
        with smtp:
            if config.starttls and not config.ssl:
                smtp.starttls(context=ssl.create_default_context())
            if config.username and config.password is not None:
                smtp.login(config.username, config.password.get_secret_value())
            refused = smtp.send_message(msg)
    except (smtplib.SMTPException, OSError) as exc:
        # The class and SMTP code only: server replies can echo the AUTH exchange.
        code = getattr(exc, "smtp_code", None)
        reason = exc.__class__.__name__ + (f" {code}" if code else "")
        raise DeliveryError(
            text("notify.email.failed", notification.lang, host=config.host, port=config.port, reason=reason)
        ) from None
    if refused:
        raise DeliveryError(text("notify.email.refused", notification.lang, host=config.host, port=config.port,
                                 recipients=", ".join(sorted(refused))))  # fmt: skip
    log.info(
        "%s", text("notify.email.delivered", notification.lang, n=len(config.to), host=config.host, port=config.port)
    )
