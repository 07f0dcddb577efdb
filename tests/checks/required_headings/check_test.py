"""required-headings: the seeds, the traps, the policies, the configuration errors, and the evaluation set."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_hooks.checks.required_headings.heading_text import matches, normalized
from review_hooks.markdown.parse import parse
from review_hooks.runner.run import RunOptions, run
from tests.conftest import FIXTURES, git

ID = "required-headings"
SEEDS = FIXTURES / "seeds"
EVALUATION = FIXTURES / ID / "evaluation"


def lint(*paths: str, **overrides: str) -> tuple[int, list[str], str]:
    """Run the check in-process over ``paths`` (configuration discovered from the current folder)."""
    out, err = io.StringIO(), io.StringIO()
    options = RunOptions(select=(ID,), overrides={ID: overrides} if overrides else {})
    code = run(list(paths), options, out, err)
    return code, out.getvalue().splitlines(), err.getvalue()


def configure(folder: Path, text: str) -> None:
    (folder / ".review-hooks.toml").write_text(text, encoding="utf-8")


KIND = """
[[required-headings.kind]]
name = "report"
files = ["*.md"]
headings = ["## Summary", "## Risks", "## Approval"]
"""


def without_sections(text: str, titles: set[str]) -> str:
    """``text`` without the ``##`` sections whose heading text is in ``titles`` (subsections included)."""
    lines = text.split("\n")
    headings = parse(text).headings
    dropped: set[int] = set()
    for index, heading in enumerate(headings):
        if heading.level == 2 and heading.text in titles:
            end = next((h.line for h in headings[index + 1 :] if h.level <= 2), len(lines) + 1)
            dropped.update(range(heading.line, end))
    return "\n".join(line for number, line in enumerate(lines, 1) if number not in dropped)


# --- the must-show cases -----------------------------------------------------------------------------------------


def test_seed_template_copy_missing_three_sections_gets_exactly_three_findings(repo: Path) -> None:
    shutil.copy(SEEDS / "review-report-template.md", repo / "T.md")
    text = (SEEDS / "review-report-template.md").read_text(encoding="utf-8")
    report = without_sections(text, {"4. Test Results", "6. Lessons Learned", "Approval"})
    (repo / "r.md").write_text(report, encoding="utf-8")
    code, out, err = lint("r.md", template="T.md")
    last = len(report.rstrip().split("\n"))
    assert out == [
        'r.md:163:1: required-headings missing required heading "## 4. Test Results" (from T.md); '
        'insert before line 163 ("## 5. Problems & Solutions")',
        'r.md:257:1: required-headings missing required heading "## 6. Lessons Learned" (from T.md); '
        'insert before line 257 ("## 7. Quality Metrics")',
        f'r.md:{last}:1: required-headings missing required heading "## Approval" (from T.md); '
        f"add it at the end (after line {last})",
    ], err
    assert code == 1
    assert lint("T.md", template="T.md")[:2] == (0, [])  # the template satisfies itself


def test_emoji_headings_match_the_seed_templates_mac_roman_mojibake(repo: Path) -> None:
    shutil.copy(SEEDS / "review-report-template.md", repo / "T.md")
    text = (SEEDS / "review-report-template.md").read_text(encoding="utf-8")
    assert "## \uf8ffüìö Related Documents\n" in text and "## 4. Test Results\n" in text
    report = text.replace("## \uf8ffüìö Related Documents", "## 📚 Related Documents").replace(
        "## 4. Test Results", "## ðŸ“Š Test Results (staging)")
    (repo / "r.md").write_text(report, encoding="utf-8")
    assert lint("r.md", template="T.md")[:2] == (0, [])
    (repo / "r.md").write_text(report.replace("## 📚 Related Documents", "## 📚 Related Docs"), encoding="utf-8")
    assert len(lint("r.md", template="T.md")[1]) == 1


SEED_003_HEADINGS = [
    "## Executive Summary", "## Critical Issues", "## High Priority Issues", "## Medium Priority Improvements",
    "## Low Priority Enhancements", "## Integration Concerns", "## Security Concerns", "## Performance Concerns",
    "## Missing Implementations", "## Positive Findings", "## Summary Statistics", "## Action Plan",
    "## Team Assignments", "## Sign-off",
]


def seed_003_config(extra: str = "") -> str:
    listed = ", ".join(f'"{h}"' for h in [*SEED_003_HEADINGS, *([extra] if extra else [])])
    return f"""[required-headings]
order = "error"
level = "exact"

[[required-headings.kind]]
name = "code-review"
title = '^Comprehensive Code Review'
headings = [{listed}]
"""


def test_seed_003_with_its_own_heading_names_has_no_finding(repo: Path) -> None:
    shutil.copy(SEEDS / "code-review-report.md", repo / "review.md")
    configure(repo, seed_003_config())
    assert lint("review.md")[:2] == (0, [])


def test_seed_003_still_reports_a_heading_it_lacks(repo: Path) -> None:
    shutil.copy(SEEDS / "code-review-report.md", repo / "review.md")
    configure(repo, seed_003_config("## Deployment Plan"))
    code, out, _ = lint("review.md")
    assert code == 1
    assert out == ['review.md:713:1: required-headings missing required heading "## Deployment Plan" '
                   "(kind code-review, from its headings list); add it at the end (after line 713)"]


# --- normalized matching -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("heading", "name"), [
    pytest.param("\uf8ffüìö Related Documents", "Related Documents", id="mac roman emoji"),
    pytest.param("üìö Scope", "Scope", id="mac roman emoji that lost its U+F8FF lead"),
    pytest.param("ðŸ“Š Summary Statistics", "Summary Statistics", id="cp1252 emoji"),
    pytest.param("ðŸ“ Notes", "Notes", id="cp1252 emoji with a lost byte"),
    pytest.param("\uf8ffüî¥ CRITICAL ISSUES (Must Fix Before Production)", "Critical Issues", id="qualifier"),
    pytest.param("1. Executive Summary", "Executive Summary", id="1."),
    pytest.param("1) Executive Summary", "executive summary", id="1)"),
    pytest.param("2.1 Overview", "Overview", id="2.1"),
    pytest.param("3.2. Scope Changes", "Scope Changes", id="3.2."),
    pytest.param("4 - Test Results", "Test Results", id="4 -"),
    pytest.param("Section 4: Test Results", "4. Test Results", id="Section 4:"),
    pytest.param("Root\u00a0 Cause", "Root Cause", id="non-breaking space"),
    pytest.param("Ｒｉｓｋｓ", "Risks", id="NFKC full width"),
    pytest.param("Approval:", "Approval", id="trailing colon"),
    pytest.param(":memo: Notes", "Notes", id="shortcode emoji"),
    pytest.param("Summary - Sprint 4", "Summary", id="dash qualifier"),
    pytest.param("Summary — Sprint 4", "Summary", id="em dash qualifier"),
    pytest.param("Risks [draft]", "Risks", id="bracket qualifier"),
    pytest.param("1\ufe0f\u20e3 Executive Summary", "1. Executive Summary", id="keycap numbering"),
    pytest.param("2\u20e3 Scope", "Scope", id="keycap without variation selector"),
    pytest.param("What Didn\u2019t Go Well", "What Didn't Go Well", id="typographic apostrophe"),
    pytest.param("The \u201cGolden\u201d Path", 'The "Golden" Path', id="typographic quotes"),
    pytest.param("Owner\u2032s Notes", "Owner\u2018s Notes", id="prime and left quote"),
    pytest.param("Action Items[^1]", "Action Items", id="footnote marker"),
    pytest.param("结论：通过", "结论", id="full-width colon qualifier"),
    pytest.param("结论（草稿）", "结论", id="full-width parenthesis qualifier"),
])
def test_headings_that_match(heading: str, name: str) -> None:
    assert matches(normalized(heading), normalized(name))


@pytest.mark.parametrize(("heading", "name"), [
    pytest.param("Summary Statistics", "Summary", id="a longer name is another section"),
    pytest.param("Testing", "Test", id="no prefix match inside a word"),
    pytest.param("Summary-ish", "Summary", id="hyphen without spaces is not a qualifier"),
    pytest.param("2024 Roadmap", "Roadmap", id="a year is not numbering"),
    pytest.param("Café", "Cafe", id="accents are kept"),
    pytest.param("", "Summary", id="empty heading"),
])
def test_headings_that_do_not_match(heading: str, name: str) -> None:
    assert not matches(normalized(heading), normalized(name))


def test_exact_match_compares_text_as_written(repo: Path) -> None:
    configure(repo, '[required-headings]\nmatch = "exact"\n' + KIND)
    (repo / "a.md").write_text("## 1. Summary\n\n## Risks\n\n## Approval\n", encoding="utf-8")
    code, out, _ = lint("a.md")
    assert out == ['a.md:3:1: required-headings missing required heading "## Summary" (kind report, '
                   'from its headings list); insert before line 3 ("## Risks")']
    assert code == 1


# --- only real headings ------------------------------------------------------------------------------------------

MISSING = 'missing required heading "## Approval" (kind report, from its headings list)'


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param("## Approval\n", [], id="ATX heading"),
    pytest.param("Approval\n========\n", [], id="setext heading"),
    pytest.param("Approval\n---\n", [], id="accidental setext heading"),
    pytest.param("> ## Approval\n", [], id="heading in a block quote"),
    pytest.param("#Approval\n", [f"5:1: {MISSING}: line 5 has \"#Approval\", which is not a heading "
                                 "(add a space after '#')"], id="no space after hash"),
    pytest.param("####### Approval\n", [f"5:1: {MISSING}: line 5 has \"####### Approval\", which is not a "
                                        "heading (use at most six '#')"], id="seven hashes"),
    pytest.param("**Approval**\n", [f"5:1: {MISSING}: line 5 has \"**Approval**\", which is not a heading "
                                    "(make it one: \"## Approval\")"], id="bold line"),
    pytest.param("```\n## Approval\n```\n", [f"7:1: {MISSING}; add it at the end (after line 7); "
                                             "found only inside a code block (line 6)"], id="fenced code"),
    pytest.param("~~~\n## Approval\n~~~\n", [f"7:1: {MISSING}; add it at the end (after line 7); "
                                             "found only inside a code block (line 6)"], id="tilde fence"),
    pytest.param("    ## Approval\n", [f"5:1: {MISSING}: line 5 has \"## Approval\", which is not a heading (it is "
                                       "indented four spaces or more, which makes it a code block; remove the "
                                       "indentation)"], id="indented code"),
    pytest.param("    ```\n    ## Approval\n",
                 [f"6:1: {MISSING}: line 6 has \"## Approval\", which is not a heading (it is indented four spaces "
                  "or more, which makes it a code block; remove the indentation)"],
                 id="indented code whose first line looks like a fence"),
    pytest.param("<!--\n## Approval\n-->\n", [f"7:1: {MISSING}; add it at the end (after line 7); "
                                              "found only inside an HTML comment (line 6)"], id="comment"),
    pytest.param("Text `## Approval` here.\n", [f"5:1: {MISSING}; add it at the end (after line 5)"],
                 id="inline code"),
    pytest.param("| Approval | Name |\n|---|---|\n", [f"6:1: {MISSING}; add it at the end (after line 6)"],
                 id="table"),
    pytest.param("- Approval\n", [f"5:1: {MISSING}; add it at the end (after line 5)"], id="list item"),
    pytest.param("<h2>Approval</h2>\n", [f"5:1: {MISSING}; add it at the end (after line 5)"], id="html heading"),
])
def test_only_real_headings_count(repo: Path, body: str, expected: list[str]) -> None:
    configure(repo, KIND)
    (repo / "a.md").write_text("## Summary\n\n## Risks\n\n" + body, encoding="utf-8")
    code, out, err = lint("a.md")
    assert out == [f"a.md:{line} required-headings {rest}" for line, rest in (e.split(" ", 1) for e in expected)]
    assert code == (1 if expected else 0), err


def test_front_matter_is_not_a_heading(repo: Path) -> None:
    configure(repo, KIND)
    (repo / "a.md").write_text("---\n# Approval\ntitle: x\n---\n## Summary\n## Risks\n", encoding="utf-8")
    assert lint("a.md")[1] == [f"a.md:6:1: required-headings {MISSING}; add it at the end (after line 6)"]


# --- kinds -------------------------------------------------------------------------------------------------------

KINDS = """[required-headings]
[[required-headings.kind]]
name = "by-glob"
files = ["reviews/**/*.md"]
headings = ["## Glob"]

[[required-headings.kind]]
name = "by-front-matter"
front-matter = { review-kind = "retro", team = "core" }
headings = ["## Front"]

[[required-headings.kind]]
name = "by-title"
title = '^Design Review\\b'
headings = ["## Title"]
"""


@pytest.mark.parametrize(("path", "text", "kind"), [
    pytest.param("reviews/a.md", "# Design Review\n", "by-glob", id="glob wins when written first"),
    pytest.param("reviews/deep/er/a.md", "x\n", "by-glob", id="** matches folders"),
    pytest.param("a.md", "---\nreview-kind: retro\nteam: core\n---\n# Design Review\n", "by-front-matter",
                 id="front matter"),
    pytest.param("a.md", "---\nreview-kind: retro\n---\n", None, id="every front matter pair must match"),
    pytest.param("a.md", "# ðŸŽ¨ Design Review of caching\n", None, id="title regex is anchored"),
    pytest.param("a.md", "# Design Review: caching\n", "by-title", id="title"),
    pytest.param("a.md", "```\n# Design Review\n```\n", None, id="a title in code is not a title"),
    pytest.param("other/a.md", "# Notes\n", None, id="no kind: not checked"),
])
def test_the_first_matching_kind_is_chosen(repo: Path, path: str, text: str, kind: str | None) -> None:
    configure(repo, KINDS)
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text, encoding="utf-8")
    out = lint(path)[1]
    assert [line.split("(kind ")[1].split(",")[0] for line in out] == ([kind] if kind else [])


def test_optional_template_section_and_template_levels(repo: Path) -> None:
    (repo / "T.md").write_text("# T\n\n## A\n\n### A.1\n\n<!-- review-hooks: optional -->\n## B\n\n## C\n",
                               encoding="utf-8")
    (repo / "a.md").write_text("# Doc\n\n## A\n\n## C\n", encoding="utf-8")
    assert lint("a.md", template="T.md")[:2] == (0, [])
    configure(repo, '[required-headings]\ntemplate = "T.md"\ntemplate-levels = [2, 3]\n')
    assert lint("a.md")[1] == ['a.md:5:1: required-headings missing required heading "### A.1" (from T.md); '
                               'insert before line 5 ("## C")']


def test_template_and_headings_are_united(repo: Path) -> None:
    (repo / "T.md").write_text("## A\n## B\n", encoding="utf-8")
    configure(repo, '[[required-headings.kind]]\nname = "k"\nfiles = ["a.md"]\ntemplate = "T.md"\n'
                    'headings = ["## b | bee", "## D"]\n')
    (repo / "a.md").write_text("## A\n## Bee\n", encoding="utf-8")
    assert lint("a.md")[1] == ['a.md:2:1: required-headings missing required heading "## D" (kind k, from its '
                               'headings list); add it at the end (after line 2)']


# --- order and level policies -------------------------------------------------------------------------------------

SWAPPED = "## Risks\n\n## Summary\n\n#### Approval\n"


@pytest.mark.parametrize(("policies", "expected", "code"), [
    pytest.param("", [], 0, id="defaults: order off, level any"),
    pytest.param('order = "warn"', ['a.md:1:1: warning: heading "## Risks" is out of the required order (kind '
                                    'report, from its headings list); move it after "## Summary"'], 0,
                 id="order warn"),
    pytest.param('order = "error"\nlevel = "at-most"', [
        'a.md:1:1: heading "## Risks" is out of the required order (kind report, from its headings list); '
        'move it after "## Summary"',
        'a.md:5:1: heading "#### Approval" should be level 2 ("## Approval", kind report, from its headings list); '
        "it is level 4"], 1, id="order error and level at-most"),
])
def test_order_and_level_policies(repo: Path, policies: str, expected: list[str], code: int) -> None:
    configure(repo, f"[required-headings]\n{policies}\n{KIND}")
    (repo / "a.md").write_text(SWAPPED, encoding="utf-8")
    result, out, _ = lint("a.md")
    assert [line.replace(" required-headings ", " ", 1) for line in out] == expected
    assert result == code


def test_level_exact_and_at_most_differ_on_a_higher_heading(repo: Path) -> None:
    configure(repo, '[required-headings]\nlevel = "at-most"\n' + KIND)
    (repo / "a.md").write_text("# Summary\n## Risks\n## Approval\n", encoding="utf-8")
    assert lint("a.md")[:2] == (0, [])
    configure(repo, '[required-headings]\nlevel = "exact"\n' + KIND)
    assert lint("a.md")[1] == ['a.md:1:1: required-headings heading "# Summary" should be level 2 ("## Summary", '
                               'kind report, from its headings list); it is level 1']


# --- files it leaves alone, and bad input ------------------------------------------------------------------------


def test_a_file_with_conflict_markers_is_skipped(repo: Path) -> None:
    configure(repo, KIND)
    (repo / "a.md").write_text("<<<<<<< HEAD\n## Summary\n=======\n## Risks\n>>>>>>> b\n", encoding="utf-8")
    (repo / "b.md").write_text("```\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\n```\n", encoding="utf-8")
    assert [line.split(":")[0] for line in lint("a.md", "b.md")[1]] == ["b.md"] * 3


@pytest.mark.parametrize(("raw", "last"), [
    pytest.param(b"", 1, id="empty"),
    pytest.param("\ufeff## Summary\r\n## Risks\r\n".encode(), 2, id="BOM and CRLF"),
    pytest.param("## Summary\n## Risks – caf\xe9\n".encode("cp1252"), 2, id="cp1252"),
])
def test_bad_input_is_checked_without_a_traceback(repo: Path, raw: bytes, last: int) -> None:
    configure(repo, KIND)
    (repo / "a.md").write_bytes(raw)
    code, out, err = lint("a.md")
    assert f"a.md:{last}:1: required-headings {MISSING}; add it at the end (after line {last})" in out
    assert code == 1 and err == ""


def test_excluded_and_non_markdown_files_are_not_checked(repo: Path) -> None:
    configure(repo, '[required-headings]\nexclude = ["templates/**"]\n' + KIND.replace('"*.md"', '"*"'))
    (repo / "templates").mkdir()
    (repo / "templates" / "t.md").write_text("# T\n", encoding="utf-8")
    (repo / "notes.txt").write_text("nothing\n", encoding="utf-8")
    assert lint("templates/t.md", "notes.txt")[:2] == (0, [])


# --- configuration errors: exit 2, one line naming the file and the key ------------------------------------------


@pytest.mark.parametrize(("toml", "key", "words"), [
    pytest.param('[required-headings]\ntemplate = "missing.md"\n', "required-headings.template",
                 "no such template file", id="missing template"),
    pytest.param('[[required-headings.kind]]\nname = "k"\nfiles = ["*.md"]\ntemplate = "nope.md"\n',
                 "required-headings.kind[1].template", "no such template file", id="missing kind template"),
    pytest.param('[[required-headings.kind]]\nname = "k"\ntitle = "(unclosed"\nheadings = ["A"]\n',
                 "required-headings.kind[1].title", "invalid regular expression", id="bad regex"),
    pytest.param('[[required-headings.kind]]\nname = "k"\nfiles = "*.md"\nheadings = ["A"]\n',
                 "required-headings.kind[1].files", "expected a list of strings", id="glob not a list"),
    pytest.param('[[required-headings.kind]]\nname = "k"\nfile = ["*.md"]\nheadings = ["A"]\n',
                 "required-headings.kind[1].file", "unknown option", id="unknown kind key"),
    pytest.param('[required-headings]\nordr = "warn"\n', "required-headings.ordr", "unknown option",
                 id="unknown key"),
    pytest.param('[required-headings]\norder = "sometimes"\n', "required-headings.order", "expected false",
                 id="bad policy"),
    pytest.param('[required-headings]\nlevel = "deeper"\n', "required-headings.level", "expected one of",
                 id="bad level"),
    pytest.param('[[required-headings.kind]]\nname = "k"\nheadings = ["A"]\n', "required-headings.kind[1]",
                 "needs files, front-matter or title", id="kind selects nothing"),
    pytest.param('[[required-headings.kind]]\nname = "k"\nfiles = ["*.md"]\nheadings = ["## "]\n',
                 "required-headings.kind[1].headings", "empty heading name", id="empty heading"),
    pytest.param('[[required-headings.kind]]\nfiles = ["*.md"]\nheadings = ["A"]\n',
                 "required-headings.kind[1].name", "needs a name", id="no name"),
    pytest.param('[[required-headings.kind]]\nname = "k"\nfiles = ["*.md"]\ntemplate-levels = [2]\n'
                 'headings = ["A"]\n', "required-headings.kind[1].template-levels", "only applies",
                 id="levels without template"),
    pytest.param('[[required-headings.kind]]\nname = "k"\nfiles = ["*.md"]\nheadings = ["#Notes"]\n',
                 "required-headings.kind[1].headings", "is not a heading: write 1 to 6 '#'", id="hash without space"),
    pytest.param('[[required-headings.kind]]\nname = "k"\nfiles = ["*.md"]\nheadings = ["####### Seven"]\n',
                 "required-headings.kind[1].headings", "is not a heading", id="seven hashes"),
    pytest.param('[[required-headings.kind]]\nname = "k"\nfiles = ["*.md", "!a/**"]\nheadings = ["A"]\n',
                 "required-headings.kind[1].files", "a '!' pattern cannot take files out", id="negated glob"),
    pytest.param('[[required-headings.kind]]\nname = "k"\nfront-matter = { start = 2024-07-01 }\n'
                 'headings = ["A"]\n', "required-headings.kind[1].front-matter.start",
                 "a value must be a string, number or boolean", id="front matter date"),
])
def test_invalid_configuration_exits_2_with_one_line(repo: Path, toml: str, key: str, words: str) -> None:
    configure(repo, toml)
    (repo / "a.md").write_text("# A\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "review_hooks", "check-headings", "a.md"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and ".review-hooks.toml" in lines[0] and f"{key}:" in lines[0] and words in lines[0]


@pytest.mark.parametrize(("make", "words"), [
    pytest.param(lambda t: t.write_bytes(b"\x00\x01\x02 not text"), "cannot use template 'T.md': binary file",
                 id="binary template"),
    pytest.param(lambda t: t.mkdir(), "template 'T.md' is a directory, not a file", id="directory template"),
    pytest.param(lambda t: t.write_text("# Title\n\n### Only deeper\n", encoding="utf-8"),
                 "has no required heading at template-levels [2]", id="no heading at the template levels"),
    pytest.param(lambda t: t.write_text("<!-- review-hooks: optional -->\n## Notes\n", encoding="utf-8"),
                 "has no required heading", id="only optional headings"),
])
def test_unusable_template_is_a_one_line_configuration_error(repo: Path, make: Callable[[Path], object],
                                                              words: str) -> None:
    make(repo / "T.md")
    configure(repo, '[[required-headings.kind]]\nname = "k"\nfiles = ["*.md"]\ntemplate = "T.md"\n')
    (repo / "a.md").write_text("## A\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "review_hooks", "check-headings", "a.md"],
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "internal error" not in lines[0] and "ConfigError" not in lines[0]
    assert "required-headings.kind[1].template: " in lines[0] and words in lines[0]


def test_template_levels_must_be_levels(repo: Path) -> None:
    (repo / "T.md").write_text("## A\n", encoding="utf-8")
    configure(repo, '[required-headings]\ntemplate = "T.md"\ntemplate-levels = [7]\n')
    code, _, err = lint("a.md")
    assert code == 2 and "required-headings.template-levels: expected a list of levels 1 to 6" in err


def test_pyproject_table_and_template_flag_from_a_subfolder(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.review-hooks.required-headings]\norder = "warn"\n', encoding="utf-8")
    (repo / "docs").mkdir()
    (repo / "docs" / "T.md").write_text("## A\n## B\n", encoding="utf-8")
    (repo / "docs" / "a.md").write_text("## B\n## A\n", encoding="utf-8")
    git(repo, "add", "-A")
    result = subprocess.run([sys.executable, "-m", "review_hooks", "check-headings", "--template", "T.md", "a.md"],
                            cwd=repo / "docs", capture_output=True, text=True)
    assert result.stdout == ('a.md:1:1: required-headings warning: heading "## B" is out of the required order '
                             '(from T.md); move it after "## A"\n')
    assert result.returncode == 0, result.stderr  # order = "warn": printed, exit unchanged


def test_a_template_flag_that_names_no_file_blames_the_flag_not_the_configuration(repo: Path) -> None:
    configure(repo, KIND)
    (repo / "a.md").write_text("## Summary\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "review_hooks", "check-headings", "--template", "nope.md", "a.md"],
                            cwd=repo, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("review-hooks: --template: no such template file 'nope.md'")


# --- the evaluation set: precision and recall against labels written before the check ran -----------------------

#: (path, what, required heading) for every problem a reader would report in fixtures/required-headings/evaluation.
TRUTH = {
    ("incidents/2026-03-outage.md", "missing", "## Remediation"),
    ("notes/design-cache.md", "missing", "## Risks"),
    ("retros/sprint-13.md", "missing", "## What Went Well"),
    ("retros/sprint-13.md", "missing", "## Action Items"),
    ("reviews/reports/2026/search-review.md", "order", "## 4. Lessons Learned"),
    ("reviews/reports/2026/search-review.md", "missing", "## 3. Test Results"),
    ("reviews/reports/cache-review.md", "missing", "## Approval"),
    ("reviews/reports/cache-review.md", "missing", "## 3. Test Results"),
    ("reviews/reports/cache-review.md", "missing", "## 4. Lessons Learned"),
    ("reviews/reports/legacy-review.md", "level", "### Approval"),
}


def labelled(line: str) -> tuple[str, str, str]:
    path, rest = line.split(":", 1)
    message = rest.split(" required-headings ", 1)[1]
    what = ("missing" if message.startswith("missing") else "order" if "out of the required order" in message
            else "level")
    return path, what, message.split('"')[1]


def test_evaluation_set_precision_and_recall(tmp_path: Path) -> None:
    work = tmp_path / "evaluation"
    shutil.copytree(EVALUATION, work)
    git(work, "init", "-q", "-b", "main")
    documents = sorted(p.relative_to(work).as_posix() for p in work.rglob("*.md") if ".git" not in p.parts)
    result = subprocess.run([sys.executable, "-m", "review_hooks", "check-headings", *documents], cwd=work,
                            capture_output=True, text=True)
    found = {labelled(line) for line in result.stdout.splitlines()}
    true_positives = len(found & TRUTH)
    precision, recall = true_positives / len(found), true_positives / len(TRUTH)
    assert precision >= 0.95 and recall >= 0.95, (found - TRUTH, TRUTH - found)
    assert result.returncode == 1


# --- properties ---------------------------------------------------------------------------------------------------

_PIECES = st.sampled_from(["## Summary", "#Risks", "Approval", "---", "===", "```", "~~~", "<!--", "-->", "> ",
                           "    ", "**Risks**", "1. ", "## 2.1 Risks:", "ðŸ“Š", "\uf8ffüìö", "\u00a0", "\r", "",
                           "<<<<<<< a", "=======", ">>>>>>> b", "---\nreview-kind: x\n---", "- ## Approval"])


@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=30))
@settings(max_examples=150, deadline=None)
def test_any_document_gets_findings_on_real_lines_and_no_exception(pieces: list[str]) -> None:
    from review_hooks.check import Context
    from review_hooks.checks.required_headings import find
    from review_hooks.checks.required_headings.config import configure as configure_table
    from review_hooks.config import Config
    from review_hooks.document import Document

    text = "\n".join(pieces)
    settings = configure_table({"kind": [{"name": "k", "files": ["*.md"],
                                          "headings": ["## Summary", "Risks | Hazards", "### Approval"]}],
                                "order": "warn", "level": "exact"}, Path.cwd())
    document = Document("a.md", Path("a.md"), text.encode(), text, is_markdown=True)
    config = Config(None, Path.cwd())
    config.settings[ID] = settings
    findings = list(find(document, Context(config)))
    assert all(1 <= f.line <= len(document.lines) for f in findings)
    assert len([f for f in findings if f.message.startswith("missing")]) <= 3


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_a_heading_always_matches_itself(text: str) -> None:
    assert matches(normalized(text), normalized(text))


def test_several_missing_at_one_place_are_listed_in_the_required_order(repo: Path) -> None:
    configure(repo, '[[required-headings.kind]]\nname = "r"\nfiles = ["*.md"]\n'
                    'headings = ["## Summary", "## 10. Zeta", "## 2. Alpha", "## Approval"]\n')
    (repo / "r.md").write_text("# R\n\n## Summary\n\ntext\n")
    code, lines, _ = lint("r.md")
    assert code == 1
    assert [line.split('"')[1] for line in lines] == ["## 10. Zeta", "## 2. Alpha", "## Approval"]


def test_an_optional_section_out_of_template_order_does_not_move_the_advice(repo: Path) -> None:
    (repo / "T.md").write_text("## A\n\n<!-- review-hooks: optional -->\n## B\n\n## C\n\n## D\n", encoding="utf-8")
    configure(repo, '[[required-headings.kind]]\nname = "k"\nfiles = ["a.md"]\ntemplate = "T.md"\n')
    (repo / "a.md").write_text("## B\n\n## A\n\n## D\n", encoding="utf-8")
    assert lint("a.md")[1] == ['a.md:5:1: required-headings missing required heading "## C" (kind k, from T.md); '
                               'insert before line 5 ("## D")']
    (repo / "a.md").write_text("## A\n\n## B\n\n## D\n", encoding="utf-8")  # in order: C goes after B, before D
    assert lint("a.md")[1] == ['a.md:5:1: required-headings missing required heading "## C" (kind k, from T.md); '
                               'insert before line 5 ("## D")']
    (repo / "a.md").write_text("## A\n\n## B\n\n## X\n", encoding="utf-8")  # C, D missing: C after B's section
    assert [line.split("; ", 1)[1] for line in lint("a.md")[1]] == [
        'insert before line 5 ("## X")', "add it at the end (after line 5)"]


def test_a_section_the_template_repeats_says_so_when_one_is_missing(repo: Path) -> None:
    (repo / "template.md").write_text("# T\n\n## Notes\n\n## Findings\n\n## Notes\n")
    configure(repo, '[[required-headings.kind]]\nname = "k"\nfiles = ["doc.md"]\ntemplate = "template.md"\n')
    (repo / "doc.md").write_text("# D\n\n## Notes\n\n## Findings\n")
    code, lines, _ = lint("doc.md")
    assert code == 1 and len(lines) == 1
    assert "missing required heading \"## Notes\"" in lines[0]
    assert "it is required 2 times, and this one has no heading" in lines[0]


# --- one repair per document, shared with fix-mojibake -------------------------------------------------------------


def test_headings_are_matched_as_the_repair_of_the_whole_document_reads_them(repo: Path) -> None:
    """``Ä‚sta`` alone is too weak to repair (one two-byte sequence opening a word); the document's other damage
    (``RetrospectivÄƒ``, ``Ã®n``) decides, as it does for fix-mojibake: the two must agree."""
    from review_hooks.document import Document
    from review_hooks.mojibake.repair import document_repair, repaired_text

    configure(repo, '[[required-headings.kind]]\nname = "retro"\nfiles = ["*.md"]\n'
                    'headings = ["## Ce a mers bine", "## Ce nu a mers", "## Ăsta"]\n')
    text = ("# RetrospectivÄƒ Sprint 7\n\nEchipa a lucrat bine Ã®n sprint.\n\n## Ce a mers bine\n\nx\n\n"
            "## Ce nu a mers\n\nx\n\n## Ä‚sta\n\nx\n")
    (repo / "ro.md").write_text(text, encoding="utf-8")
    assert repaired_text("## Ä‚sta") == "## Ä‚sta"  # the heading on its own evidence
    document = Document.from_bytes(text.encode(), "ro.md")
    assert "## Ăsta" in document_repair(document).text  # what fix-mojibake writes
    assert lint("ro.md") == (0, [], "")
    assert lint("ro.md", match="exact")[0] == 1  # exact compares the text as written


def test_a_legacy_encoded_document_is_matched_without_an_internal_error(repo: Path) -> None:
    """The repair holds text cp1252 cannot store (✅): it is read as UTF-8, never written."""
    configure(repo, KIND)
    (repo / "r.md").write_bytes(b"# R\n\ncaf\xe9\n\n## Summary \xe2\x9c\x85\n\n## Risks\n\n## Approval\n")
    code, lines, err = lint("r.md")
    assert (code, lines, err) == (0, [], "")


def test_a_template_section_is_found_whatever_joiner_the_document_writes(repo: Path) -> None:
    # robust9: '## Risks & Mitigations' was missing against the template's '## Risks and Mitigations', and the
    # suggested fix would have added a duplicate section
    (repo / "T.md").write_text("# T\n\n## Summary\n\n## Risks and Mitigations\n")
    for name, joined in (("amp.md", "Risks & Mitigations"), ("slash.md", "Risks/Mitigations")):
        (repo / name).write_text(f"# R\n\n## Summary\n\n## {joined}\n\ntext\n")
        assert lint(name, template="T.md")[:2] == (0, [])
