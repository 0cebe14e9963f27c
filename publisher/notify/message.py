"""What a notification says: every error, grouped by dataset, in the run's language
(Portuguese by default). One `Notification` renders to plain text (e-mail) and to a
JSON payload (webhook) so both channels carry the same facts.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from publisher.settings import Lang
from publisher.validation.report import ValidationError

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
    def from_validation(cls, error: ValidationError) -> Item:
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

    @property
    def datasets(self) -> list[str]:
        return sorted({i.dataset for i in self.items if i.dataset})

    @property
    def subject(self) -> str:
        t = _TEXT[self.lang]
        head = t["product"]
        n = len(self.items)
        d = len(self.datasets)
        if self.kind == "package-invalid":
            return f"[{head}] " + t["subject_invalid"].format(n=n, d=d)
        if self.kind == "datasets-overdue":
            return f"[{head}] " + t["subject_overdue"].format(d=d)
        key = "subject_interrupted" if self.kind == "run-interrupted" else "subject_failed"
        return f"[{head}] " + t[key].format(job=self.job or "?", run=self.run_id or "?", n=n)

    def text(self) -> str:
        t = _TEXT[self.lang]
        lines = [self.subject, ""]
        if self.job is not None:
            lines.append(
                t["run_line"].format(
                    job=self.job,
                    run=self.run_id or "?",
                    host=self.host,
                    at=self.at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    status=t.get(f"status_{self.status}", self.status or "?"),
                )
            )
        if self.error:
            lines.append(t["error_line"].format(error=self.error))
        lines.append(t["count_line"].format(n=len(self.items), d=len(self.datasets)))
        for dataset in [*self.datasets, None]:
            items = [i for i in self.items if i.dataset == dataset]
            if not items:
                continue
            lines.append("")
            lines.append(t["dataset_head"].format(dataset=dataset, n=len(items)) if dataset else t["general_head"])
            for number, item in enumerate(items, start=1):
                lines.append(f"  {number}. [{item.code}] {item.message}")
                if item.hint:
                    lines.append(f"     {t['hint']}: {item.hint}")
        lines.append("")
        lines.append(t["footer"])
        return "\n".join(lines) + "\n"

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


def validation_items(errors: Iterable[ValidationError]) -> list[Item]:
    return [Item.from_validation(e) for e in errors]


_TEXT: dict[str, dict[str, str]] = {
    "pt": {
        "product": "Publicador de dados abertos MG",
        "subject_invalid": "{n} erro(s) de validação em {d} pacote(s) de dados",
        "subject_overdue": "{d} conjunto(s) de dados com atualização atrasada",
        "subject_failed": "a execução nº {run} do job {job} falhou ({n} erro(s))",
        "subject_interrupted": "a execução nº {run} do job {job} foi interrompida ({n} erro(s))",
        "run_line": "Job {job}, execução nº {run}, máquina {host}, {at}: {status}.",
        "error_line": "Motivo: {error}",
        "count_line": "Total: {n} erro(s) em {d} conjunto(s) de dados. Lista completa abaixo.",
        "dataset_head": "Conjunto de dados {dataset} ({n} erro(s)):",
        "general_head": "Erros gerais:",
        "hint": "Como corrigir",
        "footer": "Veja o histórico com `publisher status`. Mensagem automática do publicador de dados abertos.",
        "status_failed": "falhou",
        "status_interrupted": "interrompida",
        "status_succeeded": "concluída",
        "status_running": "em andamento",
    },
    "en": {
        "product": "MG open-data publisher",
        "subject_invalid": "{n} validation error(s) in {d} data package(s)",
        "subject_overdue": "{d} dataset(s) overdue for an update",
        "subject_failed": "run {run} of job {job} failed ({n} error(s))",
        "subject_interrupted": "run {run} of job {job} was interrupted ({n} error(s))",
        "run_line": "Job {job}, run {run}, host {host}, {at}: {status}.",
        "error_line": "Reason: {error}",
        "count_line": "Total: {n} error(s) in {d} dataset(s). Full list below.",
        "dataset_head": "Dataset {dataset} ({n} error(s)):",
        "general_head": "General errors:",
        "hint": "How to fix",
        "footer": "See the history with `publisher status`. Automatic message from the open-data publisher.",
        "status_failed": "failed",
        "status_interrupted": "interrupted",
        "status_succeeded": "succeeded",
        "status_running": "running",
    },
}
