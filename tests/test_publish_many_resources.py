"""Packages with hundreds of resources, and portal error pages, against the real local CKAN.

CKAN 2.12 (Werkzeug 3.1) refuses a multipart body with a non-file field over 500,000 bytes or
over 1,000 parts with an HTML 413 page. The state's payroll package (155 resources, each with
its Table Schema) hit it on its first publish. These packages are built in the state's shape:
`;` delimiter, decimal comma with thousands dot, `utf-8-sig`, long descriptions.
A FAKE server (`fake_portal`, not CKAN) stands in only for error pages a real CKAN cannot be
made to show on demand (a 500 page, a proxy's 502, a JSON error of an unknown type).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import ckanapi
import pytest
import requests
from fixtures_publish import FakePortal, Reply, TmpCatalogue, only, show

from publisher.ckan.client import CkanClient
from publisher.ckan.errors import FormTooLarge, PortalRefused, PortalUnavailable
from publisher.ckan.retry import RetryPolicy
from publisher.ckan.slugs import resource_key
from publisher.ckan.upload import FormCost, FormLimits
from publisher.settings import Lang, Settings
from publisher.sync.apply import publish
from publisher.sync.events import ProgressEvent
from publisher.sync.messages import describe
from publisher.sync.verify import verify

TOKEN = "tok-secret-0123456789abcdef"
# What a resource's description says in the state's packages (the payroll package's are longer).
ABOUT = (
    "Remuneração bruta e líquida dos servidores ativos do Poder Executivo estadual no mês de referência, "
    "por órgão de exercício, com os descontos obrigatórios (previdência, imposto de renda) e as "
    "verbas indenizatórias. Valores em reais, com vírgula decimal e ponto de milhar. "
) * 8


def state_package(catalogue: TmpCatalogue, count: int) -> str:
    """A package of `count` small tables in the state's shape, under a fresh name."""
    name = catalogue.add("muitos")
    folder = catalogue.path(name)
    descriptor = catalogue.descriptor(name)
    resources: list[dict[str, Any]] = []
    for i in range(count):
        path = folder / "data" / f"remuneracao_{i:03d}.csv"
        path.write_text(f"orgao;valor\nSEPLAG;1.234,{i % 100:02d}\nFHEMIG;98,7\n", encoding="utf-8-sig")
        resources.append(
            {
                "profile": "tabular-data-resource",
                "name": f"remuneracao-{i:03d}",
                "title": f"Remuneração, tabela {i + 1}",
                "description": ABOUT,
                "path": f"data/{path.name}",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ";"},
                "schema": {
                    "fields": [
                        {"name": "orgao", "title": "Órgão", "type": "string", "format": "default",
                         "description": "Sigla do órgão de exercício."},
                        {"name": "valor", "title": "Valor", "type": "number", "format": "default",
                         "description": "Valor em reais.", "decimalChar": ",", "groupChar": "."},
                    ]
                },
            }
        )  # fmt: skip
    descriptor["resources"] = resources
    catalogue.write(name, descriptor)
    return name


def anonymous_sees(catalogue: TmpCatalogue, name: str) -> bool:
    url = f"{catalogue.ckan_url}/api/3/action/package_show"
    return requests.get(url, params={"id": name}, timeout=30).status_code == 200


def fail_at_file(n: int) -> Any:
    """A progress callback that cuts the upload when the `n`-th file starts streaming."""
    started: list[int] = []

    def progress(event: ProgressEvent) -> None:
        if event.kind == "bytes_sent":
            started.append(event.bytes or 0)
            if len(started) >= n:
                raise RuntimeError("injected failure mid-upload")

    return progress


# -- the batching itself ----------------------------------------------------------------------


def test_batches_are_cut_by_parts_and_by_field_bytes() -> None:
    limits = FormLimits(max_field_bytes=100, max_parts=5)
    by_parts = limits.batches(range(7), FormCost(2, {}), lambda _: FormCost(1, {}))
    assert by_parts == [[0, 1, 2], [3, 4, 5], [6]]
    by_bytes = limits.batches(range(5), FormCost(0, {"extend": 2}), lambda _: FormCost(0, {"extend": 40}))
    assert by_bytes == [[0, 1], [2, 3], [4]]
    with pytest.raises(FormTooLarge, match="big one"):
        limits.batches(["big one"], FormCost(0, {}), lambda _: FormCost(1, {"x": 101}))


# -- hundreds of resources on the real portal -------------------------------------------------


def test_300_resources_publish_in_one_run_and_a_rerun_writes_nothing(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="publisher.sync.execute")
    name = state_package(catalogue, 300)
    settings = catalogue.settings()
    out = only(publish(settings), name)
    assert (out.action, out.public, out.error_message) == ("created", True, None)
    # One request could not carry it (the old single package_revise got HTTP 413).
    assert "lotes" in caplog.text
    ds = show(ckan, name)
    assert (ds["private"], len(ds["resources"])) == (False, 303)  # and README, CHANGELOG, the descriptor
    assert [resource_key(r) for r in ds["resources"]][:2] == ["remuneracao-000", "remuneracao-001"]
    assert resource_key(ds["resources"][-1]) == "datapackage.json"
    assert verify(settings).ok

    again = publish(settings)
    assert (only(again, name).action, again.write_requests, again.uploaded_bytes) == ("unchanged", 0, 0)


def test_a_batched_first_publish_cut_midway_stays_private_and_the_next_run_converges(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = state_package(catalogue, 60)
    settings = catalogue.settings(form_max_parts=25)  # batches of 22 files
    out = only(publish(settings, progress=fail_at_file(30)), name)
    assert (out.action, out.public) == ("failed", False)
    ds = show(ckan, name)
    # The first batch landed whole; the dataset stays private, unseen by citizens.
    assert (ds["private"], len(ds["resources"])) == (True, 22)
    assert not anonymous_sees(catalogue, name)

    again = only(publish(settings), name)
    assert (again.action, again.public, again.uploaded_files, again.error_message) == ("updated", True, 41, None)
    ds = show(ckan, name)
    assert (ds["private"], len(ds["resources"])) == (False, 63)
    assert [resource_key(r) for r in ds["resources"]][:60] == [f"remuneracao-{i:03d}" for i in range(60)]
    assert verify(settings).ok


def test_an_update_of_many_resources_goes_in_batches_on_the_same_ids_version_last(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = state_package(catalogue, 40)
    settings = catalogue.settings(form_max_parts=30)
    publish(settings)
    ids = {resource_key(r): r["id"] for r in show(ckan, name)["resources"]}
    for path in (catalogue.path(name) / "data").glob("remuneracao_*.csv"):
        path.write_text(path.read_text(encoding="utf-8-sig").replace("98,7", "98,8"), encoding="utf-8-sig")
    descriptor = catalogue.descriptor(name)
    descriptor["version"] = "0.2.0"
    catalogue.write(name, descriptor)
    changelog = catalogue.path(name) / "CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8") + "\n## 0.2.0\n\n- Valores corrigidos.\n", "utf-8")

    out = only(publish(settings), name)
    assert (out.action, out.uploaded_files, out.error_message) == (
        "updated",
        42,
        None,
    )  # 40 tables, the CHANGELOG, the descriptor
    assert out.write_requests >= 3  # 42 files and their fields cannot go in one body of 30 parts
    ds = show(ckan, name)
    assert (ds["version"], ds["private"]) == ("0.2.0", False)
    assert {resource_key(r): r["id"] for r in ds["resources"]} == ids
    assert verify(settings).ok


# -- no error page in a message ---------------------------------------------------------------


def assert_one_clean_sentence(said: str, *, action: str, status: int, secret: str | None) -> None:
    assert action in said and f"HTTP {status}" in said
    assert "<" not in said and "csrf" not in said.lower() and "\n" not in said
    assert not secret or secret not in said


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_the_real_portals_413_page_becomes_one_sentence(
    catalogue: TmpCatalogue, ckan_token_file: Path, lang: Lang
) -> None:
    settings = catalogue.settings(lang=lang)
    with CkanClient(settings) as client, pytest.raises(PortalRefused) as refused:
        client.upload_files("package_revise", {"match": json.dumps({"id": "x"}), "update": "x" * 600_000}, [])
    code, said = describe(refused.value, lang, settings.token_value())
    assert code == "portal-refused"
    assert_one_clean_sentence(said, action="package_revise", status=413, secret=settings.token_value())
    assert ("grande demais" if lang == "pt" else "too large") in said


def test_a_resource_over_the_form_limits_alone_fails_with_its_name_and_a_portal_413_never_shows_its_page(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN
) -> None:
    name = state_package(catalogue, 1)
    descriptor = catalogue.descriptor(name)
    descriptor["resources"][0]["description"] = ABOUT * 400  # about 700 kB
    catalogue.write(name, descriptor)
    out = only(publish(catalogue.settings()), name)
    assert (out.action, out.public, out.error_code) == ("failed", False, "form-too-large")
    assert "remuneracao-000" in (out.error_message or "")
    with pytest.raises(ckanapi.NotFound):  # measured before anything of it was written
        show(ckan, name)
    # Told the portal took more than it does, the client sends it and gets CKAN's 413 page.
    refused = only(publish(catalogue.settings(form_max_field_bytes=10_000_000)), name)
    assert (refused.action, refused.error_code) == ("failed", "portal-refused")
    assert_one_clean_sentence(refused.error_message or "", action="package_revise", status=413, secret=None)


def client_for(fake: FakePortal, lang: Lang = "pt") -> CkanClient:
    settings = Settings(CKAN_URL=fake.url, CKAN_API_TOKEN=TOKEN, timeout_seconds=5, lang=lang)
    return CkanClient(settings, policy=RetryPolicy(attempts=2, sleep=lambda _: None))


PAGE = f'<!DOCTYPE html><html><meta name="_csrf_token" content="abc"/><body>{TOKEN} Traceback (most recent call'


@pytest.mark.parametrize(
    ("status", "action", "error"),
    [
        (500, "package_show", PortalUnavailable),  # CKAN's own error page, after its retries
        (502, "package_patch", PortalUnavailable),  # a proxy's page
        (404, "package_show", PortalRefused),  # a proxy that does not know the path
        (413, "package_patch", PortalRefused),
    ],
)
@pytest.mark.parametrize("lang", ["pt", "en"])
def test_a_fake_servers_error_pages_become_one_sentence(
    fake_portal: FakePortal, status: int, action: str, error: type[Exception], lang: Lang
) -> None:
    fake_portal.script(action, *[Reply(status, PAGE) for _ in range(3)])
    with pytest.raises(error) as raised:
        client_for(fake_portal, lang).call(action, {"id": "x"})
    _, said = describe(raised.value, lang, TOKEN)
    assert_one_clean_sentence(said, action=action, status=status, secret=TOKEN)
    assert "Traceback" not in said


def test_a_json_error_of_a_type_ckan_does_not_define_keeps_only_its_message(fake_portal: FakePortal) -> None:
    body = {"success": False, "error": {"__type": "Internal Error", "message": f"broke <b>here</b> {TOKEN}"}}
    fake_portal.script("package_patch", Reply(409, body))
    with pytest.raises(PortalRefused) as raised:
        client_for(fake_portal, "en").call("package_patch", {"id": "x"})
    _, said = describe(raised.value, "en", TOKEN)
    assert "package_patch" in said and "HTTP 409" in said and "broke here" in said
    assert TOKEN not in said and "<" not in said
