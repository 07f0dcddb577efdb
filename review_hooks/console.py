"""The console script: a plain hook run, or a plain scan, without importing click.

pre-commit starts ``review-hooks check-conflict-markers FILE...`` (or another per-check
command, or ``review-hooks check FILE...``) on every commit, so its start-up is the
user's wait, and click alone costs about as much as the interpreter. When the arguments
are that simple invocation (a hook command followed only by paths, none starting with
``-``, and the plain flags ``FLAGS`` that every checking command takes: ``--diff``,
``--exit-zero``, ``--quiet``), this module calls the runner directly with exactly the options
the click command would build. So it does for ``scan [PATH...]`` with those flags, as CI runs
it (click and the command line's module were 10 of the 60 ms of a one-file repository's scan);
anything else (another option, ``--help``, ``list``, a typo) goes to the click interface in
:mod:`review_hooks.cli`. ``tests/console_test.py`` runs both on the same inputs and compares
output and exit status.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_hooks.runner.options import RunOptions

#: The flags every checking command takes (``cli._common``) that need no click: each sets one RunOptions field.
FLAGS = {"--diff": "diff", "--exit-zero": "exit_zero", "--quiet": "quiet", "-q": "quiet"}


def main(argv: Sequence[str] | None = None) -> None:
    """The ``review-hooks`` console script."""
    # Start-up makes objects that live as long as the process (modules, classes, functions, patterns): the
    # cyclic collector's passes over them free nothing, and they cost a one-file ``check`` 9% of its
    # instructions (184.6 million with them, 167.4 million without; issue 13). The runner turns it back on
    # once the checks are set up, with those objects left out of its passes (``runner.run``).
    gc.disable()
    try:
        args = list(sys.argv[1:] if argv is None else argv)
        options = simple_invocation(args)
        if options is None:
            from review_hooks.cli import main as full

            full(args)
            return
        from review_hooks.runner.exit import exit_with
        from review_hooks.runner.run import run

        # as click does on Ctrl-C, the message starts on a new line
        paths = [arg for arg in args[1:] if arg not in FLAGS]  # none in a scan: the runner scans the repository
        exit_with(lambda: run(paths, options), "\nreview-hooks: interrupted")
    finally:  # a run that stopped before its set-up (--help, a usage error), or a caller in this process
        gc.enable()


def simple_invocation(args: Sequence[str]) -> RunOptions | None:
    """The RunOptions of ``check FILE...``, ``<hook> FILE...`` or ``scan [PATH...]`` (with ``FLAGS`` among the
    paths, as click takes them), or None for anything else."""
    if not args or any(arg.startswith("-") and arg not in FLAGS for arg in args[1:]):
        return None
    from review_hooks.registry import FIXING_HOOKS, HOOKS
    from review_hooks.runner.options import RunOptions

    flags = dict.fromkeys((FLAGS[arg] for arg in args[1:] if arg in FLAGS), True)
    if args[0] == "check":
        return RunOptions(**flags)
    if args[0] == "scan":
        return RunOptions(scan=True, **flags)
    if args[0] in HOOKS:
        return RunOptions(select=(HOOKS[args[0]],), fix=args[0] in FIXING_HOOKS, **flags)
    return None
