"""Repair mojibake (UTF-8 decoded in a legacy codec) and nothing else.

Built from ftfy's primitives, not from ``ftfy.fix_text``: ftfy's codec list and sloppy codecs
(``ftfy.bad_codecs``) give the byte each character came from, and ``ftfy.badness`` judges short
two-byte sequences. The text is never re-encoded as a whole: only runs of non-ASCII characters
are looked at, and within a run only the sequences whose bytes form valid UTF-8 in some codec
(``âœ…`` in Windows-1252, ``‚úÖ`` in Mac Roman) are decoded. Which codec damaged the document
is decided from evidence across the whole document (outside quoted code), so one legitimate
accented word or a BOM does not block a repair, and legitimate Latin-1 text (``Crème brûlée``,
``SÃO PAULO``) is never touched. A decoded run is decoded again when it is itself mojibake
(double damage).

Lossy damage: a tool that could not map the bytes 0x81 0x8D 0x8F 0x90 0x9D (or dropped a soft
hyphen) leaves a truncated sequence (``ðŸ“`` was ``📝``). Those are ``Residue``, with candidates
ranked (pictographs first, U+FE0F after a pictograph, pictographs of the family of those on the
same line first: ``☐`` beside ``☑``). A residue is repaired only when exactly one byte is missing
and exactly one candidate is plausible (``ï¸`` after ``⚠`` can only be U+FE0F).

``document_repair(document)`` is the shared entry point: one repair per document, which
``fix-mojibake`` writes and heading matching reads. ``repair(text, quoted)`` returns the details of
any text; ``repaired_text(text)`` repairs a text on its own evidence, residue dropped (a heading),
and drops a Mac Roman emoji that lost its lead (``## üìö Scope`` matches ``## Scope``), which is no
evidence in a document (Turkish ``üçü`` reads the same).
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

from review_hooks.mojibake.changes import Change, Repair, Residue, applied, dropped

if TYPE_CHECKING:
    from review_hooks.document import Document
    from review_hooks.mojibake.changes import Unit

#: The stdlib codecs whose lead characters the pre-filter looks for (ftfy's sloppy codecs add no leads).
STDLIB_CODECS = ("cp1252", "latin-1", "mac_roman", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "iso8859-2",
                 "cp437", "cp850")
#: What those codecs make of the UTF-8 lead bytes 0xC2-0xF4, written out so that a hook on a clean file
#: loads no codec (tests/mojibake/repair_test.py derives it again from STDLIB_CODECS).
LEADS = (
    "\xa0¤¦«¬\xad¯±´µ¶·»¾ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõ÷ýþÿĀāĂ"
    "ăąĆćČčĎďĐđĒēĖėĘęĚěĞğĢģĪīįİıĶķĹĺĻļŁŃńŅņŇňŌōŐŒœŕŘŚŞŠšŢŪŮŰŲŸŹźŻŽƒΒΓΔΕΖΗΘΙΚΛΜΝΞ"
    "ΟΠΡΣΤΥΦΧΨΩΪΫάέήίΰαβγδεζηθικλμνξοπρςστφВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеж"
    "зийклмнопрстуф–—‗‘’‚“”„‡…‰‹›⁄€∆√∞∩≈≡≤≥⌠─┌┘├┬┼═╒╓╔╘╙╚╞╟╠╤╥╦╧╨╩╪╫╬▀▄█▌▐◊\uf8ffﬁﬂ"
)
#: A character some codec makes of a UTF-8 lead byte, followed by another non-ASCII character.
_SUSPECT = re.compile(f"[{re.escape(LEADS)}][^\x00-\x7f]")
#: A run of non-ASCII characters, ASCII letters between them joining them; ``_runs`` adds the letters
#: beside it (a combining mark needs one; bare lead characters next to one are a word, not damage).
_RUN = re.compile("[^\x00-\x7f]+(?:[A-Za-z]+[^\x00-\x7f]+)*")
#: How many ASCII letters before a run are read with it (the word a pair ends: ``CRISTÃ™``).
WORD = 3
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ALNUM = _LETTERS | frozenset("0123456789")


def repaired_text(text: str) -> str:
    """``text`` with every recoverable mojibake repaired and unrecoverable residue dropped, an emoji
    that lost its lead (``üìö``) too: for heading matching, never written."""
    return dropped(text, repair(text, decoration=True))


@lru_cache(maxsize=4)
def document_repair(document: Document) -> Repair:
    """The repair of a whole document, once per document and shared by every check (``fix-mojibake`` writes
    it, heading matching reads it: they agree); code blocks and spans show mojibake, not suffer it (``quoting``)."""
    if _clean(document.text):  # as ``repair`` would find, without importing ``quoting`` (start-up time)
        return Repair(document.text)
    from review_hooks.mojibake.quoting import quoted
    return repair(document.text, quoted(document, repaired_text))


def repair(text: str, quoted: Callable[[int], bool] | None = None, decoration: bool = False,
           decoded: bool = False) -> Repair:
    """Repair ``text``; an offset for which ``quoted`` is true shows mojibake rather than suffers it:
    it counts as no evidence, and is repaired only when the same codec damaged the unquoted text.
    ``decoration``: an emoji that lost its lead is residue even with no evidence (a heading's text).
    ``decoded``: ``text`` is itself the decoding of mojibake (checked for double damage)."""
    if _clean(text):
        return Repair(text)
    charmaps, lossy, _, strength, typography, words = _engine()
    from review_hooks.mojibake import layers, neighbours, strangers
    from review_hooks.mojibake.quoting import beside_repair

    beside = beside_repair(text)  # a damaged word whose line writes its repair: no evidence, never repaired

    def quoted_here(offset: int) -> bool:
        return beside(offset) or (quoted is not None and quoted(offset))

    codecs = charmaps.codecs()
    runs: dict[str, list[int]] = {}
    for first, last in _runs(text):
        for start, run in typography.split(text, first, last, codecs):
            runs.setdefault(run, []).append(start)
    found = {run: strength.readings_of(run, decoded, _again) for run in runs}
    evidence: dict[str, int] = {}
    for run, options in found.items():  # each run testifies for the codec that explains most of it
        if not options:
            continue
        weighed = strength.weighed(run, decoded, _again)
        best = max(cover for cover, _ in weighed)
        shown = -1  # how often the run is shown outside quoted code: asked only of a run with weight (a parse)
        for (name, _), (cover, weight) in zip(options, weighed, strict=True):
            if cover == best:
                if weight and shown < 0:
                    shown = sum(1 for start in runs[run] if not quoted_here(start))
                evidence[name] = evidence.get(name, 0) + (weight * shown if weight else 0)
    chosen: dict[str, tuple[str, tuple[Unit, ...]]] = {}
    for run in [run for run, options in found.items() if options]:  # becomes what it was chosen among (strong)
        reading, found[run] = strength.choose(run, decoded, _again, evidence, lambda o, run=run: bool(
            evidence.get(o[0]) or (decoration and _decoration(o[1])) or (decoded and _whole(o[1], run, text))),
            decoration or decoded)
        if reading:
            chosen[run] = reading
    strong = strength.strong_codecs(found, chosen, runs, quoted_here)
    clean: dict[str, set[int]] = {}
    changes: list[Change] = []
    residue: list[Residue] = []
    for run, (name, units) in chosen.items():
        for start in runs[run]:
            for unit in units:
                if (decoded and (unit.weight or _whole(units, run, text))) or (
                        decoration and unit.lead_lost) or strength.strong_unit(run, unit) or strength.weak_applies(
                        text, run, start, unit, strong, name,
                        lambda name=name: strength.clean_lines(text, runs, chosen, name, clean)):
                    _place(text, start, unit, name, changes, residue, beside)
    changes.sort(key=lambda item: item.start)
    changes = [_below_alike(typography.once_less(text, changes, index, codecs), charmaps.encoded)
               for index in range(len(changes))]
    if changes:
        changes, residue = _cut_below(words.twice(text, changes, _again), residue)  # decoded again, or lossy below
    residue.sort(key=lambda item: item.start)
    changes, residue = layers.lone_leads(text, *strangers.strangers(text, changes, residue, decoded))  # nor 槷
    changes, residue = words.whole_words(text, changes, residue)  # every layer off a word, or none
    changes, residue = neighbours.doubted(text, changes, residue)  # ⁉ among ≈ and ∣: ≝ is as likely
    residue = [neighbours.by_neighbours(text, lossy.before_space(text, item), changes) for item in residue]
    return Repair(applied(text, changes), tuple(changes), tuple(residue))


@cache
def _engine() -> tuple[ModuleType, ...]:
    """The engine's modules (charmaps, lossy, spaces, strength, typography, words): imported on the first
    text that may hold mojibake, so that a hook on a clean file loads none of them, and once, since an
    import statement costs microseconds each time it runs (a repair runs per decoded sequence too)."""
    from review_hooks.mojibake import charmaps, lossy, spaces, strength, typography, words
    return charmaps, lossy, spaces, strength, typography, words


def _clean(text: str) -> bool:  # nothing that can be mojibake: no repair
    return text.isascii() or not (_SUSPECT.search(text) or _lost_lead(text))


@lru_cache(maxsize=65536)
def _again(text: str) -> tuple[str, str]:
    """``text`` repaired once more while it is itself wholly recoverable mojibake (it shrinks each
    time), and the reading one decoding short of that (``""`` when ``text`` is not damaged again).
    Handed to ``readings.units``, which reads each decoding again through the whole engine; cached,
    since the same decoded sequence recurs in many runs and codecs (``’`` from ``â€™``)."""
    result = _below(text)
    if not result.changes or result.residue:
        return "", text
    before, final = _again(result.text)
    if before:
        return before, final
    return applied(text, [change._replace(new=change.before) for change in result.changes if change.before]), final


@lru_cache(maxsize=65536)
def _below(text: str) -> Repair:
    """``text``, itself the decoding of mojibake, repaired once more (cached for ``_again`` and ``_cut_below``)."""
    return repair(text, decoded=True)


def _below_alike(change: Change, encoded: Callable[[str, str], bytes]) -> Change:
    """``change`` with its last layer taken off in the codec of the layer above it, where that codec reads it
    whole, as text at least as common (``lossy.prior``), and the engine, reading the layer alone, chose another:
    a tool that damaged text twice did it the same way twice (``Ã\x8fÆ’`` is σ, Windows-1252 twice; cp850 would
    read ``Ïƒ`` as ؟), unless the other way reads better (Mac Roman over Windows-1252: ``√É¬©`` is é, not U+0329)."""
    if not change.before or change.lossy or all(c.codec == change.codec for c in _below(change.before).changes):
        return change
    try:
        text = encoded(change.before, change.codec).decode("utf-8")
    except UnicodeDecodeError:
        return change
    from review_hooks.mojibake.lossy import prior

    def common(reading: str) -> int:
        return min((prior(char) for char in reading if not char.isascii()), default=9)

    if text.isprintable() and not _below(text).changes and common(text) >= common(change.new):
        return change._replace(new=text)
    return change


def _cut_below(changes: list[Change], residue: list[Residue]) -> tuple[list[Change], list[Residue]]:
    """``changes`` without those decoded once to text that is itself damage which lost bytes below (its repair
    leaves residue: Hindi ``à¤¹à¤¿à¤¨à¥à¤¦à¥€`` whose 0x8D was dropped; or ftfy's badness flags it though no
    repair takes anything off: ``ÃÂ·ÃÂ½``, з and н that lost 0x90 below): a
    half repair, made ``residue`` with no reading instead (every layer comes off, or none); one decoded once to
    text that the engine decodes again, whole, comes off every layer."""
    from review_hooks.mojibake.layers import is_bad  # cached: the same decodings recur

    kept, cut = [], []
    for change in changes:
        before, final = ("", "") if change.before or change.lossy else _again(change.new)
        if before:  # decoded once to text the engine decodes again, whole (a modifier letter after capitals,
            kept.append(change._replace(new=final, before=before))  # ``XXÃ¡Âµâ€°``, is ᵉ): every layer comes off
        elif change.before or change.lossy or not (_below(change.new).residue or is_bad(change.new)):
            kept.append(change)
        else:
            cut.append(Residue(change.start, change.end, change.old, change.new, ((),), change.old, change.codec,
                               ((),)))
    return kept, residue + cut


def _runs(text: str) -> Iterator[tuple[int, int]]:
    """The runs of non-ASCII characters, ASCII letters between them joining them (``gÃ¼nÃ¼``, ``ÉTÉ™``),
    each with the ASCII letters and digits of its word before it (up to ``WORD``) and the ASCII letter
    after it, so that a pair always sees the word it ends (``SÃ\xad`` is Sí, ``CRISTÃ™`` not) and a mark the
    character it combines with (``1ï¸\x8fâƒ£`` is 1️⃣; ``#`` and ``*`` are keycap bases too). A space that can only be a
    no-break space saved as a space joins the run, and the run after it (``âš ï¸``: ⚠️, ``spaces.incomplete``)."""
    incomplete = _engine()[2].incomplete
    current: tuple[int, int] | None = None
    for match in _RUN.finditer(text):  # per occurrence: set lookups, not string methods
        start, end = match.span()
        first, floor = start, max(0, start - WORD)
        while first > floor and text[first - 1] in _ALNUM:
            first -= 1
        first -= first == start and text[start - 1:start] in ("#", "*")  # a keycap's other bases: #ï¸\x8fâƒ£ is #️⃣
        if current and current[1] == first and text[first - 1] == " ":
            current = (current[0], end)  # joined across the space of a sequence that lacked its last byte
        else:
            if current:
                yield current
            current = (first, end)
        after = text[end:end + 1]
        if after == " " and incomplete(text[current[0]:end], text[end + 1:end + 4]):
            current = (current[0], end + 1)
            continue
        current = (current[0], end + (after in _LETTERS))
    if current:
        yield current


def _whole(units: tuple[Unit, ...], run: str, text: str) -> bool:
    """A decoding that is, whole, one more UTF-8 sequence led by a letter or a dash (``Ð¯`` inside
    ``Ã\x90Â¯``, Mac Roman ``–Ø``), or of three bytes or more, or led by ``×`` (Hebrew's lead: ``×›`` inside
    ``Ã—â€º``), that reads as a letter (Mac Roman ``·ªû``, Ở): every layer comes off, a lone letter's too. Box
    drawing is no lead (``─┐`` inside ``â”€â”\x90`` is a drawing, not cp437 Ŀ)."""
    return (len(units) == 1 and not units[0].lossy and units[0].end - units[0].start == len(run) == len(text)
            and (run[0].isalpha() or unicodedata.category(run[0]) == "Pd"
                 or ((len(run) >= 3 or unicodedata.category(run[0]) == "Sm") and units[0].text().isalpha())))


def _decoration(units: tuple[Unit, ...]) -> bool:
    """Only emoji that lost their lead: residue in a heading's text even with no evidence."""
    return all(unit.lead_lost for unit in units)


def _lost_lead(text: str) -> bool:
    """Mac Roman ``üìö``: 📚 that lost its lead byte F0 (``lossy.LEADLESS`` read as Mac Roman, where
    0x9F is ``ü``: looked for only in text that holds ``ü``)."""
    if "ü" not in text:
        return False
    from review_hooks.mojibake.lossy import LEADLESS
    return LEADLESS.search(text.encode("mac_roman", "replace")) is not None


def _place(text: str, start: int, unit: Unit, codec: str, changes: list[Change], residue: list[Residue],
           beside: Callable[[int], bool]) -> None:
    begin, end = start + unit.start, start + unit.end
    old, new = text[begin:end], unit.text()
    if beside(begin):  # the line writes its repair too: shown, not suffered
        return
    if unit.lossy and not unit.unique:
        options = tuple(p for p in unit.parts if isinstance(p, tuple))
        residue.append(Residue(begin, end, old, new, options, unit.text(drop=True), codec, unit.parts))
    else:
        changes.append(Change(begin, end, old, new, codec, unit.lossy, unit.before, unit.parts if unit.lossy else ()))
