"""Log lines for jobs: plain `time level logger: message` lines, or one JSON object per
line (`--log-json`) for log collectors. A filter masks the API token and any other
secret handed to it, as a last line of defence behind SecretStr."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from publisher.settings import DEFAULT_TIMEZONE

MASK = "***"


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__()
        # Very short values would mask ordinary words; real tokens are long.
        self._secrets = [s for s in secrets if s and len(s) >= 6]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        masked = message
        for secret in self._secrets:
            masked = masked.replace(secret, MASK)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if any(s in text for s in self._secrets):
                for secret in self._secrets:
                    text = text.replace(secret, MASK)
                record.exc_info = None
                record.exc_text = text
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("job", "run_id", "dataset"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class ZonedFormatter(logging.Formatter):
    """Plain lines whose time is on the operator's clock with its offset
    (`2026-12-01 21:40:37-03:00`): a log line read next to `status` or the schedule shows the
    same hour, and one copied elsewhere still says which clock it was."""

    def __init__(self, timezone: str) -> None:
        super().__init__(PLAIN_FORMAT)
        self._zone = ZoneInfo(timezone)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802 - logging's name
        return datetime.fromtimestamp(record.created, self._zone).isoformat(sep=" ", timespec="seconds")


def configure_logging(
    *,
    json_lines: bool = False,
    level: int = logging.INFO,
    secrets: Iterable[str | None] = (),
    stream: TextIO | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> logging.Handler:
    """Install one handler on the root logger (replacing the previous one installed here)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else ZonedFormatter(timezone))
    handler.addFilter(RedactSecrets(secrets))
    handler.set_name("publisher-jobs")
    root = logging.getLogger()
    for old in list(root.handlers):
        if old.get_name() == "publisher-jobs":
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Third-party chatter at INFO would drown the job's own lines.
    for noisy in ("urllib3", "frictionless", "charset_normalizer", "schedule"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    return handler
