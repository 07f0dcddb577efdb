"""Document: a file read once, decoded once, and shared by every check.

Bytes come first: a BOM is recognised before anything else (UTF-16 text is full of NUL
bytes), then strict UTF-8, and only then charset-normalizer, limited to the few legacy
codecs a review document is plausibly saved in. The text keeps its newlines exactly
(lines are split on ``\\n`` only, so a CRLF line ends in ``\\r``), but for a line that ends in a bare CR
(classic Mac OS files, or text pasted into an LF file), which CommonMark and editors count as a line: the
text holds it as ``\\n``, one character for one, and ``encoded`` writes CR there again. The line index
and the Markdown structure are computed on first use, so a check that needs only the text
never pays for a parse.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import bisect
import codecs
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from review_hooks.codepages import legacy_encoding
from review_hooks.pattern import lazy

if TYPE_CHECKING:
    from review_hooks.markdown.structure import Structure

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SNIFF_BYTES = 8192
#: C0 controls that text does not hold (tab, newlines, form feed and escape are text).
_CONTROL = bytes(sorted(frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}))


class NotText(Exception):
    """The bytes are not text in any plausible encoding: the file is binary."""


class Undecodable(NotText):
    """Text-like bytes (no NUL, few controls) that are not UTF-8 and that no legacy codec reads
    plausibly, typically UTF-8 with a few stray bytes; ``str()`` says where the first one is, and so do
    ``line`` and ``column`` (for an annotation on that line)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def split_bom(raw: bytes) -> tuple[bytes, str | None]:
    """The BOM at the start of ``raw`` (or ``b""``) and the encoding it announces."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return bom, encoding
    return b"", None


def decode(raw: bytes) -> tuple[str, str, bytes]:
    """``(text, encoding, bom)`` for ``raw``; raises NotText for binary content."""
    bom, encoding = split_bom(raw)
    if encoding is not None:
        try:
            text = raw[len(bom) :].decode(encoding)
            head = text[:SNIFF_BYTES]  # a BOM is no proof of text: NUL, controls, or what nobody writes
            if not _text_like(head.encode("utf-8", "replace")) or (encoding != "utf-8" and _unassigned(head)):
                raise NotText(f"binary data after a {encoding} byte order mark")
            return text, encoding, bom
        except UnicodeDecodeError as error:
            if encoding != "utf-8" or not _text_like(raw[len(bom) : len(bom) + SNIFF_BYTES]):
                raise NotText(f"invalid {encoding} after its byte order mark") from error
            # the BOM says UTF-8, so no legacy codec is tried: a stray byte in text, as without the BOM
            raise Undecodable(f"not valid UTF-8 ({_where(raw[len(bom) :], error.start)}) after its byte order "
                              "mark; correct the bytes or convert the file",
                              *_position(raw[len(bom) :], error.start)) from None
    head = raw[:SNIFF_BYTES]
    if b"\x00" in head:
        raise NotText("contains NUL bytes")
    if not _text_like(head):  # even if valid UTF-8
        raise NotText("too many control characters for text")
    try:
        return raw.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as error:
        invalid = error.start
        cut = (error.reason == "unexpected end of data" and error.end == len(raw) and error.end - error.start > 1
               and (not raw[:error.start].isascii() or _no_legacy_text(raw[error.start:])))  # not ``Nestlé®``
    # UTF-8 with a stray byte, or cut inside a character (its lead and a continuation byte are there at the end):
    # no legacy codec reads it as meant
    if cut or _mostly_utf8(raw):
        raise Undecodable(f"not valid UTF-8 ({_where(raw, invalid)}); correct the bytes", *_position(raw, invalid)
                          ) from None
    encoding = legacy_encoding(raw)
    if encoding is None:
        raise Undecodable(f"not valid UTF-8 ({_where(raw, invalid)}), and no legacy encoding reads it; "
                          "correct the bytes or convert the file", *_position(raw, invalid)) from None
    try:
        return raw.decode(encoding), encoding, b""
    except UnicodeDecodeError as error:  # the detector judged by a sample; the whole must decode
        raise NotText(f"not valid {encoding} throughout") from error


def declared_decode(raw: bytes, declared: str) -> tuple[str, str, bytes] | None:
    """``decode`` of a file in the encoding git's ``working-tree-encoding`` attribute names (``UTF-16``,
    ``UTF-16LE-BOM``, ``UTF-16LE`` without a BOM, which ``decode`` takes for binary: its NUL bytes): git stores it
    as UTF-8 and writes it back so. None where the name is no codec, or UTF-8, or the bytes are not text in it
    (``decode`` reads them then, as any file's)."""
    try:
        named = codecs.lookup(declared.lower().removesuffix("-bom")).name
    except LookupError:
        return None
    bom, found = split_bom(raw)
    if named == "utf-8" or (found and found != named and not found.startswith(named + "-")) or (
            not found and named in ("utf-16", "utf-32")):  # git's UTF-16 and UTF-32 have a BOM
        return None
    encoding = found or named
    try:
        text = raw[len(bom) :].decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding, bom) if _text_like(text[:SNIFF_BYTES].encode("utf-8", "replace")) else None


def _no_legacy_text(tail: bytes) -> bool:
    """Whether a UTF-8 sequence cut short at the end of a file (after ASCII alone, where the bytes cannot tell)
    reads as no text in Windows-1252 either: a letter after its lead (``âœ``, ``ðŸ``: no language writes that),
    a byte it leaves undefined, or what ftfy's badness flags (``â€``). ``é®`` (``Nestlé®``) is text."""
    reading = tail.decode("cp1252", "replace")
    if "\ufffd" in reading or any(char.isalpha() for char in reading[1:]):
        return True
    from ftfy.badness import is_bad

    return is_bad(reading)


def _unassigned(text: str) -> bool:
    """More than one character in ten unassigned or private: what random bytes read as UTF-16 or -32 (a tenth of
    the plane is private), not a document with icons of a private font or emoji newer than this Python's tables."""
    from unicodedata import category  # only a file with a UTF-16 or -32 byte order mark asks

    return sum(category(char) in ("Cn", "Co", "Cs") for char in text) > max(4, len(text) // 10)


def _mostly_utf8(raw: bytes) -> bool:
    """Whether ``raw`` (not valid UTF-8) decodes to more characters beyond ASCII than places that are not UTF-8:
    a UTF-8 file with a stray byte (``✅ café`` and 0x81), which a legacy codec would read as other letters (Mac
    Roman reads the three bytes of ✅ as three characters), not a file saved in one (``caf`` and 0xE9 decodes to
    no character). UTF-8's own decoder counts both, each byte it cannot read as one U+FFFD: adjacent ones are one
    place (an encoded surrogate ``ED A0 80``, an overlong form or a five-byte lead between ``é ✅`` is one stray)."""
    text = raw.decode("utf-8", "replace")
    replaced = text.count("\ufffd")
    places = len(_STRAY.findall(text)) if replaced else 0  # each run of U+FFFD counted once
    return 0 < places < len(text) - len(text.encode("ascii", "ignore")) - replaced


def _text_like(head: bytes) -> bool:
    """No NUL byte, and few of the controls text does not hold."""
    return b"\x00" not in head and len(head) - len(head.translate(None, _CONTROL)) <= max(2, len(head) // 100)


def _where(raw: bytes, invalid: int) -> str:
    """``byte 0x80 at line 3, column 9``: the byte at offset ``invalid`` of ``raw``, its column in characters."""
    line, column = _position(raw, invalid)
    return f"byte 0x{raw[invalid]:02x} at line {line}, column {column}"


#: A line end: CRLF, LF or a bare CR; ``_HELD_END`` in text whose bare CRs are held as LF.
_LINE_END = lazy("\r\n|\r|\n")
_HELD_END = lazy("\r\n|\n")
_BARE_CR = lazy("\r(?!\n)")
_STRAY = lazy("\ufffd+")  # a place UTF-8 cannot read, however many bytes


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """The line and column (in characters, read as UTF-8) of byte ``offset`` of ``raw``, both from 1 (lines end in
    LF, CRLF or a bare CR, as ``Document`` counts them)."""
    head = raw[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    first = head.rfind(b"\n") + 1
    return head.count(b"\n") + 1, len(head[first:].decode("utf-8", "replace")) + 1


def newline_style(text: str) -> str:
    """``"\\r\\n"`` when the first line ends in CRLF, else ``"\\n"``."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


class Document:
    """One file's bytes and what every check derives from them.

    ``path`` is the path as shown to the user; ``location`` is where it is on disk. Its values are set
    once here and only read (a plain class, not a dataclass, for the hooks' start-up: see
    ``review_hooks.finding.Finding``).
    """

    def __init__(self, path: str, location: Path, raw: bytes, text: str, encoding: str = "utf-8",
                 bom: bytes = b"", is_markdown: bool = False, declared: bool = False,
                 bare_crs: frozenset[int] = frozenset()) -> None:
        self.path = path
        self.location = location
        self.raw = raw
        self.text = text
        self.encoding = encoding
        self.bom = bom
        self.is_markdown = is_markdown
        self.declared = declared  # git's ``working-tree-encoding`` names its encoding (``from_bytes``)
        self.bare_crs = bare_crs  # which line ends (counted from 0) are a bare CR, held as LF (``from_bytes``)

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {self.location!r}, encoding={self.encoding!r}, is_markdown={self.is_markdown})"

    @classmethod
    def from_bytes(cls, raw: bytes, path: str = "<text>", location: Path | None = None, is_markdown: bool = False,
                   declared: str | None = None) -> Document:
        """Decode ``raw``, in the encoding git's ``working-tree-encoding`` attribute ``declared`` names where the
        bytes are in it (``declared`` is then true: the file is in the encoding it is meant to be in); raises
        NotText when it is binary."""
        found = declared_decode(raw, declared) if declared else None
        text, encoding, bom = found or decode(raw)
        bare = (frozenset(n for n, end in enumerate(_LINE_END.findall(text)) if end == "\r")
                if text.count("\r") != text.count("\r\n") else None)  # counted in C: a CRLF file has none
        return cls(path, location or Path(path), raw, _BARE_CR.sub("\n", text) if bare else text, encoding, bom,
                   is_markdown, found is not None, bare or frozenset())

    def with_text(self, text: str) -> Document:
        """The same file holding ``text`` instead (used to re-check a fix before writing)."""
        return Document(self.path, self.location, self.encoded(text), text, self.encoding, self.bom,
                        self.is_markdown, self.declared, self.bare_crs)

    def as_utf8(self, text: str) -> Document:
        """The same file holding ``text`` as UTF-8 without a byte order mark: a transcoded file, or a
        repair read by another check that the file's own encoding may not hold (✅ in cp1252)."""
        return Document(self.path, self.location, self._stored(text).encode("utf-8"), text, "utf-8", b"",
                        self.is_markdown, bare_crs=self.bare_crs)

    def encoded(self, text: str) -> bytes:
        """``text`` as this file stores it: its BOM, its encoding and its line ends."""
        return self.bom + self._stored(text).encode(self.encoding)

    def _stored(self, text: str) -> str:
        """``text`` with the line ends of the file: a line that ended in a bare CR, held as LF, ends in CR again (by
        its place among the line ends). One character for one, so every offset into ``text`` is one into what is
        written."""
        if not self.bare_crs:
            return text
        count = iter(range(len(text) + 1))
        return _HELD_END.sub(lambda end: "\r" if next(count) in self.bare_crs and end.group() == "\n"
                             else end.group(), text)

    @property
    def newline(self) -> str:
        return newline_style(self.text)

    @cached_property
    def lines(self) -> list[str]:
        """The text split on ``\\n`` only; a CRLF line keeps its ``\\r``."""
        return self.text.split("\n")

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        index = find("\n")
        while index >= 0:
            starts.append(index + 1)
            index = find("\n", index + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset into ``text``."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """The character offset of a 1-based ``(line, column)``."""
        return self.line_starts[line - 1] + column - 1

    @cached_property
    def markdown(self) -> Structure:
        """The Markdown structure, parsed once on first use."""
        from review_hooks.markdown.parse import parse

        return parse(self.text)
