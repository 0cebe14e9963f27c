"""Messages of the scheduled jobs, the runner, the lock and the operator's log lines. Keys start with `runner.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    # runner.config: jobs/schedule.toml, its descriptions and its errors.
    "runner.config.every.day": Msg(pt="todo dia", en="every day"),
    "runner.config.every_n.day": Msg(pt="a cada {n} dias", en="every {n} days"),
    "runner.config.every.hour": Msg(pt="toda hora", en="every hour"),
    "runner.config.every_n.hour": Msg(pt="a cada {n} horas", en="every {n} hours"),
    "runner.config.every.minute": Msg(pt="todo minuto", en="every minute"),
    "runner.config.every_n.minute": Msg(pt="a cada {n} minutos", en="every {n} minutes"),
    "runner.config.every.monday": Msg(pt="toda segunda-feira", en="every Monday"),
    "runner.config.every_n.monday": Msg(pt="toda segunda-feira", en="every Monday"),
    "runner.config.every.tuesday": Msg(pt="toda terça-feira", en="every Tuesday"),
    "runner.config.every_n.tuesday": Msg(pt="toda terça-feira", en="every Tuesday"),
    "runner.config.every.wednesday": Msg(pt="toda quarta-feira", en="every Wednesday"),
    "runner.config.every_n.wednesday": Msg(pt="toda quarta-feira", en="every Wednesday"),
    "runner.config.every.thursday": Msg(pt="toda quinta-feira", en="every Thursday"),
    "runner.config.every_n.thursday": Msg(pt="toda quinta-feira", en="every Thursday"),
    "runner.config.every.friday": Msg(pt="toda sexta-feira", en="every Friday"),
    "runner.config.every_n.friday": Msg(pt="toda sexta-feira", en="every Friday"),
    "runner.config.every.saturday": Msg(pt="todo sábado", en="every Saturday"),
    "runner.config.every_n.saturday": Msg(pt="todo sábado", en="every Saturday"),
    "runner.config.every.sunday": Msg(pt="todo domingo", en="every Sunday"),
    "runner.config.every_n.sunday": Msg(pt="todo domingo", en="every Sunday"),
    "runner.config.at": Msg(pt="às {at}", en="at {at}"),
    "runner.config.weekday_interval": Msg(
        pt="o job {job} roda num dia da semana, toda semana: tire `interval`",
        en="job {job} runs on a weekday, every week: remove `interval`",
    ),
    "runner.config.bad_at": Msg(
        pt='o job {job} tem at = {at!r}, que não serve para every = {every!r} (use "HH:MM" para dias e dias da semana, ":MM" para horas, ":SS" para minutos)',
        en='job {job} has at = {at!r}, which does not fit every = {every!r} (use "HH:MM" for days and weekdays, ":MM" for hours, ":SS" for minutes)',
    ),
    "runner.config.duplicate": Msg(
        pt="jobs listados duas vezes: {names} (deixe uma entrada [[job]] para cada)",
        en="jobs listed twice: {names} (keep one [[job]] entry for each)",
    ),
    "runner.config.default_source": Msg(pt="a agenda", en="the schedule"),
    "runner.config.no_job": Msg(
        pt="não há job {name!r} em {source}; os jobs são: {known}",
        en="no job {name!r} in {source}; the jobs are: {known}",
    ),
    "runner.config.missing": Msg(
        pt="{path} não existe: crie o arquivo (modelo em jobs/schedule.toml) ou aponte PUBLISHER_SCHEDULE_FILE para ele",
        en="{path} does not exist: create it (model in jobs/schedule.toml) or point PUBLISHER_SCHEDULE_FILE at it",
    ),
    "runner.config.unreadable": Msg(pt="não foi possível ler {path}: {reason}", en="cannot read {path}: {reason}"),
    "runner.config.not_toml": Msg(
        pt="{path} não é TOML válido (linha {line}, coluna {column}): corrija a sintaxe",
        en="{path} is not valid TOML (line {line}, column {column}): fix the syntax",
    ),
    "runner.config.invalid": Msg(
        pt="{path}: {problems}. Corrija o arquivo (formato em jobs/README.md).",
        en="{path}: {problems}. Fix the file (format in jobs/README.md).",
    ),
    "runner.config.where.job_field": Msg(pt="[[job]] nº {n}, {field}", en="[[job]] {n}, {field}"),
    "runner.config.where.job": Msg(pt="[[job]] nº {n}", en="[[job]] {n}"),
    "runner.config.where.file": Msg(pt="o arquivo", en="the file"),
}
