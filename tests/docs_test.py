"""The registry, the hook manifest, the README and the fixtures name the same checks."""

from __future__ import annotations

import re

import yaml

from review_hooks.checks import CHECKS
from review_hooks.registry import IDS
from tests.conftest import FIXTURES, ROOT

ALL_CHECKS_HOOK = "review-hooks"


def test_manifest_has_one_hook_per_check_and_the_all_in_one_hook() -> None:
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook_ids = {hook["id"] for hook in manifest}
    assert hook_ids == {check.hook for check in CHECKS} | {ALL_CHECKS_HOOK}
    for hook in manifest:
        expected = "review-hooks check" if hook["id"] == ALL_CHECKS_HOOK else f"review-hooks {hook['id']}"
        assert hook["entry"] == expected, hook["id"]
        assert hook["language"] == "python"


def test_readme_has_one_section_per_check() -> None:
    readme = (ROOT / "README.md").read_text()
    checks_part = readme.split("\n## Checks\n", 1)[1].split("\n## ", 1)[0]
    sections = re.findall(r"^### ([a-z-]+)$", checks_part, re.MULTILINE)
    assert sections == list(IDS)


def test_fixture_folders_are_the_check_ids() -> None:
    folders = {path.name for path in FIXTURES.iterdir() if path.is_dir()} - {"seeds"}
    assert folders == set(IDS)


def test_every_check_documents_itself() -> None:
    for check in CHECKS:
        assert check.doc.strip().startswith(f"{check.id}:"), check.id
        assert "**Fix safety.**" in check.doc, check.id
