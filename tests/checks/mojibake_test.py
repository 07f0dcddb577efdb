"""The mojibake check and the fix-mojibake hook, through the installed command line."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DAMAGED = "# ðŸŽ¯ Plan\n\n**Status:** âœ… EXCELLENT â€“ All tasks\n| âš\u00a0ï¸ 5 warnings |\n## ðŸ“ Minor\n"
REPAIRED = "# 🎯 Plan\n\n**Status:** ✅ EXCELLENT – All tasks\n| ⚠️ 5 warnings |\n## ðŸ“ Minor\n"
UNRECOVERABLE = ("doc.md:5:4: mojibake unrecoverable 'ðŸ“' (likely 📝; "  # then by prior; 📠 (A0) too
                 "candidates 📝 📁 🐓 📍 🍓 🏓 and 9 more); "
                 "replace it by hand")


def review_hooks(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "review_hooks", *args], capture_output=True, text=True)


def test_hook_fixes_in_place_and_reports_each_line(repo: Path) -> None:
    (repo / "doc.md").write_text(DAMAGED, encoding="utf-8")
    result = review_hooks("fix-mojibake", "doc.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "doc.md:1:3: mojibake 'ðŸŽ¯' is double-encoded '🎯' (Windows-1252) (fixed)",
        "doc.md:3:13: mojibake 'âœ…' is double-encoded '✅', 'â€“' is double-encoded '–' (Windows-1252) (fixed)",
        "doc.md:4:3: mojibake 'âš\\u00a0ï¸' is double-encoded '⚠️' that lost a byte, one reading fitting "
        "(Windows-1252) (fixed)",
        UNRECOVERABLE,
    ]
    assert (repo / "doc.md").read_text(encoding="utf-8") == REPAIRED
    again = review_hooks("fix-mojibake", "doc.md")
    assert (again.returncode, again.stdout.splitlines()) == (1, [UNRECOVERABLE])  # residue stays reported
    assert (repo / "doc.md").read_text(encoding="utf-8") == REPAIRED


def test_a_half_repaired_layer_is_fixed_through_every_layer(repo: Path) -> None:
    # ’ in Windows-1252 three times, its outer layer repaired in part before (``Ã¢`` left as ``â``)
    (repo / "doc.md").write_text("# Notes\n\nWe donÃƒÂ¢ââ€šÂ¬Ã¢â€žÂ¢t know.\n", encoding="utf-8")
    result = review_hooks("fix-mojibake", "doc.md")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "doc.md:3:7: mojibake 'ÃƒÂ¢ââ€šÂ¬Ã¢â€žÂ¢' is twice double-encoded '’' that lost bytes or was repaired "
        "in part, one reading fitting (Windows-1252) (fixed)"]
    assert (repo / "doc.md").read_text(encoding="utf-8") == "# Notes\n\nWe don’t know.\n"


def test_clean_file_passes_untouched(repo: Path) -> None:
    text = "# Crème brûlée — naïve café\n\nSÃO PAULO, “quotes”, ﬁ, ＦＵＬＬ, &amp;, e\u0301\n✅ done\n"
    (repo / "doc.md").write_text(text, encoding="utf-8")
    result = review_hooks("fix-mojibake", "doc.md")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (repo / "doc.md").read_text(encoding="utf-8") == text


def test_check_reports_without_writing(repo: Path) -> None:
    (repo / "doc.md").write_text(DAMAGED, encoding="utf-8")
    result = review_hooks("check", "doc.md")
    assert result.returncode == 1
    assert "doc.md:1:3: mojibake 'ðŸŽ¯' is double-encoded '🎯' (Windows-1252)\n" in result.stdout
    assert "(fixed)" not in result.stdout
    assert (repo / "doc.md").read_text(encoding="utf-8") == DAMAGED


def test_diff_shows_the_change_and_writes_nothing(repo: Path) -> None:
    (repo / "doc.md").write_text(DAMAGED, encoding="utf-8")
    result = review_hooks("fix-mojibake", "--diff", "doc.md")
    assert result.returncode == 1
    assert "\n-**Status:** âœ… EXCELLENT â€“ All tasks\n" in result.stderr
    assert "\n+**Status:** ✅ EXCELLENT – All tasks\n" in result.stderr
    assert (repo / "doc.md").read_text(encoding="utf-8") == DAMAGED


@pytest.mark.parametrize("mode", [0o751, 0o644, 0o600], ids=oct)
def test_bom_crlf_and_mode_survive(repo: Path, mode: int) -> None:
    path = repo / "deploy.sh"
    path.write_bytes(b"\xef\xbb\xbf#!/bin/sh\r\necho \"\xc3\xa2\xc5\x93\xe2\x80\xa6 done\"\r\n")
    path.chmod(mode)
    result = review_hooks("fix-mojibake", "deploy.sh")
    assert result.returncode == 1, result.stderr
    assert path.read_bytes() == "\ufeff#!/bin/sh\r\necho \"✅ done\"\r\n".encode()
    assert path.stat().st_mode & 0o777 == mode


def test_a_cr_only_file_is_reported_by_its_lines_and_fixed_with_its_line_ends(repo: Path) -> None:
    """Classic Mac OS ends lines in a bare CR: the finding is on the line an editor shows, and the fix writes
    CR line ends back, changing only the damaged characters."""
    path = repo / "notes.md"
    path.write_bytes(b"# Notes\r\rDone \xc3\xa2\xc5\x93\xe2\x80\xa6 today\r")
    result = review_hooks("fix-mojibake", "notes.md")
    assert result.returncode == 1, result.stderr
    assert result.stdout == "notes.md:3:6: mojibake 'âœ…' is double-encoded '✅' (Windows-1252) (fixed)\n"
    assert path.read_bytes() == "# Notes\r\rDone ✅ today\r".encode()


def test_a_read_only_file_is_reported_not_rewritten(repo: Path) -> None:
    damaged = b"\xef\xbb\xbf#!/bin/sh\r\necho \"\xc3\xa2\xc5\x93\xe2\x80\xa6 done\"\r\n"
    path = repo / "deploy.sh"
    path.write_bytes(damaged)
    path.chmod(0o444)
    result = review_hooks("fix-mojibake", "deploy.sh")
    assert result.returncode == 1, result.stderr
    assert "deploy.sh:2:7: mojibake 'âœ…' is double-encoded '✅' (Windows-1252)\n" in result.stdout
    assert "not written: it is read-only" in result.stderr
    assert path.read_bytes() == damaged and path.stat().st_mode & 0o777 == 0o444


def test_code_blocks_of_a_clean_document_are_quotes(repo: Path) -> None:
    text = "# Mojibake\n\nWindows-1252 shows it as `â€™`:\n\n```\nâœ… Done\n```\n"
    (repo / "doc.md").write_text(text, encoding="utf-8")
    assert review_hooks("fix-mojibake", "doc.md").returncode == 0
    assert (repo / "doc.md").read_text(encoding="utf-8") == text


def test_code_blocks_of_a_damaged_document_are_repaired(repo: Path) -> None:
    (repo / "doc.md").write_text("Status: âœ…\n\n```\necho âœ… Done\n```\n", encoding="utf-8")
    assert review_hooks("fix-mojibake", "doc.md").returncode == 1
    assert (repo / "doc.md").read_text(encoding="utf-8") == "Status: ✅\n\n```\necho ✅ Done\n```\n"


@pytest.mark.parametrize(("raw", "name"), [
    pytest.param("Crème brûlée — naïve café, 5 €\n".encode("cp1252"), "Windows-1252", id="cp1252"),
    pytest.param(b"\xff\xfe" + "Caf\u00e9 \u2705 done\n".encode("utf-16-le"), "UTF-16 (little-endian)",
                 id="utf-16 with BOM"),
])
def test_legacy_file_is_reported_and_transcoded_only_when_asked(repo: Path, raw: bytes, name: str) -> None:
    path = repo / "notes.md"
    path.write_bytes(raw)
    text = Path(path).read_bytes()
    result = review_hooks("fix-mojibake", "notes.md")
    assert result.stdout == f"notes.md:1:1: mojibake file is {name}, not UTF-8; convert it with --transcode\n"
    assert result.returncode == 1 and path.read_bytes() == text
    result = review_hooks("fix-mojibake", "--transcode", "notes.md")
    assert result.returncode == 1, result.stderr
    assert result.stdout.endswith("not UTF-8; --transcode converts it to UTF-8 (fixed)\n")
    decoded = raw[2:].decode("utf-16-le") if raw.startswith(b"\xff\xfe") else raw.decode("cp1252")
    assert path.read_bytes() == decoded.encode("utf-8")
    assert review_hooks("fix-mojibake", "notes.md").returncode == 0


@pytest.mark.parametrize(("declared", "bom"), [("UTF-16", b"\xff\xfe"), ("UTF-16LE-BOM", b"\xff\xfe"),
                                             ("UTF-16LE", b"")])
def test_a_file_in_the_encoding_git_attributes_name_is_as_meant(repo: Path, declared: str, bom: bytes) -> None:
    """``working-tree-encoding=UTF-16``: git stores the file as UTF-8 and writes it back as UTF-16; converting it
    would make ``git add`` refuse it ("BOM is required"), so it is neither reported nor transcoded."""
    (repo / ".gitattributes").write_text(f"*.md working-tree-encoding={declared}\n")
    raw = bom + "# Review \u2705\n\nCaf\u00e9\n".encode("utf-16-le")  # without a BOM it was read as binary
    (repo / "notes.md").write_bytes(raw)
    result = review_hooks("fix-mojibake", "--transcode", "notes.md")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (repo / "notes.md").read_bytes() == raw
    (repo / "conflict.md").write_bytes(bom + "<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n".encode("utf-16-le"))
    assert "conflict.md:1:1: conflict-markers unresolved merge conflict" in review_hooks("check", "conflict.md").stdout
    if bom:  # a BOM says UTF-16 whatever the attribute names; without one, the bytes are read as any file's
        (repo / ".gitattributes").write_text("*.md working-tree-encoding=ISO-8859-1\n")  # it names another one
        assert "file is UTF-16 (little-endian), not UTF-8" in review_hooks("check", "notes.md").stdout


def test_a_fix_refused_at_recheck_or_not_written_is_not_fixed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner stamps "(fixed)" only on what it wrote: a repair whose re-check keeps its findings
    is not written, and its findings print without it."""
    import io

    from review_hooks import checks
    from review_hooks.check import Check
    from review_hooks.finding import Finding
    from review_hooks.runner import run as runner

    def toy(repaired: str) -> Check:
        def find(document: object, context: object) -> list[Finding]:
            return [Finding(line=1, column=1, message="stays")]

        return Check(id="mojibake", summary="", doc="", hook="fix-mojibake", find=find,
                     repair=lambda document, context: repaired, configure=checks.get("mojibake").configure)

    (repo / "doc.md").write_text("x\n")
    monkeypatch.setattr(runner, "get", lambda check_id: toy("changed\n"))
    out, err = io.StringIO(), io.StringIO()
    assert runner.run(["doc.md"], runner.RunOptions(fix=True, select=("mojibake",)), out, err) == 1
    assert out.getvalue() == "doc.md:1:1: mojibake stays\n"
    assert "fix not applied: re-checking" in err.getvalue() and (repo / "doc.md").read_text() == "x\n"


def test_transcode_from_configuration(repo: Path) -> None:
    (repo / ".review-hooks.toml").write_text("[mojibake]\ntranscode = true\n")
    (repo / "notes.md").write_bytes("naïve café\n".encode("cp1252"))
    assert review_hooks("fix-mojibake", "notes.md").returncode == 1
    assert (repo / "notes.md").read_bytes() == "naïve café\n".encode()


def test_unknown_option_is_a_configuration_error(repo: Path) -> None:
    (repo / ".review-hooks.toml").write_text("[mojibake]\ntranscod = true\n")
    (repo / "doc.md").write_text("x\n")
    result = review_hooks("fix-mojibake", "doc.md")
    assert result.returncode == 2 and "transcod" in result.stderr and "Traceback" not in result.stderr


def test_binary_and_symlink_are_never_touched(repo: Path) -> None:
    binary = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xc3\xa2\xc5\x93\xe2\x80\xa6"
    (repo / "image.dat").write_bytes(binary)
    (repo / "target.md").write_text("âœ… done\n", encoding="utf-8")
    os.symlink("target.md", repo / "link.md")
    result = review_hooks("fix-mojibake", "image.dat", "link.md")
    assert "Traceback" not in result.stderr
    assert (repo / "image.dat").read_bytes() == binary
    assert (repo / "link.md").is_symlink()
    assert "symbolic link" in result.stderr
    assert (repo / "target.md").read_text(encoding="utf-8") == "âœ… done\n"


def test_empty_and_missing_files(repo: Path) -> None:
    (repo / "empty.md").write_bytes(b"")
    result = review_hooks("fix-mojibake", "empty.md", "missing.md")
    assert result.returncode == 1 and result.stdout == ""
    assert "missing.md: no such file" in result.stderr and "Traceback" not in result.stderr


def test_a_repair_that_changes_the_markdown_structure_is_refused() -> None:
    from review_hooks.checks.mojibake import _structure_change

    assert _structure_change("# âœ…\n\n[x](Ã©)\n", "# ✅\n\n[x](é)\n") == 0  # text and targets may change
    assert _structure_change("a\n\n[x](y)\n", "# a\n\n[x](y)\n") == 1
    assert _structure_change("a\n\n[x](y)\n", "a\n\nx\n") == 3
    assert _structure_change("a\n\n[✅](y)\n", "a\n\n[âœ…](y)\n") == 0  # only non-ASCII changed


def test_findings_carry_the_replacement() -> None:
    from review_hooks.check import Context
    from review_hooks.checks.mojibake import find
    from review_hooks.config import Config
    from review_hooks.document import Document
    from review_hooks.finding import Replacement

    document = Document.from_bytes("ok\nA âœ… b â€“ c\n".encode(), "doc.md", is_markdown=True)
    (finding,) = find(document, Context(Config(None, Path("."))))
    assert (finding.line, finding.column) == (2, 3)
    assert finding.replacement == Replacement(2, 3, 2, 12, "✅ b –")


def test_suppressed_lines_are_neither_reported_nor_repaired(repo: Path) -> None:
    directive = "<!-- review-" + "hooks: disable-next-line mojibake -->"  # split: this file is scanned too
    text = f"Status: âœ… done\n\n{directive}\nQuoted: â€“ stays\n"
    (repo / "doc.md").write_text(text, encoding="utf-8")
    result = review_hooks("fix-mojibake", "doc.md")
    assert (result.returncode, result.stdout) == (
        1, "doc.md:1:9: mojibake 'âœ…' is double-encoded '✅' (Windows-1252) (fixed)\n")
    assert (repo / "doc.md").read_text(encoding="utf-8") == text.replace("âœ…", "✅")
    assert review_hooks("fix-mojibake", "doc.md").returncode == 0


def test_a_suppressed_finding_is_not_marked_fixed(repo: Path) -> None:
    """Its line is kept as it was, so SARIF (``--show-suppressed``) must not call it fixed."""
    from review_hooks import checks, config, files
    from review_hooks.check import Context
    from review_hooks.runner import run as runner

    directive = "<!-- review-" + "hooks: disable-next-line mojibake -->"
    (repo / "doc.md").write_text(f"Status: âœ… done\n{directive}\nQuoted: â€“ stays\n", encoding="utf-8")
    options = runner.RunOptions(fix=True, select=("mojibake",))
    context = Context(config.load(None))
    context.config.settings.of("mojibake", checks.get("mojibake").configure)
    (target,) = files.named_targets(["doc.md"], context.config)
    result = runner.process(target, runner.selected(["mojibake"]), context, options)
    assert [(f.line, f.suppressed, f.fixed) for f in result.findings] == [(1, False, True), (3, True, False)]


def test_scan_reports_and_fixes_tracked_files_only_with_fix(repo: Path) -> None:
    from tests.conftest import git

    (repo / "tracked.md").write_text("Status: âœ… done\n", encoding="utf-8")
    (repo / "untracked.md").write_text("Status: âœ… done\n", encoding="utf-8")
    git(repo, "add", "tracked.md")
    result = review_hooks("scan", "--select", "mojibake")
    assert (result.returncode, result.stdout) == (
        1, "tracked.md:1:9: mojibake 'âœ…' is double-encoded '✅' (Windows-1252)\n")  # not "(fixed)": not written
    assert (repo / "tracked.md").read_text(encoding="utf-8") == "Status: âœ… done\n"
    result = review_hooks("scan", "--select", "mojibake", "--fix")
    assert result.stdout == "tracked.md:1:9: mojibake 'âœ…' is double-encoded '✅' (Windows-1252) (fixed)\n"
    assert (repo / "tracked.md").read_text(encoding="utf-8") == "Status: ✅ done\n"
    assert (repo / "untracked.md").read_text(encoding="utf-8") == "Status: âœ… done\n"


def test_a_lone_replacement_character_is_its_own_finding(repo: Path) -> None:
    """U+FFFD is what a decoder left where a character was lost: nothing to repair from, so it is
    reported (in prose and in code alike) and the rest of the line is still repaired."""
    (repo / "doc.md").write_text("the file\ufffds contents\nlike `\ufffd\ufffd` â€” there\n", encoding="utf-8")
    result = review_hooks("fix-mojibake", "doc.md")
    assert result.stdout.splitlines() == [
        "doc.md:1:9: mojibake replacement character U+FFFD: a character was lost here; replace it by hand",
        "doc.md:2:7: mojibake replacement character U+FFFD: a character was lost here; replace it by hand",
        "doc.md:2:11: mojibake 'â€”' is double-encoded '—' (Windows-1252) (fixed)",
    ]
    assert (repo / "doc.md").read_text(encoding="utf-8") == "the file\ufffds contents\nlike `\ufffd\ufffd` — there\n"


def test_a_replacement_character_on_a_line_that_names_it_is_shown_on_purpose(repo: Path) -> None:
    """Documentation of decoders shows U+FFFD where it names it; a line that does not name it lost a character."""
    (repo / "doc.md").write_text("Invalid bytes become the replacement character `U+FFFD` (\ufffd).\n"
                                 "Like `\\ufffd`: \ufffd\nBut na\ufffdve here.\n", encoding="utf-8")
    assert review_hooks("fix-mojibake", "doc.md").stdout.splitlines() == [
        "doc.md:3:7: mojibake replacement character U+FFFD: a character was lost here; replace it by hand"]


def test_residue_with_no_reading_says_so(repo: Path) -> None:
    (repo / "doc.md").write_text("  â”‚   —Â¢ count: 5\n", encoding="utf-8")
    result = review_hooks("fix-mojibake", "doc.md")
    assert result.stdout.splitlines() == [
        "doc.md:1:3: mojibake 'â”‚' is double-encoded '│' (Windows-1252) (fixed)",
        "doc.md:1:9: mojibake unrecoverable '—Â¢' (bytes of it were lost and no reading fits); replace it by hand",
    ]


def test_an_inverted_question_mark_that_opens_no_question_is_a_lost_character(repo: Path) -> None:
    """``</strong>¿Las`` with no ``?`` after it: a converter's stand-in for a character it could not map;
    Spanish questions (``¿vienes?``) and code that quotes one stay silent."""
    (repo / "doc.md").write_text("<b>Distancia</b>¿Las señales pierden poder.\nDijo: ¿vienes? Sí.\n"
                                 "Quoted: `</b>¿Las`.\n", encoding="utf-8")
    result = review_hooks("fix-mojibake", "doc.md")
    assert result.stdout.splitlines() == [
        "doc.md:1:17: mojibake '¿' opens no question: a character was lost here; replace it by hand"]



def test_a_clean_one_file_run_imports_neither_dataclasses_nor_inspect(repo: Path) -> None:
    """``fix-mojibake`` runs on every commit: its values are NamedTuples and plain classes (``dataclasses`` imports
    ``inspect``: about as long as the interpreter takes to start); ``quoting``'s patterns wait for damage."""
    (repo / "doc.md").write_text("# Crème brûlée\n\nNaïve café.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "review_hooks", "fix-mojibake", "doc.md"],
                            capture_output=True, text=True, check=True)  # exit 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    unused = {"dataclasses", "inspect", "review_hooks.mojibake.quoting"}
    assert "review_hooks.mojibake.repair" in imported and not unused & imported


def test_a_repair_needs_no_dataclasses(repo: Path) -> None:
    """Damage makes the engine import ftfy (some ``wcwidth`` versions import ``dataclasses``) and the check parse
    the Markdown: with those loaded first, then ``dataclasses`` unimportable, it all runs."""
    (repo / "doc.md").write_text(DAMAGED, encoding="utf-8")
    code = ("import sys, ftfy, review_hooks.markdown.structure\n"
            "sys.modules['dataclasses'] = None\n"
            "from review_hooks.console import main; main(['fix-mojibake', 'doc.md'])")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).returncode == 1
    assert (repo / "doc.md").read_text(encoding="utf-8") == REPAIRED


def test_a_spot_left_between_two_repairs_of_a_line_is_not_marked_fixed(repo: Path) -> None:
    # č (C4 8D) lost 0x8D below two layers: ``Ã\x84`` is reported between two repairs of its line, and once
    # they are written it no longer reads as damage of two layers; it was never fixed, and says so
    import ftfy.bad_codecs  # noqa: F401

    damaged = "může členy a správce".encode().replace(b"\x8d", b"").decode("sloppy-windows-1252")
    damaged = damaged.encode().decode("latin-1")
    (repo / "doc.md").write_text(f"{damaged}\n", encoding="utf-8")
    lines = review_hooks("fix-mojibake", "doc.md").stdout.splitlines()
    assert [line.endswith("(fixed)") for line in lines] == [True, False]
    assert "unrecoverable 'Ã\\u0084'" in lines[1]
    assert (repo / "doc.md").read_text(encoding="utf-8") == "může Ã\x84leny a správce\n"


def test_a_file_two_code_pages_read_differently_is_reported_and_never_transcoded(repo: Path) -> None:
    raw = "Notlar\nPijamalı hasta yağız şoföre\n".encode("cp1254")
    (repo / "tr.md").write_bytes(raw)
    result = review_hooks("fix-mojibake", "--transcode", "tr.md")
    assert result.returncode == 1
    assert result.stdout.startswith("tr.md:2:16: mojibake file is not UTF-8, and code pages read it differently "
                                    "('yaðýz' in Windows-1252, ")
    assert "'yağız' in Windows-1254" in result.stdout
    assert result.stdout.endswith("convert it by hand from the one it is in\n")
    assert (repo / "tr.md").read_bytes() == raw


def test_a_file_whose_check_is_disabled_is_not_fixed_and_says_nothing(repo: Path) -> None:
    raw = b"<!-- review-hooks: disable-file mojibake -->\nCaf\xe9\n"
    (repo / "notes.md").write_bytes(raw)
    result = review_hooks("fix-mojibake", "--transcode", "notes.md")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (repo / "notes.md").read_bytes() == raw
