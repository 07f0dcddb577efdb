"""What a run is asked to do, and what one file's processing gives back (shared by the workers).

A NamedTuple and a plain class, not dataclasses, for the hooks' start-up (see ``review_hooks.finding.Finding``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from review_hooks.finding import Finding, Problem


class RunOptions(NamedTuple):
    scan: bool = False  # list git-tracked files below the paths instead of taking them as given
    select: tuple[str, ...] = ()  # empty: the configuration's selection
    fix: bool = False
    diff: bool = False  # show what a fix would change, write nothing
    output_format: str = ""  # empty: text, or github under GitHub Actions
    exit_zero: bool = False
    config_path: Path | None = None
    overrides: Mapping[str, Mapping[str, Any]] | None = None  # check id -> its options given on the command line
    jobs: int = 0  # worker processes for a scan: 0 = one per core, 1 = none
    changed_since: str = ""  # scan only files changed since this revision (changed.py)
    staged: bool = False  # scan only staged files
    baseline: Path | None = None  # report only findings not in this baseline (baseline.py)
    write_baseline: Path | None = None  # record the findings here instead of reporting them
    baseline_stale: bool = False  # report stale baseline entries and exit 1 if there are any
    show_suppressed: bool = False  # pass suppressed findings to the reporter (SARIF marks them)
    quiet: bool = False  # no notes about skipped files or unapplied fixes, no progress bar
    statistics: bool = False  # counts per check and of skipped files, on stderr


class FileResult:
    """One file's outcome; the runner fills it in as the file is checked and fixed."""

    __slots__ = ("changed", "error", "failed", "findings", "notes", "problems", "skipped", "tallies")

    def __init__(self, findings: list[Finding] | None = None, notes: list[str] | None = None, failed: bool = False,
                 changed: bool = False, error: bool = False, skipped: str = "",
                 tallies: dict[str, str] | None = None, problems: list[Problem] | None = None) -> None:
        self.findings: list[Finding] = findings if findings is not None else []
        self.notes: list[str] = notes if notes is not None else []  # one stderr line each
        self.failed = failed  # a path named on the command line could not be checked
        self.changed = changed  # a fixer changed the file (or would, with --diff)
        self.error = error  # an internal error or a failed write
        self.skipped = skipped  # the Skip kind, for statistics
        self.tallies: dict[str, str] = tallies if tallies is not None else {}  # check id -> Check.tally's value
        #: each problem that fails the run (a file not checked, a fix not written, an internal error): also said
        #: by a note; the formats a CI reads (annotations, SARIF) carry them too
        self.problems: list[Problem] = problems if problems is not None else []

    def __repr__(self) -> str:
        return f"FileResult({', '.join(f'{name}={getattr(self, name)!r}' for name in self.__slots__)})"
