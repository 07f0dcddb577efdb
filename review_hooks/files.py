"""Which files a run reads, and reading each one once into a Document.

Hook mode takes exactly the paths given (pre-commit passes any subset, in any order)
and never lists the repository. ``scan`` takes the git-tracked files below the given
paths (``ls-files -z``, so non-ASCII names survive), or walks the folders outside git.
A file that cannot be read is a ``Skip`` with one clear reason, never an exception.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from review_hooks.config import Config
from review_hooks.document import Document, NotText, Undecodable
from review_hooks.finding import visible
from review_hooks.paths import within
from review_hooks.repository import Repository

#: Extensions that are binary even when their first bytes hold no NUL (.ai is PDF-based).
BINARY_EXTENSIONS = frozenset(
    """.7z .a .ai .avi .bin .bmp .bz2 .class .dll .dmg .doc .docx .dylib .eot .eps .exe .flac .gif .gz
    .ico .icns .jar .jpeg .jpg .lz .lzma .m4a .mkv .mov .mp3 .mp4 .mpg .o .obj .odp .ods .odt .ogg .otf
    .pdf .png .ppt .pptx .psd .pyc .pyo .rar .so .sqlite .tar .tgz .tif .tiff .ttf .wasm .wav .webm
    .webp .whl .woff .woff2 .xls .xlsx .xz .zip .zst""".split()
)
#: Skips that mean a path named on the command line could not be checked (exit 1).
FAILURES = frozenset({"missing", "unreadable", "undecodable", "directory", "symlink", "special"})
#: Of those, the ones that fail a scan too: a scan lists what git has, where a deleted, symlinked or
#: submodule entry is normal, but a file it cannot read or decode was not checked (nor a named pipe or device
#: where git has a file: git tracks neither).
SCAN_FAILURES = frozenset({"unreadable", "undecodable", "special"})


# NamedTuples, not dataclasses, for the hooks' start-up (see ``review_hooks.finding.Finding``).


class Target(NamedTuple):
    """A file to check: ``path`` as shown to the user, ``location`` on disk."""

    path: str
    location: Path
    named: bool = True  # named on the command line (hook mode) rather than found by a scan


class Skip(NamedTuple):
    """A target that was not checked, and why (``kind`` is one of the reasons below)."""

    target: Target
    kind: str  # missing | unreadable | undecodable | directory | symlink | binary | oversized
    reason: str
    line: int = 0  # where the reason points in the file (a stray byte), 0: nowhere
    column: int = 0

    def __str__(self) -> str:
        return f"review-hooks: {visible(self.target.path)}: {self.reason}"

    @property
    def failed(self) -> bool:
        """Whether this skip fails the run (exit 1)."""
        return self.kind in (FAILURES if self.target.named else SCAN_FAILURES)


def named_targets(paths: Iterable[str], config: Config) -> list[Target]:
    """Hook mode: exactly the given paths, but those the configuration excludes (pre-commit passes
    every staged file; ``exclude`` in ``.review-hooks.toml`` must hold for hooks as for a scan), each
    file once however often it is named (``a.md ./a.md``), as first named."""
    here, seen, targets = os.getcwd(), set(), []
    for path in paths:
        location = Path(within(path, config.root))
        key = _key(here, location)
        if key not in seen and not (config.exclude and config.excluded(location)):
            seen.add(key)
            targets.append(Target(path, location))
    return targets


def scan_targets(paths: Iterable[str], repository: Repository | None, config: Config) -> Iterator[Target]:
    """The files below ``paths``: git-tracked ones inside a repository, all files elsewhere."""
    here = os.getcwd().rstrip(os.sep) + os.sep
    seen: set[str] = set()  # overlapping paths (``scan . docs``) check a file once
    for given in paths or ["."]:
        location = Path(given)
        if not location.exists() and not location.is_symlink():
            yield Target(given, location)  # reported as missing
            continue
        if repository is not None and repository.relative(location) is not None:
            found = _tracked_below(location, repository, here)
        else:
            found = [(_key(here, file), file) for file in _walk(location)]
        absolute = location.is_absolute()
        for key, file in found:
            if key not in seen and not (config.exclude and config.excluded(file)):
                seen.add(key)
                yield Target(_display(key, here, absolute), file, named=file is location)


def _key(here: str, file: Path | str) -> str:
    """Where ``file`` is, absolute and normalised: one file named twice (``scan . docs``) is checked once."""
    return os.path.normpath(os.path.join(here, file))


def _tracked_below(location: Path, repository: Repository, here: str) -> list[tuple[str, Path]]:
    """The tracked files below ``location`` with their ``_key``: the root's, followed by the path as git has it
    (git holds no ``.``, ``..`` or empty part, so normalising the whole would change nothing; a scan of
    thousands of files saves a normpath each)."""
    prefix = repository.relative(location) or ""
    if prefix in repository.tracked or location.is_file():
        return [(_key(here, location), location)]
    prefix = "" if prefix in ("", ".") else prefix + "/"
    root = os.fspath(repository.root).rstrip(os.sep) + os.sep
    base = _key(here, root)
    base = base if base.endswith(os.sep) else base + os.sep
    chosen = [path for path in sorted(repository.tracked) if path.startswith(prefix)]
    if os.sep != "/":  # git's separator is not the system's: normalise each
        return [(_key(here, root + path), Path(root + path)) for path in chosen]
    return [(base + path, Path(root + path)) for path in chosen]


def _walk(location: Path) -> list[Path]:
    if not location.is_dir():
        return [location]
    found: list[Path] = []
    unlisted: list[Path] = []  # folders that could not be listed: each is reported, not passed over in silence
    for folder, folders, files in os.walk(location, onerror=lambda error: unlisted.append(Path(error.filename))):
        folders[:] = sorted(name for name in folders if name not in (".git", "node_modules", ".venv"))
        found.extend(Path(folder) / name for name in sorted(files))
    return found + unlisted


def _display(absolute: str, here: str, absolute_given: bool) -> str:
    """The path relative to the current folder ``here`` (ending in a separator), or absolute when
    the user gave an absolute path to a place outside it. String operations: this runs for every file."""
    if absolute.startswith(here):
        return absolute[len(here) :].replace(os.sep, "/")
    return absolute if absolute_given else os.path.relpath(absolute, here).replace(os.sep, "/")


def read(target: Target, config: Config, repository: Repository | None) -> Document | Skip:
    """The target's Document, or a Skip saying why it cannot be one."""
    location = target.location
    try:
        info = location.lstat()
        if stat.S_ISLNK(info.st_mode):
            if not location.exists():
                return Skip(target, "symlink", "broken symbolic link")
            if not target.named:
                return Skip(target, "binary", "symbolic link (not followed in a scan)")
            info = location.stat()
    except FileNotFoundError:
        return Skip(target, "missing", "no such file")
    except OSError as error:
        return Skip(target, "unreadable", f"cannot read: {_reason(error)}")
    if stat.S_ISDIR(info.st_mode):
        if not os.access(location, os.R_OK | os.X_OK):  # a folder a scan outside git could not list
            return Skip(target, "unreadable", "cannot read: permission denied")
        if os.path.lexists(location / ".git") and not (repository and location.resolve() == repository.root.resolve()):
            # what git tracks there is a submodule's commit, not files (the repository's own root is a folder)
            return Skip(target, "directory", "is a submodule (another repository); run review-hooks inside it")
        return Skip(target, "directory", "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):  # a named pipe would block the read; a device is no document
        return Skip(target, "special", "is not a regular file (a named pipe, socket or device); nothing was read")
    if info.st_size > config.max_file_size:
        return Skip(target, "oversized", f"skipped: {info.st_size} bytes is over max-file-size "
                                         f"({config.max_file_size})")
    attributes = repository.attributes(location) if repository is not None else {}
    if location.suffix.lower() in BINARY_EXTENSIONS or _binary_attribute(attributes):
        return Skip(target, "binary", "skipped: binary file")
    try:
        raw = read_bytes(location)
    except OSError as error:
        return Skip(target, "unreadable", f"cannot read: {_reason(error)}")
    try:
        return Document.from_bytes(raw, target.path, location, config.is_markdown(location),
                                   attributes.get("working-tree-encoding"))
    except Undecodable as error:  # text that cannot be read as text: a failure, not a binary to pass over
        return Skip(target, "undecodable", f"cannot check: {error}", error.line, error.column)
    except NotText as error:
        return Skip(target, "binary", f"skipped: binary file ({error})")


def read_bytes(location: Path) -> bytes:
    """The file's bytes in one unbuffered read: half the time of ``Path.read_bytes`` over a scan's thousands
    of small files."""
    with open(location, "rb", buffering=0) as file:
        return file.readall()


def _binary_attribute(attributes: Mapping[str, str]) -> bool:
    """git's ``binary`` or ``-diff`` attribute; ``-text`` alone does not make a file binary."""
    return attributes.get("binary") == "set" or attributes.get("diff") == "unset"


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
