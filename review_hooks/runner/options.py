"""What a run is asked to do, and what one file's processing gives back (shared by the workers)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_hooks.finding import Finding


@dataclass(frozen=True)
class RunOptions:
    scan: bool = False  # list git-tracked files below the paths instead of taking them as given
    select: tuple[str, ...] = ()  # empty: the configuration's selection
    fix: bool = False
    diff: bool = False  # show what a fix would change, write nothing
    output_format: str = ""  # empty: text, or github under GitHub Actions
    exit_zero: bool = False
    config_path: Path | None = None
    overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    jobs: int = 0  # worker processes for a scan: 0 = one per core, 1 = none
    changed_since: str = ""  # scan only files changed since this revision (changed.py)
    staged: bool = False  # scan only staged files
    baseline: Path | None = None  # report only findings not in this baseline (baseline.py)
    write_baseline: Path | None = None  # record the findings here instead of reporting them
    baseline_stale: bool = False  # report stale baseline entries and exit 1 if there are any
    show_suppressed: bool = False  # pass suppressed findings to the reporter (SARIF marks them)
    quiet: bool = False  # no notes about skipped files or unapplied fixes, no progress bar
    statistics: bool = False  # counts per check and of skipped files, on stderr


@dataclass
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one stderr line each
    failed: bool = False  # a path named on the command line could not be checked
    changed: bool = False  # a fixer changed the file (or would, with --diff)
    error: bool = False  # an internal error or a failed write
    skipped: str = ""  # the Skip kind, for statistics
    tallies: dict[str, str] = field(default_factory=dict)  # check id -> what the file counts as (Check.tally)
