"""One-letter words, bytes lost inside words, and what a lost byte's neighbours say: minimal cases of what an
outside evaluation on real text in 16 languages found (Vietnamese, Hebrew, Korean, Chinese, Portuguese)."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import pytest

from review_hooks.mojibake.repair import repair


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("CÃ¡c bÆ°á»›c cÃ i Ä‘áº·t\n", "Các bước cài đặt\n", id="inside a word of small letters: cài"),
    pytest.param("HÃ  Ná»™i vÃ  SÃ i GÃ²n\n", "Hà Nội và Sài Gòn\n", id="after the capital that opens a word: Hà, Sài"),
])
def test_a_no_break_space_byte_saved_as_a_space_inside_a_word_is_restored(text: str, expected: str) -> None:
    """``Ã `` is à whose A0 became a space; inside a word, the dropped bytes would read as capitals (Á Í Ï Ð Ý)."""
    assert repair(text).text == expected


@pytest.mark.parametrize("text", ["IRMÃ E\n", "RUA DA IRMÃ E SÃO PAULO\n", "SÃ i\n"])
def test_a_capital_ending_a_word_of_capitals_or_without_evidence_stays(text: str) -> None:
    result = repair(text)
    assert result.text == text and not result.residue


def test_a_lost_byte_that_reads_as_the_symbol_beside_it_is_no_single_reading() -> None:
    """``â—`` lost its last byte (● beside ○) or its middle one (❗): the symbol read after it makes ● as plausible
    as the emoji, so nothing is guessed; the report names ● first."""
    result = repair("DifficultÃ© : â—â—â—‹\n")
    assert result.text == "Difficulté : â—â—â—‹\n"
    [residue] = result.residue
    assert (residue.old, residue.likely) == ("â—â—â—‹", "●●○")


def test_a_one_letter_name_and_its_power_is_repaired_beside_damage() -> None:
    assert repair("Curva forÃ§a-velocidade, RÂ², perfil\n").text == "Curva força-velocidade, R², perfil\n"
    for text in ("RÂ² alone\n", "ROMÂ² x cafÃ©\n"):  # no evidence; a word of capitals before a footnote
        assert "Â²" in repair(text).text


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("âœ… ×\x90×™×Ÿ ×¦×•×¨×š ×‘-MongoDB\n", "✅ אין צורך ב-MongoDB\n", id="the prefix ב before a hyphen"),
    pytest.param("Ã—â€“Ã—â€\x9d Ã—â€º-1-2 Ã—â€œÃ—Â§Ã—â€¢Ã—Âª\n", "זה כ-1-2 דקות\n",
                 id="damaged twice: both layers come off the one letter"),
])
def test_a_one_letter_hebrew_word_is_repaired_beside_hebrew_damage(text: str, expected: str) -> None:
    """``×`` (D7, a multiplication sign in Windows-1252) leads every Hebrew letter, as ``Ð`` leads Cyrillic."""
    assert repair(text).text == expected


@pytest.mark.parametrize("text", ["3 ×‘ 4\n", "size 3×‘4’ café\n", "Ã—â€º alone\n"])
def test_a_times_sign_before_a_quote_without_hebrew_damage_stays(text: str) -> None:
    assert repair(text).text == text


@pytest.mark.parametrize(("text", "old", "likely"), [
    pytest.param("ì´ í”„ë¡œì íŠ¸\n", "ì´", "이", id="Korean 이 that lost 0x9D"),
    pytest.param("å° - è»½å¾®ãªæ”¹å–„\n", "å°", "印", id="Chinese 小 that lost 0x8F (its candidates ranked by prior)"),
])
def test_a_word_of_its_own_that_lost_a_byte_is_reported(text: str, old: str, likely: str) -> None:
    result = repair(text)
    assert old in result.text  # reported, not guessed
    assert any(residue.old == old and residue.likely == likely for residue in result.residue)


@pytest.mark.parametrize("text", ["Le symbole Å et cafÃ©\n", "Ça va, cafÃ©\n"])
def test_a_latin_letter_alone_is_no_lost_word(text: str) -> None:
    assert not repair(text).residue


def test_a_space_that_fits_no_no_break_space_reading_is_read_as_a_space() -> None:
    """``ï¸`` (U+FE0F that lost 0x8F) then two spaces: read as A0 it would be U+FE20, which fits nowhere, so the
    space is a space and U+FE0F the one reading after ⏲ (it was left, and not reported)."""
    assert repair("- â²ï¸  Prep time: 20 min\n- ðŸ\x8d³ Cook\n").text == "- ⏲️  Prep time: 20 min\n- 🍳 Cook\n"


def test_a_no_break_space_byte_and_a_dropped_byte_in_one_sequence_read_back_with_one_reading() -> None:
    """``âš ï¸``: ⚠ whose A0 became a space, and U+FE0F that lost 0x8F: the space completes ⚠, and after it U+FE0F is
    the one candidate that fits, so ⚠️ is restored where the codec damaged the document elsewhere (it was neither
    restored nor reported)."""
    result = repair("| âš ï¸ 5 warnings, âœ… done\n")
    assert result.text == "| ⚠️ 5 warnings, ✅ done\n"
    assert [(change.old, change.lossy) for change in result.changes] == [("âš ï¸", True), ("âœ…", False)]


def test_a_word_of_letters_alone_is_no_lost_word_beside_damage() -> None:
    """Czech ``již`` ends in ``íž``, which Windows-1252 bytes read as a cut sequence: it is a word of letters."""
    result = repair("Ã©tÃ© a íž a čí\n")
    assert result.text == "été a íž a čí\n" and not result.residue
