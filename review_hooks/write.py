"""Atomic in-place writes that lose nothing.

The new bytes go to a temporary file in the same folder, get the original's mode, owner and
group, are flushed and synced, and replace the original with ``os.replace``: a failure at any point
(disk full, permission denied) leaves the original as it was and removes the temporary file. Ctrl-C
and SIGTERM wait while that runs (milliseconds), so that no temporary file is left behind: a scan's
worker ends at once on SIGTERM, where no clean-up of its own could run. A symlink is never written
through, a file that changed since it was read is not overwritten, and neither is a read-only file
(no write permission for anyone, or none for this user: replacing it through its folder would ignore
what its mode says) nor one with other hard links (the replacement would leave the other names with
the old text): those are refusals
(``WriteError.refused``), not failures.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from review_hooks.document import Document


class WriteError(Exception):
    """The file was not written; ``str()`` says why, and the original is intact.

    ``refused`` is true when writing was declined on purpose (a symlink, a file changed
    since it was read, text the file's encoding cannot hold) rather than attempted and failed.
    """

    def __init__(self, message: str, refused: bool = False) -> None:
        super().__init__(message)
        self.refused = refused


def _failure(error: OSError) -> WriteError:
    """A write that failed; one the user may not make (no permission, a read-only file system) is refused, as a
    read-only file is: its findings stand and the run goes on (exit 1), where a full disk fails it (exit 2)."""
    reason = (error.strerror or str(error)).lower()
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return WriteError(f"not written: {reason}", refused=True)
    return WriteError(f"cannot write: {reason}")


def write(document: Document, text: str, data: bytes | None = None) -> None:
    """Replace the document's file with ``text``, in its own encoding, BOM and newlines (or with
    ``data``, the bytes of ``text`` in a new encoding, when a fixer transcodes the file)."""
    location = document.location
    try:
        info = location.lstat()
    except OSError as error:
        raise _failure(error) from error
    if stat.S_ISLNK(info.st_mode):
        raise WriteError("not written: it is a symbolic link; fix the file it points to", refused=True)
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(location, os.W_OK):
        raise WriteError("not written: it is read-only; make it writable to fix it", refused=True)
    if info.st_nlink > 1:
        raise WriteError(f"not written: it has {info.st_nlink} hard links, which a fix would split (it replaces "
                         "the file); fix it by hand", refused=True)
    try:
        data = document.encoded(text) if data is None else data
    except UnicodeEncodeError as error:
        raise WriteError(f"not written: the fixed text cannot be saved as {document.encoding}",
                         refused=True) from error
    try:
        current = location.read_bytes()
    except OSError as error:
        raise _failure(error) from error
    if current != document.raw:
        raise WriteError("not written: the file changed since it was read", refused=True)
    with _signals_held():
        _replace(location, data, info)


def _replace(location: Path, data: bytes, info: os.stat_result) -> None:
    """Write ``data`` to a temporary file beside ``location`` and move it over ``location``."""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{_short(location.name)}.", suffix=".tmp",
                                                 dir=location.parent)
    except OSError as error:
        raise _failure(error) from error
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_owner(temporary, info)
        os.chmod(temporary, stat.S_IMODE(info.st_mode))  # after chown, which may clear set-user-ID bits
        os.replace(temporary, location)
    except BaseException as error:  # an exception raised in here too: never leave the temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _failure(error) from error
        raise


#: The most of a file's name its temporary file's name repeats: with the dot, the random part and ``.tmp``, it stays
#: within the 255 bytes most file systems allow, however long the file's own name is.
_NAME_KEPT = 64


def _short(name: str) -> str:
    """The start of ``name`` that the temporary file's name repeats (so that one can tell whose it is)."""
    data = os.fsencode(name)  # a name that is no UTF-8 (``caf\udce9.md``) is its bytes
    return name if len(data) <= _NAME_KEPT else os.fsdecode(data[:_NAME_KEPT])


#: The signals that end a run: held while a file is replaced, delivered as soon as it is.
_ENDING = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM for the duration: one that arrives meanwhile is recorded, and sent again when it
    ends, after the file is replaced or left as it was, never between (to its own handler: a scan's worker ends
    on SIGTERM by default). Handlers, not a signal mask: a mask is a thread's, and Python's handler runs in the
    main thread whichever thread the signal reaches. Only the main thread can set handlers: elsewhere, none."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []

    def hold(number: int, frame: FrameType | None) -> None:
        arrived.append(number)

    previous = {number: signal.signal(number, hold) for number in _ENDING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(arrived):
            os.kill(os.getpid(), number)


def _keep_owner(temporary: str, info: os.stat_result) -> None:
    """Give the temporary file the original's owner and group: a fix run as root (a CI container, ``sudo``)
    must not hand a user's file to root. Without the right to (not root, and the file someone else's or
    of a group the user is not in) the owner stays the user, as any editor's save would leave it."""
    if hasattr(os, "chown"):
        with contextlib.suppress(PermissionError):
            os.chown(temporary, info.st_uid, info.st_gid)
