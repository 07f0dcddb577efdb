"""Which files a scan reads: each tracked file once, however often a folder above it is named."""

from __future__ import annotations

import os
from pathlib import Path

from review_hooks import config as configuration
from review_hooks import files
from review_hooks.repository import Repository
from tests.checks.broken_link_test import write


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
