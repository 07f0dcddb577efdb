"""Heading text as people mean it: what two headings must share to be "the same section".

``normalized`` repairs mojibake (the shared encoding repair), applies NFKC, collapses white
space (non-breaking spaces included), folds typographic apostrophes and quotes (``’`` is
``'``, ``“`` is ``"``), strips leading and trailing emoji, symbols, punctuation and
``:shortcode:`` emoji, strips leading numbering (``1.``, ``1)``, ``2.1``, ``3.2.``, ``4 -``,
``Section 4:``) and keycap-emoji numbering (``1️⃣``, ``#️⃣``), and folds case. ``matches`` accepts a heading equal to a
name or starting with it followed by a qualifier: ``Critical Issues (Must Fix)``,
``Summary - Sprint 4``, ``Approval: pending``, ``Risks [draft]`` (after a Chinese or Japanese
name, ``：`` and ``（`` need no space). A footnote marker (``Action Items[^1]``) and a trailing attribute block
(``Summary {#summary}``, kramdown and Pandoc) are not part of the name.

``parts`` reads a combined heading: ``Motivation and Summary`` names two sections. Its parts are
joined by ``and``, ``&``, ``/`` or ``,``, which its comparable form writes alike (``Risks & Mitigations`` is
``Risks and Mitigations``); each run of neighbouring parts is a name it may give
(``Context and Problem Statement and Drivers`` gives ``Context and Problem Statement``), and a
one-word part shares the last part's tail (``Guide-level and reference-level explanation`` gives
``Guide-level explanation``; ``Positive and negative consequences`` gives ``Positive consequences``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from review_hooks.pattern import lazy

QUALIFIERS = (" (", " - ", " – ", " — ", ": ", " [")
_NUMBERING = lazy(
    r"^(?:(?:section|part|chapter)\s+)?\d{1,3}(?:\.\d{1,3})*(?:\.|\))?(?:\s*[-–—:]\s*|\s+)", re.IGNORECASE
)
_SHORTCODE = lazy(r"(?<!\S):[a-z0-9_+-]+:(?!\S)")  # :memo: standing alone
_KEYCAPS = lazy(r"^(?:[0-9#*]\ufe0f?\u20e3\s*)+|(?:\s*[0-9#*]\ufe0f?\u20e3)+$")  # 1️⃣ numbering
_QUOTES = str.maketrans("\u2018\u2019\u201b\u2032\u201c\u201d", "''''\"\"")  # ‘ ’ ‛ ′ “ ”
_ATTRIBUTES = lazy(r"\s*\{:?\s*[#.][^{}]*\}\s*$")  # kramdown/Pandoc "## Summary {#summary}": an id, not a name
_FOOTNOTE = lazy(r"\[\^[^\]\s]+\]")  # [^1]: GitHub shows a superscript number, not part of the name
_JOINS = lazy(r"(\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|\s*/\s*)")  # "A and B", "A, B & C", "A/B"
_KEEP = ("L", "N")  # categories kept at the ends: letters and digits; everything else is decoration


@lru_cache(maxsize=8192)
def normalized(text: str) -> str:
    """The comparable form of a heading's text (or of a required name)."""
    from review_hooks.mojibake.repair import repaired_text

    text = unicodedata.normalize("NFKC", repaired_text(text)).translate(_QUOTES)
    # each pattern only where the characters it needs are (most names are plain words): a hook run then
    # compiles none of them (``review_hooks.pattern``)
    if "{" in text:
        text = _ATTRIBUTES.sub("", text)
    if "[^" in text:
        text = _FOOTNOTE.sub(" ", text)
    if text.count(":") > 1:
        text = _SHORTCODE.sub(" ", text)
    text = " ".join(text.split())
    numbered, keycaps = any(map(str.isdecimal, text)), "\u20e3" in text  # ``\d`` is ``str.isdecimal``
    for _ in range(3):  # "1. 📚 Related" and "📚 1. Related": decoration and numbering interleave
        before = text
        text = _stripped(_KEYCAPS.sub("", text) if keycaps else text)
        text = _stripped(_NUMBERING.sub("", text) if numbered else text)
        if text == before:
            break
    key = text.casefold()
    return _JOINS.sub(" and ", key) if parts(key) else key  # a combined heading joins its parts one way


def _stripped(text: str) -> str:
    """``text`` without leading and trailing characters that are neither letters nor digits."""
    start, end = 0, len(text)
    while start < end and not unicodedata.category(text[start]).startswith(_KEEP):
        start += 1
    while end > start and not unicodedata.category(text[end - 1]).startswith(_KEEP):
        end -= 1
    return text[start:end]


def matches(heading: str, name: str) -> bool:
    """Whether normalized ``heading`` is normalized ``name``, either of them possibly followed by a qualifier
    (a document's ``Risks (draft)``; a template's ``Testing (manual and automated)``, which ``Testing`` answers)."""
    if heading == name:
        return True
    return _qualified(heading, name) or _qualified(name, heading)


def _qualified(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` followed by a qualifier."""
    if not shorter or not longer.startswith(shorter):
        return False
    rest = longer[len(shorter) :]
    # Chinese and Japanese write a qualifier without a space (结论：通过 is 结论:通过 after NFKC)
    wide = unicodedata.east_asian_width(shorter[-1]) in ("W", "F") and rest.startswith((":", "("))
    return wide or rest.startswith(QUALIFIERS)


@lru_cache(maxsize=8192)
def parts(key: str) -> tuple[str, ...]:
    """The section names a combined heading gives (``key`` normalized), besides ``key`` itself; () when it
    is not combined."""
    if not ("," in key or "&" in key or "/" in key or "and" in key):  # what every join has
        return ()
    pieces = _JOINS.split(key)
    words = [_stripped(_NUMBERING.sub("", _stripped(p))) for p in pieces[::2]]  # "1. Summary and 2. Motivation"
    if len(words) < 2 or any(len(word) < 2 for word in words):  # Q&A, R&D and I/O are one name
        return ()
    joins = pieces[1::2]
    found: list[str] = []
    for first in range(len(words)):
        for last in range(first, len(words)):
            if (first, last) != (0, len(words) - 1):
                found.append("".join(w + (joins[n] if n < last else "") for n, w in enumerate(words[first:last + 1],
                                                                                              first)))
    tail = words[-1].split(" ", 1)[1] if " " in words[-1] else ""
    found += [f"{word} {tail}" for word in words[:-1] if tail and " " not in word]
    return tuple(dict.fromkeys(found))
