"""The encoding checks on data files: bytes that do not decode as declared, and UTF-8 files
declared in a single-byte encoding (which decode without error, garbled)."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.validation import safety
from publisher.validation.safety import check_encoding, utf8_read_as_legacy

TEXT = "id;municipio\n1;Belo Horizonte\n2;São João del-Rei\n3;Uberlândia\n"


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "dados.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("declared", ["windows-1252", "cp1252", "latin-1", "iso-8859-1", "iso-8859-15"])
def test_utf8_declared_legacy_is_named_with_its_first_accented_word(tmp_path: Path, declared: str) -> None:
    assert utf8_read_as_legacy(_write(tmp_path, TEXT.encode("utf-8")), declared) == (3, "São")


def test_a_character_split_across_reads_is_still_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "_CHUNK", 7)  # "São" straddles a chunk boundary
    assert utf8_read_as_legacy(_write(tmp_path, TEXT.encode("utf-8")), "windows-1252") == (3, "São")


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        (TEXT.encode("cp1252"), "windows-1252"),  # really windows-1252
        ("id;nome\n1;Belo Horizonte\n".encode("ascii"), "windows-1252"),  # ASCII reads the same either way
        (TEXT.encode("utf-8"), "utf-8"),  # declared right
    ],
)
def test_files_read_as_declared_are_left_alone(tmp_path: Path, data: bytes, declared: str) -> None:
    assert utf8_read_as_legacy(_write(tmp_path, data), declared) is None


def test_bytes_that_do_not_decode_are_located(tmp_path: Path) -> None:
    assert check_encoding(_write(tmp_path, TEXT.encode("cp1252")), "utf-8") == (3, 33, 0xE3)
    assert check_encoding(_write(tmp_path, TEXT.encode("utf-8")), "utf-8") is None
