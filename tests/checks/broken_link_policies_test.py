"""broken-link policies from issue 14: unused reference definitions, fragments that differ only in case,
and the ``target``/``resolved`` facts of the JSON and SARIF output."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from review_hooks.runner.run import RunOptions, run
from tests.checks.broken_link_test import write

CASE_ONLY = ("'#Examples' differs from the anchor '#examples' in this document only in case: it works on "
             "github.com, which ignores case in fragments, and breaks where case matters (GitLab, VS Code's "
             "preview, most site generators); write '#examples'")


def check(*paths: str, fix: bool = False, diff: bool = False, output_format: str = "") -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    options = RunOptions(select=("broken-link",), fix=fix, diff=diff, output_format=output_format)
    code = run(list(paths), options, out, err)
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue()
    return code, out.getvalue()


def configure(repo: Path, **options: str) -> None:
    lines = "".join(f'{key.replace("_", "-")} = "{value}"\n' for key, value in options.items())
    write(repo, {".review-hooks.toml": f"[broken-link]\n{lines}"})


@pytest.mark.parametrize("text", [
    pytest.param("text\n\n[unused]: missing.md\n", id="never used"),
    pytest.param("<p>[x][lab]</p>\n\n[lab]: missing.md\n", id="used only inside an HTML block"),
    pytest.param("[alternatives]: #alternatives\n", id="fragment of a template's heading"),
])
def test_an_unused_definition_is_not_a_finding_by_default(repo: Path, text: str) -> None:
    write(repo, {"a.md": text})
    assert check("a.md") == (0, "")


def test_only_the_label_a_full_reference_resolves_is_used(repo: Path) -> None:
    """``[Win32_Process][02]`` uses ``02``; ``Win32_Process`` is only its text. (With the markdown-it builder this
    case is attributed right; the pyromark builder is to give each use the label pulldown-cmark resolved.)"""
    write(repo, {"a.md": "[Win32_Process][02]\n\n[Win32_Process]: missing.md\n[02]: other-missing.md\n"})
    assert check("a.md") == (1, "a.md:4:7: broken-link 'other-missing.md' does not exist; correct the link or "
                                "add the file\n")


@pytest.mark.parametrize("use", [
    pytest.param("[x][Foo  BAR]", id="label compared as CommonMark does: case and inner spaces"),
    pytest.param("![x][foo bar]", id="an image reference"),
    pytest.param("[foo bar]", id="a shortcut reference"),
    pytest.param("| a |\n|---|\n| [foo bar][] |", id="a collapsed reference in a table"),
])
def test_a_used_definition_is_checked(repo: Path, use: str) -> None:
    write(repo, {"a.md": f"{use}\n\n[foo bar]: missing.md\n"})
    code, out = check("a.md")
    assert code == 1 and "'missing.md' does not exist" in out and "warning" not in out


def test_unused_definitions_warn_names_the_definition_and_a_missing_target(repo: Path) -> None:
    configure(repo, unused_definitions="warn")
    write(repo, {"a.md": "[used][ok]\n\n[ok]: a.md\n[OC]: ./optimize-clippy.md\n[Site]: https://example.com\n"})
    code, out = check("a.md")
    assert code == 0  # warnings only
    assert out.splitlines() == [
        "a.md:4:7: broken-link warning: reference definition '[OC]' is unused: GitHub renders nothing for it; use "
        "it or delete it; besides, './optimize-clippy.md' does not exist (looked for 'optimize-clippy.md'); correct "
        "the link or add the file",
        "a.md:5:9: broken-link warning: reference definition '[Site]' is unused: GitHub renders nothing for it; "
        "use it or delete it"]


def test_unused_definitions_option_rejects_other_values(repo: Path) -> None:
    configure(repo, unused_definitions="error")
    write(repo, {"a.md": "x\n"})
    err = io.StringIO()
    assert run(["a.md"], RunOptions(select=("broken-link",)), io.StringIO(), err) == 2
    assert "unused-definitions" in err.getvalue() and "'ignore', 'warn'" in err.getvalue()


def test_a_fragment_that_differs_only_in_case_is_a_warning_by_default(repo: Path) -> None:
    write(repo, {"a.md": "[examples](#Examples)\n\n## Examples\n"})
    assert check("a.md") == (0, f"a.md:1:12: broken-link warning: {CASE_ONLY}\n")


@pytest.mark.parametrize(("policy", "expected"), [
    pytest.param("exact", (1, f"a.md:1:12: broken-link {CASE_ONLY}\n"), id="exact: an error"),
    pytest.param("ignore", (0, ""), id="ignore: nothing"),
])
def test_fragment_case_option(repo: Path, policy: str, expected: tuple[int, str]) -> None:
    configure(repo, fragment_case=policy)
    write(repo, {"a.md": "[examples](#Examples)\n\n## Examples\n"})
    assert check("a.md") == expected


def test_fix_corrects_the_case_of_a_fragment(repo: Path) -> None:
    write(repo, {"a.md": "[examples](#Examples) [b](b.md#Set-Up)\n\n## Examples\n", "b.md": "## Set up\n"})
    code, out = check("a.md", fix=True)
    assert (repo / "a.md").read_text() == "[examples](#examples) [b](b.md#set-up)\n\n## Examples\n"
    assert code == 1 and out.count("(fixed)") == 2  # a fixer that changed a file fails the run


def test_diff_offers_nothing_for_an_unused_definition(repo: Path) -> None:
    write(repo, {"a.md": "# A\n\n[alternatives]: #Alternative\n\n## Alternatives\n"})
    assert check("a.md", diff=True) == (0, "")


def test_json_gives_the_target_as_written_and_the_path_looked_for(repo: Path) -> None:
    write(repo, {"docs/a.md": "[x](../gone%20now.md#part) [y](#Top-Part) [z](#nope)\n\n## Top part\n"})
    code, out = check("docs/a.md", output_format="json")
    found = [(f["target"], f["resolved"], f["severity"]) for f in json.loads(out)]
    assert found == [("../gone%20now.md#part", "gone now.md", "error"), ("#Top-Part", "docs/a.md", "warning"),
                     ("#nope", "docs/a.md", "error")]
    assert code == 1


def test_sarif_gives_them_as_result_properties(repo: Path) -> None:
    write(repo, {"a.md": "[x](sub/gone.md)\n"})
    code, out = check("a.md", output_format="sarif")
    result = json.loads(out)["runs"][0]["results"][0]
    assert result["properties"] == {"target": "sub/gone.md", "resolved": "sub/gone.md"}
    assert result["level"] == "error" and code == 1


def test_a_heading_written_in_html_is_a_target(repo: Path) -> None:
    write(repo, {"README.md": '<h1 align="center">Project</h1>\n\n[x](#project) [y](docs/a.md#raw-heading)\n',
                 "docs/a.md": "[back](../README.md#project) [gone](#raw)\n\n<h2>Raw Heading</h2>\n"})
    assert check("README.md", "docs/a.md") == (
        1, "docs/a.md:1:37: broken-link '#raw' matches no heading or anchor in this document\n")
