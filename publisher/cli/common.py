"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from publisher.settings import Lang, Settings

LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Idioma das mensagens: pt (padrão) ou en. / Message language: pt (default) or en. Env: PUBLISHER_LANG."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Saída JSON para máquinas. / JSON output for machines.")]
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(help="Pastas de pacotes (padrão: todos em datapackages/). / Package folders (default: all under datapackages/).", show_default=False),
]

console = Console()
err_console = Console(stderr=True)


def build_settings(lang: str | None = None, **overrides: Any) -> Settings:
    """Settings from the environment, with CLI overrides; a bad --lang is a usage error (exit 2)."""
    if lang is not None:
        if lang not in ("pt", "en"):
            raise typer.BadParameter(f"--lang must be 'pt' or 'en', not {lang!r}")
        overrides["lang"] = lang
    elif os.environ.get("PUBLISHER_LANG") not in (None, "pt", "en"):
        raise typer.BadParameter("PUBLISHER_LANG must be 'pt' or 'en'")
    return Settings(**overrides)


def resolved_lang(settings: Settings) -> Lang:
    return settings.lang


def print_json(data: Any) -> None:
    """JSON to stdout, unstyled, so pipes get clean output."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
