"""Messages of settings and configuration files (environment variables, jobs/*.toml): what is wrong and which variable fixes it. Keys start with `settings.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {}
