"""Atomic in-place writes that lose nothing.

The new bytes go to a temporary file in the same folder, get the original's mode, are
flushed and synced, and replace the original with ``os.replace``: a failure at any point
leaves the original as it was. A symlink is never written through, and a file that
changed since it was read is not overwritten.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from review_hooks.document import Document


class WriteError(Exception):
    """The file was not written; ``str()`` says why, and the original is intact."""


def write(document: Document, text: str, data: bytes | None = None) -> None:
    """Replace the document's file with ``text``, in its own encoding, BOM and newlines (or with
    ``data``, the bytes of ``text`` in a new encoding, when a fixer transcodes the file)."""
    location = document.location
    try:
        info = location.lstat()
    except OSError as error:
        raise WriteError(f"cannot write: {(error.strerror or str(error)).lower()}") from error
    if stat.S_ISLNK(info.st_mode):
        raise WriteError("not written: it is a symbolic link")
    data = document.encoded(text) if data is None else data
    try:
        current = location.read_bytes()
    except OSError as error:
        raise WriteError(f"cannot write: {(error.strerror or str(error)).lower()}") from error
    if current != document.raw:
        raise WriteError("not written: the file changed since it was read")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{location.name}.", suffix=".tmp", dir=location.parent)
    except OSError as error:
        raise WriteError(f"cannot write: {(error.strerror or str(error)).lower()}") from error
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, location)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write: {(error.strerror or str(error)).lower()}") from error
        raise
