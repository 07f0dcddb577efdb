"""Lone two-byte pairs: legitimate capitals, quotes, math and drawings that read as UTF-8 in some codec.

The cases are the minimal inputs of the third mojibake evaluation: each must stay byte for byte, alone
and beside real damage (where a codec does have evidence), while the damage of the same shapes is
still repaired.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import pytest

from review_hooks.mojibake import typography
from review_hooks.mojibake.changes import Repair
from review_hooks.mojibake.repair import repair

MINIMAL = [  # one cause each, as the evaluation wrote them
    pytest.param("# Structure review\n\nBond area 1.5 Å² per atom; unit cell 150 Å³.\n", id="angstrom squared"),
    pytest.param("# Paper review\n\nAuthors: PETROVIĆ¹, DUPRÉ³.\n", id="capitals before superscripts"),
    pytest.param("# Gennemgang\n\nSe »Ændring« og »Øl« og »Åben«.\n", id="danish guillemets (Mac Roman Ȯ)"),
    pytest.param("# Review\n\nDer Abschnitt »Änderungen« fehlt, siehe »Übersicht«.\n", id="german guillemets"),
    pytest.param("# Glossary\n\nSee the glossary entry CAFÉ¹.\n", id="footnote on capitals"),
    pytest.param("# Note\n\nSiehe »Übersicht«.\n\nnote √π ≈ 1.77245, θ≈π/2, cost≈£3.2m, latency≈µs, ∆°C per hour.\n",
                 id="math beside a guillemet"),
    pytest.param("# Sabores\n\nSabores: ROMÃ–LIMÃO, AMANHÃ—pending, CRISTÃ™.\n", id="pt capitals before a dash"),
    pytest.param("# Sabores\n\nSabores: MAÇÃ–CANELA.\n", id="no residue before a dash"),
    pytest.param("Ellipses: …Änderungen folgen, …über uns, Übung…Ärger; «Été» «ÉTÉ».\n", id="ellipsis, swiss quotes"),
    pytest.param("Range 3 Å–5 Å; HEJDÅ… PÅ–AV; KYLLÄ…; TYÖ—VAPAA; MÅ™ (brand).\n", id="nordic capitals"),
]

BESIDE = [  # clean lines in a document that real Windows-1252 damage is in
    "note √π ≈ 1.77245, θ≈π/2, cost≈£3.2m, latency≈µs, ≈¥500, x≈∞, ∆°C, ¬π",
    "Autor: AŠ–TU, JOVANOVIĆ–HORVAT (dvostruko prezime), KOÇ’UN.",
    "HEJDÅ… PÅ–AV; KYLLÄ…; PÄIVÄ–YÖ; AMAÇ–HEDEF; KOÇ’UN; «Übersicht»; …über.",
    "Volumes: unit cell 150 Å³, surface 20 Å², bond 1.54 Å; Å³/atom; 3 Å–5 Å range.",
    "╔╗╚╝ ─┐ │",
]
DAMAGED = "Status: âœ… done, cafÃ© â€œokâ€\x9d.\n"


@pytest.mark.parametrize("text", MINIMAL)
def test_minimal_clean_inputs_are_untouched(text: str) -> None:
    assert repair(text) == Repair(text)


@pytest.mark.parametrize("line", BESIDE)
def test_clean_lines_beside_real_damage_are_untouched(line: str) -> None:
    assert repair(DAMAGED + line + "\n").text == "Status: ✅ done, café “ok”.\n" + line + "\n"


def test_box_drawing_beside_cp437_damage_is_a_drawing() -> None:
    damaged = "Größe ✅ müde ±5 ½".encode().decode("cp437")
    assert repair(f"{damaged}\n╔╗╚╝ ─┐ │\n").text == "Größe ✅ müde ±5 ½\n╔╗╚╝ ─┐ │\n"


def test_a_one_letter_word_through_cp437_is_no_drawing() -> None:
    """``╨╖`` (з) and ``╨┐`` (п, before an apostrophe) stand alone between words, where a drawing's
    lines would go on: lone letters, repaired beside the document's cp437 Cyrillic damage."""
    text = "Текст з описом, п'ять кодів"
    assert repair(text.encode().decode("cp437")).text == text


def test_a_lone_cp437_letter_inside_a_drawing_stays() -> None:
    damaged = "Текст з описом".encode().decode("cp437")
    assert repair(f"{damaged}\n┌─╨┐\n│ ╨╖│\n").text == "Текст з описом\n┌─╨┐\n│ ╨╖│\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("cafÃ© and ZÃ¼rich", "café and Zürich"),  # a capital that breaks a word of small letters
    ("Price Â£5, 3 Ã— 4", "Price £5, 3 × 4"),  # symbols standing alone
    ("## R√©sum√©", "## Résumé"),  # Mac Roman, a heading on its own
    ("KÃ–LN and KÃ–PENICK Ã¢â‚¬â€\x9d caf\u00c3\u0192\u00c2\u00a9", "KÖLN and KÖPENICK — café"),  # beside strong damage
    ("SÃ\xad, para el aÃ±o prÃ³ximo; piÃ¹ giÃ¹ â€” x", "Sí, para el año próximo; più giù — x"),
    ("Ioana: AcÈ›iuni È™i RetrospectivÄƒ", "Ioana: Acțiuni și Retrospectivă"),
    ("Approuvé : Ã‰ necessÃ¡rio revisar â†’ ok", "Approuvé : É necessário revisar → ok"),  # a partly damaged line
])
def test_the_same_shapes_are_still_repaired_when_damaged(text: str, expected: str) -> None:
    assert repair(text).text == expected


@pytest.mark.parametrize(("run", "start", "reading", "verdict"), [
    ("»Än", 0, "Ȁ", typography.TYPOGRAPHY),  # an opening guillemet before a word
    ("…Är", 0, "ɀ", typography.TYPOGRAPHY),  # an ellipsis before a capital
    ("FÉ¹", 1, "ɹ", typography.TYPOGRAPHY),  # a superscript after a capital
    ("OÇ’U", 1, "ǒ", typography.TYPOGRAPHY),  # a small letter inside capitals
    ("OMÃ–L", 2, "Ö", typography.WEAK),  # a capital that agrees: repaired only on a damaged line
    ("cafÃ©", 3, "é", typography.UNDECIDED),  # a capital that breaks its word: damage
    ("piÃ¹", 2, "ù", typography.UNDECIDED),  # a superscript after a small letter: damage (più)
    ("Ã—", 0, "×", typography.UNDECIDED),  # 3 Ã— 4
])
def test_lone_pair_verdicts(run: str, start: int, reading: str, verdict: str) -> None:
    assert typography.lone_pair(run, start, reading) == verdict


def test_polish_beside_windows_1252_damage_is_no_residue_of_windows_1250() -> None:
    """Windows-1250 reads the damaged line as Windows-1252 does, which lends it no evidence of its own:
    ``gęślą`` (ę ś: a three-byte lead and a continuation in Windows-1250) is no truncated sequence."""
    result = repair("Zespół: przeglÄ…d âœ… â€” gotowe.\nZażółć gęślą jaźń.\n")
    assert result.text == "Zespół: przegląd ✅ — gotowe.\nZażółć gęślą jaźń.\n"
    assert result.residue == ()


@pytest.mark.parametrize("line", ["ç ð ö öö «Ç» “öö”", "ć Č č Đ «Ć» “Đ”", "ýa ýo ýu Ć «ÝA» “Ć”"])
def test_a_one_letter_quotation_beside_damage_is_typography(line: str) -> None:
    """An undamaged opening quote right before one capital: «Ç» is not «ǻ, “Đ” is not “Д."""
    text = f"Status âœ… â€“ {line}\n"
    assert repair(text).text == f"Status ✅ – {line}\n"


@pytest.mark.parametrize(("damaged", "repaired"), [
    pytest.param("# Ali Ã‡elik, 2021.\n", "# Ali Çelik, 2021.\n", id="Ç before small letters"),
    pytest.param("Ãœbersicht\n", "Übersicht\n", id="Ü whose pair reads as a capital and œ"),
    pytest.param("## Ã‰tat du projet\n", "## État du projet\n", id="É in a heading"),
    pytest.param("Ä±rmak boyu\n", "ırmak boyu\n", id="Turkish dotless ı opening its word"),
    pytest.param("Ã“scar y Ã‘andú\n", "Óscar y Ñandú\n", id="a quote and a Ñ as continuation bytes"),
])
def test_a_flagged_pair_opening_a_word_of_small_letters_is_repaired_as_the_only_damage(
        damaged: str, repaired: str) -> None:
    assert repair(damaged).text == repaired


@pytest.mark.parametrize("text", [
    pytest.param("Ç’a été un plaisir.\n", id="the elision: an apostrophe, no broken word"),
    pytest.param("Ã\x84leny\n", id="a C1 control after the capital: Latin-1 damage with a byte lost below"),
])
def test_a_word_opening_pair_that_breaks_no_word_is_left(text: str) -> None:
    assert repair(text).text == text and repair(text).changes == ()


@pytest.mark.parametrize(("text", "repaired"), [
    pytest.param("Status ¬Æ done\n", "Status ® done\n", id="Mac Roman ® alone: a symbol and a letter"),
    pytest.param("ВЁх \n", "ВЁх \n", id="two Cyrillic letters are no Latin-1 symbol (Windows-1251 C2 A8: ¨)"),
])
def test_a_lone_pair_read_as_a_latin1_symbol_is_not_two_letters(text: str, repaired: str) -> None:
    from review_hooks.mojibake.repair import repaired_text

    assert repaired_text(text) == repaired


def test_a_closing_guillemet_damaged_as_its_opener_was_comes_off_whole() -> None:
    """Twice damaged, ``Ã‚Â«IMPOSTORÃ‚Â»`` is «IMPOSTOR»: the » after a capital is no quote closing the line's «,
    since that « was damaged alike; both come off every layer, as the words around them do."""
    from review_hooks.mojibake.repair import repair

    clean = "(բառ կամ «IMPOSTOR»)։\n"
    twice = clean.encode().decode("cp1252").encode().decode("cp1252")
    assert repair(twice).text == clean


def test_a_letter_and_a_symbol_inside_a_word_mend_it_as_one_letter() -> None:
    """Mac Roman ``ƒ±`` (C4 B1) inside ``klonlayƒ±n`` is ı: a symbol inside a word of letters breaks it, and the
    reading, a small Latin letter, mends it (evidence on its own, as ``cafÃ©`` is), where clean math in Mac Roman,
    a symbol then a letter (``latency≈µs``, ``cost≈£3``), stays as written."""
    from review_hooks.mojibake.repair import repair

    text = "## Kurulum\n\n1. Projeyi klonlayƒ±n:\n\n2. Klonlama işlemi tamamlandıktan sonra projeyi açın.\n"
    assert repair(text).text == text.replace("ƒ±", "ı")
    math = "note √π ≈ 1.77245, latency≈µs, cost≈£3.2m\n"
    assert repair(math).text == math
