"""Messages of `publisher new`: the package skeleton and its TODOs. Keys start with `scaffold.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {}
