"""Messages of the publish engine: plan actions, outcomes, portal errors and verification problems. Keys start with `sync.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {}
