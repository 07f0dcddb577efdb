"""Stand-in for the shared mojibake repair (the mojibake branch replaces this module).

``repaired_text(text)`` repairs recoverable mojibake (UTF-8 decoded as cp1252 or Mac Roman)
and drops lossy residue (a truncated UTF-8 sequence whose missing byte has no character in
the legacy codec). It is meant for short texts such as headings: every run of non-ASCII
characters is tried on its own.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[^\x00-\x7f]+")
_CODECS = ("cp1252", "mac_roman")
_LEAD = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")  # a UTF-8 lead byte and one continuation byte


def repaired_text(text: str) -> str:
    """``text`` with recoverable mojibake repaired and lossy residue dropped."""
    import ftfy

    fixed = ftfy.fix_encoding(text)
    return _RUN.sub(lambda match: _repaired_run(match.group()), fixed)


def _repaired_run(run: str) -> str:
    for codec in _CODECS:
        try:
            raw = run.encode(codec)
        except UnicodeEncodeError:
            continue
        if not _LEAD.search(raw):
            continue  # no UTF-8 sequence in these bytes: not mojibake in this codec
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            if _LEAD.match(raw):  # residue of a sequence that lost a byte: keep the decodable rest
                return raw.decode("utf-8", errors="ignore")
    return run
