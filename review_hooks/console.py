"""The console script: a plain hook run without importing click.

pre-commit starts ``review-hooks check-conflict-markers FILE...`` (or another per-check
command, or ``review-hooks check FILE...``) on every commit, so its start-up is the
user's wait, and click alone costs about as much as the interpreter. When the arguments
are that simple invocation (a hook command followed only by paths, none starting with
``-``), this module calls the runner directly with exactly the options the click command
would build; anything else (an option, ``--help``, ``scan``, ``list``, a typo) goes to
the click interface in :mod:`review_hooks.cli`. ``tests/console_test.py`` runs both on
the same inputs and compares output and exit status.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from review_hooks.runner.run import RunOptions


def main(argv: Sequence[str] | None = None) -> None:
    """The ``review-hooks`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    options = simple_invocation(args)
    if options is None:
        from review_hooks.cli import main as full

        full(args)
        return
    from review_hooks.runner.run import run

    # as click does on Ctrl-C, the message starts on a new line
    exit_with(lambda: run(args[1:], options), "\nreview-hooks: interrupted")


def exit_with(call: Callable[[], int], interrupted: str = "review-hooks: interrupted") -> NoReturn:
    """Run ``call`` and exit with its code, for both entry points: Ctrl-C is one line and 130 (a fix
    being written is abandoned whole, see write.py), a closed pipe 1, any other error one line and 2."""
    escape_unencodable()
    try:
        code = call()
    except KeyboardInterrupt:
        print(interrupted, file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as error:  # the contract: one line on stderr, exit 2, no traceback
        print(f"review-hooks: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(2)
    sys.exit(code)


def escape_unencodable() -> None:
    """A path or message the terminal cannot show is escaped, not fatal (both entry points)."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def simple_invocation(args: Sequence[str]) -> RunOptions | None:
    """The RunOptions of ``check FILE...`` or ``<hook> FILE...``, or None for anything else."""
    if not args or any(arg.startswith("-") for arg in args[1:]):
        return None
    from review_hooks.registry import FIXING_HOOKS, HOOKS
    from review_hooks.runner.run import RunOptions

    if args[0] == "check":
        return RunOptions()
    if args[0] in HOOKS:
        return RunOptions(select=(HOOKS[args[0]],), fix=args[0] in FIXING_HOOKS)
    return None
