"""UTF-8 byte offsets (pyromark's ranges) as character offsets, lines and columns: the one place.

pulldown-cmark reports every range in bytes of the UTF-8 text; ``Document`` and the checks count
characters. For ASCII text (most documentation) the two are the same number. Otherwise a cursor
remembers the last offset converted in both units, and the next is reached by decoding only the
bytes between them: the builder asks in nearly document order, so a document is decoded about
once in all. Lines are counted the same way, from the last line asked (``str.count`` in C), and a
column is the distance from the line's start (``rfind``): no table of every line's start is built,
which cost a split of the whole text and a list as long as it.
"""

from __future__ import annotations


class Positions:
    """Converts offsets into ``text`` (lines split on ``\\n`` only, like ``Document.lines``)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data: bytes | None = None if text.isascii() else text.encode()
        self._byte = self._char = 0  # the last byte offset converted, and its character offset
        self._offset, self._line = 0, 1  # the last character offset given a line, and that line

    def offset(self, byte: int) -> int:
        """The character offset of a byte offset (always at a character boundary in pyromark's ranges)."""
        data = self.data
        if data is None:
            return byte
        last, char = self._byte, self._char
        if byte >= last:
            char += len(data[last:byte].decode("utf-8", "replace"))
        else:
            char -= len(data[byte:last].decode("utf-8", "replace"))
        self._byte, self._char = byte, char
        return char

    def line(self, offset: int) -> int:
        """The 1-based line of a character offset."""
        last = self._offset
        if offset >= last:
            line = self._line + self.text.count("\n", last, offset)
        else:
            line = self._line - self.text.count("\n", offset, last)
        self._offset, self._line = offset, line
        return line

    def at(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset."""
        return self.line(offset), offset - self.text.rfind("\n", 0, offset)

    def position(self, byte: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a byte offset, the column in characters."""
        return self.at(self.offset(byte))
