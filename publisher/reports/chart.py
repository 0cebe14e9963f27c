"""An inline SVG chart of a goal: cumulative new datasets per month against the target.

Drawn here as plain SVG text (no JavaScript, no external assets) so the HTML report is
one self-contained file that opens anywhere, including offline and in e-mail clients.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from publisher.goals import GoalStatus

MONTHS_PT = ("jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez")

WIDTH = 720
HEIGHT = 320
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 20, 56


def month_label(month: str) -> str:
    year, mon = month.split("-")
    return f"{MONTHS_PT[int(mon) - 1]}/{year[2:]}"


def _axis(peak: int) -> tuple[int, int]:
    """The y-axis top (above the peak, so the target line is not on the frame) and its tick step."""
    peak = max(peak, 1)
    step = 1 if peak <= 10 else 2 if peak <= 20 else 5 if peak <= 50 else 10 ** (len(str(peak)) - 1)
    return (peak // step + 1) * step, step


# The page styles the inline chart; a chart file standing alone carries the same look itself.
STANDALONE_CSS = (
    "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}"
    ".grid{stroke:#e6eaf0;stroke-width:1}"
    ".tick,.month,.legend,.target-label{font-size:12px;fill:#5b6776}"
    ".bar{fill:#9cc3ea}"
    ".cumulative{fill:none;stroke:#0b5cab;stroke-width:3}"
    ".point{fill:#0b5cab}"
    ".pace{fill:none;stroke:#8a94a3;stroke-width:2;stroke-dasharray:6 4}"
    ".target{stroke:#b3261e;stroke-width:2;stroke-dasharray:2 3}"
    ".target-label{fill:#b3261e;font-weight:600}"
)


def goal_chart_file(status: GoalStatus) -> str:
    """The chart as an SVG file of its own (styles inside), as published with the goal package."""
    svg = str(goal_chart(status))
    head, rest = svg.split(">", 1)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{head}>\n<style>{STANDALONE_CSS}</style>{rest}\n'


def goal_chart(status: GoalStatus) -> Markup:
    months = status.monthly
    n = max(len(months), 1)
    peak = max([status.target, *(m.cumulative for m in months)])
    y_top, step = _axis(peak)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / n

    def x(i: float) -> float:
        return LEFT + slot * i

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / y_top)

    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" aria-labelledby="chart-title-{escape(status.id)}">',
        f'<title id="chart-title-{escape(status.id)}">Novos conjuntos de dados acumulados por mês, '
        f"meta de {status.target}</title>",
    ]
    # Grid and y-axis ticks.
    for value in range(0, y_top + 1, step):
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value:g}</text>')
    # New datasets per month as bars.
    parts.append('<g class="data">')
    bar_w = slot * 0.5
    for i, m in enumerate(months):
        if m.new:
            bx = x(i) + (slot - bar_w) / 2
            parts.append(
                f'<rect class="bar" x="{bx:.1f}" y="{y(m.new):.1f}" width="{bar_w:.1f}" height="{y(0) - y(m.new):.1f}">'
                f"<title>{escape(month_label(m.month))}: {m.new} novo(s)</title></rect>"
            )
        parts.append(
            f'<text class="month" x="{x(i) + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
            f"{escape(month_label(m.month))}</text>"
        )
    # The target: a horizontal line, and the steady pace that reaches it by the period's end.
    parts.append(
        f'<line class="target" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(status.target):.1f}" y2="{y(status.target):.1f}"/>'
    )
    parts.append(
        f'<text class="target-label" x="{WIDTH - RIGHT}" y="{y(status.target) - 6:.1f}" text-anchor="end">'
        f"meta: {status.target}</text>"
    )
    # Month values sit over the month's label (the value is the one at the month's end).
    pace = " ".join(f"{x(i + 0.5):.1f},{y(m.target_line):.1f}" for i, m in enumerate(months))
    parts.append(f'<polyline class="pace" points="{pace}"/>')
    cumulative = " ".join(f"{x(i + 0.5):.1f},{y(m.cumulative):.1f}" for i, m in enumerate(months))
    parts.append(f'<polyline class="cumulative" points="{cumulative}"/>')
    for i, m in enumerate(months):
        parts.append(
            f'<circle class="point" cx="{x(i + 0.5):.1f}" cy="{y(m.cumulative):.1f}" r="3.5">'
            f"<title>{escape(month_label(m.month))}: {m.cumulative} acumulado(s)</title></circle>"
        )
    parts.append("</g>")
    # Legend.
    parts.append('<g class="legend">')
    ly = HEIGHT - 14
    parts.append(f'<line class="cumulative" x1="{LEFT}" x2="{LEFT + 24}" y1="{ly}" y2="{ly}"/>')
    parts.append(f'<text class="legend" x="{LEFT + 30}" y="{ly + 4}">acumulado</text>')
    parts.append(f'<rect class="bar" x="{LEFT + 120}" y="{ly - 6}" width="12" height="12"/>')
    parts.append(f'<text class="legend" x="{LEFT + 138}" y="{ly + 4}">novos no mês</text>')
    parts.append(f'<line class="pace" x1="{LEFT + 250}" x2="{LEFT + 274}" y1="{ly}" y2="{ly}"/>')
    parts.append(f'<text class="legend" x="{LEFT + 280}" y="{ly + 4}">ritmo para a meta</text>')
    parts.append(f'<line class="target" x1="{LEFT + 420}" x2="{LEFT + 444}" y1="{ly}" y2="{ly}"/>')
    parts.append(f'<text class="legend" x="{LEFT + 450}" y="{ly + 4}">meta</text>')
    parts.append("</g>")
    parts.append("</svg>")
    return Markup("\n".join(parts))
