"""Faults in how a destination is written, named for what they are rather than as a missing file.

GitHub takes a destination literally: ``[x]: [https://example.com]`` links to the relative path
``%5Bhttps://example.com%5D``, ``[#KEPs]: (#KEPs)`` to a file named ``(``, and two ``U+200B`` before
``https`` make a relative path of a web address. Each is broken on GitHub, and "does not exist
(looked for 'docs/(')" would send the author looking for a file. The message names the fault (the
brackets, the parentheses, the invisible characters, a Windows path's backslashes) and the repair is to
remove it, offered as a fix only when what is left is a link that works. ``unused`` words the warning for a reference
definition nothing uses (``unused-definitions = "warn"``). The caller asks only about a link that is broken
as written (a file may be named ``[draft].md``).
"""

from __future__ import annotations

from collections import Counter

from review_hooks.links.suggest import Problem, invisible, quote
from review_hooks.markdown.structure import Link
from review_hooks.pattern import lazy

_PAIRS = {"[": "]", "(": ")"}
#: A backslash that is no Markdown escape (none before ASCII punctuation): a folder separator written as Windows does.
_SEPARATOR = lazy(r"\\(?![!-/:-@\[-`{-~])")
_NAMES = {"[": "brackets", "(": "parentheses"}


def fault(link: Link) -> tuple[str, str] | None:
    """``(message, the target without the fault)`` for a destination written with a fault, else None; the
    target without the fault is "" when there is no one way to remove it (``[a](b.md)`` as a destination)."""
    target = link.target
    leading = next((i for i, char in enumerate(target) if not invisible(char)), len(target))
    if leading:
        counts = Counter(target[:leading])
        names = ", ".join(f"U+{ord(c):04X}" for c in counts)
        plural = "s" if leading > 1 else ""
        return (f"{quote(target)} starts with {leading} invisible character{plural} ({names}), so GitHub links to a "
                f"path that does not exist; delete {'them' if leading > 1 else 'it'}", target[leading:])
    if "\\" in link.destination and link.kind != "html" and "://" not in target:  # ``docs\\a.md``: a Windows path
        fixed = _SEPARATOR.sub("/", target)  # a backslash before punctuation is Markdown's escape: it stays
        return (f"{quote(target)} separates folders with a backslash, which GitHub takes as part of the name; "
                "write '/' between folders", fixed)  # the fix (``--fix``) only where the slashes lead to a file
    opening = target[:1]
    wrapped = len(target) > 2 and target.endswith(_PAIRS.get(opening, "\0"))
    if wrapped or (opening == "[" and "](" in target):  # [https://...], (#KEPs), [text](url)
        name = _NAMES[opening]
        text = "" if link.kind != "definition" else (
            f" (or, if the line is not meant to define a link, start it with {quote(chr(92) + f'[{link.label}]')})")
        message = (f"{quote(target)} begins with {quote(opening)}: the {name} are part of the destination, so "
                   f"GitHub links to a relative path that does not exist; remove the {name}{text}")
        return message, target[1:-1] if wrapped else ""
    return None


def unused(link: Link, found: Problem | None) -> Problem:
    """The warning for a reference definition nothing uses, naming its target's fault, if any."""
    label = quote(f"[{link.label}]")
    also = f"; besides, {found.message}" if found is not None else ""
    return Problem(link, f"reference definition {label} is unused: GitHub renders nothing for it; "
                         f"use it or delete it{also}", severity="warning",
                   resolved=found.resolved if found is not None else None)
