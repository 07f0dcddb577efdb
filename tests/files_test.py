"""Which files a scan reads: each tracked file once, however often a folder above it is named."""

from __future__ import annotations

import os
from pathlib import Path

from review_hooks import config as configuration
from review_hooks import files
from review_hooks.repository import Repository
from tests.checks.broken_link_test import write
from tests.conftest import git


def test_a_file_below_two_named_folders_is_scanned_once(repo: Path) -> None:
    write(repo, {"a.md": "a\n", "docs/b.md": "b\n", "docs/deep/c.md": "c\n", "docs/é x.md": "d\n"})
    targets = list(files.scan_targets([".", "docs", "./docs/deep/../deep"], Repository(repo),
                                      configuration.load(None, repo)))
    assert [(t.path, t.named) for t in targets] == [
        ("a.md", False), ("docs/b.md", False), ("docs/deep/c.md", False), ("docs/é x.md", False)]


def test_tracked_keys_are_the_normalised_absolute_paths(repo: Path) -> None:
    write(repo, {"x/y/z.md": "z\n", "x/w.md": "w\n"})
    here = os.getcwd().rstrip(os.sep) + os.sep
    found = files._tracked_below(Path("x"), Repository(repo), here)
    assert [key for key, _ in found] == [os.path.normpath(os.path.join(here, file)) for _, file in found]
    assert [key for key, _ in found] == [str(repo / "x" / "w.md"), str(repo / "x" / "y" / "z.md")]


def test_a_named_file_is_named(repo: Path) -> None:
    write(repo, {"docs/b.md": "b\n"})
    targets = list(files.scan_targets(["docs/b.md"], Repository(repo), configuration.load(None, repo)))
    assert [(t.path, t.named) for t in targets] == [("docs/b.md", True)]


def test_attributes_of_many_paths_are_read_in_one_pass(repo: Path) -> None:
    write(repo, {".gitattributes": "*.bin binary\n*.md conflict-marker-size=9\n", "a/b/c.md": "c\n", "a/d.bin": "d",
                 "e.txt": "e\n", "f/.gitattributes": "*.txt -diff\n", "f/g.txt": "g\n"})
    repository = Repository(repo)
    names = ("a/b/c.md", "a/d.bin", "e.txt", "f/g.txt")
    repository.prefetch_attributes([repo / name for name in names])
    assert [dict(repository.attributes(repo / name)) for name in names] == [
        {"conflict-marker-size": "9"}, {"binary": "set", "diff": "unset", "text": "unset"}, {}, {"diff": "unset"}]


def test_a_named_pipe_is_not_read_and_fails_the_run(repo: Path) -> None:
    import io

    from review_hooks.runner.run import RunOptions, run

    os.mkfifo(repo / "notes.md")
    out, err = io.StringIO(), io.StringIO()
    assert run(["notes.md"], RunOptions(), out, err) == 1  # it would have blocked a read forever
    assert err.getvalue() == ("review-hooks: notes.md: is not a regular file (a named pipe, socket or device); "
                              "nothing was read\n")


def test_the_repository_root_named_is_a_folder_not_a_submodule(repo: Path) -> None:
    config = configuration.load(None)
    for name in (".", str(repo)):
        skip = files.read(files.Target(name, Path(name), named=True), config, Repository(repo))
        assert isinstance(skip, files.Skip) and skip.reason == "is a directory, not a file"
    (repo / "vendor").mkdir()
    (repo / "vendor" / ".git").mkdir()
    skip = files.read(files.Target("vendor", Path("vendor"), named=True), config, Repository(repo))
    assert isinstance(skip, files.Skip) and skip.reason.startswith("is a submodule")


def test_a_file_named_through_a_link_to_the_repository_is_the_repository_s(repo: Path, tmp_path: Path) -> None:
    """``check ../r.link/vendor/a.md``: the repository by another name; its configuration, git's view and its
    site-root links hold as for ``vendor/a.md`` (exclude was ignored, ``/b.md`` did not exist)."""
    import io

    from review_hooks.runner.run import RunOptions, run

    write(repo, {".review-hooks.toml": 'exclude = ["vendor/**"]\n', "vendor/a.md": "<<<<<<< HEAD\nx\n=======\ny\n"
                 ">>>>>>> b\n", "b.md": "# B\n", "c.md": "# C\n\n[t](/b.md) [u](/gone.md)\n"})
    alias = tmp_path / "r.link"
    alias.symlink_to(repo)
    out = io.StringIO()
    assert run([str(alias / "vendor" / "a.md"), str(alias / "c.md")], RunOptions(), out, io.StringIO()) == 1
    inside = io.StringIO()
    assert run(["vendor/a.md", "c.md"], RunOptions(), inside, io.StringIO()) == 1
    assert out.getvalue() == inside.getvalue().replace("c.md", str(alias / "c.md"), 1) != ""  # as named inside


def test_a_file_of_another_repository_reads_its_site_root_links_from_that_root(repo: Path, tmp_path: Path) -> None:
    import io

    from review_hooks.runner.run import RunOptions, run

    other = tmp_path / "other"
    write(other, {"b.md": "# B\n", "docs/c.md": "# C\n\n[t](/b.md) [u](/gone.md) [v](../b.md)\n"}, add=False)
    git(other, "init", "-q")
    out = io.StringIO()
    assert run(["../other/docs/c.md"], RunOptions(), out, io.StringIO()) == 1
    assert out.getvalue() == ("../other/docs/c.md:3:16: broken-link '/gone.md' does not exist; correct the link or "
                              "add the file\n")
