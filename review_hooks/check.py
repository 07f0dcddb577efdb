"""What a check is, and the context it runs in.

A check is a module with pure functions and one ``CHECK = Check(...)`` value; the
registry lists those values. No base classes, no plugin discovery, no fix-mode flags:
``find`` reports, ``repair`` (fixers only) proposes repairs, and the runner decides what to do
with both.

The fixer contract: ``repair(document, context)`` returns

- a sequence of ``Edit`` values, one per change: each replaces ``text[start:end]`` and names the
  line of the finding it removes (several edits may share a finding, as the words of one mojibake
  line do). The runner applies them together, re-checks the result, and drops each edit whose
  line still holds its finding or gains a new one, so the edits of one line stand or fall
  together and never hold back another line's (a repair that does not verify never holds back
  the verified ones); the rest are written;
- the whole repaired text (``str``), verified and written as one repair;
- a new ``Document`` when the fix also changes the encoding (transcoding), verified as one;
- ``None`` when there is nothing to repair.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from pathlib import Path

    from review_hooks.config import Config
    from review_hooks.document import Document
    from review_hooks.finding import Finding
    from review_hooks.repository import Repository


# NamedTuples, not dataclasses, for the hooks' start-up (see ``review_hooks.finding.Finding``).


class CliOption(NamedTuple):
    """A command-line flag that sets one key of the check's configuration table."""

    flag: str  # "--include-code"
    key: str  # "include-code"
    help: str
    is_flag: bool = True  # False: takes a value (a path)


class Context(NamedTuple):
    """What a check may know besides the document: configuration and repository facts."""

    config: Config
    repository: Repository | None = None

    def settings(self, check_id: str, configure: Configure) -> Any:
        """The configured options object of one check: its own ``configure`` of its table, made once."""
        return self.config.settings.of(check_id, configure)

    def attribute(self, document: Document, name: str) -> str | None:
        """A git attribute of the document's path (``None`` when unset or outside git)."""
        if self.repository is None:
            return None
        return self.repository.attribute(document.location, name)

    def relative(self, location: Path) -> str | None:
        """The repository-relative POSIX path of ``location`` (``None`` outside the repository)."""
        return self.repository.relative(location) if self.repository else None


class Edit(NamedTuple):
    """One separable repair: ``text[start:end]`` becomes ``new``, removing (with the other edits of its
    line) the finding on ``line`` (1-based). Edits of one fix never overlap; the runner verifies them
    line by line and drops a line's edits alone."""

    start: int
    end: int
    new: str
    line: int


class Splice(Protocol):
    """Anything that replaces ``text[start:end]`` by ``new``: an ``Edit``, a mojibake change."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def new(self) -> str: ...


def spliced(text: str, splices: Iterable[Splice], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with ``splices`` (in order, not overlapping, within it) made: the one way every
    fixer and the runner's verification apply their edits."""
    out, last = [], start
    for splice in splices:
        out += [text[last:splice.start], splice.new]
        last = splice.end
    return "".join(out) + text[last:end]


Find = Callable[["Document", Context], Iterable["Finding"]]
#: What a document counts as for the run as a whole (required-headings: the kind it is), or None.
Tally = Callable[["Document", Context], "str | None"]
#: Findings about the run as a whole from what the documents counted as (``Tally``); each carries its path.
Conclude = Callable[[Context, "Collection[str]"], Iterable["Finding"]]
#: Separable edits; or the repaired text, or a new Document when the fix also changes the encoding
#: (transcoding), each verified as one repair (see the module docstring).
Repair = Callable[["Document", Context], "Sequence[Edit] | str | Document | None"]
Configure = Callable[[Mapping[str, Any], "Path"], Any]
#: The check bound to a change (``links/change.py``'s ``Change``): it finds, in a document outside the
#: run, what the change broke there (broken-link: links into a renamed file or heading; ``runner/inbound.py``).
#: ``Any``: ``links`` is a layer above this module, which may not name its types even for type checking.
Affected = Callable[[Any], "Check"]
#: What the check needs to know of a document when it checks the others (broken-link: its anchors, for the
#: links into it), or None when it would not be worth handing on; ``Teach`` gives this process what every
#: worker learned. A scan in worker processes asks it in a first pass (``runner/exchange.py``), so that no two
#: workers parse the same document for it.
Learn = Callable[["Document", Context], Any]
Teach = Callable[[Sequence[Any]], None]


def no_settings(table: Mapping[str, Any], base: Path) -> None:
    """For checks without options: any key is unknown."""
    from review_hooks.config import only_keys

    only_keys(table)


class Check(NamedTuple):
    id: str
    summary: str  # one line, for ``review-hooks list``
    doc: str  # the module docstring: the check's documentation
    hook: str  # the pre-commit hook id and CLI command: check-conflict-markers
    find: Find
    repair: Repair | None = None
    markdown_only: bool = False
    configure: Configure = no_settings
    cli_options: tuple[CliOption, ...] = ()
    #: A scan of the whole configured tree asks ``tally`` of each document it checks, then ``conclude``
    #: once (required-headings warns of a kind no document is); a hook run, which sees some files, never.
    tally: Tally | None = None
    conclude: Conclude | None = None
    #: A check that a change can fail in files it did not touch; a commit's run checks those files too.
    affected: Affected | None = None
    learn: Learn | None = None
    teach: Teach | None = None

    @property
    def fixable(self) -> bool:
        return self.repair is not None
