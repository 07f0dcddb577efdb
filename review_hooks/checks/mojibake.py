"""mojibake: UTF-8 text that was decoded in a legacy codec, repaired without touching anything else.

**What it does.** Finds double-encoded UTF-8 (``âœ…`` or ``‚úÖ`` where ✅ was meant, ``â€“`` for –)
and repairs it: one finding per damaged line, ``mojibake 'âœ…' is double-encoded '✅' (Windows-1252)``
(``(fixed)`` follows where the repair was written; invisible characters are escaped). Which codec did
the damage (Windows-1252, Mac Roman, Latin-1, cp437, cp850 and the other codecs ftfy knows) is decided from
the whole document; each damaged run is repaired on its own, and runs damaged twice are repaired
twice. Mojibake that lost bytes on the way (0x81 0x8D 0x8F 0x90 0x9D, a soft hyphen) is reported
with its ranked candidates, ``mojibake unrecoverable 'ðŸ“' (likely 📝; candidates 📝 📁 ...)``, and
repaired only when one byte is missing and exactly one candidate is plausible: ``mojibake
'âš\\u00a0ï¸' is double-encoded '⚠️' that lost a byte, one reading fitting (Windows-1252)``. A file
that is not UTF-8 at all is reported:
``mojibake file is cp1252, not UTF-8``. Words of one script count with the quotes and dashes at their
edges inside the damaged run (``«Сохранить»``); a lone Greek or Cyrillic letter (``Î”``), a two-byte fragment
that lost a byte (``â“``) and a Mac Roman emoji that lost its U+F8FF lead (``üìö``) are weak: they
are repaired (the letter) or reported (the fragments) only beside other damage by the codec, and
``üìö`` only with no letter beside it (Turkish ``küçük`` holds ``üçü``, which reads as 🍟).

**Why.** Editors and tools that decode UTF-8 as Windows-1252 or Mac Roman leave ``âœ…`` in review
documents and log messages. ``ftfy.fix_text`` with defaults would also straighten curly quotes, strip
the BOM, change newlines and entities; ``ftfy.fix_encoding`` gives up on a whole file for one
legitimate accent, and invents characters for lossy sequences.

**Example.** ``**Status:** âœ… EXCELLENT â€“ All tasks`` becomes ``**Status:** ✅ EXCELLENT – All tasks``.

**Not reported.** Legitimate accented text (``Crème brûlée — naïve café``, ``SÃO PAULO``), also where a
codec that damaged the document reads it as one character of a script the document never shows or rarer
than its letters (``—Él`` is no ``уl`` in Mac Roman, ``Ç’a`` no ``ǒa``: ``mojibake.strangers``); a capital
that ends a word before a closing quote or a no-break space (``“IRMÃ”``, ``«AMANHÃ»``, ``„LOKAÐ“``:
see ``review_hooks.mojibake.typography``); a lone two-byte pair that is typography or a unit (``»Änderungen«``,
``CAFÉ¹``, ``1.5 Å²``, ``ROMÃ–LIMÃO``, ``KOÇ’UN``, box drawing ``╔╗``), and math or currency read in a
codec that has no evidence of its own (``√π``, ``cost≈£3.2m`` beside Windows-1252 damage); character
tables (``ÀÁÂÃÄÅ``, ``ĂăĄą``) and a sequence beside a byte that no UTF-8 reading explains (``Â©®™``);
mojibake quoted in code spans or code blocks (Markdown; reST literal blocks, ``.. code-block::`` and
doctests in ``.rst`` files), unless the prose shows damage by the same codec: a code block teaches when the
prose is clean, and shares the document's damage when nothing outside code blocks is non-ASCII and the
prose names no encoding (``mojibake``, ``UTF-8``: a document about encodings quotes on purpose); a
replacement table that quotes mojibake beside its repair on one line (``"â€™": "’"``).

**Options** (``[mojibake]``): ``transcode = false``; ``--transcode`` converts a file that is not UTF-8
(cp1252, Mac Roman, Latin-1, UTF-16/32 with a BOM) to UTF-8 (without a BOM) when fixing.

**Fix safety.** Only the damaged characters change: curly quotes, NFD text, ligatures, full-width
forms, HTML entities, newlines, the BOM and the file mode stay as they are. Each repaired line is one
repair, verified alone: a line whose repair does not verify is left as it was and reported, the others
are written. A repair that would change the Markdown structure (headings, links, code blocks) is not
applied and is reported. ``fix-mojibake`` fixes in place; ``review-hooks check``/``scan`` fix with
``--fix``; ``--diff`` shows the change.

**Limits.** Evidence decides: a document whose only damage is one or two short two-byte
sequences that ftfy's badness heuristic does not flag (``ÄŒ`` for Č) is left alone, and so is a
truncated sequence that is not beside other damage and not flagged by ftfy. Windows-1250 and
ISO-8859-2 damage that reads both ways is decided by the rest of the document. Bare lead
characters (``âââââ``) are residue only in a document that shows damage by the same codec.
A no-break space that a tool turned into a space is put back only where nothing else reads: another
space follows it (``Ã  travers``, ``ðŸ§  Brain``) or a variation selector does (``âš ï¸``); a single
space before a word may follow a dropped byte instead (``ðŸ” Findings``) and is reported. A character
that a tool replaced by U+FFFD cannot be restored: ``replacement character U+FFFD: a character was
lost here; replace it by hand``, in code too, but not on a line that names it (``U+FFFD``, ``\ufffd``, "replacement
character": documentation shows one on purpose); so is a ``¿`` glued to the punctuation before it (outside
code) that opens no question on its line (``</strong>¿Las``: a converter's stand-in for a character it could not map). A
lone pair beside capitals (``KÃ–LN``, ``PÅ±``) is repaired only where the codec has strong evidence (a
longer sequence, or a pair that mends its word: ``cafÃ©``, ``Ã‡etin``), and
a capital that ends a word of capitals before punctuation only on a line with no clean accented letter.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from review_hooks.check import Check, CliOption, Context, Edit, spliced
from review_hooks.codepages import Rivals, rival_readings
from review_hooks.config import boolean, only_keys
from review_hooks.document import Document
from review_hooks.finding import Finding, Replacement
from review_hooks.mojibake import wording
from review_hooks.mojibake.changes import Change, Repair, applied
from review_hooks.mojibake.repair import document_repair, repaired_text
from review_hooks.pattern import lazy

if TYPE_CHECKING:
    from review_hooks.markdown.structure import Structure

ID = "mojibake"
PARSED_SIZE = 1_000_000  # characters: larger documents are verified by their ASCII skeleton only
_NON_ASCII = lazy("[^\x00-\x7f]+ *")  # and the spaces after it (``Ã `` became ``à``: a no-break space)
_LOST = lazy("\ufffd+")  # what a decoder puts where it could not read a character: nothing to repair from
#: A line that names the replacement character (documentation of decoders: "`U+FFFD` � is used instead")
_NAMED = lazy(r"(?i)U\+FFFD|\\u\{?fffd|0xFFFD|EF BF BD|replacement char")
#: ``¿`` glued to the punctuation before it and opening no question on its line (``</strong>¿Las``): what a
#: converter put where it could not map a character (0xBF), as a decoder puts U+FFFD
_LOST_QUESTION = lazy("(?<=[>.,;:!)\\]}*_|/])\u00bf(?![^\n]*[?\u00bf])")  # after a letter: mojibake (``Î¿``)


class Settings(NamedTuple):  # NamedTuples, not dataclasses: see ``review_hooks.finding.Finding``
    transcode: bool = False


def configure(table: Mapping[str, Any], base: Path) -> Settings:
    only_keys(table, "transcode")
    return Settings(boolean(table, "transcode", False))


class Analysis(NamedTuple):
    result: Repair
    blocked: int = 0  # the first line whose Markdown structure the repair would change (0: none)


@lru_cache(maxsize=4)
def analysis(document: Document) -> Analysis:
    """The repair of a document (``document_repair``: one run per file, shared with heading matching)."""
    result = document_repair(document)
    if not (document.is_markdown and result.changes):
        return Analysis(result)
    return Analysis(result, _structure_change(document.text, result.text, lambda: document.markdown))


@lru_cache(maxsize=4)
def _rivals(document: Document) -> Rivals | None:
    """``codepages.rival_readings`` of a legacy file, once for its finding and its conversion."""
    return rival_readings(document.text, document.raw, document.encoding)


def _structure_change(before: str, after: str, parsed: Callable[[], Structure] | None = None) -> int:
    """The first line where the Markdown structure of ``after`` differs from ``before`` (0: none).

    Markdown's syntax is ASCII: when every ASCII character and every line break is where it was,
    no heading, link, code block or comment can have changed. That skeleton is compared always;
    the parsed structures too, for documents small enough to parse twice quickly (the document's own
    parse is the shared one: ``parsed``)."""
    if _skeleton(before) != _skeleton(after):
        pairs = zip(before.split("\n"), after.split("\n"), strict=False)
        return next((n for n, (a, b) in enumerate(pairs, 1) if _skeleton(a) != _skeleton(b)), 1)
    if len(before) > PARSED_SIZE:
        return 0
    from review_hooks.markdown.parse import parse

    old, new = _shape(parsed() if parsed else parse(before)), _shape(parse(after))
    return min(item[0] for item in old ^ new) if old != new else 0


def _skeleton(text: str) -> str:
    return _NON_ASCII.sub("", text)


def _shape(structure: Structure) -> set[tuple[int, str, int]]:
    shape = {(h.line, "heading", h.level * 2 + h.setext) for h in structure.headings}
    shape |= {(link.line, link.kind, 0) for link in structure.links}
    shape |= {(start, "code", end) for start, end in structure.code}
    shape |= {(start, "comment", end) for start, end in structure.comments}
    if structure.front_matter_lines:
        shape.add((structure.front_matter_lines[0], "front matter", structure.front_matter_lines[1]))
    return shape


def find(document: Document, context: Context) -> Iterator[Finding]:
    # a file git converts to UTF-8 and back (``working-tree-encoding``) is in the encoding it is meant to be in
    legacy = document.encoding != "utf-8" and not document.declared
    if legacy and (rivals := _rivals(document)):
        readings = ", ".join(f"{wording.shown(word)} in {wording.codec_name(name)}" for word, name in rivals.readings)
        line, column = document.position(rivals.start)
        yield Finding(line=line, column=column, message=f"file is not UTF-8, and code pages read it differently "
                      f"({readings}): convert it by hand from the one it is in")
    elif legacy:
        name = wording.codec_name(document.encoding)
        transcode = context.settings(ID, configure).transcode
        action = "--transcode converts it to UTF-8" if transcode else "convert it with --transcode"  # then "(fixed)"
        yield Finding(line=1, column=1, message=f"file is {name}, not UTF-8; {action}")
    if document.text.isascii():  # nothing to repair and nothing lost (a flag on the string: no scan)
        return
    found = analysis(document)
    result = found.result
    lines: dict[int, list[Change]] = {}
    for change in result.changes:
        line, column = document.position(change.start)
        if change.lossy:  # a guess: a finding of its own
            yield Finding(line=line, column=column, message=wording.described([change]),
                          replacement=_replacement(document, [change]))
        else:
            lines.setdefault(line, []).append(change)
    for line, changes in lines.items():
        yield Finding(line=line, column=document.position(changes[0].start)[1], message=wording.described(changes),
                      replacement=_replacement(document, changes))
    for residue in result.residue:
        line, column = document.position(residue.start)
        yield Finding(line=line, column=column, message=wording.unrecoverable(residue),
                      properties=(("subject", residue.old),))  # its candidates may read otherwise after a fix
    for match in _LOST.finditer(document.text) if "\ufffd" in document.text else ():  # ``in``: no regex scan
        line, column = document.position(match.start())
        if _NAMED.search(document.lines[line - 1]):
            continue  # the line is about the replacement character: it shows one on purpose
        yield Finding(line=line, column=column, message="replacement character U+FFFD: a character was "
                      "lost here; replace it by hand")
    if "\u00bf" in document.text:
        from review_hooks.mojibake import quoting  # its patterns: start-up time on every commit, for a rare case

        code = quoting.quoted(document, repaired_text)  # a ``¿`` in code is quoted, as in ``</strong>¿Las``
        for match in _LOST_QUESTION.finditer(document.text):
            if code and code(match.start()):
                continue
            line, column = document.position(match.start())
            yield Finding(line=line, column=column, message="'¿' opens no question: a character was lost "
                          "here; replace it by hand")
    if found.blocked:
        yield Finding(line=found.blocked, column=1, message="repair not applied: it would change the "
                      "Markdown structure here; repair the mojibake by hand")


def _replacement(document: Document, changes: list[Change]) -> Replacement:
    """The span from the first change to the last, and its repaired text (for SARIF fixes)."""
    first, last = changes[0].start, changes[-1].end
    new = spliced(document.text, changes, first, last)
    return Replacement(*document.position(first), *document.position(last), new)


def repair_document(document: Document, context: Context) -> list[Edit] | Document | None:
    """One edit per change, each bound to its line (the runner verifies a line's edits together and drops
    them alone; an unrecoverable spot between two repairs of a line is covered by none, and stays reported
    as not fixed); a UTF-8 Document instead when ``transcode`` converts a legacy file (one repair)."""
    found = analysis(document)
    if found.blocked:
        return None
    changes = list(found.result.changes)
    if document.encoding != "utf-8":
        if not context.settings(ID, configure).transcode or _rivals(document) or document.declared:
            return None  # a guess between code pages is no conversion, nor is what git's attributes ask for
        return document.as_utf8(applied(document.text, changes))
    edits = [Edit(change.start, change.end, change.new, document.position(change.start)[0]) for change in changes]
    return edits or None


CHECK = Check(
    id=ID,
    summary="double-encoded UTF-8 ('âœ…' for '✅') repaired, nothing else touched; lossy damage reported",
    doc=__doc__ or "",
    hook="fix-mojibake",
    find=find,
    repair=repair_document,
    configure=configure,
    cli_options=(CliOption("--transcode", "transcode",
                           "convert files that are not UTF-8 (cp1252, Mac Roman, UTF-16) to UTF-8 when "
                           "fixing"),),
)
