"""Adopt a package an agency already publishes: `publisher adopt PATH`.

The state's agencies keep their packages in their own repositories (`dataset/datapackage.json`,
`;` CSVs, fields with only `name` and `type`). Adoption brings such a descriptor into the
portal's profile without touching a data file: what can be read from the package or its data
is filled in (each field's `format`, canonical key spellings, the organization's slug, a
CHANGELOG from the version), and what only a person can answer becomes a `TODO: ...` value,
which `publisher validate` then lists one by one.

Nothing is written here until `Adoption.write()`: the caller shows `Adoption.diff()` first.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

from publisher.catalog import DESCRIPTOR, REPOSITORY_PACKAGE_DIR, PackageDir, read_descriptor, repository_package
from publisher.ckan.organizations import ORGANIZATIONS_FILE
from publisher.messages import Lang, Texts
from publisher.profile import DESCRIPTION_SECTIONS, FREQUENCY_KEYS, DataPackage, Resource, TableField, is_valid_name
from publisher.scaffold import ScaffoldError
from publisher.scaffold.infer import Inferred, infer_csv
from publisher.validation.profile_check import TODO_MARKER, slugify

CHANGELOG: Final = "CHANGELOG.md"
_CHANGELOG_VERSION = re.compile(r"^#+\s*\[?v?(\d+\.\d+\.\d+)\]?", re.MULTILINE)
_FIRST_VERSION: Final = "1.0.0"


def _fold(key: str) -> str:
    """A key as a person may have typed it: no accents, no case, single spaces."""
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return " ".join(ascii_key.lower().replace("_", " ").split())


def _profile_keys(model: type[DataPackage] | type[Resource] | type[TableField]) -> dict[str, str]:
    """Folded spelling -> the profile's spelling, for every property the profile names."""
    keys: dict[str, str] = {}
    for name, info in model.model_fields.items():
        keys[_fold(info.alias or name)] = info.alias or name
    return keys


_PACKAGE_KEYS: Final = {**_profile_keys(DataPackage), **{_fold(k): FREQUENCY_KEYS[0] for k in FREQUENCY_KEYS}}
_RESOURCE_KEYS: Final = _profile_keys(Resource)
_FIELD_KEYS: Final = _profile_keys(TableField)


@dataclass(frozen=True)
class FileChange:
    """One file adoption writes: its path inside the package, its text before (None: new) and after."""

    path: str
    before: str | None
    after: str

    def diff(self) -> str:
        before = (self.before or "").splitlines(keepends=True)
        after = self.after.splitlines(keepends=True)
        old = f"a/{self.path}" if self.before is not None else "/dev/null"
        return "".join(difflib.unified_diff(before, after, old, f"b/{self.path}"))


@dataclass
class Adoption:
    """What adopting one package changes; nothing is on disk until `write()`."""

    package: Path
    descriptor: dict[str, Any]
    changes: list[FileChange] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    todos: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def diff(self) -> str:
        return "".join(change.diff() for change in self.changes)

    def write(self) -> None:
        for change in self.changes:
            (self.package / change.path).write_text(change.after, encoding="utf-8")


def find_adoptable(path: Path) -> PackageDir:
    """The package at `path`: a descriptor, a package folder, or a repository with `dataset/`."""
    if path.is_file() and path.name == DESCRIPTOR:
        return PackageDir(path.parent)
    found = repository_package(path) if path.is_dir() else None
    if found is None:
        raise ScaffoldError("no-package", str(path))
    return found


def _canonical_keys(node: dict[str, Any], known: dict[str, str], done: list[str], where: str) -> dict[str, Any]:
    """`node` with each key spelled as the profile spells it, in the same order."""
    out: dict[str, Any] = {}
    for key, value in node.items():
        canonical = known.get(_fold(key), key)
        if canonical != key and canonical not in node:
            done.append(f"{where}{key} → {canonical}")
            key = canonical
        out[key] = value
    return out


def _org_key(name: str) -> str:
    # "Gestão - SEPLAG" and the portal's "gestao-seplag" are the same agency.
    return re.sub(r"[-_]+", "-", slugify(name))


def _organization_slug(owner: str, organizations: Iterable[dict[str, Any]]) -> str | None:
    """The slug organizations.json gives the agency `owner` names (by slug, title, alias or acronym)."""
    wanted = _org_key(owner)
    for org in organizations:
        slug = org.get("name")
        if not isinstance(slug, str):
            continue
        title = _text(org.get("title"))
        aliases = org.get("aliases")
        aliases = aliases if isinstance(aliases, list) else []
        acronym = title.rsplit(" - ", 1)[-1] if " - " in title else ""
        spellings = {slug, title, acronym, *(a for a in aliases if isinstance(a, str))}
        if wanted in {_org_key(s) for s in spellings if s}:
            return slug
    return None


def _load_organizations(catalogue: Path) -> list[dict[str, Any]]:
    path = catalogue / ORGANIZATIONS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return []
    return [o for o in data if isinstance(o, dict)] if isinstance(data, list) else []


class _Adopter:
    """Fills one descriptor in place, noting what it inferred and which TODOs it left."""

    def __init__(self, package: Path, organizations: list[dict[str, Any]], lang: Lang) -> None:
        self.package = package
        self.organizations = organizations
        self.t = Texts(lang)
        self.filled: list[str] = []
        self.todos: list[str] = []

    def todo(self, node: dict[str, Any], key: str, where: str, message: str, **values: Any) -> None:
        if _is_blank(node.get(key)):
            node[key] = self.t(message, **values)
            self.todos.append(f"{where}{key}")

    def infer(self, node: dict[str, Any], key: str, where: str, value: Any) -> None:
        if _is_blank(node.get(key)):
            node[key] = value
            self.filled.append(f"{where}{key}")

    def package_level(self, descriptor: dict[str, Any], changelog_version: str | None) -> dict[str, Any]:
        d = _canonical_keys(descriptor, _PACKAGE_KEYS, self.filled, "")
        self.infer(d, "profile", "", "tabular-data-package")
        self.infer(d, "name", "", _default_name(self.package))
        self.todo(d, "title", "", "scaffold.todo.title")
        self.todo(
            d,
            "description",
            "",
            "scaffold.todo.description",
            first=DESCRIPTION_SECTIONS[0],
            second=DESCRIPTION_SECTIONS[1],
        )
        self.todo(d, "homepage", "", "scaffold.todo.homepage")
        self._organization(d)
        self.infer(d, "version", "", changelog_version or _FIRST_VERSION)
        self._contributors(d)
        self.todo(d, "licenses", "", "scaffold.adopt.todo.licenses")
        self.todo(d, "keywords", "", "scaffold.todo.keywords")
        self.todo(d, FREQUENCY_KEYS[0], "", "scaffold.todo.frequency")
        resources = d.get("resources")
        if isinstance(resources, list):
            d["resources"] = [self.resource(r) if isinstance(r, dict) else r for r in resources]
        return d

    def _organization(self, d: dict[str, Any]) -> None:
        owner = d.get("owner_org")
        slug = _organization_slug(owner, self.organizations) if isinstance(owner, str) and owner.strip() else None
        if slug is not None and slug != owner:
            d["owner_org"] = slug
            self.filled.append(f"owner_org {owner} → {slug}")
        elif slug is None and not (isinstance(owner, str) and is_valid_name(owner)):
            d.pop("owner_org", None)
            self.todo(d, "owner_org", "", "scaffold.todo.owner-org")

    def _contributors(self, d: dict[str, Any]) -> None:
        contributors = d.get("contributors")
        if not isinstance(contributors, list):
            contributors = []
        publisher = next((c for c in contributors if isinstance(c, dict) and c.get("role") == "publisher"), None)
        if publisher is None:
            publisher = {"role": "publisher"}
            contributors.append(publisher)
        index = contributors.index(publisher)
        self.todo(publisher, "title", f"contributors[{index}].", "scaffold.todo.publisher-title")
        self.todo(publisher, "email", f"contributors[{index}].", "scaffold.todo.publisher-email")
        d["contributors"] = contributors

    def resource(self, resource: dict[str, Any]) -> dict[str, Any]:
        r = _canonical_keys(resource, _RESOURCE_KEYS, self.filled, "")
        name = r.get("name") if isinstance(r.get("name"), str) else None
        path = r.get("path") if isinstance(r.get("path"), str) else None
        where = f'resources["{name or path}"].'
        inferred = self._read_data(path)
        self.infer(r, "profile", where, "tabular-data-resource")
        if path is not None:
            self.infer(r, "name", where, slugify(Path(path).name.split(".")[0]))
            self.infer(r, "format", where, Path(path).suffix.lstrip(".").lower() or "csv")
        if inferred is not None:
            self.infer(r, "encoding", where, inferred.encoding)
        self.todo(r, "title", where, "scaffold.todo.resource-title")
        self.todo(r, "description", where, "scaffold.todo.resource-description")
        schema = r.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if isinstance(schema, dict) and isinstance(fields, list):
            formats = {f["name"]: f.get("format", "default") for f in inferred.fields} if inferred else {}
            schema["fields"] = [self.table_field(f, where, formats) if isinstance(f, dict) else f for f in fields]
        return r

    def table_field(self, spec: dict[str, Any], where: str, formats: dict[str, str]) -> dict[str, Any]:
        f = _canonical_keys(spec, _FIELD_KEYS, self.filled, where)
        name = _text(f.get("name")) or "?"
        at = f'{where}schema.fields["{name}"].'
        self.infer(f, "type", at, "string")  # Table Schema's default: what frictionless already read
        self.infer(f, "format", at, _format_for(f.get("type"), formats.get(name)))
        self.todo(f, "title", at, "scaffold.adopt.todo.field-title", field=name)
        self.todo(f, "description", at, "scaffold.todo.field-description", field=name)
        return f

    def _read_data(self, path: str | None) -> Inferred | None:
        """The data as `publisher new` reads it, for a plain CSV inside the package only."""
        if path is None or not path.lower().endswith(".csv") or "://" in path:
            return None
        target = (self.package / path).resolve()
        if not target.is_file() or not target.is_relative_to(self.package.resolve()):
            return None
        return infer_csv(target)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def _format_for(declared_type: Any, read_format: str | None) -> str:
    """A date's format as the data writes it; "default" (Table Schema's) for everything else."""
    if declared_type == "date" and read_format is not None:
        return read_format
    return "default"


def _default_name(package: Path) -> str:
    # In an agency repository the package folder is `dataset/`: the repository names the dataset.
    folder = package.resolve()
    return slugify(folder.parent.name if folder.name == REPOSITORY_PACKAGE_DIR else folder.name)


def _changelog_version(package: Path) -> str | None:
    try:
        found = _CHANGELOG_VERSION.search((package / CHANGELOG).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return found.group(1) if found else None


def _changelog(version: str) -> str:
    # Published with the package: in Portuguese, as the portal is, whatever the steward's language.
    return (
        f"# Controle de alterações\n\n## {version} - {date.today().isoformat()}\n\n"
        "- Primeira versão publicada no Portal de Dados Abertos.\n"
    )


def _json_text(descriptor: dict[str, Any]) -> str:
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def adopt(path: Path, catalogue: Path, lang: Lang = "pt") -> Adoption:
    """Plan the adoption of the package at `path`; `catalogue` holds organizations.json.

    Raises ScaffoldError when there is no package or its descriptor is not a JSON object."""
    pkg = find_adoptable(path)
    try:
        original = read_descriptor(pkg)
    except (OSError, ValueError) as exc:
        raise ScaffoldError("unreadable", f"{pkg.descriptor_path}: {exc}") from None
    adopter = _Adopter(pkg.path, _load_organizations(catalogue), lang)
    descriptor = adopter.package_level(copy.deepcopy(original), _changelog_version(pkg.path))
    adoption = Adoption(pkg.path, descriptor, filled=adopter.filled, todos=adopter.todos)
    before = pkg.descriptor_path.read_text(encoding="utf-8-sig")
    if descriptor != original:
        adoption.changes.append(FileChange(DESCRIPTOR, before, _json_text(descriptor)))
    version = descriptor.get("version")
    if not (pkg.path / CHANGELOG).exists() and isinstance(version, str) and not TODO_MARKER.match(version):
        adoption.changes.append(FileChange(CHANGELOG, None, _changelog(version)))
        adopter.filled.append(CHANGELOG)
    return adoption
