"""Messages of the new-datasets goal: labels, reasons, projections. Keys start with `goals.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {}
