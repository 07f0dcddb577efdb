"""Quoted code: it teaches when the prose is clean, and shares the damage of the prose it sits in."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

from pathlib import Path

import pytest

from review_hooks.document import Document
from review_hooks.mojibake.quoting import rst_code
from review_hooks.mojibake.repair import document_repair, repair

TREE = "```\nsrc/\n  Ã¢â€\x9dÅ“Ã¢â€\x9dâ‚¬ main.py\n  Ã¢â€\x9dâ€\x9dÃ¢â€\x9dâ‚¬ lib.py\n```\n"


def repaired(text: str, name: str = "doc.md") -> str:
    return document_repair(Document.from_bytes(text.encode(), name, Path(name), name.endswith(".md"))).text


def test_a_code_block_in_ascii_prose_shares_the_documents_damage() -> None:
    assert repaired("# Layout\n\nThe tree:\n\n" + TREE) == (
        "# Layout\n\nThe tree:\n\n```\nsrc/\n  ├─ main.py\n  └─ lib.py\n```\n")


@pytest.mark.parametrize("name, prose", [
    pytest.param("doc.md", "What mojibake looks like:\n\n```\n", id="markdown, names mojibake"),
    pytest.param("doc.md", "UTF-8 read as cp1252 gives:\n\n```\n", id="markdown, names two encodings"),
    pytest.param("doc.rst", "Text encodings mixed up look like this::\n\n    ", id="rst literal block"),
])
def test_a_code_block_in_ascii_prose_about_encodings_teaches(name: str, prose: str) -> None:
    text = prose + ">>> print('naÃ¯ve')\n" + ("```\n" if name.endswith(".md") else "")
    assert repaired(text, name) == text


def test_a_code_block_teaches_when_the_prose_is_clean() -> None:
    text = "# Encodings — a primer\n\nWindows-1252 damage looks so:\n\n" + TREE
    assert repaired(text) == text


def test_a_code_block_that_quotes_a_damaged_word_beside_its_repair_teaches() -> None:
    """A program's output shown both ways (``tést``, then read as Latin-1, ``tÃ©st``): the damage is the point."""
    text = ("```js\nconst text = 'this is a tést';\nconsole.log(Buffer.from(text).toString('latin1'));\n"
            "// Prints: this is a tÃ©st\n```\n")
    assert repaired(text) == text
    damaged_only = "```js\n// Prints: this is a tÃ©st\n```\n"  # no repair beside it: the block shares its fate
    assert repaired(damaged_only) == "```js\n// Prints: this is a tést\n```\n"


def test_a_repair_glued_inside_other_damage_is_not_shown_beside_it() -> None:
    """cp437 ``Γöñ`` is ┤, and ┤ stands inside ``Γö┤`` (the damage of ┴): that is no repair quoted beside the
    damage, so the drawing in ASCII prose still shares the document's fate, every line of it."""
    text = "# Border\n\n```\nΓöñ\nΓööΓöÇΓöÇΓöÇΓöÇΓö┤ΓöÇΓöÇΓöÇΓöÇΓöÿ\n```\n"
    assert repaired(text) == "# Border\n\n```\n┤\n└────┴────┘\n```\n"


def test_a_code_span_in_ascii_prose_shares_the_documents_damage_as_a_block_does() -> None:
    assert repaired("The log showed `âœ… done`.\n") == "The log showed `✅ done`.\n"
    assert repaired("The log showed:\n\n```\nâœ… done\n```\n") == "The log showed:\n\n```\n✅ done\n```\n"


def test_a_table_of_symbols_in_code_spans_and_blocks_is_repaired_whole() -> None:
    """Every non-ASCII character of the document is in backticks or a fenced block, and all of it is damaged:
    no prose says the document is about encodings, so its code is its prose."""
    clean = ("# Math Symbols\n\n```text\n∈ ∉ ⊆\n```\n\n| Symbol | Name | Example |\n|---|---|---|\n"
             "| `∈` | Element of | `3 ∈ {1, 2}` |\n| `≤` | Less or equal | `1 ≤ 2` |\n")
    damaged = clean.encode().decode("cp1252", errors="replace")
    assert "âˆˆ" in damaged and "\ufffd" not in damaged
    assert repaired(damaged) == clean


def test_a_code_span_in_ascii_prose_about_encodings_teaches() -> None:
    text = "UTF-8 read as Windows-1252 turns a check mark into `âœ…`.\n"
    assert repaired(text) == text


def test_a_code_block_shares_damage_the_prose_shows() -> None:
    text = "Status: âœ… done — “ok”\n\n```\nâœ… done\n```\n"
    assert repaired(text) == "Status: ✅ done — “ok”\n\n```\n✅ done\n```\n"


def test_rst_literal_blocks_directives_and_doctests_are_code() -> None:
    lines = ["Try it::", "", "    >>> fix('âœ”')", "    '✔'", "back to prose", ".. code-block:: python",
             "   :linenos:", "", "   x = 'Ã©'", "", ">>> fix('Ã©')", "'é'", "", "prose"]
    assert rst_code(lines) == {3, 4, 7, 9, 11, 12}


def test_an_rst_doctest_quoting_mojibake_beside_clean_prose_is_kept() -> None:
    text = "“Assume bugs.” — RFC\n\nExample::\n\n    >>> ftfy.fix_text('âœ” No problems')\n    '✔ No problems'\n"
    assert repaired(text, "index.rst") == text
    assert repaired(text + "\nAnd in prose: âœ” done\n", "index.rst").count("âœ”") == 0


@pytest.mark.parametrize(("name", "text"), [
    pytest.param("cases.json", '{"label": "Hebrew UTF-8 / Windows-1250 mojibake",\n "original": "×‘×”×•×“×˘×”"}\n',
                 id="a test fixture of mojibake"),
    pytest.param("fixer.ts", '// mojibake like\n// "ÐÑÐ¸Ð²ÐµÑ", "â", "Ã©".\n', id="a comment showing mojibake"),
    pytest.param("wiki.md", 'The display may include the generic replacement character ("ï¿½").\n',
                 id="prose quoting the replacement character's damage"),
    pytest.param("fixer.ts", '// mojibake like "Ã©".\nconst suspicious = /[ÃÂâ€ž•™]/;\n',
                 id="a regular expression's class of mojibake markers beside a quoted sample"),
])
def test_quoted_mojibake_in_a_text_about_mojibake_is_shown_not_suffered(name: str, text: str) -> None:
    assert repaired(text, name) == text


def test_a_translation_file_that_names_its_charset_is_still_repaired() -> None:
    """Every string of a .po file is quoted, and its header names UTF-8: naming an encoding is not being about
    mojibake, and its damage is repaired."""
    text = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Accept"\nmsgstr "PĹ™ijmout"\n'
    assert repaired(text, "cs.po").endswith('msgstr "Přijmout"\n')


def test_a_table_of_patterns_that_writes_each_repair_on_its_row_is_shown_not_suffered() -> None:
    """A page about an encoding mix-up lists damaged words with their repairs on the same row, unquoted as well as
    in code spans, and one row whose stated repair is not the decoding (``Ô£à`` is ✅ in cp850, the author wrote
    ✓) but which quotes the damaged word in code too: nothing in it is damage to repair, code or prose."""
    text = ("## Problème d'encodage\n\n| Corrompu | Correct | Exemple |\n|---|---|---|\n"
            "| `├®` | `é` | r├®fl├®chir → **réfléchir** |\n| `├á` | `à` | ├á la → **à la** |\n"
            "| `Ô£à` | `✓` | Ô£à → **✓** (checkmark) |\n\n```python\nreplacements = {'d├®j├á': 'déjà'}\n```\n")
    assert repaired(text) == text


def test_a_damaged_word_with_its_repair_elsewhere_on_another_line_is_still_repaired() -> None:
    """The repair must stand on the same line: a damaged line above a clean one is damage."""
    assert repaired("Le cafÃ© est ouvert.\n\nLe café est fermé.\n") == "Le café est ouvert.\n\nLe café est fermé.\n"


def test_a_mapping_row_is_shown_by_the_engine_itself_a_sentence_with_both_writings_is_not() -> None:
    """The engine knows a damaged word whose line writes its repair next to it (a table row, ``| Ã¼ | ü |``), with
    no document or parse, as it knew a quoted replacement table: no evidence, never repaired. The same character
    further along a sentence is another writing of one text, and the damage is repaired."""
    from review_hooks.mojibake.repair import repair as engine

    table = "| Falsch | Richtig |\n|---|---|\n| Ã¼ | ü |\n| Ã¶ | ö |\n"
    assert engine(table).text == table
    assert engine("✅ clean, âœ… damaged, “curly”").text == "✅ clean, ✅ damaged, “curly”"


def test_a_word_whose_last_space_was_a_no_break_space_is_shown_beside_its_repair() -> None:
    # ``dÃ©jÃ `` is déjà whose à (C3 A0) lost its A0 to a space: the line maps it to its repair, on purpose
    text = "Fix patterns:\n\n```\nRÃ©cupÃ©r → Récupér\ndÃ©jÃ  → déjà\n```\n\nDone: rÃ©sumÃ© ✅\n"
    assert repair(text).text == text.replace("rÃ©sumÃ©", "résumé")


def test_a_text_about_mojibake_shows_damage_in_parentheses_on_purpose() -> None:
    # moj11: a troubleshooting heading names the damage it describes, between parentheses
    text = "### Mojibake characters (â€™ instead of ')\n\nThe columns are declared `latin1` but hold UTF-8: café.\n"
    assert repaired(text) == text
    assert repaired(text.replace("Mojibake characters", "Characters")) != text  # a text about something else
