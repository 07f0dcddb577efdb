"""The repair engine: what it repairs exactly, what it must leave byte for byte, what it reports."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from review_hooks.mojibake.changes import Repair
from review_hooks.mojibake.repair import repair, repaired_text
from tests.conftest import FIXTURES

UNTOUCHED = [
    pytest.param("plain ASCII, `code` and [a link](./a.md)\n", id="ascii"),
    pytest.param("Crème brûlée — naïve café", id="legit latin-1"),
    pytest.param("## SÃO PAULO\nNÃO, ações, São Paulo", id="portuguese capital A tilde"),
    pytest.param("1. ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß\n3. ¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿\n"
                 "4. ĀāĂăĄąĆćČčĎďĐđĒēĘęĚěĞğĪīİıŁłŃńŇňŐőŒœŘřŚśŞşŠšŢţŤťŪūŮůŰűŸŹźŻżŽž\n",
                 id="character tables count up (Mac Roman read ÃÄ as U+0300, cp1250 ĂăĄą as residue)"),
    pytest.param("Font test string: Â©®™ and ÀÁÂÃÄÅ, plus “ÎÏ” and Ð°.",
                 id="a sequence beside a byte that belongs to nothing (Mac Roman Â©® is 婨, then ™ is 0xAA)"),
    pytest.param("“curly” ‘quotes’ and l’été, d’écrire, qu’à", id="curly quotes and french elisions"),
    pytest.param("The build.\n\nµºÀ\n\nSee.\n", id="symbols cp850 reads as a letter no language holds (槷)"),
    pytest.param("e\u0301cole, n\u0303o", id="NFD"),
    pytest.param("ﬁnance ﬂow", id="ligatures"),
    pytest.param("ＦＵＬＬ ｗｉｄｔｈ", id="full-width"),
    pytest.param("&amp; &lt;b&gt; &#x2713;", id="html entities"),
    pytest.param("┌──┬──┐\n│ a│ b│\n├──┼──┤\n└──┴──┘\n─┐ ─┤", id="box drawing (cp437 look-alikes)"),
    pytest.param("Привет, всё хорошо. Καλημέρα κόσμε. 日本語のテキスト", id="other scripts"),
    pytest.param("✅ ⚠️ 📝 🎯 → ≥ … – •", id="clean emoji"),
    pytest.param("Grüße aus Zürich, Ångström, œuvre, Æsir, Łódź, İstanbul, ¿qué? ¡hola!", id="accents"),
    pytest.param("\ufeff# Title\r\nbody\r\n", id="BOM and CRLF"),
    pytest.param("«é» —é …é ’é", id="mac roman look-alikes"),
    pytest.param('MAP = {"â€™": "’", "âœ…": "✅"}\n', id="replacement table"),
    pytest.param("", id="empty"),
    pytest.param("the Ð² and Î² constants, –≤ and ╨▓", id="one-letter readings with no damage beside them"),
]


def test_an_accented_capital_before_a_dash_ends_a_word_beside_damage() -> None:
    """``RÉSUMÉ—`` reads as ``RÉSUMɗ`` in Windows-1252 (É— is C9 97); Romanian ț inside a word stays repairable."""
    assert repair("RÉSUMÉ— and CAFÉ… ÉTÉ— â€” x").text == "RÉSUMÉ— and CAFÉ… ÉTÉ— — x"
    assert repair("ConstanÈ›a È™i â€” x").text == "Constanța și — x"


def test_a_capital_after_a_small_letter_before_a_quote_is_repaired_beside_damage() -> None:
    """Pinyin ``yÇ”`` is yǔ (C7 94) and ``wÇ’`` wǒ: a capital after a small letter breaks its word, and the small
    reading mends it; ``RÉSUMÉ—`` (a word of capitals) keeps its dash."""
    text = "æ±‰è¯­æ‹¼éŸ³ is written yÇ” pÄ«n; æˆ‘ is wÇ’. RÉSUMÉ— stays."
    assert repair(text).text == "汉语拼音 is written yǔ pīn; 我 is wǒ. RÉSUMÉ— stays."


def test_a_pair_that_mends_the_word_it_breaks_is_evidence_on_its_own() -> None:
    """Polish ``rozdziaÅ‚u`` is rozdziału (Å‚ is C5 82, ł): a capital and a low quote inside a word of small
    letters, read as a small letter of its script; no other damage is needed beside it. A capital that
    starts its word (``Åsa``) or ends a word of capitals is no such pair."""
    assert repair('msgstr "Autor rozdziaÅ‚u: "\n').text == 'msgstr "Autor rozdziału: "\n'
    for text in ("Åsa‚ wrote", "ÅÅ‚ and ÖÄ‚", "the a‚b test"):
        assert repair(text).text == text


def test_a_no_break_space_glued_to_a_small_letter_is_evidence_on_its_own() -> None:
    """``ConsideredÂ\xa0Options`` (C2 A0 double-encoded) is a no-break space: no word ends in a capital Â after a
    small letter. A capital word's ``PAULOÂ`` and a lone ``Â`` after a space stay without evidence of their own."""
    assert repair("## ConsideredÂ\xa0Options\n").text == "## Considered\xa0Options\n"
    for text in ("SÃO PAULOÂ\xa0X", "word Â\xa0word"):
        assert repair(text).text == text


def test_an_inverted_mark_ends_no_word_so_every_layer_comes_off_vietnamese() -> None:
    """``Æ¡`` is Vietnamese ơ (C6 A1): ``¡`` opens a sentence and ends no word, so the word-end rule of
    ``RÉSUMÉ—`` does not hold the second layer of ``hÃ†Â¡n`` back while the rest of the line loses both."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    line = "Để chọn nhiều hơn một mục."
    twice = line.encode().decode("sloppy-windows-1252").encode().decode("sloppy-windows-1252")
    assert "hÃ†Â¡n" in twice
    assert repair(twice).text == line
    assert repair("¡Hola! ¿Qué tal? CAFÉ¡ and â€” x").text == "¡Hola! ¿Qué tal? CAFÉ¡ and — x"


def test_a_combining_accent_that_ends_a_word_is_repaired() -> None:
    """NFD ``você`` damaged (``Ì‚`` is CC 82, U+0302) ends with ``‚`` like ``RÉSUMÉ—`` ends with a dash,
    but a combining mark is no capital: the rule for capitals before a dash leaves it to be repaired."""
    assert repair("O voceÌ‚ e voceÌ‚. Status: âœ… done\n").text == "O voce\u0302 e voce\u0302. Status: ✅ done\n"
    assert repair("voce\u0302 e RÉSUMÉ—. Status: âœ… done\n").text == "voce\u0302 e RÉSUMÉ—. Status: ✅ done\n"



def test_a_symbol_inside_a_word_is_no_word() -> None:
    """Hebrew ``אָקט`` damaged as Windows-1250 reads in Windows-1257 as ``א֏קט`` (U+058F ARMENIAN DRAM SIGN
    inside the word): no word of one script, so no evidence of that codec. Its Windows-1250 reading, with
    the qamats U+05B8 a mark of its own script (issue 16: niqqud are letters of their word), is the word."""
    import ftfy.bad_codecs  # noqa: F401

    from review_hooks.mojibake.scripts import word

    damaged = "אָקט ✅".encode().decode("sloppy-windows-1250") + " x\n"
    result = repair(damaged)
    assert result.text == "אָקט ✅ x\n"  # was left whole and reported before niqqud counted as letters
    assert not result.residue
    assert not word("א֏קט", 3) and word("אָקט", 3)
    assert repair("Â«Ð¡Ð¾Ñ…Ñ€Ð°Ð½Ð¸Ñ‚ÑŒÂ» x").text == "«Сохранить» x"  # quotes at its edges: still a word

TYPOGRAPHY = [  # the last capital of a word and a closing quote or no-break space form a two-byte sequence
    "The road sign „LOKAÐ“ (Icelandic).",  # Ð“ is D0 93: Cyrillic Г after Latin capitals
    "The campaign «AMANHÃ» runs.",  # Ã» is C3 BB: small û after capitals
    "The charity “IRMÃ” (partner).",  # Ã” is C3 94: Ô, but the quote closes the quotation
    "Headline «\u00a0RÉSUMÉ\u00a0» with no-break spaces.",  # É\u00a0 is C9 A0: ɠ
    "Ioana: „LIMBA ROMÂNĂ” i „ȚARĂ”.",  # Windows-1250: Ă” is C3 94 (Ô)
    "The tagline is “A MAÇÃ”; both render.",  # ÇÃ” would be residue
]


@pytest.mark.parametrize("text", TYPOGRAPHY)
def test_a_capital_before_typography_is_no_lead_byte(text: str) -> None:
    """Clean, and beside damage by the codec that would read the pair (the evaluation's minimal cases)."""
    assert repair(text) == Repair(text)
    damage = "Ă©tĂ© â€” x" if "Ă" in text else "Ã©tÃ© â€” x"
    assert repair(f"{text} {damage}\n").text == f"{text} été — x\n"


def test_damage_before_a_quote_is_still_repaired() -> None:
    """Damage of the same words looks different: its quotes are damaged too, or the lead disagrees with its word."""
    assert repair("â€œIRMÃ”â€\x9d and Ã©tÃ©").text == "“IRMÔ” and été"
    assert repair("VoilÃ\u00a0! Ã©tÃ©").text == "Voilà! été"
    assert repair("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Â«Ð¡Ð¾Ñ…Ñ€Ð°Ð½Ð¸Ñ‚ÑŒÂ»").text == "привет «Сохранить»"
    twice = "Ã¢â‚¬Å“IRMÃƒÆ’Ã¢â‚¬Â\x9d and ÃƒÂ©"  # “IRMÃ” and é, damaged twice in Windows-1252
    assert repair(twice).text == "“IRMÃ” and é"  # not IRMÔ: the quote is typography once repaired


def test_damage_by_two_codecs_is_repaired_twice() -> None:
    """Windows-1250 then Windows-1252 (``ą`` -> ``Ä…`` -> ``Ã„â€¦``): the first repair yields only
    Windows-1250 sequences, in several places, so it is repaired again; the text around them is not."""
    original = "Notatka z przeglądu: zł, Łódź, Gdańsk, Świnoujście, następny krok — działem."
    import ftfy.bad_codecs  # noqa: F401  (the sloppy codecs keep the bytes cp1250 and cp1252 leave undefined)

    damaged = original.encode().decode("sloppy-windows-1250").encode().decode("sloppy-windows-1252")
    assert repair(damaged).text == original
    assert repair(f"Ĺ‚ alone, SÃO {damaged}").text == f"Ĺ‚ alone, SÃO {original}"


def test_where_codecs_explain_a_run_alike_the_reading_of_common_letters_wins() -> None:
    """A document damaged by two codecs (cp850 ``├í`` and Windows-1252 ``Ã¡``): cp850 reads ``Ã¡`` too, as the
    rare ǭ, and its evidence elsewhere must not win the run from the reading real text holds (á)."""
    text = "olvas├ís ├ítlagos\nvÃ¡lasz ÃºjÃ©\n"
    assert repair(text).text == "olvasás átlagos\nválasz újé\n"


@pytest.mark.parametrize("text", ["only Î” here", "Status ÷à done âœ…", "ßŒ x â€” y", "ESPAÑ» and Ñ“x” âœ…"])
def test_a_lone_letter_of_another_script_is_weak(text: str) -> None:
    """``Î”`` alone is no evidence, and only basic Greek and Cyrillic letters are repaired as weak."""
    assert {change.new for change in repair(text).changes} <= {"✅", "—"}


@pytest.mark.parametrize("text", UNTOUCHED)
def test_legitimate_text_is_untouched(text: str) -> None:
    result = repair(text)
    assert result.text == text
    assert result.changes == () and result.residue == ()


REPAIRED = [
    pytest.param("**Status:** âœ… EXCELLENT â€“ All", "**Status:** ✅ EXCELLENT – All", id="cp1252"),
    pytest.param("# ðŸŽ¯ Goals\n- â€œquotedâ€\x9d", "# 🎯 Goals\n- “quoted”",
                 id="cp1252 with a hole byte kept"),
    pytest.param("| ✅ | ⚠️ | → ≥ 📚".encode().decode("mac_roman"), "| ✅ | ⚠️ | → ≥ 📚", id="mac roman"),
    pytest.param("â\x9c\x85 done", "✅ done", id="latin-1 (C1 controls)"),
    pytest.param("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "привет мир", id="cyrillic through cp1252"),
    pytest.param("caf├⌐ ├╝ber", "café über", id="cp437"),
    pytest.param("Step 1ï¸\x8fâƒ£ â€” ok", "Step 1️⃣ — ok", id="keycap (cp1252): the digit carries its marks"),
    pytest.param("Step 1ï¸\x8fâ\x83£ â\x80\x94 ok", "Step 1️⃣ — ok", id="keycap (latin-1, C1 controls)"),
    pytest.param("Step 1Ô∏è‚É£ ‚Äî ok", "Step 1️⃣ — ok", id="keycap (mac roman)"),
    pytest.param("o pracę — ocenę, mają wpływ".encode().decode("mac_roman").encode().decode("mac_roman"),
                 "o pracę — ocenę, mają wpływ", id="double mac roman: every layer comes off, letters too"),
    pytest.param("Step 1Ã¯Â¸Â\x8fÃ¢Æ’Â£ Ã¢â‚¬â€\x9d ok", "Step 1️⃣ — ok",
                 id="double cp1252 keycap"),
    pytest.param("Ð¢ÐµÐºÑ\x81Ñ‚ Ð² Ð¾Ð¿Ð¸Ñ\x81Ñ–", "Текст в описі",
                 id="one-letter cyrillic word beside cyrillic damage (cp1252: a capital before a superscript)"),
    pytest.param("Текст в описі і я".encode().decode("mac_roman"), "Текст в описі і я",
                 id="one-letter cyrillic words through mac roman (the lead is a dash)"),
    pytest.param("Текст в описі, кодинг".encode().decode("cp437"), "Текст в описі, кодинг",
                 id="cyrillic through cp437 (the leads are box drawing)"),
    pytest.param("Ã\x90Â¯ Ã\x90Â¡Ã\x90Â°Ã\x90Â½Ã‘â€šÃ‘Å’Ã‘Â\x8fÃ\x90Â³Ã\x90Â¾ Ã‘â€“ Ã¢â‚¬â€\x9d ok",
                 "Я Сантьяго і — ok",
                 id="double cp1252: a one-letter word loses both layers too"),
    pytest.param("Den håller, den behöver – ✅".encode().decode("cp850"), "Den håller, den behöver – ✅",
                 id="cp850 (the Windows console; cp437 reads only håller)"),
    pytest.param("Ã¢Å“â€¦ twice", "✅ twice", id="double cp1252"),
    pytest.param("√¢≈ì‚Ä¶ then mac", "✅ then mac", id="cp1252 then mac roman"),
    pytest.param("‚Äö√∫√ñ mac twice", "✅ mac twice", id="double mac roman"),
    pytest.param("Crème brûlée ‚úÖ café ‚Üí naïve", "Crème brûlée ✅ café → naïve",
                 id="mac roman beside real accents"),
    pytest.param("✅ clean, âœ… damaged, “curly”", "✅ clean, ✅ damaged, “curly”", id="mixed on one line"),
    pytest.param("\ufeffâœ…\r\nâ€“\r\n", "\ufeff✅\r\n–\r\n", id="BOM and CRLF kept"),
    pytest.param("cafÃ© and Ã…ngstrÃ¶m", "café and Ångström",
                 id="weak two-byte sequences beside strong ones"),
    pytest.param("SÃO PAULO: cafÃ©", "SÃO PAULO: café", id="real A tilde beside damage"),
    pytest.param("| âš\u00a0ï¸ 5 warnings", "| ⚠️ 5 warnings", id="lossy: dropped 0x8F of U+FE0F"),
    pytest.param("| âŒ Crashes |", "| ❌ Crashes |", id="lossy: dropped 0x9D of the cross mark"),
    pytest.param("- Â«Ð¡Ð¾Ñ…Ñ€Ð°Ð½Ð¸Ñ‚ÑŒÂ» button", "- «Сохранить» button",
                 id="cyrillic word inside guillemets (cp1252)"),
    pytest.param("- Â«Î‘Ï€Î¿Î¸Î®ÎºÎµÏ…ÏƒÎ·Â» button", "- «Αποθήκευση» button", id="greek word inside guillemets"),
    pytest.param("«Сохранить» and «Настройки»".encode().decode("mac_roman"), "«Сохранить» and «Настройки»",
                 id="cyrillic in guillemets through mac roman (was CJK: cp1252 read its tail)"),
    pytest.param("— ok «Ж» and «Α»".encode().decode("cp1252"), "— ok «Ж» and «Α»",
                 id="one letter in guillemets (latin-1 read half of it)"),
    pytest.param("— ok «Ж» and «Α»".encode().decode("mac_roman"), "— ok «Ж» and «Α»",
                 id="one letter in guillemets through mac roman (cp1252 read 묪 in it)"),
    pytest.param("| After | Î” |\nMedian Âµ = 180 ms, Ïƒ = 22 ms â€” fine",
                 "| After | Δ |\nMedian µ = 180 ms, σ = 22 ms — fine",
                 id="lone greek letters beside other cp1252 damage"),
]


@pytest.mark.parametrize(("text", "expected"), REPAIRED)
def test_damage_is_repaired_exactly(text: str, expected: str) -> None:
    assert repair(text).text == expected
    assert repaired_text(text) == expected


def test_changes_have_offsets_and_codecs() -> None:
    text = "a âœ… b ‚Üí"
    changes = repair(text).changes
    assert [(c.start, c.end, c.old, c.new) for c in changes] == [(2, 5, "âœ…", "✅"), (8, 11, "‚Üí", "→")]
    assert [c.codec for c in changes] == ["sloppy-windows-1252", "macroman"]


def test_lossy_repair_is_marked() -> None:
    (change,) = repair("âš\u00a0ï¸ x").changes
    assert change.lossy and change.old == "âš\u00a0ï¸" and change.new == "⚠️"


@pytest.mark.parametrize(("text", "old", "likely", "first"), [
    pytest.param("## ðŸ“ Minor Observations", "ðŸ“", "📝", "📝", id="memo: six emoji fit"),
    pytest.param("## ðŸ† Compliance", "ðŸ†", "🏆", "🏆", id="trophy: eggplant and leopard fit too"),
])
def test_ambiguous_lossy_sequence_is_residue(text: str, old: str, likely: str, first: str) -> None:
    result = repair(text)
    assert result.text == text  # never guessed
    (residue,) = result.residue
    assert (residue.old, residue.likely, residue.options[0][0]) == (old, likely, first)
    assert text[residue.start:residue.end] == old
    assert repaired_text(text) == text.replace(old, "")  # dropped for heading matching


def test_bare_lead_bytes_are_residue_only_where_the_codec_damaged_the_document() -> None:
    assert repair("Rating: âââââ").residue == ()
    result = repair("Rating: âââââ\nStatus: âœ… done")
    (residue,) = result.residue
    assert residue.old == "âââââ" and residue.likely == "⭐⭐⭐⭐⭐" and len(residue.options) == 5
    assert result.text == "Rating: âââââ\nStatus: ✅ done"


def test_fe0f_ranks_first_only_after_a_pictograph() -> None:
    from review_hooks.mojibake import lossy

    options = ("\ufe01", "\ufe0f", "\ufe10")
    assert lossy.ranked(options, "⚠")[0] == "\ufe0f"
    assert lossy.ranked(options, "a")[0] != "\ufe0f"
    assert lossy.plausible_count(options, "⚠") == 1 and lossy.plausible_count(options, "a") == 0


def test_a_box_corner_that_lost_a_byte_is_reported_not_made_a_question_mark() -> None:
    """``┐`` lost 0x90: ``❔`` is the only pictograph among the candidates, but ``┐`` ``┏`` ``━``
    continue the box drawing beside it, so no candidate is certain (the tester's r03.lossy.md:10)."""
    text = "Diagram â€” below\nâ”Œâ”€â”€â”€â”€â” box\n"
    result = repair(text)
    assert "❔" not in result.text and "â”Œâ”€â”€â”€â”€â”" in result.text
    (residue,) = result.residue
    assert residue.old == "â”Œâ”€â”€â”€â”€â”" and residue.likely[:-1] == "┌────"
    assert {"┐", "┏", "━", "❔"} <= set(residue.options[0]) and residue.likely == "┌────┐"  # light like ─


def test_a_fragment_that_lost_a_middle_byte_is_reported_beside_other_damage() -> None:
    """The tester's r03.lossy.md:31 and r01.lossy.md:17: ❓ lost 0x9D, ọ lost 0x8D, ⁿ lost 0x81."""
    text = "- â“ Do we? (Ngá»c Anh: â€œyesâ€\x9d)\nbackâ€‘off (200 ms Ã— 2â¿).\n"
    result = repair(text)
    assert [(r.old, r.start) for r in result.residue] == [("â“", 2), ("á»", 15), ("â¿", 58)]
    assert "❓" in result.residue[0].options[0] and "ọ" in result.residue[1].options[0]
    assert "ⁿ" in result.residue[2].options[0]
    assert result.residue[1].likely in "ềọỏờử"  # a Latin letter inside a Latin word ranks first
    assert result.text == "- â“ Do we? (Ngá»c Anh: “yes”)\nback‑off (200 ms × 2â¿).\n"
    assert repair("clean â“ x and Ngá»c").residue == ()  # no other damage: no evidence
    assert repair("déjà… café… voilà… with âœ…").residue == ()  # only CJK candidates: legitimate
    assert repair("«está» y «aquí» with âœ…").residue == ()  # an accent that ends a quoted word


def test_mac_roman_emoji_that_lost_its_apple_logo_lead_is_residue() -> None:
    """📚 is F0 9F 93 9A; Mac Roman reads F0 as U+F8FF, which tools drop, leaving ``üìö``: residue where
    Mac Roman damaged the document elsewhere (on its own it is no evidence: Turkish ``üçü`` reads as 🍟)."""
    damaged = "## üìö Scope\nDone ‚úÖ\n"
    (residue,) = repair(damaged).residue
    assert (residue.old, residue.options, residue.codec) == ("üìö", (("📚",),), "macroman")
    assert repair(damaged).text == "## üìö Scope\nDone ✅\n"  # reported, not written
    assert repair("## üìö Scope\n") == Repair("## üìö Scope\n")  # no evidence: no finding
    assert repaired_text("## üìö Scope") == "##  Scope"  # dropped: the heading matches "## Scope"
    assert repaired_text("## \uf8ffüìö Scope") == "## 📚 Scope"  # lead kept: repaired as before
    assert repair("Müßig, Zürich, über üb").residue == ()


TURKISH = [  # ``üçü`` is 9F 8D 9F in Mac Roman: 🍟 (F0 9F 8D 9F) without its lead, but inside a word
    "Bu küçük değişiklik «Özet» bölümüne eklendi.\n",
    "## Küçük Sorunlar\n",
    "Bu üçü de «Özet» bölümüne eklendi.\n",  # "the three of them": a word of its own, still no evidence
]


@pytest.mark.parametrize("text", TURKISH)
def test_turkish_that_reads_as_an_emoji_without_its_lead_is_no_evidence(text: str) -> None:
    assert repair(text) == Repair(text)
    assert repaired_text(text.replace("Bu üçü", "Bu")) == text.replace("Bu üçü", "Bu")
    damaged = repair(text + "Done ‚úÖ\n")  # Mac Roman damage elsewhere: küçük stays, a lone üçü is residue
    assert "küçük" not in text or "küçük" in damaged.text
    assert [r.old for r in damaged.residue] == (["üçü"] if "üçü " in text else [])


def test_likely_candidate_is_of_the_family_repaired_beside_it() -> None:
    """The tester's r09.lossy.md:22: ``☐`` lost 0x90; ``☑`` on the same line makes it likelier than ``☁``."""
    result = repair("â˜ Product owner  â˜‘ Security lead  â˜ CTO\nâ˜ alone\n")
    assert [(r.old, r.likely) for r in result.residue] == [("â˜", "☐"), ("â˜", "☐"), ("â˜", "☁")]
    assert set(result.residue[0].options[0]) == set(result.residue[2].options[0])


def test_quoted_mojibake_counts_only_when_the_prose_shows_the_same_damage() -> None:
    quoted = "The log showed `âœ… done`.\n"
    in_code = lambda offset: quoted.index("`") < offset < quoted.rindex("`")  # noqa: E731
    assert repair(quoted, in_code).text == quoted
    damaged = quoted + "Status: âœ… done\n"
    assert repair(damaged, in_code).text == "The log showed `✅ done`.\nStatus: ✅ done\n"


def test_mojibake_quoted_beside_its_repair_is_an_explanation() -> None:
    text = "Windows-1252 turns ✅ into `âœ…`.\nStatus: âœ… done\n"
    assert repair(text).text == "Windows-1252 turns ✅ into `âœ…`.\nStatus: ✅ done\n"


def test_seeds_are_restored() -> None:
    seeds = FIXTURES / "seeds"
    for name in ("review-report-template.md", "code-review-report.md"):  # seeds 000 and 003: Mac Roman
        text = (seeds / name).read_text(encoding="utf-8")
        result = repair(text)
        assert result.residue == ()
        assert {c.codec for c in result.changes} == {"macroman"}
        assert "‚" not in result.text and "üì" not in result.text
        assert text.count("“") == result.text.count("“")  # curly quotes untouched
    text = (seeds / "post-implementation-assessment.md").read_text(encoding="utf-8")  # seed 004: cp1252
    result = repair(text)
    assert [(r.old, r.likely) for r in result.residue] == [
        ("âââââ", "⭐⭐⭐⭐⭐"), ("ðŸ“", "📝"), ("ðŸ†", "🏆"), ("ðŸ“", "📝"), ("ðŸ…", "🏅"),
        ("âââââ", "⭐⭐⭐⭐⭐")]
    assert sorted({(c.old, c.new) for c in result.changes if c.lossy}) == [("âŒ", "❌"), ("âš\u00a0ï¸", "⚠️")]
    assert "Ã" not in result.text and "â€" not in result.text


VOCABULARY = " ".join([
    "review the plan Crème brûlée — naïve café SÃO PAULO “quoted” ‘single’ l’été déjà à Grüße",
    "Straße ações NÃO Привет всё Καλημέρα 日本語 ✅ ⚠️ 📝 🎯 → ≥ … – • © °C ½ ﬁnance ＦＵＬＬ &amp;",
    "e\u0301cole ┌──┐ │ └──┘ €5 £3 ¿qué? ¡hola! Zürich Ångström œuvre Æsir ñandú Łódź Čeština",
    "İstanbul ÂÃÄ «é» ├─┤ ─┐",
]).split(" ")


CODECS = ("sloppy-windows-1252", "latin-1", "macroman", "cp437", "sloppy-windows-1251", "sloppy-windows-1250",
          "sloppy-windows-1253", "sloppy-windows-1254", "sloppy-windows-1257", "iso-8859-2")


@pytest.mark.parametrize("seed", range(3))
def test_random_documents_round_trip(seed: int) -> None:
    """Legitimate text is never changed, and a document damaged throughout in any codec ftfy knows
    (with one unmistakable sequence to show the damage) is restored exactly."""
    import ftfy.bad_codecs  # noqa: F401

    chooser = random.Random(seed)
    for _ in range(100):
        text = " ".join(chooser.choice(VOCABULARY) for _ in range(chooser.randint(1, 12)))
        assert repair(text).text == text
        shown = text + " 📝"
        for codec in CODECS:
            try:
                damaged = shown.encode().decode(codec)
            except UnicodeDecodeError:  # cp1253 and iso-8859-2 cannot show every byte
                continue
            assert repair(damaged).text == shown, (codec, text)


def test_ftfy_is_imported_only_when_the_pre_filter_finds_candidates() -> None:
    # ftfy's badness heuristic is read by the engine's ``layers`` (without ftfy's package: charmaps_test.py)
    probe = ("import sys; from review_hooks.mojibake.repair import repair; repair({!r}); "
             "print('review_hooks.mojibake.layers' in sys.modules)")
    for text, imported in (("Crème brûlée, ✅ and “quotes”\n" * 100, "False"), ("âœ…", "True")):
        result = subprocess.run([sys.executable, "-c", probe.format(text)], capture_output=True, text=True)
        assert result.stdout.strip() == imported, result.stderr


def test_the_written_out_lead_characters_are_what_the_codecs_make_of_utf8_lead_bytes() -> None:
    from review_hooks.mojibake.repair import LEADS, STDLIB_CODECS

    derived = {c for name in STDLIB_CODECS for c in bytes(range(0xC2, 0xF5)).decode(name, "ignore")}
    assert "".join(sorted(derived)) == LEADS


def test_a_symbol_after_a_byte_no_sequence_explains_is_reported_not_repaired() -> None:
    """``—Â¢`` (what a half repair left of a bullet): ``¢`` is no repair; reported with no candidate.
    A letter after such a byte continues its word (``l’Ã©tÃ©``, a clean apostrophe beside damage)."""
    result = repair("  â”‚   —Â¢ count: 5\n  â”œâ”€ call\n")
    assert result.text == "  │   —Â¢ count: 5\n  ├─ call\n"
    assert [(r.old, r.options) for r in result.residue] == [("—Â¢", ((),))]
    assert repair("l’Ã©tÃ© â€” ok").text == "l’été — ok"


def test_a_word_around_a_lost_byte_is_one_residue_and_stays_so_once_repaired() -> None:
    """``Ð¡Ð¸ÑÑ‚ÐµÐ¼Ð°`` (Система, 0x81 of с dropped): ``Ñ‚`` before ``Ð`` is no capital ending a word
    before a quote, inside a word of Cyrillic pairs; the residue reads the same after the rest of the line
    is repaired, so the repair of the line verifies."""
    text = "Ð¡Ð¸ÑÑ‚ÐµÐ¼Ð° Ñ‰Ðµ Ð½Ðµ Ð·Ð½Ð°Ñ” â€” Ð²Ð°ÑˆÐµ\n"
    result = repair(text)
    assert result.text == "Ð¡Ð¸ÑÑ‚ÐµÐ¼Ð° ще не знає — ваше\n"
    assert [(r.old, r.likely) for r in result.residue] == [("Ð¡Ð¸ÑÑ‚ÐµÐ¼Ð°", "Система")]
    again = repair(result.text)
    assert again.changes == () and [(r.old, r.likely) for r in again.residue] == [("Ð¡Ð¸ÑÑ‚ÐµÐ¼Ð°", "Система")]


def test_a_whole_cyrillic_word_whose_letter_reads_as_an_en_dash_is_repaired() -> None:
    """і is D1 96 and 0x96 is Windows-1252's en dash: every byte of ``Ð²Ñ–Ð´Ð¼Ñ–Ð½Ð½Ð°`` is there, so the word
    is restored, not reported as lost (an outside evaluation, mojibake4: a rule that counted two cut-short
    sequences side by side as damage of their own made 11 such Ukrainian words "unrecoverable")."""
    damaged = "Ð²Ñ–Ð´Ð¼Ñ–Ð½Ð½Ð° Ð²Ñ–Ð´ Ð½ÑƒÐ»Ñ\x8f\n"  # я is D1 8F: 0x8F, undefined, kept as U+008F
    assert repaired_text(damaged) == "відмінна від нуля\n"


@pytest.mark.parametrize(("text", "expected"), [
    # • double-encoded, then a no-break space: the space is text, not a stray continuation byte (A0), so the
    # sequence is read whole in Windows-1252 and not as cp1250's ☀ (E2 98 80 that lost 0x98) and ¢
    pytest.param("a â€¢\u00a0item", "a •\u00a0item", id="bullet before a no-break space"),
    pytest.param("cafÃ©\u00a0ouvert and donâ€™t", "café\u00a0ouvert and don’t", id="letter before a no-break space"),
])
def test_a_sequence_before_a_no_break_space_is_read_whole(text: str, expected: str) -> None:
    assert repair(text).text == expected


def test_a_naive_repairs_bullet_before_a_no_break_space_is_reported() -> None:
    # ``—Â¢``: what a half repair left of a double-encoded •, its lost bytes beyond any reading
    text = "We donâ€™t know.\n—Â¢\u00a0first item\n"
    result = repair(text)
    assert "—Â¢\u00a0first item" in result.text
    assert [(item.old, item.start) for item in result.residue] == [("—Â¢", text.index("—"))]


@pytest.mark.parametrize(("damaged", "repaired"), [
    pytest.param("Press #ï¸\x8fâƒ£ then 1ï¸\x8fâƒ£\n", "Press #️⃣ then 1️⃣\n", id="hash keycap beside a digit's"),
    pytest.param("Status: *ï¸\x8fâƒ£ ok âœ…\n", "Status: *️⃣ ok ✅\n", id="asterisk keycap"),
])
def test_every_keycap_base_takes_its_marks(damaged: str, repaired: str) -> None:
    assert repair(damaged).text == repaired
