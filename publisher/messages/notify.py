"""Messages of webhook and e-mail notifications. Keys start with `notify.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {}
