"""A baseline: today's findings, recorded so that only new ones are reported.

``--write-baseline FILE`` records every reported finding (not suppressed, not fixed);
``--baseline FILE`` then reports only findings that are not in it. An entry is keyed by
path, check and message, never by line or column, so editing above a finding does not
resurrect it (line numbers quoted inside a message, as in ``(lines 1-346: ...)``, are ignored
when matching, for the same reason); it carries a count, so a file with three identical findings in the baseline
reports the fourth. Paths are stored relative to the baseline file's folder, so the same
baseline works from any current folder. An entry with fewer matching findings than its
count is stale (the finding was fixed, or its message changed); ``--baseline-stale``
reports stale entries on stderr and exits 1, so CI can ask for the baseline to be rewritten.

The file is JSON, sorted, one entry per line, so that its diffs review well. It is plain
ASCII (JSON escapes for anything else): the messages it records quote mojibake, and a
committed baseline must not itself be a finding of the mojibake check, nor be "repaired"
by ``fix-mojibake``::

    {"version": 1, "findings": [
      {"path": "docs/a.md", "check": "broken-link", "message": "...", "count": 1}
    ]}
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from review_hooks.finding import Finding, visible
from review_hooks.paths import real_folder

VERSION = 1
Key = tuple[str, str, str]  # (path relative to the baseline's folder, check, message)
_LINE_NUMBERS = re.compile(r"\b(lines?) \d+(?:\s*-\s*\d+)?")


class BaselineError(Exception):
    """The baseline file cannot be read or written; ``str()`` is one line."""


@dataclass
class Outcome:
    findings: list[Finding]  # what is left to report
    baselined: int = 0  # findings the baseline accounted for
    stale: list[str] = field(default_factory=list)  # one line per stale entry


def keys(findings: Sequence[Finding], folder: str) -> list[Key]:
    """The entry each finding makes in a baseline kept in ``folder`` (an absolute path)."""
    relative = {path: _relative(path, folder) for path in {f.path for f in findings}}
    return [(relative[f.path], f.check, f.message) for f in findings]


def _relative(path: str, folder: str) -> str:
    """``path`` (as shown, relative to the current folder) relative to ``folder``, POSIX, both by their real folders:
    a file or a baseline named through a symbolic link to the repository is the same entry."""
    parent, name = os.path.split(os.path.abspath(path))
    return Path(os.path.relpath(os.path.join(real_folder(parent), name), real_folder(folder))).as_posix()


def matching(entry: Key) -> Key:
    """What must be equal for a finding to match an entry: line numbers in the message do not count."""
    path, check, message = entry
    return path, check, _LINE_NUMBERS.sub(r"\1 #", message)


def recorded(findings: Sequence[Finding]) -> list[Finding]:
    """The findings a baseline records and matches: reported ones, not suppressed or fixed."""
    return [f for f in findings if not f.suppressed and not f.fixed]


def write(path: Path, findings: Sequence[Finding]) -> int:
    """Record ``findings`` in ``path``; returns how many were recorded."""
    import json  # imported by the runs that write or read JSON, not by every hook

    counts = Counter(keys(recorded(findings), os.path.abspath(path.parent)))
    entries = [json.dumps({"path": p, "check": c, "message": m, "count": n}, ensure_ascii=True)
               for (p, c, m), n in sorted(counts.items())]
    body = "[\n  " + ",\n  ".join(entries) + "\n]" if entries else "[]"
    text = f'{{"version": {VERSION}, "findings": {body}}}\n'
    try:
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        raise BaselineError(f"cannot write baseline {path}: {(error.strerror or str(error)).lower()}") from error
    return sum(counts.values())


def load(path: Path) -> Counter[Key]:
    import json  # imported by the runs that write or read JSON, not by every hook

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"baseline {path} does not exist; create it with --write-baseline {path}") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else error
        raise BaselineError(f"cannot read baseline {path}: {reason}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list) or "version" not in data:
        raise BaselineError(f'baseline {path} is not a review-hooks baseline: expected an object with "version" '
                            'and "findings"; write one with --write-baseline')
    version = data["version"]
    if type(version) is not int or version != VERSION:
        raise BaselineError(f"baseline {path} has version {version!r}; this review-hooks reads {VERSION}")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(data["findings"], 1):
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        fields = [entry.get(key) for key in ("path", "check", "message")] if isinstance(entry, dict) else []
        if len(fields) != 3 or not all(isinstance(field, str) for field in fields) or type(count) is not int \
                or count < 1:
            raise BaselineError(f'baseline {path} is not a review-hooks baseline: finding {number} needs "path", '
                                '"check" and "message" (strings) and a "count" of 1 or more')
        counts[(fields[0], fields[1], fields[2])] += count
    return counts


def apply(findings: Sequence[Finding], path: Path, paths: Collection[str] | None = None,
          checks: Collection[str] | None = None) -> Outcome:
    """The findings not in the baseline at ``path``, in their order, and the stale entries: of the files the run
    checked (``paths`` as shown; None: the whole tree, where a deleted file's entries are stale too) and of the
    checks it ran (``checks``; None: all). A hook run over one file cannot tell that another's entry is stale."""
    entries = load(path)
    folder = os.path.abspath(path.parent)
    remaining: Counter[Key] = Counter()
    for entry, count in entries.items():
        remaining[matching(entry)] += count
    outcome = Outcome([])
    for finding, found in zip(findings, keys(findings, folder), strict=True):
        entry = matching(found)
        if not finding.suppressed and not finding.fixed and remaining[entry] > 0:
            remaining[entry] -= 1
            outcome.baselined += 1
        else:
            outcome.findings.append(finding)
    looked = None if paths is None else {_relative(shown, folder) for shown in paths}
    for entry, count in sorted(entries.items()):  # stale: the entries whose matches ran out
        if (looked is not None and entry[0] not in looked) or (checks is not None and entry[1] not in checks):
            continue
        left = min(count, remaining[matching(entry)])
        remaining[matching(entry)] -= left
        if left > 0:
            file, check, message = entry
            times = f" ({left} of {count})" if count > 1 else ""
            line = f"review-hooks: {path}: stale baseline entry: {file}: {check} {message}{times}"
            outcome.stale.append(visible(line))
    return outcome
