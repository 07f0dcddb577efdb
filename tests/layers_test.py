"""The layering contract of ``pyproject.toml`` ([tool.importlinter]) holds, and it can fail.

``lint-imports`` reads every import of the package, including imports inside functions and
those made only for type checking, and fails when a module imports one of a higher layer.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` run on the package and contract in ``folder`` (the package imported from there)."""
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"})


def test_the_package_keeps_its_layers() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_from_a_higher_layer_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "review_hooks", tmp_path / "review_hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    finding = tmp_path / "review_hooks" / "finding.py"  # a core value reaching up to the runner
    finding.write_text(finding.read_text() + "\nfrom review_hooks.runner import run  # noqa: E402, F401\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 kept, 1 broken" in result.stdout
    assert "review_hooks.finding -> review_hooks.runner.run" in result.stdout


def test_no_module_imports_itself_back() -> None:
    """No import circles, inside a package too (the layers contract only sees imports across layers)."""
    import grimp

    graph = grimp.build_graph("review_hooks", cache_dir=None)
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    circles = []
    for module, imported in imports.items():
        for other in imported:
            if other != module and graph.chain_exists(importer=other, imported=module):
                circles.append((module, other))
    assert circles == []
