"""A reading that brings in what the document never shows is no repair: the span is text, left and unreported.

Each case puts legitimate text that a codec reads as UTF-8 beside real damage by that codec, so that the codec
has evidence and the engine would otherwise repair the text too (found by an outside evaluation on real
Spanish, French, German and Italian sentences).
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import pytest

from review_hooks.mojibake.repair import repair

KEPT = [
    pytest.param("‚úÖ listo\n\n—Él no vendrá —dijo—.\n", "—Él", id="Mac Roman: dialogue dash and É read as Cyrillic у"),
    pytest.param("‚úÖ fertig\n\nLe projet—était-ce prévu ?\n", "—é", id="Mac Roman: dash and é read as Cyrillic ю"),
    pytest.param("‚úÖ fertig\n\nFußball…ärgerlich\n", "…ä", id="Mac Roman: ellipsis and ä read as a rare Ɋ"),
    pytest.param("âœ… fertig\n\n«Non so perché…»\n", "é…»", id="cp1252: é…» read as the ideograph 酻"),
    pytest.param("âœ… fertig\n\nÇ’a été un plaisir.\n", "Ç’a", id="cp1252: the elision Ç’a read as pinyin ǒ"),
    pytest.param("âœ… fertig\n\nMaß·Einheit\n", "ß·", id="cp1252: ß· read as the NKo sign ߷"),
]


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_legitimate_text_beside_damage_by_its_codec_is_left_and_unreported(text: str, kept: str) -> None:
    result = repair(text)
    assert result.text == "✅ " + text.split(" ", 1)[1]
    assert kept in result.text
    assert all(change.old.startswith(("âœ", "‚ú")) for change in result.changes)
    assert result.residue == ()


def test_the_same_readings_where_the_document_shows_their_script_are_repaired() -> None:
    """The Cyrillic у of ``—É`` is a repair in a Russian document that Mac Roman damaged: Cyrillic is shown."""
    text = "–ü—Ä–∏–≤–µ—Ç –º–∏—Ä\n\n‚Äî—É\n"
    assert repair(text).text == "Привет мир\n\n—у\n"


def test_a_rare_letter_that_mends_its_word_is_still_repaired() -> None:
    """Pinyin ``yÇ”`` is yǔ: a capital inside a word of small letters, read as a small letter."""
    assert repair("æ±‰è¯­ yÇ” is written so\n").text == "汉语 yǔ is written so\n"


def test_flagged_damage_of_one_letter_of_another_script_is_still_repaired() -> None:
    """``Î”`` is the Greek Δ: ftfy's badness flags the span, so no other Greek letter is needed."""
    assert repair("âœ… the Î” of the two runs\n").text == "✅ the Δ of the two runs\n"


@pytest.mark.parametrize(("damaged", "clean"), [
    pytest.param("> **Ã¢â€žÂ¹Ã¯Â¸Â\x8f Note** and Ã¢Å“â€¦ done", "> **ℹ️ Note** and ✅ done", id="information source"),
    pytest.param("Ã¢Ë†â€¦ Ã¢â€žâ€¢ Ã¢â€žÂ¤", "∅ ℕ ℤ", id="double-struck capitals"),
])
def test_a_letterlike_symbol_decoded_twice_is_no_stranger_letter(damaged: str, clean: str) -> None:
    """``ℹ`` and ``ℕ`` are letters to Unicode (Ll, Lu) and rare in every language, but they are symbols, of no
    script: decoded twice (``Ã¢â€žÂ¹`` is ``â„¹``, then ℹ), every layer comes off, as it does for ✅ beside them."""
    assert repair(damaged).text == clean


@pytest.mark.parametrize(("clean", "codec"), [
    pytest.param("# ინსტალაცია", "cp1252", id="Georgian heading, twice browser-style"),
    pytest.param("โปรแกรมเปลี่ยนชื่อ", "cp1252", id="Thai, twice"),
])
def test_a_script_no_language_of_the_prior_writes_is_no_stranger_decoded_twice(clean: str, codec: str) -> None:
    """The frequency prior holds no common letter of Georgian or Thai, so each of their letters looks rare in
    every language; that says nothing of them (``scripts.measured``), and a text wholly in such a script, damaged
    twice with no byte lost, comes off whole."""
    once = "".join(bytes([b]).decode(codec, errors="ignore") or chr(b) for b in clean.encode())
    twice = "".join(bytes([b]).decode(codec, errors="ignore") or chr(b) for b in once.encode())
    assert repair(twice).text == clean


def test_readings_that_explain_as_much_are_not_told_apart_by_a_script_the_prior_does_not_measure() -> None:
    """``Õ¯`` is Armenian կ in Windows-1252 (D5 AF) and the Armenian comma ``՝`` in Windows-1257 (D5 9D): with
    no measure of Armenian letters, the comma is not "less rare" than the letter, and the codec the document
    shows decides."""
    clean = "## Ցանկ\n\nԱյս ռեպոզիտորին ներկայումս հիմնական վայրն\n"
    assert repair(clean.encode().decode("cp1252")).text == clean


@pytest.mark.parametrize("clean", [
    pytest.param("# ქვეყნები\n", id="one Georgian heading"),
    pytest.param("Այս ռեպոզիտորին ներկայումս\n", id="one Armenian line"),
])
def test_a_letter_the_prior_never_saw_of_a_script_it_does_not_measure_is_evidence_as_any(clean: str) -> None:
    """Georgian ტ and Armenian կ are unseen by the frequency prior, which no language of Georgian or Armenian
    feeds; unseen there is no sign of a codec's invention, so a short text wholly damaged is repaired."""
    assert repair(clean.encode().decode("cp1252")).text == clean


def test_a_one_letter_word_of_a_script_the_prior_does_not_measure_comes_off_with_its_line() -> None:
    """Armenian է ("is") alone, ``Õ§``: once or twice damaged, it is repaired with the Armenian words around it."""
    clean = "է,որտեղ կարող եք տեսնել, թե ինչպես կարելի է արագ\n"
    once = clean.encode().decode("cp1252")
    twice = once.encode().decode("cp1252")
    assert repair(once).text == clean
    assert repair(twice).text == clean


def test_a_lone_letter_of_a_script_the_document_never_shows_is_no_second_layer() -> None:
    """Turkish ``Ä±Ã§`` is ıç once decoded; cp850 reads ıç as D5 87, Armenian Շ, which nothing else in the
    document is written in: ıç, common letters, is the repair."""
    assert repair("## BaÅŸlangÄ±Ã§ ve Ã§ok gÃ¼zel\n").text == "## Başlangıç ve çok güzel\n"
    assert repair("## BaÃ…Å¸langÃ„Â±ÃƒÂ§ ve gÃƒÂ¼zel\n").text == "## Başlangıç ve güzel\n"
