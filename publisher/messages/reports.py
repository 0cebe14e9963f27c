"""Messages of the HTML goal report and the generated goal data package. Keys start with `reports.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {}
