"""The command line: parse options, call the runner, exit with its code.

``review-hooks scan [PATH...]`` checks the git-tracked files below the paths;
``review-hooks check FILE...`` and the per-check commands (one per registry entry,
named like its pre-commit hook) check exactly the files given. A click command's return
value is ignored in standalone mode, so every command exits through ``ctx.exit``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from review_hooks import __version__
from review_hooks.check import Check
from review_hooks.checks import CHECKS
from review_hooks.links.history import LIMIT_COMMITS, LIMIT_SECONDS
from review_hooks.registry import FIXING_HOOKS, IDS
from review_hooks.report.formats import REPORTERS
from review_hooks.runner.exit import exit_with
from review_hooks.runner.options import RunOptions
from review_hooks.runner.run import run

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def _common(checks: Sequence[Check], select: bool, fix: bool = True) -> Decorator:
    """The options shared by every checking command, plus the options of ``checks``."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        for check in checks:
            for option in reversed(check.cli_options):
                function = click.option(option.flag, _dest(check, option.key),
                                        is_flag=option.is_flag, default=None, help=f"[{check.id}] {option.help}",
                                        type=None if option.is_flag else click.Path(dir_okay=False))(function)
        options = [
            click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default=None,
                         help="Output format (default: text; github under GitHub Actions)."),
            click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings."),
            click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                         help="Configuration file (default: discovered from the current folder)."),
            click.option("--diff", is_flag=True, help="Show what the fixers would change; write nothing."),
            *_ADOPTION_OPTIONS,
        ]
        if select:
            options.insert(0, click.option("--select", help=f"Comma-separated check ids: {','.join(IDS)}."))
        if fix:
            options.append(click.option("--fix", is_flag=True, help="Apply the fixers' repairs in place."))
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


_BASELINE_PATH = click.Path(dir_okay=False, path_type=Path)
_ADOPTION_OPTIONS = (
    click.option("--baseline", type=_BASELINE_PATH, help="Report only findings not recorded in this baseline file."),
    click.option("--write-baseline", type=_BASELINE_PATH,
                 help="Record the findings in this baseline file (instead of reporting them) and exit 0."),
    click.option("--baseline-stale", is_flag=True,
                 help="With --baseline: list entries that no longer match a finding, and exit 1 if any."),
    click.option("--show-suppressed", is_flag=True,
                 help="Give suppressed findings to the reporter (SARIF marks them)."),
    click.option("--quiet", "-q", is_flag=True, help="Findings and errors only: no notes, no progress bar."),
    click.option("--statistics", is_flag=True, help="Print counts per check and of skipped files on stderr."),
)
_SCAN_OPTIONS = (
    click.option("--changed-since", metavar="REV",
                 help="Only files changed between REV (its merge base with HEAD) and the working tree; broken-link "
                      "also checks the links elsewhere into what that change renamed, deleted or moved."),
    click.option("--staged", is_flag=True, help="Only files with staged changes; broken-link also checks the links "
                                                "elsewhere into what the staged change renamed, deleted or moved."),
)
#: How the inbound part of broken-link and its history lookup are described in ``--help``.
_INBOUND_HELP = (
    "\n\nUnder pre-commit (PRE_COMMIT=1), broken-link also reads the staged change from git, once per "
    "commit: links in other tracked documents into a path or heading the change renamed, deleted or moved "
    "are reported there (and rewritten by --fix when the rename is unambiguous). A missing target says "
    f"where git history moved it, looking back at most {LIMIT_COMMITS} commits that renamed or deleted "
    f"files and {LIMIT_SECONDS:g} s of git log."
)
_OVERRIDES: dict[str, tuple[str, str]] = {}  # click parameter name -> (check id, configuration key)


def _dest(check: Check, key: str) -> str:
    name = f"opt_{check.id}__{key}".replace("-", "_")
    _OVERRIDES[name] = (check.id, key)
    return name


def _execute(paths: Sequence[str], scan: bool, select: Sequence[str], fix: bool, params: dict[str, Any]) -> None:
    overrides: dict[str, dict[str, Any]] = {}
    for name in [name for name in params if name in _OVERRIDES]:
        value = params.pop(name)
        if value is not None:
            check_id, key = _OVERRIDES[name]
            overrides.setdefault(check_id, {})[key] = value
    if params["baseline_stale"] and not params["baseline"]:
        raise click.UsageError("--baseline-stale needs --baseline FILE")
    if params.get("changed_since") is not None and not params["changed_since"].strip():
        raise click.UsageError("--changed-since needs a revision (a branch, a tag or a commit), not an empty one")
    options = RunOptions(
        scan=scan, select=tuple(select), fix=fix, diff=params["diff"], output_format=params["output_format"] or "",
        exit_zero=params["exit_zero"], config_path=params["config_path"], overrides=overrides,
        changed_since=params.get("changed_since") or "", staged=params.get("staged", False),
        baseline=params["baseline"], write_baseline=params["write_baseline"], baseline_stale=params["baseline_stale"],
        show_suppressed=params["show_suppressed"], quiet=params["quiet"], statistics=params["statistics"],
        jobs=params.get("jobs") or 0,
    )
    click.get_current_context().exit(run(paths, options))


def _split(select: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (select or "").split(",") if part.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="review-hooks")
def cli() -> None:
    """Pre-commit hooks and CI checks that keep Markdown review documents trustworthy."""


def _scan_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_SCAN_OPTIONS):
        function = option(function)
    return function


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # the runner says why a file cannot be read
@_common(CHECKS, select=True)
@_scan_options
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
              help="Worker processes (default 0: one per core; 1: none). Small scans use none.")
def scan(paths: tuple[str, ...], select: str | None, fix: bool, **params: Any) -> None:
    """Check the git-tracked files below PATHS (default: the current repository).

    \b
    A missing link target says where git history moved it (see check-links --help).
    """
    _execute(paths, True, _split(select), fix, params)  # none: the runner scans the whole repository


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(readable=False))
@_common(CHECKS, select=True)
def check(files: tuple[str, ...], select: str | None, fix: bool, **params: Any) -> None:
    """Check exactly FILES (as pre-commit passes them) with all selected checks."""
    _execute(files, False, _split(select), fix, params)


def _check_command(check: Check) -> None:
    always_fixes = check.hook in FIXING_HOOKS

    @_common((check,), select=False, fix=check.fixable and not always_fixes)
    def command(files: tuple[str, ...], fix: bool = always_fixes, **params: Any) -> None:
        _execute(files, False, (check.id,), fix, params)

    command.__doc__ = f"{check.summary} (the {check.hook} hook; only FILES)."
    if check.affected is not None:  # the one exception to "only FILES": files a change affects
        command.__doc__ += _INBOUND_HELP
    cli.command(check.hook)(click.argument("files", nargs=-1, type=click.Path(readable=False))(command))


check.help = (check.help or "") + _INBOUND_HELP

for _check in CHECKS:
    _check_command(_check)


@cli.command("list")
@click.option("--verbose", "-v", is_flag=True, help="Print each check's documentation.")
def list_checks(verbose: bool) -> None:
    """List the checks: id, whether it can fix, what it does."""
    for item in CHECKS:
        click.echo(f"{item.id:<20} {'fixable' if item.fixable else '-':<8} {item.summary}")
        if verbose:
            click.echo("\n" + item.doc.strip() + "\n")


def operands(args: list[str]) -> list[str]:
    """``args`` with each one that names an existing file but no option of its command moved after ``--``:
    pre-commit passes staged file names as they are, never after ``--``, so ``-draft.md`` at the repository's
    root is a file to check, not an unknown option that stops the whole batch."""
    command = cli.commands.get(args[0]) if args else None
    if command is None or "--" in args:
        return args
    names = {name for param in command.params for name in (*param.opts, *param.secondary_opts)}
    files = [arg for arg in args[1:] if arg.startswith("-") and arg not in names and os.path.lexists(arg)]
    return [arg for arg in args if arg not in files] + ["--", *files] if files else args


def main(argv: Sequence[str] | None = None) -> None:
    """The console script: click's exit codes, and one line instead of a traceback."""

    args = operands(list(sys.argv[1:] if argv is None else argv))

    def invoke() -> int:
        try:  # not standalone: click would turn Ctrl-C into "Aborted!" and exit 1
            code = cli.main(args=args, prog_name="review-hooks", standalone_mode=False)
        except click.exceptions.NoArgsIsHelpError as error:  # bare ``review-hooks``: the help
            error.show()
            return error.exit_code
        except click.UsageError as error:  # one line, as every other error: what, and where to look
            command = error.ctx.command_path if error.ctx else "review-hooks"
            click.echo(f"{command}: {error.format_message()} (see '{command} --help')", err=True)
            return error.exit_code
        except click.ClickException as error:
            error.show()
            return error.exit_code
        except click.Abort:  # click's Ctrl-C (it has already ended the line)
            raise KeyboardInterrupt from None
        return code if isinstance(code, int) else 0

    exit_with(invoke)
