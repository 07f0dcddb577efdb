"""For people at a terminal: colour, a progress bar, and ``--statistics``.

Colour only when the stream is a terminal and ``NO_COLOR`` is not set (https://no-color.org:
any non-empty value); the progress bar only on a terminal's stderr, during a scan of many
files, and never with ``--quiet``. Piped output is always the plain output contract.
click is imported only when colour or a bar is drawn: a pre-commit hook's start-up pays nothing.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from review_hooks.finding import Finding

Item = TypeVar("Item")
#: A scan of fewer files finishes before a bar is worth drawing.
PROGRESS_THRESHOLD = 50


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def use_colour(stream: TextIO) -> bool:
    return is_terminal(stream) and not os.environ.get("NO_COLOR")


def coloured(finding: Finding) -> str:
    """The contract line with the location dim, the check id red (yellow for a warning, green if fixed)."""
    import click

    colour = "green" if finding.fixed else ("yellow" if finding.severity == "warning" else "red")
    location = click.style(f"{finding.shown_path}:{finding.line}:{finding.column}:", bold=True)
    suffix = click.style(" (fixed)", fg="green") if finding.fixed else ""
    return f"{location} {click.style(finding.check, fg=colour)} {finding.shown_message}{suffix}"


def progress(items: Iterable[Item], length: int, shown: bool, err: TextIO) -> Iterator[Item]:
    """``items`` one by one (``length`` of them), with a progress bar on ``err`` when ``shown`` on a terminal."""
    if not shown or length < PROGRESS_THRESHOLD or not is_terminal(err):
        yield from items
        return
    import click

    with click.progressbar(items, length=length, label="review-hooks", file=err, show_pos=True,
                           update_min_steps=max(1, length // 200)) as bar:
        yield from bar


def statistics(findings: Iterable[Finding], skipped: Iterable[str], checked: int, baselined: int,
               err: TextIO) -> None:
    """Counts per check (findings, suppressed, fixed) and of skipped files, one line each."""
    findings = list(findings)
    shown = Counter(f.check for f in findings if not f.suppressed)
    for check, count in sorted(shown.items()):
        fixed = sum(1 for f in findings if f.check == check and f.fixed and not f.suppressed)
        print(f"{count:>6}  {check}" + (f" ({fixed} fixed)" if fixed else ""), file=err)
    print(f"{sum(shown.values()):>6}  findings in {checked} checked file{'s' * (checked != 1)}", file=err)
    suppressed = sum(f.suppressed for f in findings)
    extra = {"suppressed inline": suppressed, "in the baseline": baselined}
    extra.update((f"{kind} file{'s' * (count != 1)} skipped", count)
                 for kind, count in sorted(Counter(kind for kind in skipped if kind).items()))
    for label, count in extra.items():
        if count:
            print(f"{count:>6}  {label}", file=err)


def unicode_out(out: TextIO) -> bool:
    """Whether ``out`` writes any character as itself (UTF-8, or a stream with no encoding of its own); JSON
    and SARIF escape the others as ``\\u`` escapes, which any JSON reader reads, where a legacy stream (Windows'
    redirected stdout is cp1252) would write a Python escape no JSON reader accepts."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding.startswith("utf")
