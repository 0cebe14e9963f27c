"""The state's real packages: organizations by the portal's long slugs, and profile levels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_validation_state_style import ROWS, write_state_package

from publisher.catalog import PackageDir
from publisher.ckan.mapping import to_dataset
from publisher.profile import frequency_of
from publisher.settings import Settings
from publisher.validation import validate_package
from publisher.validation.organization_check import check_organization

REPO = Path(__file__).resolve().parents[1]
SEPLAG = "secretaria-de-estado-de-planejamento-e-gestao-seplag"
CLOSED = "http://127.0.0.1:9"  # nothing answers there
FHEMIG = "fundacao-hospitalar-do-estado-de-minas-gerais-fhemig"


def _settings(tmp_path: Path, catalogue: Path | None = REPO / "datapackages", **kw: Any) -> Settings:
    return Settings(root=tmp_path, datapackages_dir=catalogue or tmp_path / "none", validation_cache=False, **kw)


def _edit(pkg: Path, change: Any) -> Path:
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8-sig"))
    change(descriptor)
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8-sig")
    return pkg


def test_the_catalogue_uses_the_portals_long_slugs() -> None:
    declared = {o["name"] for o in json.loads((REPO / "datapackages" / "organizations.json").read_text("utf-8"))}
    assert {SEPLAG, FHEMIG} <= declared
    for descriptor in (REPO / "datapackages").glob("*/datapackage.json"):
        assert json.loads(descriptor.read_text("utf-8"))["owner_org"] in declared, descriptor


def test_a_long_slug_of_the_catalogue_is_valid(tmp_path: Path) -> None:
    pkg = _edit(write_state_package(tmp_path, ROWS), lambda d: d.update(owner_org=SEPLAG))
    report = validate_package(PackageDir(pkg), _settings(tmp_path))
    assert "organization-unknown" not in {e.code for e in report.errors}


def test_a_short_alias_names_the_long_slug_in_one_language(tmp_path: Path) -> None:
    descriptor = {"owner_org": "seplag"}
    # Offline: a portal that still holds an organization "seplag" would rightly accept it.
    (problem,) = check_organization(descriptor, "p", _settings(tmp_path, ckan_url=CLOSED))
    assert problem.code == "organization-unknown" and problem.field == "owner_org"
    assert f'Seria "{SEPLAG}"?' in problem.message and "organizations.json" in problem.message
    assert "is not" not in problem.message and "nor" not in problem.message
    (english,) = check_organization(descriptor, "p", _settings(tmp_path, lang="en", ckan_url=CLOSED))
    assert f'Did you mean "{SEPLAG}"?' in english.message and "não" not in english.message


def test_a_slug_one_letter_off_gets_the_closest_known_one(tmp_path: Path) -> None:
    (problem,) = check_organization({"owner_org": FHEMIG.replace("fhemig", "fhemg")}, "p", _settings(tmp_path))
    assert f'"{FHEMIG}"' in problem.message


def test_an_unknown_slug_makes_the_package_invalid_before_any_publish(tmp_path: Path) -> None:
    pkg = _edit(write_state_package(tmp_path, ROWS), lambda d: d.update(owner_org="secretaria-de-estado-de-saude-ses"))
    report = validate_package(PackageDir(pkg), _settings(tmp_path))
    assert not report.valid and "organization-unknown" in {e.code for e in report.errors}


def test_offline_without_organizations_file_nothing_is_claimed(tmp_path: Path) -> None:
    closed = _settings(tmp_path, catalogue=None, ckan_url=CLOSED)
    assert check_organization({"owner_org": "secretaria-de-estado-de-saude-ses"}, "p", closed) == []
    # With the file, offline, the file decides (and says only the file was asked).
    offline = _settings(tmp_path, ckan_url=CLOSED)
    (problem,) = check_organization({"owner_org": "secretaria-de-estado-de-saude-ses"}, "p", offline)
    assert "portal" not in problem.message


def test_profile_levels_on_a_package_in_the_states_shape(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["Frequência de atualização"] = d.pop("frequência de atualização")
        del d["resources"][0]["schema"]["fields"][0]["format"]

    home = tmp_path / "repo" / "dataset"
    home.parent.mkdir()
    pkg = write_state_package(tmp_path, ROWS).rename(home)
    _edit(pkg, change)
    report = validate_package(PackageDir(pkg), _settings(tmp_path))
    by_code = {e.code: e for e in report.errors}
    assert report.valid, [e.message for e in report.errors]
    assert by_code["profile-key-spelling"].severity == "warning"
    assert '"frequência de atualização"' in by_code["profile-key-spelling"].message
    assert by_code["profile-field-format"].severity == "warning"
    assert "profile-name-mismatch" not in by_code  # dataset/ is where state repositories keep it
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8-sig"))
    assert frequency_of(descriptor) is not None
    extras = {e["key"] for e in to_dataset(descriptor)["extras"]}
    assert "frequência de atualização" in extras


def test_booleans_written_as_text_are_errors(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["private"] = "false"
        d["resources"][0]["schema"]["fields"][0].setdefault("constraints", {})["required"] = "true"

    pkg = _edit(write_state_package(tmp_path, ROWS), change)
    report = validate_package(PackageDir(pkg), _settings(tmp_path))
    strings = [e for e in report.errors if e.code == "profile-boolean-string"]
    assert not report.valid and {e.field for e in strings} >= {"private"}
    assert len(strings) == 2 and all(e.severity == "error" for e in strings)
    assert "private: false" in str(next(e.hint for e in strings if e.field == "private"))
