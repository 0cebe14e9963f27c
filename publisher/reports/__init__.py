"""Reports: the goal report as a self-contained HTML page (jinja2, inline CSS and SVG),
and the goal status as a data package for the portal."""

from publisher.reports.html import RunReport, render_goal_report, write_goal_report

__all__ = ["RunReport", "render_goal_report", "write_goal_report"]
