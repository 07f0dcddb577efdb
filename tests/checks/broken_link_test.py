"""broken-link: resolution like GitHub, existence against git, anchors, placeholders, safe fixes."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from review_hooks.links.tree import resolve
from review_hooks.runner.run import RunOptions, run
from tests.conftest import FIXTURES, git
from tests.fixtures_test import copy

SEEDS = FIXTURES / "seeds"
TREE = FIXTURES / "broken-link" / "docs-tree"


def check(*paths: str, fix: bool = False) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(paths), RunOptions(select=("broken-link",), fix=fix), out, err)
    return code, out.getvalue().splitlines(), err.getvalue()


def write(folder: Path, files: dict[str, str | bytes], add: bool = True) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    if add:
        git(folder, "add", "-A")


@pytest.mark.parametrize(("destination", "folder", "path", "fragment", "climbed"), [
    pytest.param("guide.md", "docs", "docs/guide.md", None, 0, id="relative"),
    pytest.param("./a/../guide.md#x", "docs", "docs/guide.md", "x", 0, id="dot segments"),
    pytest.param("/README.md", "docs/deep", "README.md", None, 0, id="root"),
    pytest.param("my%20file.md?plain=1#caf%C3%A9", "", "my file.md", "café", 0, id="decoded, query dropped"),
    pytest.param("C%23%20notes.md", "", "C# notes.md", None, 0, id="encoded hash is a name"),
    pytest.param("../../x.md", "docs", "x.md", None, 1, id="above the root"),
    pytest.param("#top", "docs", "docs", "top", 0, id="fragment only"),
])
def test_resolve_like_github(destination: str, folder: str, path: str, fragment: str | None, climbed: int) -> None:
    resolved = resolve(destination, folder)
    assert (resolved.path, resolved.fragment, resolved.climbed) == (path, fragment, climbed)


def test_seeds_report_the_mdd_links_and_the_missing_files_not_the_placeholders(repo: Path) -> None:
    for name in ("review-report-template.md", "sprint-code-review-index.md"):
        shutil.copy(SEEDS / name, repo / name)
    git(repo, "add", "-A")
    code, lines, _ = check("review-report-template.md", "sprint-code-review-index.md")
    assert code == 1
    template = [line for line in lines if line.startswith("review-report-template.md")]
    assert [line.split(" ", 1)[0] for line in template] == [
        "review-report-template.md:11:73:", "review-report-template.md:11:160:",
        "review-report-template.md:12:76:", "review-report-template.md:12:161:",
        "review-report-template.md:632:11:"]
    assert all(".mdd' does not exist; '.mdd' is not a real extension: did you mean '.md'?" in x for x in template[:4])
    # issue 14: '- [Name]: [Contribution]' defines [Name], which the template uses ('**Owner**: [Name]'):
    # GitHub links each to '%5BContribution%5D'
    assert "'[Contribution]' begins with '[': the brackets are part of the destination" in template[4]
    assert [line.split(" ", 2)[2] for line in lines if line.startswith("sprint")] == [
        f"'{name}' does not exist; correct the link or add the file"
        for name in ("SPRINT_60_CODE_REVIEW_EXECUTIVE_SUMMARY.txt", "SPRINT_60_REVIEW_SUMMARY.txt",
                     "SPRINT_60_PHASE_1_FIX_GUIDE.md", "SPRINT_60_PHASE_1_CODE_REVIEW.md")]


def labelled(work: Path) -> tuple[set[tuple[str, int]], int]:
    """The lines the tree marks ``<!-- broken -->`` (or a ``"broken"`` title), and how many traps it marks."""
    broken: set[tuple[str, int]] = set()
    traps = 0
    for path in sorted(work.rglob("*.md")):
        for number, line in enumerate(path.read_text().split("\n"), 1):
            if "<!-- broken -->" in line or line.endswith('"broken"'):
                broken.add((path.relative_to(work).as_posix(), number))
            traps += line.count("<!-- trap -->") + line.endswith('"trap"')
    return broken, traps


def test_precision_and_recall_on_the_evaluation_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = copy(TREE, tmp_path)
    monkeypatch.chdir(work)
    broken, traps = labelled(work)
    documents = sorted(p.relative_to(work).as_posix() for p in work.rglob("*.md"))
    code, lines, _ = check(*documents)
    found = {(line.split(":")[0], int(line.split(":")[1])) for line in lines}
    precision = len(found & broken) / len(found)
    recall = len(found & broken) / len(broken)
    assert (len(broken), traps) == (39, 59)  # every kind of breakage, and more traps than breakages
    assert (precision, recall) == (1.0, 1.0), (sorted(found - broken), sorted(broken - found))
    assert code == 1


@pytest.mark.parametrize("link", [
    pytest.param("[a](docs/guide.md)", id="tracked"),
    pytest.param("[a](docs/)", id="tracked folder"),
    pytest.param("[a](<docs/my file.md>) [b](docs/my%20file.md)", id="spaces"),
    pytest.param("[a](docs/guide.md#set-up) [b](#top) [c](#local)", id="anchors"),
    pytest.param("[a](docs/guide.md?plain=1#L2) [b](tool.py#L1-L3)", id="line anchors"),
    pytest.param("[a](../../issues/new) [b](https://x.test/a.md) [c](//cdn.test/a.md) [d](mailto:a@b.test)",
                 id="not in the repository"),
    pytest.param("[#65](../../pull/65) [c](../../commit/89a7179) [n](../../pull/new/main) [r](../../raw/main/a.png) "
                 "[z](../../archive/refs/heads/main.zip) [b](../../blame/main/x.md) [e](../../edit/main/x.md) "
                 "[p](../../packages) [w](../../watchers)", id="pages of the repository on GitHub"),
    pytest.param("[b]({link}) [c]({{ site.url }})", id="placeholders"),
    pytest.param("[a](staged.md)", id="staged, not committed"),
])
def test_valid_links_are_not_reported(repo: Path, link: str) -> None:
    write(repo, {"docs/guide.md": "# Guide\n\n## Set up\n", "docs/my file.md": "x\n", "tool.py": "a\nb\nc\n",
                 "staged.md": "x\n", "index.md": f"# Index\n\n## Local\n\n{link}\n"})
    assert check("index.md") == (0, [], "")


def test_case_untracked_ignored_and_escaping_targets(repo: Path) -> None:
    write(repo, {".gitignore": "ignored.md\n", "docs/Guide.md": "# G\n", "index.md":
                 "[a](docs/guide.md) [b](new.md) [c](ignored.md) [d](../x.md) [e](docs/Guide.md#nope)\n"})
    write(repo, {"new.md": "x\n", "ignored.md": "x\n"}, add=False)
    code, lines, _ = check("index.md")
    assert lines == [
        "index.md:1:5: broken-link 'docs/guide.md' does not exist (GitHub matches names case-exactly); "
        "did you mean 'docs/Guide.md'?",
        "index.md:1:24: broken-link 'new.md' exists locally but is not tracked by git; "
        "it will be missing for everyone else",
        "index.md:1:36: broken-link 'ignored.md' exists locally but is not tracked by git; "
        "it will be missing for everyone else",
        "index.md:1:52: broken-link '../x.md' points outside the repository; "
        "GitHub cannot follow a link above the repository root",
        "index.md:1:65: broken-link 'docs/Guide.md#nope' matches no heading or anchor in 'docs/Guide.md'"]
    assert code == 1


def test_outside_git_the_disk_is_the_reference_case_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"a.md": "# A\n", "index.md": "[ok](a.md#a) [case](A.md) [gone](b.md)\n"}, add=False)
    assert check("index.md")[1] == [
        "index.md:1:21: broken-link 'A.md' does not exist (GitHub matches names case-exactly); did you mean 'a.md'?",
        "index.md:1:34: broken-link 'b.md' does not exist; correct the link or add the file"]


def test_outside_git_anchors_are_read_only_below_the_configuration_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"outside.md": "# Outside\n", "work/a.md": "# A\n",
                     "work/index.md": "[in](a.md#nope) [out](../outside.md#nope)\n"}, add=False)
    monkeypatch.chdir(tmp_path / "work")
    assert check("index.md")[1] == ["index.md:1:6: broken-link 'a.md#nope' matches no heading or anchor in 'a.md'"]


def test_ignore_option_and_unknown_options(repo: Path) -> None:
    write(repo, {"index.md": "[a](generated/api.md) [b](other.md)\n",
                 ".review-hooks.toml": '[broken-link]\nignore = ["generated/**"]\n'})
    assert check("index.md")[1] == [
        "index.md:1:27: broken-link 'other.md' does not exist; correct the link or add the file"]
    (repo / ".review-hooks.toml").write_text('[broken-link]\nignored = ["x"]\n')
    code, lines, err = check("index.md")
    assert (code, lines) == (2, []) and "ignored" in err and "Traceback" not in err


@pytest.mark.parametrize(("raw", "expected"), [
    pytest.param(b"\xef\xbb\xbf[a](gone.md)\n", "x.md:1:5:", id="BOM"),
    pytest.param(b"# T\r\n\r\n[a](gone.md)\r\n", "x.md:3:5:", id="CRLF"),
    pytest.param(b"# T\r\rtext\r[a](gone.md)\r", "x.md:4:5:", id="CR only (classic Mac): CommonMark's line ends"),
    pytest.param("caf\u00e9 [a](gone.md)\n".encode("cp1252"), "x.md:1:10:", id="cp1252"),
    pytest.param(b"", None, id="empty"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00[a](gone.md)", None, id="binary"),
])
def test_bad_input_never_breaks_the_run(repo: Path, raw: bytes, expected: str | None) -> None:
    write(repo, {"x.md": raw})
    code, lines, err = check("x.md")
    assert [line.split(" ", 1)[0] for line in lines] == ([expected] if expected else [])
    assert "Traceback" not in err and "internal error" not in err
    assert code == (1 if expected else 0)


def test_a_missing_path_is_one_line(repo: Path) -> None:
    assert check("nope.md") == (1, [], "review-hooks: nope.md: no such file\n")


def test_hook_mode_is_per_file_and_order_independent(repo: Path) -> None:
    write(repo, {"a.md": "# A\n\n[b](b.md#b) [x](x.md)\n", "b.md": "# B\n\n[a](a.md#nope)\n"})
    alone = check("a.md")[1] + check("b.md")[1]
    assert check("b.md", "a.md")[1] == sorted(alone) == [
        "a.md:3:17: broken-link 'x.md' does not exist; correct the link or add the file",
        "b.md:3:5: broken-link 'a.md#nope' matches no heading or anchor in 'a.md'"]


def test_anchors_are_never_read_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.md").write_text("# Outside\n")
    (repo / "link.md").symlink_to(tmp_path / "outside.md")
    write(repo, {"index.md": "[a](link.md#anything)\n"})
    assert check("index.md")[:2] == (0, [])


@pytest.mark.parametrize(("written", "fixed"), [
    pytest.param("./Docs/Plan.md", "./docs/plan.md", id="case, keeps ./"),
    pytest.param("<docs/my notes.mdd>", "<docs/my notes.md>", id="extension, keeps angles and spaces"),
    pytest.param("docs/my%20notes.mdd#goals", "docs/my%20notes.md#goals", id="keeps %20 and the fragment"),
    pytest.param("docs/plan.md#Phase-1", "docs/plan.md#phase-1", id="anchor case"),
    pytest.param("docs/plan.md#phase1", "docs/plan.md#phase-1", id="anchor punctuation"),
    pytest.param("docs/plan.md#phase-1-1", "docs/plan.md#phase-1", id="anchor duplicate suffix"),
])
def test_fix_rewrites_one_safe_candidate_in_the_authors_style(repo: Path, written: str, fixed: str) -> None:
    write(repo, {"docs/plan.md": "# Plan\n\n## Phase 1\n", "docs/my notes.md": "# Notes\n\n## Goals\n",
                 "index.md": f"See [it]({written}).\n"})
    code, lines, _ = check("index.md", fix=True)
    assert (repo / "index.md").read_text() == f"See [it]({fixed}).\n"
    assert len(lines) == 1 and lines[0].endswith("(fixed)") and code == 1
    assert check("index.md")[:2] == (0, [])


@pytest.mark.parametrize(("where", "written", "fixed"), [
    pytest.param("docs/a/index.md", "../../plan.md?plain=1#L2", "../plan.md?plain=1#L2", id="one ../ too many"),
    pytest.param("docs/a/index.md", "/plan.md?plain=1#L2", "/docs/plan.md?plain=1#L2", id="keeps / and the query"),
    pytest.param("docs/index.md", "../plan.md", "plan.md", id="one ../ too many, below the folder itself"),
    pytest.param("docs/a/b/index.md", "../plan.md", "../../plan.md", id="one ../ too few"),
    pytest.param("index.md", "../docs/plan.md", "docs/plan.md", id="one ../ too many, above the root"),
    pytest.param("docs/a/index.md", "../../../docs/plan.md", "../plan.md", id="three ../ above the root"),
])
def test_fix_corrects_a_wrong_depth(repo: Path, where: str, written: str, fixed: str) -> None:
    write(repo, {"docs/plan.md": "# Plan\n\n## Phase 1\n", where: f"See [it]({written}).\n"})
    code, lines, _ = check(where, fix=True)
    assert (repo / where).read_text() == f"See [it]({fixed}).\n"
    assert len(lines) == 1 and lines[0].endswith("(fixed)") and code == 1


def test_above_the_root_a_right_depth_with_a_fragment_is_suggested_not_fixed(repo: Path) -> None:
    """The fragment would be judged by the target's anchors: the depth is named, the link left to its author."""
    write(repo, {"docs/plan.md": "# Plan\n", "index.md": "See [it](../docs/plan.md#nope) and [x](../gone.md).\n"})
    code, lines, _ = check("index.md", fix=True)
    assert (repo / "index.md").read_text() == "See [it](../docs/plan.md#nope) and [x](../gone.md).\n"
    assert code == 1 and lines == [
        "index.md:1:10: broken-link '../docs/plan.md#nope' points outside the repository; GitHub cannot follow a "
        "link above the repository root; did you mean 'docs/plan.md#nope'?",
        "index.md:1:40: broken-link '../gone.md' points outside the repository; GitHub cannot follow a link above "
        "the repository root"]


def test_a_path_fix_whose_fragment_matches_nothing_there_is_no_fix(repo: Path) -> None:
    """node-gyp's docs write ``Ref#List_Filters.md`` (the extension after the fragment): ``Ref.md`` exists, but
    ``#List_Filters.md`` is no anchor in it, so that is no fix; a fragment the fixed path has a fix for is fixed
    with it (links-eval5, case A)."""
    write(repo, {"Ref.md": "# Reference\n\n## List Filters\n",
                 "spec.md": "[a](Ref#List_Filters.md) [b](Ref#list_filters) [c](Ref#list-filters)\n"})
    code, lines, _ = check("spec.md", fix=True)
    fixed = "[a](Ref#List_Filters.md) [b](Ref.md#list-filters) [c](Ref.md#list-filters)\n"
    assert (repo / "spec.md").read_text() == fixed
    assert code == 1 and lines == [
        "spec.md:1:5: broken-link 'Ref#List_Filters.md' does not exist; 'Ref.md#List_Filters.md' matches no heading "
        "or anchor in 'Ref.md'; the most similar is 'Ref.md#list-filters'",
        "spec.md:1:30: broken-link 'Ref#list_filters' does not exist; did you mean 'Ref.md#list-filters'? (fixed)",
        "spec.md:1:52: broken-link 'Ref#list-filters' does not exist; did you mean 'Ref.md#list-filters'? (fixed)"]


def test_a_file_of_that_name_in_an_unrelated_folder_is_a_hint_not_a_fix(repo: Path) -> None:
    """Reviews filed by year repeat their names: 2024's missing q2-review.md is not 2025's."""
    write(repo, {"reviews/2025/q2-review.md": "# Q2\n", "reviews/2024/q3-review.md": "See [Q2](q2-review.md).\n"})
    code, lines, _ = check("reviews/2024/q3-review.md", fix=True)
    assert (repo / "reviews/2024/q3-review.md").read_text() == "See [Q2](q2-review.md).\n"
    assert code == 1 and lines == ["reviews/2024/q3-review.md:1:10: broken-link 'q2-review.md' does not exist; "
                                   "a file of that name is at '../2025/q2-review.md'"]


def test_a_route_written_for_a_docs_site_is_pointed_at_the_page_in_a_folder_of_that_name(repo: Path) -> None:
    """``/using-npm/config`` is the site's route to ``docs/content/using-npm/config.md``, not the folder of a
    bundled package that happens to be called ``config``, nor a script called ``npm``; a page that shares only
    its name (``overview.md`` anywhere) is no hint. Hints only: nothing is rewritten."""
    write(repo, {"docs/content/using-npm/config.md": "# config\n\n## omit\n", "docs/content/commands/npm.md": "# npm\n",
                 "node_modules/@npmcli/config/README.md": "# config\n", "bin/npm": "#!/bin/sh\n",
                 "docs/intro/overview.md": "# O\n",
                 "a.md": "[o](/using-npm/config#omit) [n](/commands/npm) [v](/azure/shell/overview)\n"})
    code, lines, _ = check("a.md", fix=True)
    assert (repo / "a.md").read_text().startswith("[o](/using-npm/config#omit)")
    assert code == 1 and lines == [
        "a.md:1:5: broken-link '/using-npm/config#omit' does not exist; a file of that name is at "
        "'/docs/content/using-npm/config.md#omit'",
        "a.md:1:33: broken-link '/commands/npm' does not exist; a file of that name is at "
        "'/docs/content/commands/npm.md'",
        "a.md:1:52: broken-link '/azure/shell/overview' does not exist (looked for 'azure/shell/overview'); correct "
        "the link or add the file"]


def test_each_url_of_a_srcset_is_checked_and_fixed_where_it_is_written(repo: Path) -> None:
    """A README's light and dark logo (``<picture>``'s ``<source srcset>``, ``<img srcset>``): a missing one is an
    image GitHub cannot show in that theme; every URL of the set is a link, at its own column."""
    write(repo, {"img/dark.png": b"\x89PNG", "img/dark@2x.png": b"\x89PNG", "img/light.png": b"\x89PNG",
                 "README.md": '<picture>\n<source media="(prefers-color-scheme: dark)" srcset="img/dark.png 1x, '
                              'img/Dark@2x.png 2x">\n<img src="img/light.png" srcset="img/ligt.png 2x">\n</picture>\n'})
    code, lines, _ = check("README.md")
    assert code == 1 and lines == [
        "README.md:2:71: broken-link 'img/Dark@2x.png' does not exist (GitHub matches names case-exactly); did you "
        "mean 'img/dark@2x.png'?",
        "README.md:3:34: broken-link 'img/ligt.png' does not exist; the most similar name is 'img/light.png'"]
    check("README.md", fix=True)
    assert 'img/dark.png 1x, img/dark@2x.png 2x"' in (repo / "README.md").read_text()


def test_a_duplicate_suffix_with_several_headings_of_that_name_is_not_fixed(repo: Path) -> None:
    write(repo, {"doc.md": "# Doc\n\n## Notes\n\n## Notes\n\n## Notes\n\n[fourth](#notes-3)\n"})
    code, lines, _ = check("doc.md", fix=True)
    assert (repo / "doc.md").read_text().endswith("[fourth](#notes-3)\n")
    assert code == 1 and lines == ["doc.md:9:10: broken-link '#notes-3' matches no heading or anchor in this "
                                   "document; the most similar is '#notes-2'"]


@pytest.mark.parametrize("written", [
    pytest.param("./notes.md", id="two files of that name"),
    pytest.param("./plann.md", id="only similar"),
    pytest.param("./docs/plan.md#phase", id="anchor only similar"),
])
def test_fix_leaves_ambiguous_and_merely_similar_links(repo: Path, written: str) -> None:
    write(repo, {"docs/plan.md": "# Plan\n\n## Phase 1\n", "a/notes.md": "a\n", "b/notes.md": "b\n",
                 "plan.md": "x\n", "index.md": f"See [it]({written}).\n"})
    code, lines, _ = check("index.md", fix=True)
    assert (repo / "index.md").read_text() == f"See [it]({written}).\n"
    assert len(lines) == 1 and not lines[0].endswith("(fixed)") and code == 1
    assert re.search(r"did you mean|most similar|a file of that name is at", lines[0])


def test_a_target_with_an_apostrophe_is_quoted_like_any_other(repo: Path) -> None:
    write(repo, {"doc.md": "# Doc\n\n## What went well\n\n[x](#what-didn't-go-well)\n"})
    assert check("doc.md")[1] == ["doc.md:5:5: broken-link '#what-didn\\'t-go-well' matches no heading or anchor "
                                  "in this document"]


def test_a_file_inside_a_submodule_is_not_served_by_this_repository(repo: Path) -> None:
    write(repo, {"docs/index.md": "[lib](../vendor/lib) and [readme](../vendor/lib/README.md)\n",
                 "vendor/lib/README.md": "# Lib\n"}, add=False)
    git(repo, "add", "docs/index.md")
    git(repo, "update-index", "--add", "--cacheinfo", "160000,07f67f7fb839b2cd1fdc51e16b48175c6b23e207,vendor/lib")
    assert check("docs/index.md")[1] == [
        "docs/index.md:1:35: broken-link '../vendor/lib/README.md' is inside the submodule 'vendor/lib', whose files "
        "GitHub does not show through this repository; link to the submodule's own repository instead"]


def test_a_name_in_another_unicode_normalisation_is_named_as_such_and_fixed(repo: Path) -> None:
    nfc, nfd = "R\u00fcckblick.md", "Ru\u0308ckblick.md"
    write(repo, {f"reviews/{nfc}": "# R\n", "index.md": f"[r](reviews/{nfd})\n"})
    code, lines, _ = check("index.md", fix=True)
    assert code == 1
    assert lines == [f"index.md:1:5: broken-link 'reviews/{nfd}' does not exist (GitHub matches names byte for "
                     f"byte: they differ in Unicode normalisation, NFC and NFD); did you mean 'reviews/{nfc}'? (fixed)"]
    assert (repo / "index.md").read_text() == f"[r](reviews/{nfc})\n"


def test_a_hint_for_an_entity_written_fragment_stays_a_link(repo: Path) -> None:
    write(repo, {"a.md": "# A\n\n## Notes\n", "index.md": "[n](a.md&#35;note)\n"})
    assert check("index.md")[1] == ["index.md:1:5: broken-link 'a.md&#35;note' matches no heading or anchor in "
                                    "'a.md'; the most similar is 'a.md#notes'"]


def test_a_symlinked_document_is_not_checked_by_the_hook_as_a_scan_skips_it(repo: Path) -> None:
    write(repo, {"docs/2024/q2.md": "# Q2\n\n[q1](./q1.md)\n", "docs/2024/q1.md": "# Q1\n"})
    (repo / "docs" / "latest.md").symlink_to("2024/q2.md")
    git(repo, "add", "-A")
    assert check("docs/latest.md") == (0, [], "")


def test_a_fixed_fragment_writes_an_invisible_character_percent_encoded(repo: Path) -> None:
    write(repo, {"a.md": "# A\n\n## \u26a0\ufe0f Known risks\n", "index.md": "[r](a.md#-known-risks)\n"})
    code, lines, _ = check("index.md", fix=True)
    assert code == 1 and lines[0].endswith("did you mean 'a.md#%EF%B8%8F-known-risks'? (fixed)")
    assert (repo / "index.md").read_text() == "[r](a.md#%EF%B8%8F-known-risks)\n"
    assert check("index.md")[:2] == (0, [])


def test_a_hint_keeps_the_escapes_written_before_the_fragment(repo: Path) -> None:
    write(repo, {"a).md": "# A\n\n## Notes\n", "index.md": "[n](a\\).md#Notes)\n"})
    assert check("index.md")[1] == ["index.md:1:5: broken-link warning: 'a\\).md#Notes' differs from the anchor "
                                    "'#notes' in 'a).md' only in case: it works on github.com, which ignores case in "
                                    "fragments, and breaks where case matters (GitLab, VS Code's preview, most site "
                                    "generators); write 'a\\).md#notes'"]


def test_a_hint_into_an_unrelated_folder_keeps_the_fragment_only_where_that_file_has_the_heading(repo: Path) -> None:
    # links11: the hint '/guide/setup.md#...' was itself a broken link
    write(repo, {"guide/setup.md": "# Setup\n\n## Install\n",
                 "a.md": "[x](old/setup.md#install) [y](old/setup.md#gone)\n"})
    assert check("a.md")[1] == [
        "a.md:1:5: broken-link 'old/setup.md#install' does not exist; a file of that name is at "
        "'guide/setup.md#install'",
        "a.md:1:31: broken-link 'old/setup.md#gone' does not exist; a file of that name is at 'guide/setup.md'"]


def test_a_folder_page_of_the_same_name_elsewhere_is_no_hint(repo: Path) -> None:
    # links11: '../ci/README.md' was hinted at every README.md, the linking file's own among them
    write(repo, {"docs/a/README.md": "# A\n", "docs/README.md": "[CI](../ci/README.md) [A](../x/a/README.md)\n"})
    assert check("docs/README.md")[1] == [
        "docs/README.md:1:6: broken-link '../ci/README.md' does not exist (looked for 'ci/README.md'); correct the "
        "link or add the file",
        "docs/README.md:1:27: broken-link '../x/a/README.md' does not exist; a file of that name is at 'a/README.md'"]
