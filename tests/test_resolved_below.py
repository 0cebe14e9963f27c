"""`resolved_below` is `Path.resolve()` with fewer system calls: the same answer for plain
files, links in or out of the package, `..`, and files that do not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.package_files import location_problem, resolved_below


@pytest.fixture
def root(tmp_path: Path) -> Path:
    pkg = tmp_path / "pacote"
    (pkg / "data").mkdir(parents=True)
    (pkg / "data" / "a.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "fora.csv").write_text("segredo\n", encoding="utf-8")
    (pkg / "data" / "link.csv").symlink_to(tmp_path / "fora.csv")
    (pkg / "dir-link").symlink_to(tmp_path)
    (pkg / "data" / "dentro.csv").symlink_to(pkg / "data" / "a.csv")
    return pkg.resolve()


@pytest.mark.parametrize(
    "rel",
    ["data/a.csv", "./data/a.csv", "data//a.csv", "data/link.csv", "dir-link/fora.csv", "data/dentro.csv",
     "data/../data/a.csv", "../fora.csv", "data/nada.csv", "nada/nada.csv", "data"],
)  # fmt: skip
def test_the_same_path_as_a_full_resolution(root: Path, rel: str) -> None:
    assert resolved_below(root, rel) == (root / rel).resolve()


def test_links_out_of_the_package_are_still_refused(root: Path) -> None:
    assert location_problem("data/link.csv", root) == "path-traversal"
    assert location_problem("dir-link/fora.csv", root) == "path-traversal"
    assert location_problem("data/dentro.csv", root) is None
    assert location_problem("data/nada.csv", root) == "path-missing"
