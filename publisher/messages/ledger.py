"""Messages of the run ledger (runs, events) as the operator reads it in status. Keys start with `ledger.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {}
