"""The legacy codecs a UTF-8 text may have been decoded with, as ftfy knows them.

For each codec: the map back from a character to the byte it came from, the bytes a tool may
have dropped (undefined in the codec, controls, the soft hyphen), and where a damaged span can
start. Windows-1252 comes first, as it wins ties: it is the usual culprit.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache, lru_cache
from importlib.util import find_spec, module_from_spec, spec_from_file_location
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

_NO_BYTE = 0  # a character the codec cannot encode
_HIGH = bytes(range(0x80, 0x100))
#: Codecs ftfy does not list that real damage comes from: cp850, the Western-European Windows console
#: (``beh├Âver`` for behöver), which cp437 reads only in part.
EXTRA = ("cp850",)
#: ftfy's codec list (``ftfy.chardata.CHARMAP_ENCODINGS``), written out: importing any part of ftfy runs its
#: package, which loads all of ftfy and ``wcwidth`` (most of the start-up of a repair; tests/mojibake/
#: charmaps_test.py checks the list against ftfy's). A ``sloppy-`` codec is ftfy's ``bad_codecs.sloppy``: the
#: codec, with each byte it leaves undefined read as Latin-1 reads it (``_chars``).
CHARMAP_ENCODINGS = ("latin-1", "sloppy-windows-1252", "sloppy-windows-1251", "sloppy-windows-1250",
                     "sloppy-windows-1253", "sloppy-windows-1254", "sloppy-windows-1257", "iso-8859-2", "macroman",
                     "cp437")


class Codec(NamedTuple):  # not a dataclass: see ``changes``
    name: str
    table: dict[int, int]  # character -> the byte it came from (the translate map of a run)
    droppable: frozenset[int]  # bytes a tool may have dropped: undefined in the codec, or soft hyphen
    suspect: re.Pattern[str]  # where a damaged span can start: a lead and a continuation, or two leads, or a
    # lone capital lead before small letters that may have lost its continuation (``scripts.case``)
    lost_lead: bool = False  # the codec reads 0xF0 as a private-use character that tools drop (Mac Roman)


@cache
def codecs() -> tuple[Codec, ...]:
    """The codecs ftfy knows and ``EXTRA``, Windows-1252 first (it wins ties: it is the usual culprit)."""
    found = []
    for name in sorted([*CHARMAP_ENCODINGS, *EXTRA], key=lambda name: name != "sloppy-windows-1252"):
        chars = _chars(name)
        table = _Table({**_ASCII, **{ord(c): byte for byte, c in zip(range(0x80, 0x100), chars, strict=True)}})
        leads, continuations, leadless, capitals = (re.escape(part) for part in _suspect_parts(chars, name))
        leadless = f"|{leadless}[{continuations}]{{2}}" if leadless else ""  # lossy.LEADLESS as read
        between = f"|[{capitals}](?=[a-z])" if capitals else ""  # Åukasz too
        # one class of leads for both (a class of non-Latin-1 characters is most of a pattern's compile time)
        suspect = re.compile(f"([{leads}])(?:[{continuations}]|\\1){leadless}{between}")
        found.append(Codec(name, table, _droppable(name), suspect, bool(leadless)))
    return tuple(found)


def _suspect_parts(chars: str, name: str) -> tuple[str, str, str, str]:
    """What ``Codec.suspect`` looks for in the codec that reads the bytes 0x80-0xFF as ``chars``: the leads
    (0xC2-0xF4), the continuations (0x80-0xBF), the lead an emoji lost in Mac Roman (0x9F, where 0xF0 reads
    as a private-use character that tools drop), and the capital leads that may have lost their
    continuation (where the codec can drop one: ``scripts.case``, HrnÄiar)."""
    lost_lead = unicodedata.category(chars[0x70]) == "Co"
    capitals = "".join(c for c in chars[0x42:0x60] if c.isupper()) if _droppable(name) else ""
    return chars[0x42:0x75], chars[:0x40], chars[0x1F] if lost_lead else "", capitals


def ftfy_module(name: str) -> ModuleType:
    """ftfy's module ``name``, one that needs only the standard library (``badness``), read from ftfy's own
    file without running ftfy's package (see ``CHARMAP_ENCODINGS``), or ftfy's own where ftfy is loaded."""
    loaded = sys.modules.get(f"ftfy.{name}")
    if loaded is not None:
        return loaded
    package = find_spec("ftfy")
    if package is None or package.origin is None:
        raise ModuleNotFoundError("ftfy is not installed", name="ftfy")
    try:
        spec = spec_from_file_location(f"{__name__}.ftfy_{name}", Path(package.origin).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        module = module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    except Exception:  # an ftfy whose module needs its package after all: ftfy's own import, slower, never wrong
        from importlib import import_module

        return import_module(f"ftfy.{name}")


def _chars(name: str) -> str:
    """What the bytes 0x80-0xFF read as in ``name``; in a ``sloppy-`` codec, a byte the codec leaves
    undefined reads as in Latin-1 (0x81 is U+0081 in ``sloppy-windows-1252``), as in ftfy's sloppy codecs."""
    codec = name.removeprefix("sloppy-")
    if codec == name:
        return _HIGH.decode(name)
    return "".join(chr(byte) if char == "\ufffd" else char
                   for byte, char in zip(_HIGH, _HIGH.decode(codec, errors="replace"), strict=True))


def _droppable(name: str) -> frozenset[int]:
    """The continuation bytes a tool reading ``name`` may have dropped: undefined (read as U+FFFD, which no
    byte of these codecs stands for), a control, a soft hyphen."""
    read = _HIGH[:0x40].decode(name.removeprefix("sloppy-"), errors="replace")
    return frozenset(byte for byte, char in zip(_HIGH, read, strict=False)
                     if char in "\ufffd\xad" or unicodedata.category(char) == "Cc")


#: ASCII is itself in every codec: in the table, not asked of ``__missing__`` (a call per character translated).
_ASCII = {code: code for code in range(0x80)}


class _Table(dict[int, int]):
    """Character -> byte; a character the codec cannot encode is ``_NO_BYTE``, kept once asked (runs repeat)."""

    def __missing__(self, key: int) -> int:
        self[key] = _NO_BYTE
        return _NO_BYTE


@cache
def any_suspect() -> re.Pattern[str]:
    """A pattern that matches wherever some codec's ``suspect`` does, and seldom elsewhere, so that one search
    tells most runs that no codec reads from one some codec may (``suspects`` tells exactly): each codec's
    pattern with each class the union of every codec's. It compiles in a fraction of the time every codec's
    pattern joined took, which was a sixth of a repair's set-up."""
    leads, continuations, capitals = set(), set(), set()
    for name in {codec.name for codec in codecs()}:
        lead, continuation, leadless, capital = _suspect_parts(_chars(name), name)
        leads.update(lead, leadless)  # a lost lead and two continuations: a lead and one, as far as this goes
        continuations.update(continuation)
        capitals.update(capital)
    leads_, continuations_, capitals_ = (re.escape("".join(sorted(part))) for part in (leads, continuations, capitals))
    return re.compile(f"([{leads_}])(?:[{continuations_}]|\\1)|[{capitals_}](?=[a-z])")


def suspects(text: str) -> list[Codec]:
    """The codecs whose ``suspect`` matches in ``text``, in codec order."""
    return [codec for codec in codecs() if codec.suspect.search(text)] if any_suspect().search(text) else []


@lru_cache(maxsize=65536)
def encoded(text: str, name: str) -> bytes:
    """The bytes ``text`` came from, read back through codec ``name`` (a character it cannot encode is byte 0),
    cached: the engine reads a run back to bytes in each codec to bound, read and weigh it, and runs recur."""
    return text.translate(_named()[name].table).encode("latin-1")


def by_name(name: str) -> Codec:
    """The codec called ``name`` (one of ``codecs()``)."""
    return _named()[name]


@cache
def _named() -> dict[str, Codec]:
    return {codec.name: codec for codec in codecs()}
