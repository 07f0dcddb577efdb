"""Where a document quotes text rather than writes it: code blocks and code spans.

Quoted mojibake may teach (a document about encodings shows ``âœ…`` on purpose) or may share the
document's damage (a directory tree in a damaged README). One rule decides: quoted text counts as no
evidence, and is repaired only where the prose, the text outside code, carries the same codec's
damage (``repair``). A document that holds no non-ASCII character outside its code, blocks and spans,
says nothing either way by its characters: its code is read as prose (a damaged directory tree in a
README, a table of symbols each in backticks), unless its words are about encodings (it names one,
or mojibake): then it teaches, as it does beside clean prose, or where the document quotes a damaged
word beside its repair (``tÃ©st`` and ``tést``). Spans and blocks follow the one rule: ``The log
showed `âœ… done`.`` is repaired as the same log line in a fenced block is.

Markdown code comes from the shared parse; reStructuredText (``.rst``) code is its literal blocks (a
paragraph ending in ``::``, then indented lines), ``.. code-block::`` directives and doctest blocks.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_hooks.document import Document

#: A code span on one line (backticks of one length open and close it).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
#: Words that name a character encoding or its damage: prose that uses them is about encodings, and the
#: mojibake its code blocks quote is shown on purpose (``Mojibake (UTF-8 decoded as Windows-1252) looks so::``).
_ABOUT_ENCODINGS = re.compile(r"(?i)\b(?:mojibake|utf-?(?:8|16|32)|(?:windows|cp)-?125\d|cp(?:437|850)|latin-?1"
                              r"|iso-?8859|mac ?roman|(?:character|text) encodings?|encoding mix-ups?"
                              r"|double-encoded)\b")
#: Words about damage itself, not merely a name of an encoding (a translation file's ``charset=UTF-8`` header quotes
#: every string, and its damage is damage): the text quotes mojibake to show it. Looked for in the lower-cased text
#: (a regular expression of alternatives, case folded, read each document ten times slower).
_ABOUT_MOJIBAKE = ("mojibake", "double-encod", "double encod", "misdecod", "mis-decod", "garbled",
                   "replacement character")


def _about_mojibake(text: str) -> bool:
    lowered = text.lower()
    return any(words in lowered for words in _ABOUT_MOJIBAKE)
#: A word (between white space and quotes) that holds a non-ASCII character; how many ``_beside_repair`` reads.
_NON_ASCII_WORD = re.compile("[^\\s'\"`]*[^\x00-\x7f][^\\s'\"`]*")
_WORDS_READ = 200
_DIRECTIVE = re.compile(r"\s*\.\.\s+(?:code-block|code|sourcecode|doctest|literalinclude)::")
Quoted = Callable[[int], bool]


@lru_cache(maxsize=4)
def quoted(document: Document, repaired: Callable[[str], str] | None = None) -> Quoted | None:
    """Whether an offset is quoted code (``None``: the document has no notion of code); ``repaired``: a word
    repaired on its own evidence (``repair.repaired_text``), to see a damaged word quoted beside its repair.
    Once per document: its repair asks, and so does the mojibake check's ``¿``, and the decision reads words."""
    if document.is_markdown:
        def blocks(line: int) -> bool:  # the shared parse, on first use
            return document.markdown.in_code(line)
    elif document.path.lower().endswith(".rst"):
        lines = rst_code(document.lines)

        def blocks(line: int) -> bool:
            return line in lines
    else:  # no notion of code: only quotation marks, in a text about mojibake (a test's fixture, a comment)
        return _in_quotes(document) if _about_mojibake(document.text) else None
    code_span = _inside(document, _CODE_SPAN)

    def in_code(offset: int) -> bool:
        line, column = document.position(offset)
        return blocks(line) or code_span(line, column)

    decided: list[Quoted] = []

    def quoted(offset: int) -> bool:  # decided on first use: a clean document is never parsed
        if not decided:
            prose = any(not line.isascii() and not blocks(number) and ("`" not in line  # a line, not each character
                                                                         or not _CODE_SPAN.sub("", line).isascii())
                        for number, line in enumerate(document.lines, 1))
            teaches = prose or any(not blocks(document.position(m.start())[0])
                                   for m in _ABOUT_ENCODINGS.finditer(document.text)) or (
                                       repaired is not None and _beside_repair(document.text, repaired))
            code = in_code if teaches else _nowhere  # ASCII prose that names no encoding: its code shares its fate
            if _about_mojibake(document.text):
                quotes = _in_quotes(document)
                decided.append(lambda offset: code(offset) or quotes(offset))
            else:
                decided.append(code)
        return decided[0](offset)

    return quoted


def _nowhere(offset: int) -> bool:
    """No offset is quoted: the code of a document whose prose is ASCII and names no encoding is its prose."""
    return False


#: Text between quotation marks on one line: double, curly and angle quotes, single quotes that no letter
#: touches from outside (``'Ã©'``, not the apostrophes of ``don't ... it's``), square brackets, which list
#: characters in a regular expression's class (``/[ÃÂâ€ž]/``: the markers a fixer looks for), and parentheses
#: (``Mojibake characters (â€™ instead of ')``).
_QUOTATION = re.compile("\"[^\"\n]+\"|“[^”\n]+”|«[^»\n]+»|(?<![\\w])'[^'\n]+'(?![\\w])|\\[[^\\]\n]+\\]"
                        "|\\([^()\n]+\\)")


def _in_quotes(document: Document) -> Quoted:
    """Whether an offset is between quotation marks (or brackets) on its line: in a text about mojibake, what it
    quotes is shown (``"original": "×‘×”×•×“×˘×”"`` in a fixture, ``("ï¿½")`` in prose naming the replacement
    character, ``/[ÃÂâ€ž]/`` in a fixer's code)."""
    quotation = _inside(document, _QUOTATION)
    return lambda offset: quotation(*document.position(offset))


def _inside(document: Document, pattern: re.Pattern[str]) -> Callable[[int, int], bool]:
    """Whether a position (line, column) is inside a match of ``pattern`` on its line (each line matched once)."""
    spans: dict[int, list[tuple[int, int]]] = {}

    def inside(line: int, column: int) -> bool:
        if line not in spans:
            spans[line] = [m.span() for m in pattern.finditer(document.lines[line - 1])]
        return any(start < column <= end for start, end in spans[line])

    return inside


def beside_repair(text: str) -> Quoted:
    """Whether an offset of ``text`` is in a damaged word whose repair the same line writes too, quoted or not, in
    prose as in code (``"âœ…": "✅"`` in a replacement table, ``r├®fl├®chir → **réfléchir**`` in a table of
    patterns): the line shows the damage and says what it should be. ``repair`` neither counts it as evidence nor
    repairs it. Each line is read once, on its first offset asked."""
    spans: dict[int, list[tuple[int, int]]] = {}

    def shown(offset: int) -> bool:
        first = text.rfind("\n", 0, offset) + 1
        if first not in spans:
            last = text.find("\n", offset)
            line = text[first:last if last >= 0 else len(text)]
            words = list(_NON_ASCII_WORD.finditer(line))  # a repair written beside is a word of its own, clean
            spans[first] = [match.span() for match in words if _written_beside(line, match)] if _clean_word(
                words) else []
        return any(start <= offset - first < end for start, end in spans[first])

    return shown


def _clean_word(words: list[re.Match[str]]) -> bool:
    """Whether some word holds a non-ASCII character and no codec's damage (``**réfléchir**``): where a repair is
    written beside its damage, it is one; a line whose every word is damaged writes none."""
    from review_hooks.mojibake.charmaps import any_suspect

    return len(words) > 1 and any(not any_suspect().search(match.group()) for match in words)


def _written_beside(line: str, match: re.Match[str]) -> bool:
    """Whether the line writes the word's repair too (the whole word read back as UTF-8, once or again, in a codec
    that may have damaged it: a short word is no evidence alone, ``r├®fl├®chir``): next to it (``_mapped``), or
    anywhere on the line where the word is in quotation marks (``turns ✅ into `âœ…```); or quotes the word itself in
    a code span (``| `Ô£à` | `✓` | Ô£à → **✓** |``). Plain decodings, not the engine's repair of the word: this is
    asked of every word of a line that holds damage."""
    from review_hooks.mojibake.charmaps import suspects

    word, before, after = match.group(), line[:match.start()], line[match.end():]
    if f"`{word}`" in before or f"`{word}`" in after:  # the line quotes it in code as well: an example's row
        return True
    quoted = before[-1:] in "'\"`" and after[:1] == before[-1:]
    layer = {word, word + "\xa0"} if after[:1] == " " else {word}  # ``dÃ©jÃ  → déjà``: the space was A0
    for _ in range(3):  # damaged once, twice or three times
        layer = {_decoded(text, codec.name) for text in layer for codec in suspects(text)} - {"", word}
        for fixed in layer:
            anywhere = quoted and (fixed in before or fixed in after)
            if not fixed.isascii() and (anywhere or _mapped(fixed, before, after)):
                return True
        if not layer:
            return False
    return False


def _mapped(fixed: str, before: str, after: str) -> bool:
    """Whether ``fixed`` stands next to the damaged word with no letter or digit between them, as a table or a
    mapping sets them (``| Ã¼ | ü |``, ``"âœ…": "✅"``, ``→ **réfléchir**``), not further along a sentence
    (``✅ clean, âœ… damaged``: two writings of one text)."""
    at = before.rfind(fixed)
    if at >= 0 and not any(char.isalnum() for char in before[at + len(fixed):]):
        return True
    at = after.find(fixed)
    return at >= 0 and not any(char.isalnum() for char in after[:at])


def _decoded(text: str, codec: str) -> str:
    """``text`` read back to bytes in ``codec`` and decoded as UTF-8 (``""`` when they are no UTF-8)."""
    from review_hooks.mojibake.charmaps import encoded

    try:
        return encoded(text, codec).decode("utf-8")
    except UnicodeDecodeError:
        return ""


def _beside_repair(text: str, repaired: Callable[[str], str]) -> bool:
    """Whether ``text`` quotes a damaged word beside its repair (``// Prints: this is a tÃ©st`` after ``'this is a
    tést'``): it shows the damage on purpose. The first ``_WORDS_READ`` words that hold a non-ASCII character are
    read, each repaired on its own evidence. The repair must stand apart, with no non-ASCII character glued to it:
    ``┤`` (the repair of cp437 ``Γöñ``) inside ``Γö┤``, the damage of ``┴``, is no repair shown beside it."""
    words = dict.fromkeys(match.group() for match in islice(_NON_ASCII_WORD.finditer(text), _WORDS_READ))
    for word in words:  # each once: a damaged word recurs
        fixed = repaired(word)
        if fixed != word and fixed and fixed in text and re.search(  # ``in`` first: most repairs are not there
                f"(?<![^\x00-\x7f]){re.escape(fixed)}(?![^\x00-\x7f])", text):
            return True
    return False


def rst_code(lines: list[str]) -> set[int]:
    """The 1-based lines of reST literal blocks: indented lines after a line ending in ``::`` or a code
    directive (blank lines inside), and doctest blocks (from ``>>>`` to the next blank line)."""
    code: set[int] = set()
    index = 0
    while index < len(lines):
        line = lines[index].rstrip()
        if line.lstrip().startswith(">>>"):
            while index < len(lines) and lines[index].strip():
                code.add(index + 1)
                index += 1
            continue
        index += 1
        if not (line.endswith("::") or _DIRECTIVE.match(line)):
            continue
        indent = len(line) - len(line.lstrip())
        while index < len(lines) and (not lines[index].strip()
                                      or len(lines[index]) - len(lines[index].lstrip()) > indent):
            if lines[index].strip():
                code.add(index + 1)
            index += 1
    return code
