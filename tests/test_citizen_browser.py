"""As a citizen would: an anonymous visitor in headless Chromium (Debian's `chromium`, driven by
Playwright; never a downloaded browser) on the real local portal finds a published dataset by
search, reads its page, opens a table's page with its data dictionary and preview, and downloads
the file, byte for byte the source. Asserts on the data (titles, labels, values), never on the
portal's interface wording, which follows its locale. Screenshots go under the test's tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ckanapi
import pytest
from fixtures_publish import TmpCatalogue, resources
from state_tables import DESCRIPTION, DESPESAS_FIELDS, add_state_package

from publisher.sync.apply import publish

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
TIMEOUT_MS = 60_000  # the shared machine is slow while others run


def test_a_citizen_finds_reads_previews_and_downloads_a_dataset(
    catalogue: TmpCatalogue, ckan: ckanapi.RemoteCKAN, ckan_url: str, tmp_path: Path
) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    name = add_state_package(catalogue, "cidadao", rows=30)
    assert publish(catalogue.settings(), [catalogue.path(name)]).ok
    title = catalogue.descriptor(name)["title"]
    despesas = resources(ckan, name)["despesas"]
    source = (catalogue.path(name) / "data" / "despesas.csv").read_bytes()
    shots = tmp_path / "screenshots"
    shots.mkdir()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
            page.set_default_timeout(TIMEOUT_MS)
            _search_and_open(page, ckan_url, name, title, shots)
            _resource_page(page, ckan_url, name, despesas, shots)
            downloaded = page.request.get(despesas["url"])
            assert downloaded.status == 200
            assert downloaded.body() == source
        finally:
            browser.close()
    for shot in ("busca.png", "conjunto.png", "recurso.png", "previa.png"):
        assert (shots / shot).stat().st_size > 5_000


def _search_and_open(page: Any, ckan_url: str, name: str, title: str, shots: Path) -> None:
    page.goto(f"{ckan_url}/dataset/?q={name}")
    link = page.locator(f'a[href$="/dataset/{name}"]').first
    assert title in link.inner_text()
    page.screenshot(path=str(shots / "busca.png"), full_page=True)
    link.click()
    page.wait_for_url(f"**/dataset/{name}")
    assert title in page.locator("h1").first.inner_text()
    assert DESCRIPTION in page.locator("body").inner_text()
    page.screenshot(path=str(shots / "conjunto.png"), full_page=True)


def _resource_page(page: Any, ckan_url: str, name: str, resource: dict[str, Any], shots: Path) -> None:
    page.locator(f'a[href*="/resource/{resource["id"]}"]').first.click()
    page.wait_for_url(f"**/resource/{resource['id']}*")
    body = page.locator("body").inner_text()
    for field in DESPESAS_FIELDS:  # the data dictionary, from the Table Schema
        assert field["title"] in body, field["title"]
    page.screenshot(path=str(shots / "recurso.png"), full_page=True)
    # The preview: CKAN's datatables_view in its iframe, rows read from the DataStore.
    preview = page.frame_locator("iframe").first
    first_row = preview.locator("table tbody tr").first
    first_row.wait_for()
    assert "Belo Horizonte" in first_row.inner_text()
    assert preview.locator("table tbody tr").count() >= 10
    # the columns go by their labels (the header joins words with no-break spaces)
    header = preview.locator("table thead").first.inner_text().replace("\xa0", " ")
    assert all(f["title"] in header for f in DESPESAS_FIELDS), header
    page.locator("iframe").first.screenshot(path=str(shots / "previa.png"))
