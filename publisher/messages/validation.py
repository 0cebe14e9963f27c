"""Messages of validation errors and hints, by error code (and what the steward is told to do). Keys start with `validation.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {}
