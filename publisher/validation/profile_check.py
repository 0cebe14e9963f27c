"""Check a parsed descriptor against the portal's metadata profile (`publisher.profile`).

Pydantic's complaints are translated into report errors whose `field` is a readable
path such as `resources["receitas"].schema.fields["valor"].title`. Values that still
read "TODO..." (left by `publisher new`) are reported once as `todo` and not also as
whatever else they break, so a scaffolded package lists exactly its TODOs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError as PydanticError
from text_unidecode import unidecode

from publisher.messages import Lang, text
from publisher.package_files import DEFAULT_MAX_METADATA_BYTES, PackageFileError, optional_package_file
from publisher.profile import (
    DESCRIPTION_SECTIONS,
    FREQUENCY_KEYS,
    DataPackage,
    KeyFix,
    canonical_keys,
    ckan_license_id,
    is_valid_name,
)
from publisher.validation.report import Problem, make_error

# Only the upper-case marker followed by a colon or the end: "Todos os municípios" is Portuguese, not a TODO.
TODO_MARKER = re.compile(r"^\s*TODO(:|\s*$)")
_DESCRIPTOR = "datapackage.json"
# The folder every state repository keeps its package in.
HOME_FOLDER: Final = "dataset"

_PATTERN_CODES = {
    "name": "profile-name",
    "owner_org": "profile-name",
    "version": "profile-version",
    "email": "profile-email",
    "homepage": "profile-url",
    "path": "profile-url",
    "documentation": "profile-url",
    "issued": "profile-date",
    "start": "profile-date",
    "end": "profile-date",
}
_TYPE_ERRORS = {
    "string_type",
    "list_type",
    "dict_type",
    "model_type",
    "model_attributes_type",
    "int_type",
    "bool_type",
    "int_parsing",
    "bool_parsing",
    "float_type",
}
# Properties whose missing-property hint carries an example, and the catalogue key of it.
_MISSING_DETAIL_KEYS = {
    "contributors": "validation.missing-detail.contributors",
    "licenses": "validation.missing-detail.licenses",
    "frequência de atualização": "validation.missing-detail.frequency",
    "owner_org": "validation.missing-detail.owner-org",
    "version": "validation.missing-detail.version",
    "format": "validation.missing-detail.format",
}


def missing_detail(prop: str, lang: Lang) -> str:
    """The example that helps fill in a missing `prop`, or "" when there is none."""
    key = _MISSING_DETAIL_KEYS.get(prop)
    return text(key, lang) if key else ""


def slugify(text: str) -> str:
    """A portal-valid name suggestion: no accents, lowercase, hyphens."""
    # Transliterated, not dropped: a Cyrillic "а" typed for an "a" suggests the name meant.
    ascii_text = unidecode(text)
    slug = re.sub(r"[^a-z0-9_-]+", "-", ascii_text.lower()).strip("-")
    return (slug or "dados")[:100]


def lookalikes(name: str) -> list[str]:
    """Letters of `name` from another alphabet that pass for Latin ones (a Cyrillic "а" for "a"):
    unlike an accent, nothing on screen shows them."""
    return [c for c in name if not unicodedata.normalize("NFKD", c)[0].isascii() and unidecode(c).isalpha()]


def _readable_path(descriptor: dict[str, Any], loc: tuple[int | str, ...]) -> tuple[str, str | None]:
    """(`field` path with names instead of indexes, resource name) for a pydantic location."""
    parts: list[str] = []
    node: Any = descriptor
    resource: str | None = None
    parent_key: str | None = None
    for item in loc:
        if isinstance(item, int):
            child = node[item] if isinstance(node, list) and item < len(node) else None
            name = child.get("name") if isinstance(child, dict) else None
            label = f'["{name}"]' if isinstance(name, str) and name else f"[{item}]"
            if parent_key == "resources":
                resource = name if isinstance(name, str) else f"#{item + 1}"
            parts[-1] = parts[-1] + label if parts else label
            node = child
        else:
            parts.append(item)
            parent_key = item
            node = node.get(item) if isinstance(node, dict) else None
    return ".".join(parts), resource


def _value_at(descriptor: dict[str, Any], loc: tuple[int | str, ...]) -> Any:
    node: Any = descriptor
    for item in loc:
        if isinstance(item, int) and isinstance(node, list) and item < len(node):
            node = node[item]
        elif isinstance(item, str) and isinstance(node, dict):
            node = node.get(item)
        else:
            return None
    return node


def _todo_locations(node: Any, loc: tuple[int | str, ...] = ()) -> Iterator[tuple[tuple[int | str, ...], str]]:
    if isinstance(node, str):
        if TODO_MARKER.match(node):
            yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _todo_locations(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _todo_locations(value, (*loc, index))


def _code_for(error_type: str, loc: tuple[int | str, ...]) -> str:
    last: str = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if error_type == "missing":
        return "profile-missing"
    if error_type in ("string_too_short", "too_short"):
        return "profile-empty"
    if error_type == "string_pattern_mismatch":
        return _PATTERN_CODES.get(last, "profile-invalid")
    if error_type == "literal_error":
        return (
            "profile-field-type"
            if last == "type"
            else "profile-frequency"
            if last in FREQUENCY_KEYS
            else "profile-invalid"
        )
    if error_type in _TYPE_ERRORS:
        return "profile-type"
    return "profile-invalid"


def _todo_problems(descriptor: dict[str, Any], package: str, lang: Lang) -> list[Problem]:
    problems = []
    for loc, todo_text in _todo_locations(descriptor):
        field, resource = _readable_path(descriptor, loc)
        problems.append(
            make_error(
                "todo",
                lang,
                package=package,
                file=_DESCRIPTOR,
                resource=resource,
                field=field,
                value=todo_text,
                severity="todo",
            )  # fmt: skip
        )
    return problems


def _spelling_problems(original: dict[str, Any], fixes: list[KeyFix], package: str, lang: Lang) -> list[Problem]:
    """A warning per key the profile spells otherwise: it was read under the profile's spelling."""
    problems = []
    for loc, canonical in fixes:
        field, resource = _readable_path(original, loc)
        problems.append(
            make_error(
                "profile-key-spelling",
                lang,
                package=package,
                file=_DESCRIPTOR,
                resource=resource,
                field=field,
                value=loc[-1],
                severity="warning",
                canonical=canonical,
            )  # fmt: skip
        )
    return problems


def _bare_boolean(value: Any) -> str:
    """How a boolean written as text is written bare: "false" -> false; anything else -> true/false."""
    folded = str(value).strip().casefold()
    return folded if folded in ("true", "false") else "true / false"


def _pydantic_problem(descriptor: dict[str, Any], item: Any, package: str, lang: Lang) -> Problem:
    loc = tuple(item["loc"])
    field, resource = _readable_path(descriptor, loc)
    value = _value_at(descriptor, loc)
    code = _code_for(item["type"], loc)
    if item["type"] == "bool_type" and isinstance(value, str):
        code = "profile-boolean-string"
    if code == "profile-missing":
        value = None
    odd = lookalikes(value) if code == "profile-name" and isinstance(value, str) else []
    if odd:
        code = "name-lookalike"
    last: str = next((p for p in reversed(loc) if isinstance(p, str)), "")
    value_shown = None if isinstance(value, (dict, list)) and code != "profile-type" else value
    return make_error(
        code,
        lang,
        package=package,
        file=_DESCRIPTOR,
        resource=resource,
        field=field,
        value=value_shown if value_shown is not None else (None if value is None else type(value).__name__),
        note=item["msg"],
        detail=missing_detail(last, lang),
        suggestion=slugify(str(value)) if code in ("profile-name", "name-lookalike") else None,
        chars=", ".join(f'"{c}" (U+{ord(c):04X})' for c in dict.fromkeys(odd)),
        bare=_bare_boolean(value),
    )


def check_profile(descriptor: dict[str, Any], package_dir: Path, package: str, lang: Lang) -> list[Problem]:
    original = descriptor
    # Keys are read regardless of case and accents; each one spelled otherwise gets a warning.
    descriptor, fixes = canonical_keys(original)
    errors = _todo_problems(descriptor, package, lang) + _spelling_problems(original, fixes, package, lang)
    todo_locs = {loc for loc, _ in _todo_locations(descriptor)}
    try:
        DataPackage.model_validate(descriptor)
    except PydanticError as exc:
        for item in exc.errors():
            loc = tuple(item["loc"])
            # A missing frequency is reported under the spelling real packages use.
            if item["type"] == "missing" and loc and loc[-1] in ("frequency", "frequência de atualização"):
                item["loc"] = (*loc[:-1], FREQUENCY_KEYS[0])
            if any(tuple(item["loc"])[: len(t)] == t for t in todo_locs):
                continue
            errors.append(_pydantic_problem(descriptor, item, package, lang))

    errors.extend(_semantic_checks(descriptor, package_dir, package, lang, todo_locs))
    return errors


@dataclass(frozen=True)
class _Package:
    """What the semantic rules read: the descriptor, its folder, and the TODOs already reported."""

    descriptor: dict[str, Any]
    folder: Path
    name: str
    lang: Lang
    todo_locs: set[tuple[int | str, ...]]

    def problem(self, code: str, *, file: str = _DESCRIPTOR, **params: Any) -> Problem:
        return make_error(code, self.lang, package=self.name, file=file, **params)


def _publisher_among_contributors(pkg: _Package) -> Iterator[Problem]:
    contributors = pkg.descriptor.get("contributors")
    if not isinstance(contributors, list) or not contributors:
        return
    publishers = [i for i, c in enumerate(contributors) if isinstance(c, dict) and c.get("role") == "publisher"]
    if not publishers:
        yield pkg.problem("profile-publisher-missing", field="contributors")
    for index in publishers:
        # The manual asks for the publisher's contact; other contributors may omit it.
        if not contributors[index].get("email"):
            detail = missing_detail("contributors", pkg.lang)
            yield pkg.problem("profile-missing", field=f"contributors[{index}].email", detail=detail)


def _licenses_known_to_the_portal(pkg: _Package) -> Iterator[Problem]:
    licenses = pkg.descriptor.get("licenses")
    if not isinstance(licenses, list):
        return
    for index, lic in enumerate(licenses):
        name = lic.get("name") if isinstance(lic, dict) else None
        if not isinstance(name, str) or ("licenses", index, "name") in pkg.todo_locs:
            continue
        if ckan_license_id(name) is None:
            yield pkg.problem("profile-license", field=f"licenses[{index}].name", value=name)


def _name_matches_the_folder(pkg: _Package) -> Iterator[Problem]:
    name = pkg.descriptor.get("name")
    if pkg.folder.name == HOME_FOLDER:
        return  # an agency's repository keeps its package in dataset/: the name is the descriptor's
    if isinstance(name, str) and is_valid_name(name) and name != pkg.folder.name:
        yield pkg.problem("profile-name-mismatch", field="name", value=name, severity="warning", folder=pkg.folder.name)


def _description_has_the_manuals_sections(pkg: _Package) -> Iterator[Problem]:
    description = pkg.descriptor.get("description")
    if not isinstance(description, str) or ("description",) in pkg.todo_locs:
        return
    for section in DESCRIPTION_SECTIONS:
        if section.lower() not in description.lower():
            yield pkg.problem("profile-description-section", field="description", severity="warning", section=section)


def _duplicate_fields(pkg: _Package, res: dict[str, Any]) -> Iterator[Problem]:
    schema = res.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list):
        return
    res_name = res.get("name")
    names = [f.get("name") for f in fields if isinstance(f, dict)]
    for dup in sorted({n for n in names if isinstance(n, str) and names.count(n) > 1}):
        field = f'resources["{res_name}"].schema.fields'
        yield pkg.problem("profile-duplicate-field", field=field, resource=str(res_name), value=dup)


def _resource_and_field_names_unique(pkg: _Package) -> Iterator[Problem]:
    resources = pkg.descriptor.get("resources")
    if not isinstance(resources, list):
        return
    seen: set[str] = set()
    for res in (r for r in resources if isinstance(r, dict)):
        res_name = res.get("name")
        if isinstance(res_name, str):
            if res_name in seen:
                yield pkg.problem("profile-duplicate-resource", field="resources", resource=res_name, value=res_name)
            seen.add(res_name)
        yield from _duplicate_fields(pkg, res)


def _fields_declare_format(pkg: _Package) -> Iterator[Problem]:
    """Table Schema reads a field without `format` as "default": worth declaring, not an error."""
    resources = pkg.descriptor.get("resources")
    for i, res in enumerate(resources if isinstance(resources, list) else []):
        schema = res.get("schema") if isinstance(res, dict) else None
        fields = schema.get("fields") if isinstance(schema, dict) else None
        for j, fld in enumerate(fields if isinstance(fields, list) else []):
            if isinstance(fld, dict) and "format" not in fld:
                field, resource = _readable_path(pkg.descriptor, ("resources", i, "schema", "fields", j, "format"))
                yield pkg.problem("profile-field-format", field=field, resource=resource, severity="warning")


def _version_in_the_changelog(pkg: _Package) -> Iterator[Problem]:
    version = pkg.descriptor.get("version")
    if not isinstance(version, str) or ("version",) in pkg.todo_locs:
        return
    where: dict[str, Any] = {"file": "CHANGELOG.md", "field": "version", "value": version, "version": version}
    try:
        changelog = optional_package_file(pkg.folder, "CHANGELOG.md", DEFAULT_MAX_METADATA_BYTES)
    except PackageFileError:
        return  # outside the package or too large: the safety check names it
    if changelog is None:
        yield pkg.problem("changelog-missing", **where)
    elif version not in changelog.decode("utf-8", errors="replace"):
        yield pkg.problem("changelog-version", severity="warning", **where)


Rule = Callable[[_Package], Iterator[Problem]]

# Rules a JSON Schema cannot say, in the order their problems are listed.
SEMANTIC_RULES: Final[tuple[Rule, ...]] = (
    _publisher_among_contributors,
    _licenses_known_to_the_portal,
    _name_matches_the_folder,
    _description_has_the_manuals_sections,
    _resource_and_field_names_unique,
    _fields_declare_format,
    _version_in_the_changelog,
)


def _semantic_checks(
    descriptor: dict[str, Any], package_dir: Path, package: str, lang: Lang, todo_locs: set[tuple[int | str, ...]]
) -> list[Problem]:
    """Every semantic rule's problems: a publisher among contributors, known licenses, unique names..."""
    pkg = _Package(descriptor, package_dir, package, lang, todo_locs)
    return [problem for rule in SEMANTIC_RULES for problem in rule(pkg)]
