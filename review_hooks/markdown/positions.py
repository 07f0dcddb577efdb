"""UTF-8 byte offsets (pyromark's ranges) as character offsets, lines and columns: the one place.

pulldown-cmark reports every range in bytes of the UTF-8 text; ``Document`` and the checks count
characters. For ASCII text (most documentation) the two are the same number; otherwise each line's
start is known in both units, so an offset is converted by decoding only the part of its line
before it.
"""

from __future__ import annotations

import bisect
from functools import cached_property
from itertools import accumulate
from operator import add


class Positions:
    """Converts byte offsets into ``text`` (split on ``\\n`` only, like ``Document.lines``)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data: bytes | None = None if text.isascii() else text.encode()

    @cached_property
    def starts(self) -> list[int]:
        """The character offset of each line's start."""
        return _starts(self.text.split("\n"))

    @cached_property
    def byte_starts(self) -> list[int]:
        return self.starts if self.data is None else _starts(self.data.split(b"\n"))

    def offset(self, byte: int) -> int:
        """The character offset of a byte offset (always at a character boundary in pyromark's ranges)."""
        if self.data is None:
            return byte
        line = bisect.bisect_right(self.byte_starts, byte) - 1
        begin = self.byte_starts[line]
        return self.starts[line] + len(self.data[begin:byte].decode("utf-8", "replace"))

    def line(self, byte: int) -> int:
        """The 1-based line of a byte offset."""
        return bisect.bisect_right(self.byte_starts, byte)

    def position(self, byte: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a byte offset, the column in characters."""
        return self.at(self.offset(byte))

    def at(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def _starts(lines: list[str] | list[bytes]) -> list[int]:
    """Where each of ``lines`` (a text split on its newlines) starts: the lengths before it plus one newline
    each, summed in C (``map`` stops at the shorter ``range``, which drops the end of the last line)."""
    return list(map(add, accumulate(map(len, lines), initial=0), range(len(lines))))
