"""A no-break space saved as a space: read back where it is the one reading, reported otherwise."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import pytest

from review_hooks.mojibake.repair import repair


@pytest.mark.parametrize(("damaged", "restored"), [
    pytest.param("guide Ã  travers â€” ok", "guide à travers — ok", id="à: the word's own space follows"),
    pytest.param("voilÃ  tout â€” ok", "voilà tout — ok", id="à ending a word of small letters"),
    pytest.param("## ðŸ§  Brain â€” ok", "## 🧠 Brain — ok", id="a pictograph's last byte"),
    pytest.param("âš ï¸\x8f Warn â€” ok", "⚠️ Warn — ok", id="a variation selector follows: no space of its own"),
])
def test_a_space_that_can_only_be_a_no_break_space_is_read_back(damaged: str, restored: str) -> None:
    result = repair(damaged)
    assert result.text == restored
    assert any(change.lossy for change in result.changes)


@pytest.mark.parametrize("text", [
    pytest.param("## ðŸ” Findings â€” ok", id="one space: a dropped byte reads too (🔐 🔍 ...)"),
    pytest.param("guide Ã travers â€” ok", id="one space: Á Í Ï Ð Ý read too"),
    pytest.param("IRMÃ  E â€” ok", id="a capital ending a word of capitals"),
    pytest.param("guide Ã  travers, no other damage", id="no evidence of the codec elsewhere"),
])
def test_a_space_that_may_be_a_space_is_left(text: str) -> None:
    first = text.split(" ", 2)[1] if "ðŸ”" in text else "Ã"
    assert first in repair(text).text


def test_no_break_space_reading_is_not_repaired_without_evidence() -> None:
    text = "Le guide Ã  travers\n"
    assert repair(text).text == text


def test_a_dropped_byte_before_a_single_space_stays_reported() -> None:
    assert [r.old for r in repair("## ðŸ” Findings â€” ok").residue] == ["ðŸ”"]


def test_a_lost_no_break_space_of_a_letter_damaged_twice_is_read_back_beside_evidence() -> None:
    # à (C3 A0) in Windows-1252 twice is ``ÃƒÂ\xa0``; its A0 saved as a space leaves ``ÃƒÂ `` before the
    # space of its own: one small Latin letter, as ``Ã `` is once (not a symbol, as a long sequence must be)
    assert repair("propres ÃƒÂ  https et signÃƒÂ©e\n").text == "propres à https et signée\n"


def test_a_lead_alone_before_its_lost_no_break_space_is_no_clean_letter_of_its_line() -> None:
    """Bulgarian Р is D0 A0: saved with its A0 as a space it is ``Ð `` before the rest of its word. That ``Ð`` is
    damage, not a clean accented letter, so the line still lets the one-letter word в (``Ð²``) be repaired."""
    from review_hooks.mojibake.repair import repair

    clean = "3. Разархивирайте изтегления ZIP файл в желаната директория.\n"
    damaged = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in clean.encode())
    damaged = damaged.replace("\xa0", " ")
    assert " Ð² " in damaged
    assert " в желаната" in repair(damaged).text


def test_a_space_before_a_comma_is_a_lost_no_break_space_byte() -> None:
    """Italian ``criticitÃ ,``: à (C3 A0) whose A0 was saved as a space, before a comma, which no space stands
    before; with Windows-1252 damage elsewhere on the page, it is repaired as à."""
    from review_hooks.mojibake.repair import repair

    text = "Il team: sullâ€™andamento.\n- nonostante le criticitÃ , Ã¨ emerso un buon livello.\n"
    assert repair(text).text == "Il team: sull’andamento.\n- nonostante le criticità, è emerso un buon livello.\n"
    assert repair("IRMÃ , CAFÃ.\n").text == "IRMÃ , CAFÃ.\n"  # a capital ending a word of capitals stays


@pytest.mark.parametrize(("damaged", "read"), [
    ("│ â\xad    â¯    â®  ðŸ”Š done\n", ("â\xad", "â¯", "â®")),  # ⏭ ⏯ ⏮ lost 0x8F, not ⭠ ⯠ ⮠ with A0
    ("  âœ  Local:   http://localhost:5173/ âœ…\n", ("âœ",)),  # ➜ lost 0x9E (Windows-1254), not ✠
])
def test_a_space_read_as_a0_makes_no_symbol_text_never_writes(damaged: str, read: tuple[str, ...]) -> None:
    result = repair(damaged)
    assert not any(change.lossy for change in result.changes)
    assert tuple(residue.old for residue in result.residue) == read  # reported: a byte was lost before the spaces


def test_a_space_read_as_a0_still_makes_the_symbols_text_writes() -> None:
    assert repair("ðŸ§  Memory âœ…\n").text == "🧠 Memory ✅\n"
    assert repair("â–  ● ◆ âœ…\n").text == "■ ● ◆ ✅\n"  # ■ (E2 96 A0): a square text writes


def test_a_space_read_as_a0_makes_no_box_piece_of_another_weight_than_its_line() -> None:
    # moj11: ``┐`` (E2 94 90) lost 0x90 before spaces; with A0 it would be ``┠``, heavy, ending a light line
    damaged = "```\n│     â”Œâ”€â”€â”€â”€â”               â”‚\n```\n"
    result = repair(damaged)
    assert "┠" not in result.text
    assert [residue.likely[-1] for residue in result.residue] == ["┐"]


def test_a_small_letter_before_a_closing_bracket_completes_with_its_lost_a0() -> None:
    # moj11: Vietnamese ``gÃ )`` is gà: no space stands before a closing bracket
    assert repair("37.5 Â°C (lá»“ng áº¥p trá»©ng gÃ ).\n").text == "37.5 °C (lồng ấp trứng gà).\n"
