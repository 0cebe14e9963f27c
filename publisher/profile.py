"""The state portal's metadata profile as pydantic models.

Facts come from the state's publishing manual (see DESIGN.md): what a dataset and
each resource must declare, the update-frequency vocabulary, license names and
their CKAN ids, and the name rules. The JSON Schema in `schemas/` is generated from
these models (`python -m publisher.profile`), and a test fails when it is stale.

The models describe a *valid* package; `publisher.validation.profile_check` turns
their complaints into report errors with the location and a fix.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

FREQUENCIES: Final = (
    "diária",
    "semanal",
    "quinzenal",
    "mensal",
    "bimestral",
    "trimestral",
    "anual",
    "por evento",
)
Frequency = Literal["diária", "semanal", "quinzenal", "mensal", "bimestral", "trimestral", "anual", "por evento"]

# Real packages spell the key with the accent; a plain `frequency` is accepted too.
FREQUENCY_KEYS: Final = ("frequência de atualização", "frequency")

# License names (SPDX / Open Definition ids, as Frictionless writes them) -> CKAN license ids.
LICENSES_TO_CKAN: Final[dict[str, str]] = {
    "cc-by-4.0": "cc-by",
    "cc-by": "cc-by",
    "cc-by-sa-4.0": "cc-by-sa",
    "cc-by-sa": "cc-by-sa",
    "cc0-1.0": "cc-zero",
    "cc0": "cc-zero",
    "cc-zero": "cc-zero",
    "odbl-1.0": "odc-odbl",
    "odc-odbl": "odc-odbl",
    "odc-by-1.0": "odc-by",
    "odc-by": "odc-by",
    "pddl-1.0": "odc-pddl",
    "odc-pddl": "odc-pddl",
    "cc-by-nc-4.0": "cc-nc",
    "cc-nc": "cc-nc",
    "ogl-uk-3.0": "uk-ogl",
    "other-open": "other-open",
    "other-at": "other-at",
}

# CKAN's own rule for dataset, resource and organization names: 2-100 characters,
# lowercase ASCII letters, digits, '-' and '_'.
NAME_PATTERN: Final = r"^[a-z0-9_-]{2,100}$"
SEMVER_PATTERN: Final = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$"
EMAIL_PATTERN: Final = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
URL_PATTERN: Final = r"^https?://[^\s/$.?#].[^\s]*$"
ISO_DATE_PATTERN: Final = r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$"

# Formats that are tables whatever profile a resource declares: they always need a Table Schema.
TABULAR_FORMATS: Final = ("csv", "tsv", "xls", "xlsx", "ods")

# Sections a dataset description should carry (warnings, not errors).
DESCRIPTION_SECTIONS: Final = ("Como participar", "Controle de alterações")
# The README section (and its subsections) for the package's stewards: it stays in the
# repository, never on the portal (publisher/ckan/mapping.py `public_text`).
STEWARD_SECTION: Final = "Para quem mantém este pacote"

FIELD_TYPES = Literal[
    "string",
    "number",
    "integer",
    "boolean",
    "object",
    "array",
    "date",
    "time",
    "datetime",
    "year",
    "yearmonth",
    "duration",
    "geopoint",
    "geojson",
    "any",
]

Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)]
SemVer = Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]
IsoDate = Annotated[str, StringConstraints(pattern=ISO_DATE_PATTERN)]


class _Open(BaseModel):
    # Unknown properties are allowed: Frictionless descriptors carry many optional ones.
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Contributor(_Open):
    title: NonEmpty
    email: Email | None = None
    role: NonEmpty | None = None
    path: Url | None = None


class License(_Open):
    name: NonEmpty = Field(description="License id, e.g. CC-BY-4.0; must map to a CKAN license id.")
    title: NonEmpty
    path: Url


class FieldConstraints(_Open):
    # Strict: "false" in quotes is text, and a lax reading would take it for False silently.
    required: StrictBool | None = None
    unique: StrictBool | None = None
    enum: list[Any] | None = None
    minimum: Any = None
    maximum: Any = None
    minLength: int | None = None
    maxLength: int | None = None
    pattern: str | None = None


class TableField(_Open):
    name: NonEmpty
    title: NonEmpty
    type: FIELD_TYPES
    # Table Schema's default is "default": a field without it is read the same, so its
    # absence is a warning (profile_check), not an error.
    format: NonEmpty | None = Field(default=None, description='Table Schema defaults it to "default".')
    description: NonEmpty
    constraints: FieldConstraints | None = None


class TableSchema(_Open):
    fields: list[TableField] = Field(min_length=1)
    primaryKey: list[str] | str | None = None
    foreignKeys: list[dict[str, Any]] | None = None
    missingValues: list[str] | None = None


class Resource(_Open):
    profile: NonEmpty
    name: Name
    title: NonEmpty
    description: NonEmpty
    format: NonEmpty
    encoding: NonEmpty
    path: NonEmpty
    # Required (`"schema": null` on a table is "missing" too), except on a non-tabular resource.
    schema_: TableSchema | None = Field(alias="schema", validation_alias=AliasChoices("schema"))
    mediatype: str | None = None
    dialect: dict[str, Any] | None = None
    datastore: StrictBool | None = Field(
        default=None,
        description="false: publish the file only, not loaded into CKAN's DataStore (wins over the package's).",
    )

    @model_validator(mode="before")
    @classmethod
    def _no_schema_for_what_is_not_a_table(cls, data: Any) -> Any:
        # A chart or a document has no columns to describe; every table still needs its schema.
        if isinstance(data, dict) and "schema" not in data and is_non_tabular(data.get("profile"), data.get("format")):
            return {**data, "schema": None}
        return data

    @field_validator("schema_", mode="after")
    @classmethod
    def _a_table_has_a_schema(cls, value: TableSchema | None, info: ValidationInfo) -> TableSchema | None:
        if value is None and not is_non_tabular(info.data.get("profile"), info.data.get("format")):
            raise PydanticCustomError("missing", "Field required")
        return value


def is_non_tabular(profile: object, fmt: object) -> bool:
    """A resource that declares itself no table: Frictionless' `data-resource` profile, in a format
    that is not a table's."""
    return profile == "data-resource" and str(fmt or "").strip().lower() not in TABULAR_FORMATS


class Temporal(_Open):
    start: IsoDate | None = None
    end: IsoDate | None = None


class DataPackage(_Open):
    """A dataset as the state portal requires it."""

    profile: NonEmpty
    name: Name
    title: NonEmpty
    description: NonEmpty
    homepage: Url = Field(description="The agency page the data comes from.")
    owner_org: Name = Field(description="Slug of the CKAN organization that owns the dataset.")
    version: SemVer
    contributors: list[Contributor] = Field(min_length=1, description="Must include one with role 'publisher'.")
    licenses: list[License] = Field(min_length=1)
    keywords: list[NonEmpty] = Field(min_length=1)
    frequency: Frequency = Field(
        validation_alias=AliasChoices("frequência de atualização", "frequency"),
        description="Update frequency; the key may be spelled 'frequência de atualização' or 'frequency'.",
    )
    resources: list[Resource] = Field(min_length=1)
    private: StrictBool | None = Field(default=None, description="true or false, never in quotes.")
    issued: IsoDate | None = Field(default=None, description="First publication on the portal (YYYY-MM-DD or YYYY-MM).")
    # Recommended, optional.
    documentation: Url | None = None
    spatial: str | None = None
    spatial_granularity: str | None = None
    temporal: Temporal | None = None
    temporal_granularity: str | None = None
    references: list[str] | None = None
    methodology: str | None = None
    vocabulary: str | None = None
    themes: list[str] | None = Field(default=None, description="VCGE themes (federal standard categories).")
    datastore: StrictBool | None = Field(
        default=None, description="false: no table of the package is loaded into CKAN's DataStore (files only)."
    )


def ckan_license_id(name: str) -> str | None:
    """The CKAN license id for a license name, or None when the portal knows no such license."""
    return LICENSES_TO_CKAN.get(name.strip().lower())


@functools.lru_cache(maxsize=4096)  # the same few keys in every descriptor of a catalogue
def folded_key(key: str) -> str:
    """A property key as compared: no case, no accents, no surrounding spaces."""
    decomposed = unicodedata.normalize("NFKD", key.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plain_words(text: str) -> str:
    """Text as compared by meaning: ASCII letters only (accents dropped), lowercase, single spaces
    (a README heading, a VCGE theme written by hand)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().split())


def frequency_of(descriptor: dict[str, Any]) -> str | None:
    """The update frequency, under any spelling of its keys (`Frequência de atualização` too)."""
    wanted = {folded_key(k) for k in FREQUENCY_KEYS}
    for key in sorted(descriptor, key=lambda k: k not in FREQUENCY_KEYS):  # exact spellings first
        value = descriptor[key]
        if isinstance(key, str) and folded_key(key) in wanted and isinstance(value, str):
            return value
    return None


# Where a key stands in the descriptor, spelled as written, and the profile's spelling of it.
KeyFix = tuple[tuple[int | str, ...], str]


@functools.cache
def _known_keys(model: type[BaseModel]) -> dict[str, str]:
    """Folded key -> the profile's spelling, for every property `model` names (read-only: cached)."""
    known: dict[str, str] = {}
    for name, info in model.model_fields.items():
        spellings = [info.alias or name]
        if isinstance(info.validation_alias, AliasChoices):
            spellings += [c for c in info.validation_alias.choices if isinstance(c, str)]
        for spelling in spellings:
            known.setdefault(folded_key(spelling), spelling)
    return known


def _canonical_object(node: dict[str, Any], model: type[BaseModel], loc: tuple[int | str, ...],
                      fixes: list[KeyFix]) -> dict[str, Any]:  # fmt: skip
    known = _known_keys(model)
    out: dict[str, Any] = {}
    for key, value in node.items():
        canonical = known.get(folded_key(key)) if isinstance(key, str) else None
        # A key also written the profile's way is left alone: renaming would drop one of them.
        if canonical is not None and canonical != key and canonical not in node:
            fixes.append(((*loc, key), canonical))
            key = canonical
        out[key] = value
    return out


def _canonical_fields(fields: Any, loc: tuple[int | str, ...], fixes: list[KeyFix]) -> Any:
    if not isinstance(fields, list):
        return fields
    return [
        _canonical_object(f, TableField, (*loc, i), fixes) if isinstance(f, dict) else f for i, f in enumerate(fields)
    ]


def _canonical_resource(res: Any, loc: tuple[int | str, ...], fixes: list[KeyFix]) -> Any:
    if not isinstance(res, dict):
        return res
    res = _canonical_object(res, Resource, loc, fixes)
    if isinstance(res.get("schema"), dict):
        schema = _canonical_object(res["schema"], TableSchema, (*loc, "schema"), fixes)
        schema["fields"] = _canonical_fields(schema.get("fields"), (*loc, "schema", "fields"), fixes)
        res["schema"] = schema
    return res


def canonical_keys(descriptor: dict[str, Any]) -> tuple[dict[str, Any], list[KeyFix]]:
    """The descriptor with the profile's keys spelled the profile's way (`Frequência de
    atualização` -> `frequência de atualização`, `Title` -> `title`), and what was renamed."""
    fixes: list[KeyFix] = []
    root = _canonical_object(descriptor, DataPackage, (), fixes)
    if isinstance(root.get("resources"), list):
        root["resources"] = [_canonical_resource(r, ("resources", i), fixes) for i, r in enumerate(root["resources"])]
    return root, fixes


def is_valid_name(name: str) -> bool:
    return re.fullmatch(NAME_PATTERN, name) is not None


def json_schema() -> dict[str, Any]:
    schema = DataPackage.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://dados.mg.gov.br/schemas/datapackage-profile.schema.json"
    schema["title"] = "Perfil de metadados do Portal de Dados Abertos de Minas Gerais"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


SCHEMA_FILE: Final = Path("schemas") / "datapackage-profile.schema.json"


if __name__ == "__main__":  # pragma: no cover - regeneration entry point
    import argparse

    parser = argparse.ArgumentParser(description="Write the portal's metadata profile as a JSON Schema.")
    parser.add_argument("target", nargs="?", type=Path, default=SCHEMA_FILE, help=f"default: {SCHEMA_FILE}")
    parser.parse_args().target.write_text(json_schema_text(), encoding="utf-8")
