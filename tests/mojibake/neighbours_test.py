"""A lossy reading against the symbols on its line: a list of relations says ⁉ is no sure reading of ``â‰``."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

from review_hooks.mojibake.repair import repair

RELATIONS = "≠ ≡ ≅ ≈ ≝ ∣"


def dropped(text: str) -> str:
    """``text`` read as Windows-1252 by a tool that dropped the bytes it does not define (0x9D in ≝)."""
    return bytes(b for b in text.encode() if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)).decode("cp1252")


def test_a_lost_byte_among_symbols_of_another_block_is_reported_not_guessed() -> None:
    damaged = dropped(RELATIONS)
    assert "â‰ âˆ£" in damaged  # ≝ (E2 89 9D) lost its last byte: ⁉ (E2 81 89) lost its middle one just as well
    result = repair(damaged)
    assert result.text == "≠ ≡ ≅ ≈ â‰ ∣"
    [residue] = result.residue
    assert residue.old == "â‰"
    assert "≝" in residue.options[0] and "⁉" in residue.options[0]
    assert residue.likely != "⁉"  # a relation of the line's block comes first


def test_a_span_between_words_keeps_its_one_plausible_reading() -> None:
    # ❤ (E2 9D A4) lost 0x9D: ⏤, ⍤ and ␤ read from the same bytes, but text writes ❤ bare (the prior)
    result = repair("Done âœ… and I â¤ it")
    assert result.text == "Done ✅ and I ❤ it"
    assert not result.residue


def test_a_span_no_reading_of_which_text_holds_bare_is_reported_with_the_plausible_ones_first() -> None:
    # ⁉ (E2 81 89) lost 0x81, or ≠ (E2 89 A0) lost its no-break space: the prior never saw ⁉ bare
    result = repair("Done âœ… and â‰ really")
    assert result.text == "Done ✅ and â‰ really"
    [residue] = result.residue
    assert residue.likely == "⁉" and "≝" in residue.options[0]


def test_a_box_corner_after_its_line_ranks_first_beside_a_pictograph_of_another_theme() -> None:
    """``┐`` (E2 94 90, 0x90 dropped) after ``──``: the line's ✅ shares a word of name (MARK) with ❔, but the box
    drawing it continues says more, so ``┐`` stays the likely reading of the report."""
    result = repair(dropped("┌──┐ ok ✅ done"))
    assert result.text == "â”Œâ”€â”€â” ok ✅ done"
    [residue] = result.residue
    assert residue.likely == "┌──┐"
    assert residue.options[0][0] == "┐" and "❔" in residue.options[0]


def test_a_letter_lost_in_a_script_the_prior_does_not_measure_is_reported_not_guessed() -> None:
    """Thai แ (E0 B9 81) lost 0x81: the mark ํ (E0 B9 8D) fits after ป as well, and the prior, which no Thai text
    feeds, cannot tell them apart; reported, not written as รูปํบบ."""
    result = repair(dropped("## รูปแบบชื่อไฟล์ และ ตัวแปร\n"))
    assert "ํ" not in result.text and "รูปแบบ" not in result.text
    assert any("แ" in part for item in result.residue for part in item.options)


def test_a_lost_byte_in_an_ideograph_is_reported_not_read_by_simplified_frequency() -> None:
    """瀏 (E7 80 8F) lost 0x8F; simplified 着 (E7 9D 80) is far more common in the prior, but in a traditional text
    瀏 and nine other ideographs fit as well: reported, not rewritten to 着覽檔案."""
    result = repair(dropped("**瀏覽檔案 »** 與 說明\n"))
    assert "着" not in result.text
    assert any("瀏" in part for item in result.residue for part in item.options)


def test_a_report_beside_a_reading_of_two_characters_is_ranked_without_error() -> None:
    # ``Ã‹Â£`` (ˣ twice) has readings of two characters (a layer below, ``ÃƏ``): no block to continue
    result = repair("- keypad multiply: Ãƒâ€” Ã¢â€¹â€¦ Ã‹Â£ Ã¢â€šâ€œ.\n")
    assert result.text.startswith("- keypad multiply: × ⋅ ")
    assert [residue.old for residue in result.residue] == ["Ã‹Â£", "Ã¢â€šâ€œ"]
