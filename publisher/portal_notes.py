"""The dataset's description on the portal: the package's description, then the README's
sections meant for citizens, and never text meant for the package's stewards.

Steward text is a README (or description) section headed profile.STEWARD_SECTION ("Para quem
mantém este pacote"), down to the next heading of its level or above, or anything between
`<!-- mantenedores -->` and `<!-- /mantenedores -->`. Apart from the CKAN mapping because
validation measures the same notes (their size is capped) without needing CKAN's mapping.
"""

from __future__ import annotations

import re
from typing import Final

from publisher.profile import STEWARD_SECTION, plain_words

# Steward-only text: a section headed profile.STEWARD_SECTION, down
# to the next heading of its level or above, and whatever sits between these two markers.
STEWARD_OPEN: Final = "<!-- mantenedores -->"
STEWARD_CLOSE: Final = "<!-- /mantenedores -->"
_STEWARD_BLOCK = re.compile(r"<!--\s*mantenedores\s*-->.*?(?:<!--\s*/mantenedores\s*-->|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")

# README sections worth showing on the portal beside the description (normalised headings).
README_SECTIONS: Final = ("origem", "fonte", "como usar", "como utilizar", "metodologia", "limitacoes")
README_MARK: Final = "\n\n<!-- README.md -->\n\n---\n\n"


def _fenced(line: str, inside: bool) -> bool:
    return not inside if line.lstrip().startswith(("```", "~~~")) else inside


def public_text(markdown: str) -> str:
    """The markdown without what is meant for stewards (see the module's docstring)."""
    cleaned = _STEWARD_BLOCK.sub("", markdown)
    kept: list[str] = []
    skip_level: int | None = None
    in_code = False
    for line in cleaned.split("\n"):
        heading = None if in_code else _HEADING.match(line)
        in_code = _fenced(line, in_code)
        if heading:
            level = len(heading.group(1))
            if skip_level is not None and level <= skip_level:
                skip_level = None
            if skip_level is None and plain_words(heading.group(2)).startswith(plain_words(STEWARD_SECTION)):
                skip_level = level
        if skip_level is None:
            kept.append(line)
    result = "\n".join(kept)
    if result == markdown:
        return markdown
    return re.sub(r"[ \t]+\n", "\n", re.sub(r"\n{3,}", "\n\n", result)).strip()


def readme_sections(readme: str, description: str) -> list[str]:
    """The README's `## ` sections worth publishing that the description does not already have."""
    present = {plain_words(h) for h in re.findall(r"^##\s+(.+?)\s*$", description, re.MULTILINE)}
    chunks = re.split(r"^(?=##\s)", readme, flags=re.MULTILINE)
    picked = []
    for chunk in chunks:
        match = re.match(r"##\s+(.+?)\s*$", chunk, re.MULTILINE)
        if not match:
            continue
        heading = plain_words(match.group(1))
        if heading in present or not heading.startswith(README_SECTIONS):
            continue
        picked.append(chunk.strip())
    return picked


_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def indent_fenced_code(markdown: str) -> str:
    """Fenced code blocks as indented ones: CKAN's Markdown renderer knows only the latter,
    and shows a fence as one run-on line with the language name in front."""
    return _FENCE.sub(
        lambda m: "\n".join("    " + line if line else "" for line in m.group(1).rstrip("\n").split("\n")), markdown
    )


def notes_for(description: str, readme: str | None) -> str:
    description = public_text(description)
    sections = [indent_fenced_code(s) for s in readme_sections(public_text(readme), description)] if readme else []
    body = description.strip()
    return body + README_MARK + "\n\n".join(sections) if sections else body


def description_of(notes: str | None) -> str:
    return (notes or "").split(README_MARK, 1)[0]
