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


def test_the_architecture_page_names_every_package_and_the_layers_of_the_contract() -> None:
    import tomllib

    page = (ROOT / "docs" / "architecture.md").read_text()
    for package in (p.parent.name for p in (ROOT / "review_hooks").glob("*/__init__.py")):
        assert f"\n  {package}/" in page, package
    (contract,) = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    for number, layer in enumerate(contract["layers"], start=1):
        names = " \\| ".join(f"`{name.removeprefix('review_hooks.')}`" for name in layer.split(" | "))
        assert f"| {number} | {names} |" in page, layer
