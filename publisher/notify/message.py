"""What a notification says: every error, grouped by dataset, in the run's language
(Portuguese by default). One `Notification` renders to plain text (e-mail) and to a
JSON payload (webhook) so both channels carry the same facts.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from publisher.messages import Lang, Texts
from publisher.validation.report import Problem

# Run states with a translation; another state is shown as it is.
_STATUSES = {"failed", "interrupted", "succeeded", "running"}

NotificationKind = Literal["run-failed", "run-interrupted", "package-invalid", "datasets-overdue"]


class Item(BaseModel):
    """One problem: a validation error, a dataset that failed to publish or verify, an overdue dataset."""

    dataset: str | None = None
    code: str
    message: str
    hint: str | None = None
    file: str | None = None
    resource: str | None = None
    row: int | None = None
    field: str | None = None
    value: str | None = None

    @classmethod
    def from_validation(cls, error: Problem) -> Item:
        return cls(
            dataset=error.package,
            code=error.code,
            message=error.message,
            hint=error.hint,
            file=error.file,
            resource=error.resource,
            row=error.row,
            field=error.field,
            value=error.value,
        )


class Notification(BaseModel):
    kind: NotificationKind
    lang: Lang = "pt"
    job: str | None = None
    run_id: int | None = None
    status: str | None = None
    error: str | None = Field(default=None, description="Why the run as a whole failed, when it did.")
    host: str = Field(default_factory=socket.gethostname)
    at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    items: list[Item] = Field(default_factory=list)
    timezone: str | None = Field(
        default=None, description="The clock `at` is shown on (the settings' timezone); UTC if none."
    )

    @property
    def datasets(self) -> list[str]:
        return sorted({i.dataset for i in self.items if i.dataset})

    @property
    def subject(self) -> str:
        t = Texts(self.lang)
        n = len(self.items)
        d = len(self.datasets)
        if self.kind == "package-invalid":
            subject = t("notify.subject.invalid", n=n, d=d)
        elif self.kind == "datasets-overdue":
            subject = t("notify.subject.overdue", d=d)
        else:
            key = "notify.subject.interrupted" if self.kind == "run-interrupted" else "notify.subject.failed"
            subject = t(key, job=self.job or "?", run=self.run_id or "?", n=n)
        return f"[{t('notify.product')}] {subject}"

    def shown_at(self) -> str:
        """When, on the notification's clock, with the zone named."""
        zone = ZoneInfo(self.timezone) if self.timezone else UTC
        return self.at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S %z") + f" ({self.timezone or 'UTC'})"

    def text(self) -> str:
        t = Texts(self.lang)
        lines = [self.subject, ""]
        if self.job is not None:
            status = t(f"notify.status.{self.status}") if self.status in _STATUSES else (self.status or "?")
            lines.append(t("notify.run_line", job=self.job, run=self.run_id or "?", host=self.host,
                           at=self.shown_at(), status=status))  # fmt: skip
        if self.error:
            lines.append(t("notify.error_line", error=self.error))
        lines.append(t("notify.count_line", n=len(self.items), d=len(self.datasets)))
        for dataset in [*self.datasets, None]:
            lines.extend(self._dataset_lines(t, dataset))
        lines.append("")
        lines.append(t("notify.footer"))
        return "\n".join(lines) + "\n"

    def _dataset_lines(self, t: Texts, dataset: str | None) -> list[str]:
        items = [i for i in self.items if i.dataset == dataset]
        if not items:
            return []
        head = t("notify.dataset_head", dataset=dataset, n=len(items)) if dataset else t("notify.general_head")
        lines = ["", head]
        for number, item in enumerate(items, start=1):
            lines.append(f"  {number}. [{item.code}] {item.message}")
            if item.hint:
                lines.append(f"     {t('notify.hint')}: {item.hint}")
        return lines

    def payload(self) -> dict[str, Any]:
        """The webhook body: machine-readable, with the rendered text for chat tools."""
        return {
            "kind": self.kind,
            "subject": self.subject,
            "text": self.text(),
            "job": self.job,
            "run_id": self.run_id,
            "status": self.status,
            "error": self.error,
            "host": self.host,
            "at": self.at.isoformat(),
            "lang": self.lang,
            "datasets": self.datasets,
            "error_count": len(self.items),
            "errors": [i.model_dump() for i in self.items],
        }


def validation_items(errors: Iterable[Problem]) -> list[Item]:
    return [Item.from_validation(e) for e in errors]
