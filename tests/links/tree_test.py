"""The run's tree of a repository lives as long as that repository, not as long as the process."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from review_hooks import config as configuration
from review_hooks.check import Context
from review_hooks.links import tree
from review_hooks.repository import Repository
from tests.conftest import git


def test_a_repositorys_tree_is_shared_in_its_run_and_let_go_with_it(repo: Path) -> None:
    (repo / "a.md").write_text("# A\n")
    git(repo, "add", "a.md")
    repository = Repository(repo)
    context = Context(configuration.load(start=repo), repository)
    first = tree.Tree.of(context, repository.root)
    assert tree.Tree.of(context, repository.root) is first  # one per run: git is asked once
    assert (first.kind("a.md"), first.kind("b.md"), first.repository) == ("file", None, repository)
    gone = weakref.ref(repository)
    trees = len(tree._TREES)
    del repository, context, first
    gc.collect()
    assert gone() is None  # a process that runs again (a library caller, a test suite) does not keep it
    assert len(tree._TREES) == trees - 1
