"""Links broken elsewhere by a change: reported in the unchanged linking file, once per commit."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from review_hooks.links import change as changes
from review_hooks.runner.options import RunOptions
from review_hooks.runner.run import run
from tests.conftest import commit, git

DOCS = {
    "index.md": "# Index\n\nSee [the plan](plan.md) and [risks](reviews/q3.md#known-risks).\n"
                "Also [setup](./guides/setup.md) and [the guides](guides/).\n",
    "notes.md": "# Notes\n\n[the plan's risks](./plan.md#risks)\n",
    "plan.md": "# Plan\n\nWhat we will do, in enough words for git to pair a rename.\n\n## Risks\n\nNone.\n",
    "guides/setup.md": "# Setup\n\nHow to set up, in enough words for git to pair a rename.\n",
    "reviews/q3.md": "# Q3\n\n## Known risks\n\nSome.\n\n## Costs\n\nMany.\n",
}
STAGED = RunOptions(scan=True, staged=True, jobs=1)


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")


@pytest.fixture
def docs(repo: Path) -> Path:
    write(repo, DOCS)
    commit(repo)
    return repo


def lines(paths: list[str], options: RunOptions) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run(paths, options, out, io.StringIO())
    return code, out.getvalue().splitlines()


@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(("mv", "plan.md", "roadmap.md"), [
        "index.md:3:16: broken-link 'plan.md' was renamed to 'roadmap.md' in this change; did you mean 'roadmap.md'?",
        "notes.md:3:20: broken-link 'plan.md' was renamed to 'roadmap.md' in this change; "
        "did you mean './roadmap.md#risks'?"], id="rename"),
    pytest.param(("rm", "-q", "guides/setup.md"), [
        "index.md:4:14: broken-link 'guides/setup.md' was deleted in this change; restore it, or correct or "
        "remove the link",
        "index.md:4:50: broken-link folder 'guides' was removed in this change; correct or remove the link"],
        id="deletion"),
    pytest.param(("mv", "guides", "handbook"), [
        "index.md:4:14: broken-link 'guides/setup.md' was moved to 'handbook/setup.md' in this change; "
        "did you mean './handbook/setup.md'?",
        "index.md:4:50: broken-link folder 'guides' was moved to 'handbook' in this change; "
        "did you mean 'handbook/'?"], id="folder move"),
])
def test_a_path_the_change_removes_is_reported_where_it_is_linked(docs: Path, change: tuple[str, ...],
                                                                  expected: list[str]) -> None:
    git(docs, *change)
    assert lines([], STAGED) == (1, expected)


def test_a_renamed_heading_is_reported_in_the_linking_file(docs: Path) -> None:
    write(docs, {"reviews/q3.md": DOCS["reviews/q3.md"].replace("Known risks", "Open risks")})
    git(docs, "add", "reviews/q3.md")
    assert lines([], STAGED) == (1, [
        'index.md:3:37: broken-link heading "Known risks" in reviews/q3.md is now "Open risks" (#open-risks); '
        "did you mean 'reviews/q3.md#open-risks'?"])


def test_a_renamed_heading_linked_through_an_entity_gets_a_whole_suggestion(docs: Path) -> None:
    """A ``#`` written ``&#35;`` is a fragment too: the suggestion replaces the fragment, not the entity's tail
    (one ``suggest.with_fragment`` serves the direct and the inbound findings)."""
    write(docs, {"index.md": DOCS["index.md"].replace("q3.md#known-risks", "q3.md&#35;known-risks")})
    commit(docs, "entity")
    write(docs, {"reviews/q3.md": DOCS["reviews/q3.md"].replace("Known risks", "Open risks")})
    git(docs, "add", "reviews/q3.md")
    code, found = lines([], STAGED)
    assert code == 1 and len(found) == 1
    assert found[0].endswith("did you mean 'reviews/q3.md#open-risks'?"), found


@pytest.mark.parametrize("edit", [
    pytest.param({"reviews/q3.md": DOCS["reviews/q3.md"].replace("Costs", "Expenses")}, id="unlinked heading"),
    pytest.param({"plan.md": DOCS["plan.md"] + "\nMore words.\n"}, id="text only"),
    pytest.param({"index.md": DOCS["index.md"].replace("plan.md", "roadmap.md"),
                  "notes.md": DOCS["notes.md"].replace("plan.md", "roadmap.md")}, id="rename with its links"),
])
def test_a_change_that_breaks_no_link_passes(docs: Path, edit: dict[str, str]) -> None:
    if "index.md" in edit:
        git(docs, "mv", "plan.md", "roadmap.md")
    write(docs, edit)
    git(docs, "add", "-A")
    assert lines([], STAGED) == (0, [])


def test_fix_follows_the_rename_in_the_authors_style(docs: Path) -> None:
    git(docs, "mv", "plan.md", "roadmap.md")
    write(docs, {"reviews/q3.md": DOCS["reviews/q3.md"].replace("Known risks", "Open risks")})
    git(docs, "add", "-A")
    code, found = lines([], RunOptions(scan=True, staged=True, jobs=1, fix=True))
    assert code == 1 and len(found) == 3 and all(line.endswith("(fixed)") for line in found)
    assert (docs / "index.md").read_text() == DOCS["index.md"].replace("(plan.md)", "(roadmap.md)").replace(
        "#known-risks", "#open-risks")
    assert (docs / "notes.md").read_text() == "# Notes\n\n[the plan's risks](./roadmap.md#risks)\n"
    git(docs, "add", "-A")
    assert lines([], STAGED) == (0, [])


def test_an_ambiguous_rename_is_only_suggested(docs: Path) -> None:
    (docs / "a").mkdir()
    git(docs, "mv", "plan.md", "a/plan.md")
    write(docs, {"b/plan.md": "# Another plan\n"})
    git(docs, "add", "-A")
    code, found = lines([], RunOptions(scan=True, staged=True, jobs=1, fix=True))
    assert code == 1 and found[0].startswith("index.md:3:16: broken-link 'plan.md' was moved to 'a/plan.md'")
    assert not any(line.endswith("(fixed)") for line in found)
    assert (docs / "index.md").read_text() == DOCS["index.md"]


def test_suppressions_and_ignored_targets_hold(docs: Path) -> None:
    write(docs, {"notes.md": "<!-- review-hooks: disable-file broken-link -->\n" + DOCS["notes.md"],
                 ".review-hooks.toml": '[broken-link]\nignore = ["reviews/**"]\n'})
    commit(docs)
    git(docs, "mv", "plan.md", "roadmap.md")
    write(docs, {"reviews/q3.md": DOCS["reviews/q3.md"].replace("Known risks", "Open risks")})
    git(docs, "add", "-A")
    assert [line.split(" ", 1)[0] for line in lines([], STAGED)[1]] == ["index.md:3:16:"]


def test_changed_since_reads_the_branch(docs: Path) -> None:
    git(docs, "checkout", "-q", "-b", "topic")
    git(docs, "mv", "plan.md", "roadmap.md")
    commit(docs, "rename")
    code, found = lines([], RunOptions(scan=True, changed_since="main", jobs=1))
    assert code == 1 and found[0] == ("index.md:3:16: broken-link 'plan.md' was renamed to 'roadmap.md' since main; "
                                      "did you mean 'roadmap.md'?")


def test_a_hook_under_pre_commit_checks_the_staged_change(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(docs, "rm", "-q", "plan.md")
    hook = RunOptions(select=("broken-link",))
    assert lines([], hook) == (0, [])  # not under pre-commit: exactly the files given, none
    monkeypatch.setenv("PRE_COMMIT", "1")
    code, found = lines([], hook)  # a delete-only commit passes no file
    assert code == 1 and [line.split(" ", 1)[0] for line in found] == ["index.md:3:16:", "notes.md:3:20:"]
    assert lines([], RunOptions(select=("conflict-markers",))) == (0, [])  # only with broken-link


def test_a_commit_without_removals_costs_one_diff(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under pre-commit, a commit that removes no path and touches no heading line adds one git process."""
    from review_hooks import repository as repository_module

    write(docs, {"plan.md": DOCS["plan.md"] + "\nMore words, and [a link](./nowhere.md).\n"})
    git(docs, "add", "plan.md")
    calls: list[str] = []
    for module in (changes, repository_module):
        monkeypatch.setattr(module, "git", lambda root, *args, real=module.git, **kw: calls.append(args[0])
                            or real(root, *args, **kw))
    plain = lines(["plan.md"], RunOptions(select=("broken-link",)))
    before, calls[:] = list(calls), []
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert lines(["plan.md"], RunOptions(select=("broken-link",))) == plain
    assert sorted(calls) == sorted([*before, "diff"])


def test_each_breakage_is_reported_once_however_pre_commit_splits_the_files(
        docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pre-commit shuffles a hook's files and splits them (over 128 KiB, and over the cores): every batch
    is its own process, and exactly one owns the inbound part."""
    from pre_commit.lang_base import _shuffled
    from pre_commit.xargs import partition

    names = [f"reviews/{'long-folder-name-' * 4}{index:04}.md" for index in range(1600)]
    write(docs, dict.fromkeys(names, "# Review\n\nNothing linked.\n"))
    write(docs, {"a-staged.md": "# Staged\n\n[plan](plan.md)\n"})  # in the change: checked as given, once
    git(docs, "mv", "plan.md", "roadmap.md")
    git(docs, "add", "-A")
    files = sorted([*names, "a-staged.md", "roadmap.md"])
    assert sum(len(name) + 1 for name in files) > 128 * 1024
    monkeypatch.setenv("PRE_COMMIT", "1")
    for concurrency in (1, 4):
        batches = partition(("review-hooks", "check-links"), _shuffled(files), concurrency, 128 * 1024)
        assert len(batches) > 1
        found = [line for batch in batches for line in lines(list(batch[2:]), RunOptions(select=("broken-link",)))[1]]
        assert sorted(line.split(" ", 1)[0] for line in found) == ["a-staged.md:3:8:", "index.md:3:16:",
                                                                    "notes.md:3:20:"]
        assert all("renamed to 'roadmap.md' in this change" in line for line in found)


def test_a_run_given_files_outside_the_change_checks_them_as_they_are(docs: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """``pre-commit run --all-files`` (or ``--files``) passes files the commit does not hold: each is checked
    as given, with where git says the target went, and no inbound part repeats it."""
    git(docs, "mv", "plan.md", "roadmap.md")
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert lines(["index.md", "roadmap.md", "notes.md"], RunOptions(select=("broken-link",))) == (1, [
        "index.md:3:16: broken-link 'plan.md' does not exist; renamed to 'roadmap.md' in this change; "
        "did you mean 'roadmap.md'?",
        "notes.md:3:20: broken-link './plan.md#risks' does not exist; renamed to 'roadmap.md' in this change; "
        "did you mean './roadmap.md#risks'?"])


def test_a_scan_of_some_folders_reports_inbound_links_below_them_only(docs: Path) -> None:
    write(docs, {"reviews/summary.md": "# Summary\n\n[plan](../plan.md)\n"})
    commit(docs)
    git(docs, "mv", "plan.md", "roadmap.md")
    assert lines(["reviews"], STAGED) == (1, [
        "reviews/summary.md:3:8: broken-link 'plan.md' was renamed to 'roadmap.md' in this change; "
        "did you mean '../roadmap.md'?"])


def test_a_scan_path_with_dot_dot_keeps_its_inbound_links(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``scan --staged ../reviews`` from another folder names the same folder as ``reviews`` from the root:
    paths compare lexically, so the inbound links below it are not dropped."""
    write(docs, {"reviews/summary.md": "# Summary\n\n[plan](../plan.md)\n"})
    commit(docs)
    git(docs, "mv", "plan.md", "roadmap.md")
    monkeypatch.chdir(docs / "guides")
    code, found = lines(["../reviews"], STAGED)
    assert code == 1 and [line.split(": ", 1)[0] for line in found] == ["../reviews/summary.md:3:8"], found


@pytest.mark.parametrize(("staged", "given", "owns"), [
    pytest.param(["b.md", "a.txt"], ["b.md"], True, id="the first staged Markdown file, before any .txt"),
    pytest.param(["b.md", "a.txt"], ["a.txt"], False, id="a .txt when Markdown is staged"),
    pytest.param(["b.txt", "a.png"], ["b.txt"], True, id="the first .txt when no Markdown is staged"),
    pytest.param(["b.md", "c.md"], ["c.md"], False, id="a later Markdown file"),
    pytest.param(["b.md"], [], True, id="no file at all"),
    pytest.param(["b.md"], ["b.md", "index.md"], False, id="a file outside the change: not a commit"),
])
def test_the_owner_of_the_inbound_part(docs: Path, staged: list[str], given: list[str], owns: bool) -> None:
    from review_hooks import config as configuration
    from review_hooks.check import Context
    from review_hooks.repository import Repository
    from review_hooks.runner.inbound import owner

    write(docs, dict.fromkeys(staged, "text\n"))
    git(docs, "rm", "-q", "plan.md")
    git(docs, "add", "-A")
    repository = Repository(docs)
    change = changes.staged(repository, None)
    assert owner(given, repository, change, Context(configuration.load(start=docs), repository)) == owns


def test_fix_keeps_crlf_and_bom_and_follows_a_heading_renamed_in_the_moved_file(docs: Path) -> None:
    (docs / "notes.md").write_bytes(b"\xef\xbb\xbf# Notes\r\n\r\n[the plan's risks](./plan.md#risks)\r\n")
    (docs / "binary.md").write_bytes(b"[plan](plan.md)\0\n")  # names the target, but is no text: not reported
    commit(docs)
    git(docs, "mv", "plan.md", "roadmap.md")
    write(docs, {"roadmap.md": DOCS["plan.md"].replace("## Risks", "## Dangers")})
    git(docs, "add", "-A")
    err = io.StringIO()
    code = run([], RunOptions(scan=True, staged=True, jobs=1, fix=True), out := io.StringIO(), err)
    found = out.getvalue().splitlines()
    assert "binary.md" not in out.getvalue() + err.getvalue()
    assert code == 1 and "notes.md:3:20: broken-link 'plan.md' was renamed to 'roadmap.md' in this change; " \
        "did you mean './roadmap.md#dangers'? (fixed)" in found
    fixed = b"\xef\xbb\xbf# Notes\r\n\r\n[the plan's risks](./roadmap.md#dangers)\r\n"
    assert (docs / "notes.md").read_bytes() == fixed


def test_the_console_script_scan_staged(docs: Path) -> None:
    import subprocess
    import sys

    git(docs, "mv", "guides", "handbook")
    done = subprocess.run([sys.executable, "-m", "review_hooks", "scan", "--staged"], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[0] == ("index.md:4:14: broken-link 'guides/setup.md' was moved to "
                                           "'handbook/setup.md' in this change; did you mean './handbook/setup.md'?")


def test_a_table_of_contents_follows_a_heading_renamed_in_its_own_document(docs: Path) -> None:
    """The renamed document is in the change (checked as given): its own links say what the heading became."""
    toc = "# Q3\n\n- [Known risks](#known-risks)\n- [Extra](#extra)\n\n"
    write(docs, {"reviews/q3.md": toc + "## Known risks\n\n## Costs\n\n## Extra\n"})
    commit(docs)
    write(docs, {"reviews/q3.md": toc + "## Open risks\n\n## Costs\n"})
    git(docs, "add", "-A")
    code, found = lines(["reviews"], RunOptions(scan=True, staged=True, jobs=1, fix=True))
    assert (code, found) == (1, [
        "reviews/q3.md:3:17: broken-link '#known-risks' matches no heading: heading \"Known risks\" in reviews/q3.md "
        "is now \"Open risks\" (#open-risks); did you mean '#open-risks'? (fixed)",
        "reviews/q3.md:4:11: broken-link '#extra' matches no heading: heading \"Extra\" in reviews/q3.md was removed "
        "in this change; link to another heading or remove the fragment"])
    assert (docs / "reviews/q3.md").read_text() == toc.replace("(#known-risks)", "(#open-risks)") + \
        "## Open risks\n\n## Costs\n"
