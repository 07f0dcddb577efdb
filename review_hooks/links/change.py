"""What a change removes that links may point at: paths, folders, and heading anchors.

Git's own view of the change, with rename detection, in ONE ``git diff`` process: the staged
change (``--cached``, for a hook and ``scan --staged``) or the working tree against a merge base
(``scan --changed-since``). ``--raw -z`` gives each path's status and blob ids, and the patch
(``-U1``) that follows in the same output tells which changed Markdown documents touch a line
that may hold a heading or an HTML anchor. Only those are read (old and new blob, one
``git cat-file --batch``) and parsed with the project's parser, and their anchors compared: a
commit that removes no path and touches no heading line costs the one diff and nothing else.

A removal counts only if it holds now: a path deleted and added back, or a heading that
another heading of the same slug replaced, removes nothing.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from review_hooks.files import read_bytes
from review_hooks.gitprocess import GitError, git
from review_hooks.repository import Repository

if TYPE_CHECKING:  # the parser is imported only when a changed document touches a heading line
    from review_hooks.config import Config
    from review_hooks.markdown.structure import Structure

NO_BLOB = "0" * 40
#: A hunk line that may hold (or underline) a heading, or an HTML anchor.
_HEADING_LINE = re.compile(rb"^ {0,3}(#{1,6}(\s|$)|=+\s*$|-+\s*$)|<a\s|\sid\s*=|\sname\s*=", re.IGNORECASE)
_DIFF = ("diff", "-M", "--raw", "-z", "--no-abbrev", "--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/",
         "--dst-prefix=b/", "--ignore-submodules")


#: What a change without that part holds: read-only, so that every such change may share it.
_NONE: Mapping[str, Any] = MappingProxyType({})


# NamedTuples, not dataclasses, for the hooks' start-up (see ``review_hooks.finding.Finding``).
class Anchor(NamedTuple):
    """A ``#fragment`` the change removed from a document, and where its heading went."""

    old: str  # the heading's text (or the HTML anchor's name)
    new: str | None = None  # the renamed heading's text, when the change pairs it one to one
    slug: str | None = None  # the renamed heading's anchor
    heading: bool = True
    #: An unpaired duplicate (``#notes-1``) whose text one heading still has: that heading's anchor now.
    remaining: str | None = None


class Change(NamedTuple):
    """What one change removed; ``where`` ends every message (``in this change``). Never changed once read:
    the mappings are only looked up."""

    where: str = "in this change"
    moved: Mapping[str, str] = _NONE  # old path -> new path (git's rename)
    deleted: frozenset[str] = frozenset()
    folders: Mapping[str, str | None] = _NONE  # old folder -> its new place, or None
    anchors: Mapping[str, Mapping[str, Anchor]] = _NONE  # new path -> removed fragment
    fragments: Mapping[str, frozenset[str]] = _NONE  # new path -> its fragments now
    present: frozenset[str] = frozenset()  # paths with new content: checked as files of the change
    ambiguous: frozenset[str] = frozenset()  # old paths whose rename git had to guess between files

    @property
    def removes(self) -> bool:
        return bool(self.moved or self.deleted or self.anchors)


class Entry(NamedTuple):
    status: str  # A, C, D, M, R, T, U
    old: str
    new: str
    old_blob: str
    new_blob: str


def staged(repository: Repository, config: Config | None) -> Change:
    """The staged change, read once per repository and run (the inbound part, and broken-link's messages
    about renamed headings and paths, all ask); ``config`` None reads paths only (no patch, no headings),
    and a change read whole answers that too."""
    kept = _STAGED.get(repository)
    if kept is not None and (config is None or kept[0] is config):
        return kept[1]
    change = _read(repository, config, ("--cached",), "in this change")
    if kept is None or config is not None:
        _STAGED[repository] = (config, change)
    return change


_STAGED: weakref.WeakKeyDictionary[Repository, tuple[Config | None, Change]] = weakref.WeakKeyDictionary()


def since(repository: Repository, config: Config | None, base: str, revision: str) -> Change:
    """The working tree against ``base`` (the merge base of ``revision``), committed changes included."""
    return _read(repository, config, (base,), f"since {revision}")


def _read(repository: Repository, config: Config | None, against: tuple[str, ...], where: str) -> Change:
    patch = ("-U1",) if config is not None else ()  # the patch only to find heading lines
    try:
        output = git(repository.root, *_DIFF, *patch, *against, "--")
    except GitError:  # no commit yet, or git unusable: nothing this run can say was removed
        return Change(where)
    entries, patch = _entries(output)
    removals = any(e.status in "DR" for e in entries)
    tracked = repository.tracked if removals else frozenset()  # git's file list only when a path may be gone
    present = frozenset(e.new for e in entries if e.status != "D")
    moved = {e.old: e.new for e in entries if e.status == "R" and e.old not in tracked}
    deleted = frozenset(e.old for e in entries if e.status == "D" and e.old not in tracked)
    added_names: dict[str, int] = {}
    for entry in entries:
        if entry.status in "AR":
            name = entry.new.rpartition("/")[2]
            added_names[name] = added_names.get(name, 0) + 1
    ambiguous = frozenset(old for old, new in moved.items() if added_names.get(old.rpartition("/")[2], 0) > 1)
    anchors: dict[str, dict[str, Anchor]] = {}
    fragments: dict[str, frozenset[str]] = {}
    if config is not None:
        touched = _heading_hunks(patch)
        wanted = [e for e in entries if e.status in "MR" and config.is_markdown(e.new) and e.new in touched
                  and e.old_blob != e.new_blob]
        for entry, (old, new) in zip(wanted, _structures(repository, wanted), strict=True):
            removed = removed_anchors(old, new)
            if removed:
                anchors[entry.new], fragments[entry.new] = removed, new.fragments
    folders = _folders(moved, deleted, repository.tracked_folders) if moved or deleted else {}
    return Change(where, moved, deleted, folders, anchors, fragments, present, ambiguous)


def _entries(output: bytes) -> tuple[list[Entry], bytes]:
    """The ``--raw -z`` records, and the patch text after them."""
    fields = output.split(b"\0")
    entries: list[Entry] = []
    index = 0
    while index < len(fields) and fields[index].startswith(b":"):
        meta = fields[index][1:].decode("ascii").split()
        status = meta[4][0]
        paths = [os.fsdecode(f) for f in fields[index + 1 : index + (3 if status in "RC" else 2)]]
        index += 1 + len(paths)
        if meta[0] != "160000" and meta[1] != "160000":  # a submodule is no document
            entries.append(Entry(status, paths[0], paths[-1], meta[2], meta[3]))
    return entries, b"\0".join(fields[index:])


def _heading_hunks(patch: bytes) -> set[str]:
    """The new paths whose hunks hold a line that may be (or underline) a heading or an anchor."""
    touched: set[str] = set()
    path = ""
    in_hunk = False
    for line in patch.split(b"\n"):
        if line.startswith(b"diff --git "):
            in_hunk = False
        elif line.startswith(b"+++ ") and not in_hunk:
            path = _unquote(line[4:].rstrip(b"\t"))[2:]
        elif line.startswith(b"@@"):
            in_hunk = True
        elif in_hunk and line[:1] in (b"+", b"-", b" ") and _HEADING_LINE.search(line[1:]):
            touched.add(path)
    return touched


def _unquote(name: bytes) -> str:
    """A path as git's patch header writes it: C-quoted when it holds special bytes."""
    if not name.startswith(b'"'):
        return os.fsdecode(name)
    import codecs

    inner = codecs.escape_decode(name[1:-1])[0]
    return os.fsdecode(inner if isinstance(inner, bytes) else bytes(inner))


def _structures(repository: Repository, entries: list[Entry]) -> list[tuple[Structure, Structure]]:
    """The old and new structure of each entry: blobs from one ``cat-file``, the working tree for
    a side git has no blob for (the working tree in ``--changed-since``)."""
    from review_hooks.document import Document, NotText
    from review_hooks.markdown.structure import Structure

    wanted = sorted({b for e in entries for b in (e.old_blob, e.new_blob) if b != NO_BLOB})
    blobs = _blobs(repository, wanted) if wanted else {}

    def structure(blob: str, path: str) -> Structure:
        raw = blobs.get(blob)
        if raw is None:
            try:
                raw = read_bytes(repository.root / path)
            except OSError:
                return Structure()
        try:
            return Document.from_bytes(raw).markdown
        except NotText:
            return Structure()

    return [(structure(e.old_blob, e.old), structure(e.new_blob, e.new)) for e in entries]


def _blobs(repository: Repository, ids: list[str]) -> dict[str, bytes]:
    output = git(repository.root, "cat-file", "--batch", stdin="\n".join(ids).encode() + b"\n")
    found: dict[str, bytes] = {}
    position = 0
    while position < len(output):
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3:
            size = int(header[2])
            found[header[0].decode()] = output[position : position + size]
            position += size + 1
    return found


def removed_anchors(old: Structure, new: Structure) -> dict[str, Anchor]:
    """The fragments of ``old`` that ``new`` lacks; a heading replaced one for one (the same number
    of headings changed at that place) is paired with its new text and anchor."""
    gone = old.fragments - new.fragments
    if not gone:
        return {}
    from review_hooks.markdown.structure import slugs

    before = [(h.level, h.text) for h in old.headings]
    after = [(h.level, h.text) for h in new.headings]
    new_slugs = slugs(new.anchor_texts.get(index, text) for index, (_, text) in enumerate(after))
    pairs: dict[int, int] = {}
    import difflib

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.update({i1 + k: j1 + k for k in range(i2 - i1)})
    removed: dict[str, Anchor] = {}
    for index, slug in enumerate(slugs(old.anchor_texts.get(index, text) for index, (_, text) in enumerate(before))):
        if slug in gone and slug not in removed:
            paired = pairs.get(index)
            text = before[index][1]
            if paired is not None:
                removed[slug] = Anchor(text, after[paired][1], new_slugs[paired])
            else:  # two "Notes", one renamed: which one, git cannot say; the one left is named
                same = [new_slugs[j] for j, (_, other) in enumerate(after) if other == text]
                removed[slug] = Anchor(text, remaining=same[0] if len(same) == 1 else None)
    for anchor in old.anchors:
        if anchor.name in gone and anchor.name not in removed:
            removed[anchor.name] = Anchor(anchor.name, heading=False)
    return removed


def _folders(moved: dict[str, str], deleted: frozenset[str], now: frozenset[str]) -> dict[str, str | None]:
    """Folders that no longer exist, each with the one folder all its renamed files went to (or None)."""
    gone: set[str] = set()
    for path in (*moved, *deleted):
        parts = path.split("/")[:-1]
        gone.update(f for f in ("/".join(parts[:n]) for n in range(1, len(parts) + 1)) if f not in now)
    folders: dict[str, str | None] = {}
    for folder in gone:
        places: set[str | None] = set()
        for old, new in moved.items():
            if old.startswith(folder + "/"):
                rest = old[len(folder) + 1 :]
                places.add(new[: -len(rest) - 1] if new.endswith("/" + rest) else None)
        place = places.pop() if len(places) == 1 else None
        folders[folder] = place or None
    return folders
