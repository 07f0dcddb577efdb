"""Finding: one problem in one file, an immutable value whose ``str()`` is the output contract.

Checks yield findings with only a position and a message; the runner stamps the path and
the check id (a check never types its own id twice) and marks findings its fix removed.
"""

from __future__ import annotations

from typing import NamedTuple

#: Control characters (C0 but tab, DEL, C1) and line separators, as escapes: a line of output is
#: one finding, and a raw line break from a file name or a decoded link (``x%0A::error ...``)
#: would let a document write lines of its own, which GitHub Actions runs as workflow commands.
_VISIBLE = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if code != 0x09}
_VISIBLE |= {0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"}
#: A byte of a file name that is not UTF-8 (``caf\\xe9.md``) reaches the program as a lone surrogate
#: (``os.fsdecode``), which no output encodes: it is shown as the byte, ``\\xe9``.
_UNDECODED = {code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)}
_VISIBLE |= _UNDECODED


def visible(text: str) -> str:
    """``text`` with its control characters, line breaks and undecodable bytes escaped (``\\n``, ``\\x1b``,
    ``\\xe9``)."""
    return text.translate(_VISIBLE) if not text.isprintable() else text


def breaks_kept(text: str) -> str:
    """``text`` escaped as ``visible`` escapes it, but its line breaks: for GitHub's annotations, which write those
    their own way (``%0A``)."""
    return text.translate(_BREAKS_KEPT) if not text.isprintable() else text


_BREAKS_KEPT = {code: shown for code, shown in _VISIBLE.items() if code not in (0x0A, 0x0D)}


def encodable(text: str) -> str:
    """``text`` with only its undecodable bytes escaped as ``visible`` escapes them: for JSON and SARIF,
    which escape control characters themselves."""
    return text.translate(_UNDECODED) if not text.isprintable() else text


class Replacement(NamedTuple):
    """A known fix for a finding: replace the span (1-based, end exclusive) by ``text``."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


class Finding(NamedTuple):
    """``PATH:LINE:COL: CHECK-ID message`` (``message`` prefixed ``warning: `` for a warning-level finding);
    sorted by path, line, column, check, message.

    A NamedTuple, not a dataclass, as are the other values on a hook's path: importing ``dataclasses``
    (it imports ``inspect``, hence ``ast``, ``dis`` and ``tokenize``) and building each class cost a one-file
    ``check-conflict-markers`` run about 30 ms, more than ``python -c pass`` takes (``bench/run.py --startup``).
    Equality, hash and order are those of the first six fields (``_KEY``), as the contract's line is."""

    path: str = ""
    line: int = 1
    column: int = 1
    check: str = ""
    message: str = ""
    fixed: bool = False
    #: "error" changes the exit code; "warning" is printed only (a policy set to "warn").
    severity: str = "error"
    replacement: Replacement | None = None
    suppressed: bool = False
    #: Facts a tool may want without parsing the message (broken-link: ``target``, ``resolved``), as
    #: (name, value) pairs: extra keys of the JSON object, SARIF result ``properties``.
    properties: tuple[tuple[str, str], ...] = ()

    # severity, replacement, suppressed and properties describe a finding; they do not tell two apart
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and self[:_KEY] == other[:_KEY]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:_KEY])

    def __lt__(self, other: tuple[object, ...]) -> bool:
        return self[:_KEY] < other[:_KEY]

    def __le__(self, other: tuple[object, ...]) -> bool:
        return self[:_KEY] <= other[:_KEY]

    def __gt__(self, other: tuple[object, ...]) -> bool:
        return self[:_KEY] > other[:_KEY]

    def __ge__(self, other: tuple[object, ...]) -> bool:
        return self[:_KEY] >= other[:_KEY]

    def __str__(self) -> str:
        suffix = " (fixed)" if self.fixed else ""
        return f"{self.shown_path}:{self.line}:{self.column}: {self.check} {self.shown_message}{suffix}"

    @property
    def shown_path(self) -> str:
        return visible(self.path)

    @property
    def shown_message(self) -> str:
        """The message as the text line shows it: a warning says so (``warning: ...``), since it looks
        like an error otherwise and does not fail the run. Annotations and SARIF carry the level instead.
        Control characters are escaped (``visible``)."""
        message = visible(self.message)
        return f"warning: {message}" if self.severity == "warning" else message

    def as_dict(self) -> dict[str, object]:
        """The ``--format json`` object: the contract's fields, the severity (a warning does not fail the
        run), and the check's ``properties``."""
        return {
            "path": encodable(self.path),
            "line": self.line,
            "column": self.column,
            "check": self.check,
            "message": encodable(self.message),
            "fixed": self.fixed,
            "severity": self.severity,
            **{name: encodable(value) if isinstance(value, str) else value for name, value in self.properties},
        }


#: How many leading fields of a Finding compare (path, line, column, check, message, fixed).
_KEY = 6


class Problem(NamedTuple):
    """What failed a run without being a finding (a file not checked, a fix not written, an internal error), on
    one file (``path`` "" for the whole run) and, where it has one (a stray byte), at one position (0: none)."""

    path: str
    text: str
    line: int = 0
    column: int = 0


def replace(finding: Finding, **changes: object) -> Finding:
    """``finding`` with some fields changed (``dataclasses.replace`` for a finding)."""
    return finding._replace(**changes)
