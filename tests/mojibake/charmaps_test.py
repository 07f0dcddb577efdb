"""The codecs, read without importing ftfy's package: the same tables and heuristic as ftfy's."""

from __future__ import annotations

import subprocess
import sys

import pytest

from review_hooks.mojibake import charmaps
from review_hooks.mojibake.repair import repair


def test_the_codec_list_is_ftfys() -> None:
    from ftfy.chardata import CHARMAP_ENCODINGS

    assert tuple(CHARMAP_ENCODINGS) == charmaps.CHARMAP_ENCODINGS


def test_each_codec_reads_the_high_bytes_as_ftfys_sloppy_codec_does() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-* codecs)

    for name in (*charmaps.CHARMAP_ENCODINGS, *charmaps.EXTRA):
        assert charmaps._chars(name) == bytes(range(0x80, 0x100)).decode(name), name
    assert charmaps._chars("sloppy-windows-1252")[0x01] == "\x81"  # undefined in Windows-1252: read as Latin-1


def test_badness_is_ftfys_own_heuristic(monkeypatch: pytest.MonkeyPatch) -> None:
    from ftfy import badness

    monkeypatch.delitem(sys.modules, "ftfy.badness")  # read from ftfy's file, as in a process without ftfy
    loaded = charmaps.ftfy_module("badness")
    assert loaded is not badness
    for text in ("âœ…", "Ã©", "café", "Ð¡Ð¾", "plain", "ÃƒÂ©"):
        assert loaded.is_bad(text) == badness.is_bad(text), text


def test_a_repair_loads_neither_ftfys_package_nor_wcwidth() -> None:
    code = ("import sys\nfrom review_hooks.mojibake.repair import repair\n"
            "assert repair('Status: âœ… done, cafÃ©').text == 'Status: ✅ done, café'\n"
            "print(sorted(name for name in sys.modules if name.split('.')[0] in ('ftfy', 'wcwidth')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_of_codecs_that_read_the_document_alike_the_one_keeping_a_words_case_reads_a_run_they_read_apart() -> None:
    # Slovak in cp850: ``├¢`` is ý there (C3 BD), and Û in cp437 (C3 9B), which reads the rest alike
    damaged = "- mohli by sme ma┼Ñ pevn├¢ term├¡n stretnut├¡ - n├íro─ìn├í organiz├ícia ─ìasu\n"
    assert repair(damaged).text == "- mohli by sme mať pevný termín stretnutí - náročná organizácia času\n"
