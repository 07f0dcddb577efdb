"""What the mojibake findings say: true whether or not the repair is written.

A finding describes the text as it is (``'âœ…' is double-encoded '✅' (Windows-1252)``); the runner
adds ``(fixed)`` to what it wrote. Invisible characters are escaped (``\\u00a0``) so that a message
shows every character it quotes.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import unicodedata

from review_hooks.mojibake.changes import Change, Residue

SHOWN_CANDIDATES = 6
#: Codec names as a reader knows them: ftfy's (a repair's codec), and Python's (a file's own encoding, a rival
#: code page): one name for one code page in every message.
_CODECS = {"sloppy-windows-1252": "Windows-1252", "latin-1": "Latin-1", "macroman": "Mac Roman",
           "sloppy-windows-1250": "Windows-1250", "sloppy-windows-1251": "Windows-1251",
           "sloppy-windows-1253": "Windows-1253", "sloppy-windows-1254": "Windows-1254",
           "sloppy-windows-1257": "Windows-1257", "iso-8859-2": "ISO-8859-2",
           "cp1252": "Windows-1252", "cp1250": "Windows-1250", "cp1254": "Windows-1254", "cp1257": "Windows-1257",
           "latin_1": "Latin-1", "mac_roman": "Mac Roman", "iso8859_15": "ISO-8859-15",
           "utf-16-le": "UTF-16 (little-endian)", "utf-16-be": "UTF-16 (big-endian)",
           "utf-32-le": "UTF-32 (little-endian)", "utf-32-be": "UTF-32 (big-endian)"}


def codec_name(name: str) -> str:
    return _CODECS.get(name, name)


def described(changes: list[Change]) -> str:
    """One line's changes: ``'âœ…' is double-encoded '✅', 'â€“' is double-encoded '–' (Windows-1252)``;
    damaged twice, ``twice double-encoded``; a restored lost byte says so, and damage of several layers
    restored by its one reading (``lossy.layered``) says that a layer lost bytes or was repaired in part."""
    codecs = {change.codec for change in changes}
    parts = []
    for change in dict.fromkeys(changes):
        how = "twice double-encoded" if change.before else "double-encoded"
        lost = ""
        if change.lossy:
            lost = (" that lost bytes or was repaired in part, one reading fitting" if change.before
                    else " that lost a byte, one reading fitting")
        own = "" if len(codecs) == 1 else f" ({codec_name(change.codec)})"
        parts.append(f"{shown(change.old)} is {how} {shown(change.new)}{lost}{own}")
    whole = ", ".join(dict.fromkeys(parts))
    return f"{whole} ({codec_name(changes[0].codec)})" if len(codecs) == 1 else whole


def unrecoverable(residue: Residue) -> str:
    if not residue.options:  # a fragment of a word whose rest stays damaged (``words.whole_words``)
        return (f"unrecoverable {shown(residue.old)} (part of a damaged word that cannot be repaired whole); "
                "replace the word by hand")
    options = residue.options[0]
    if not options:
        return f"unrecoverable {shown(residue.old)} (bytes of it were lost and no reading fits); replace it by hand"
    listed = " ".join(shown(option, quote=False) for option in options[:SHOWN_CANDIDATES])
    more = f" and {len(options) - SHOWN_CANDIDATES} more" if len(options) > SHOWN_CANDIDATES else ""
    each = ""
    if len(residue.options) > 1:
        each = " for each truncated sequence" if len(set(map(frozenset, residue.options))) == 1 else " for the first"
    return (f"unrecoverable {shown(residue.old)} (likely {shown(residue.likely, quote=False)}; "
            f"candidates{each} {listed}{more}); replace it by hand")


def shown(text: str, quote: bool = True) -> str:
    """``text`` with invisible characters escaped (``\\u00a0``), quoted for a message."""
    if text.isprintable() and unicodedata.category(text[:1] or " ") not in ("Mn", "Me"):
        return f"'{text}'" if quote else text  # nothing invisible, no mark to start it: nothing to escape
    out = []
    escaped = True  # a mark at the start, or after an escape, has nothing to sit on: escaped too
    for char in text:
        category = unicodedata.category(char)
        escaped = (category in ("Cc", "Cf", "Zs") and char != " ") or (category in ("Mn", "Me") and escaped)
        out.append(f"\\u{ord(char):04x}" if escaped else char)
    text = "".join(out)
    return f"'{text}'" if quote else text
