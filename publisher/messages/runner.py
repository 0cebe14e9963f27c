"""Messages of the scheduled jobs, the runner, the lock and the operator's log lines. Keys start with `runner.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {}
