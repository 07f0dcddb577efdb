"""Lossy damage of two layers or more: the one reading whose layer below comes off whole is restored."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import pytest

from review_hooks.mojibake.charmaps import by_name
from review_hooks.mojibake.layers import layered
from review_hooks.mojibake.repair import _again, repair

RESTORED = (
    # ’ in Windows-1252 three times, the outer layer half repaired before: its ``Ã¢`` (â) was left as ``â``
    pytest.param("donÃƒÂ¢ââ€šÂ¬Ã¢â€žÂ¢t", "don’t", "â€™", id="a character of the layer below left decoded"),
    # — in Windows-1252 twice, the outer layer's undefined byte 0x9D dropped: of the candidates of
    # ``â€`` only ``”`` reads as a byte again, and ``â€”`` comes off whole
    pytest.param("a Ã¢â‚¬â€ b", "a — b", "â€”", id="the outer layer dropped an undefined byte"),
)


@pytest.mark.parametrize(("text", "expected", "before"), RESTORED)
def test_one_reading_that_comes_off_whole_is_restored(text: str, expected: str, before: str) -> None:
    result = repair(text)
    assert result.text == expected
    assert not result.residue
    (change,) = result.changes
    assert change.lossy  # reported as a restored lossy span, not as a plain repair
    assert change.before == before


def test_a_lossy_span_with_no_layer_below_stays_residue() -> None:
    result = repair("## â˜ï¸ Title and âœ… done")  # ☁ or ☝ (0x81 or 0x9D dropped): no layer decides
    assert result.text == "## â˜ï¸ Title and ✅ done"
    assert [item.old for item in result.residue] == ["â˜ï¸"]


CP1252 = by_name("sloppy-windows-1252")


def test_a_reading_counts_only_where_it_alone_comes_off_whole() -> None:
    # ``Ã¢â‚¬â€``: â, €, and ``â€`` that lost a byte, of whose candidates only ” is a byte again
    assert layered([("â", b"", 0), ("€", b"", 0), ("â€", b"\xe2\x80", 1)], CP1252, _again) == ("â€”", "—")
    # ``ÃÂ``: Ã, and ``Â`` that lost a byte: Ã\x81 (Á), Ã\x90 (Ð), Ã\xad (í)... all come off
    assert layered([("Ã", b"", 0), ("Â", b"\xc2", 1)], CP1252, _again) is None
    assert layered([("Ã", b"", 0), ("\u2041", b"", 0)], CP1252, _again) is None  # no layer below at all
    # ``ÂÄò``: the two truncated sequences read as themselves make a layer only in Mac Roman (倘): no reading
    assert layered([("Â", b"", 0), ("Ä", b"\xc4", 1), ("ò", b"\xf2", 3)], CP1252, _again) is None


def test_a_reading_that_comes_off_to_a_rare_letter_is_no_repair() -> None:
    # ``é`` and ``ž`` read as themselves beside ``Â²`` make ``éž²``, Windows-1252 of 鞲: one reading, but
    # a letter rare in every language (the frequency prior), not a plausible text
    assert repair("Intro ,éžÂ² end.").text == "Intro ,éžÂ² end."


def test_a_control_character_is_a_byte_of_the_layer_below() -> None:
    # є (D1 94) three times in Windows-1252, the outer layer's 0x9D dropped: 0x9D (”) and 0x90 (‐) both
    # make a layer below that comes off, so neither is restored
    result = repair("a Ãƒâ€˜Ã¢â‚¬Â b and Ã¢â€\x9d")
    assert "Ãƒâ€˜Ã¢â‚¬Â" in result.text


@pytest.mark.parametrize("text", [
    pytest.param("âÃ© and Ã©â", id="a lone lead beside a pair, no layer below"),
    pytest.param("NÃO, Âmbito, São Paulo â€", id="capitals and a stray lead"),
])
def test_legitimate_text_beside_a_lone_lead_is_untouched(text: str) -> None:
    assert not repair(text).changes



def test_a_span_with_too_many_readings_is_reported_without_trying_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each truncated sequence multiplies the readings: past ``MOST_READINGS`` none is tried (a 3 KB document
    with long twice-damaged emoji runs took minutes) and the span stays residue, reported."""
    from review_hooks.mojibake import layers

    tried: list[str] = []
    monkeypatch.setattr(layers, "_layer", lambda text, table: tried.append(text) or True)
    lead = ("â€", b"\xe2\x80", 1)  # a three-byte sequence that lost its last byte
    pieces = [lead] * 13  # each reads as itself or as ”: 2**13 readings
    assert layered(pieces, CP1252, _again) is None
    assert tried == []
    layered(pieces[:2], CP1252, _again)  # a short span's readings are tried: 2 * 2 of them
    assert len(tried) == 4


def test_a_decoding_that_is_itself_a_cut_sequence_is_reported_not_half_repaired() -> None:
    # ” in Windows-1252 twice, the inner layer's 0x9D dropped: ``Ã¢â‚¬`` decodes to ``â€``, which is E2 80
    # and lost its last byte; decoding the one layer would leave mojibake behind, so the span is reported
    result = repair("Ã¢â‚¬Å“Quit Ã¢â‚¬ now")
    assert result.text == "“Quit Ã¢â‚¬ now"
    (item,) = result.residue
    assert item.old == "Ã¢â‚¬"
    assert item.likely == "”"


def test_a_cut_sequence_is_one_that_ftfy_flags() -> None:
    from review_hooks.mojibake.layers import cut

    assert "”" in cut("â€")
    assert cut("íž") == ()  # ED 9E in Windows-1252 too, but two letters of Czech, not mojibake
    assert cut("â") == ()  # a lead alone is a letter (âge)


def _twice_with_spaces(text: str) -> str:
    """``text`` in Windows-1252 twice, each no-break space the outer layer made saved as a space."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    for _ in range(2):
        text = text.encode("utf-8").decode("sloppy-windows-1252")
    return text.replace("\xa0", " ")


def test_a_lost_no_break_space_is_a_reading_of_its_own() -> None:
    # ц (D1 86) in Windows-1252 twice: ``Ñ†``, whose † (E2 80 A0) lost its A0 to a space. ``Ã‘â€`` reads
    # as є (0x9D dropped: ``Ñ”``) or, the space being that A0, as ц: two readings, so neither is restored,
    # and the word after the space, which the second reading continues, is not repaired alone either
    damaged = _twice_with_spaces("Процесс идёт")
    assert "â€ " in damaged
    result = repair(damaged)
    assert result.text.startswith(damaged.split(" ")[0] + " " + damaged.split(" ")[1])
    assert result.residue
    assert "Проє" not in result.text and "есс" not in result.text


def test_a_lost_no_break_space_counts_only_where_a_space_may_follow() -> None:
    # ``Ã\x90Â¾Ã‘â€``: Ð, ¾, Ñ, then ” or † cut short
    pieces = [("Ð", b"", 0), ("¾", b"", 0), ("Ñ", b"", 0), ("â€", b"\xe2\x80", 1)]
    assert layered(pieces, CP1252, _again) == ("Ð¾Ñ”", "оє")  # no space after: ” is the one reading
    assert layered(pieces, CP1252, _again, spaced=True) is None  # ``Ñ†`` (ц) reads on through a space


def test_a_word_reads_on_through_a_space_only_where_the_layer_below_makes_a_letter() -> None:
    from review_hooks.mojibake.layers import continued

    assert continued("Ã‘â€", CP1252)  # Ñ† below: ц
    assert not continued("Ã¢â‚¬â€", CP1252)  # â€† below: U+2006, a space, no letter
    assert not continued("Ñ", CP1252)  # Ñ and A0 is Ѡ, no byte of Windows-1252: one layer only


def test_a_word_reads_on_through_a_space_where_the_text_after_it_completes_the_letter_below() -> None:
    from review_hooks.mojibake.layers import continued

    # 報 (E5 A0 B1) in Windows-1252 twice: ``Ã¥Â\xa0Â±``, its A0 saved as a space; below, ``å`` and A0 are
    # cut short until ``Â±`` (±, B1) after the space completes them
    assert continued("Ã¥Â", CP1252, "Â±")
    assert not continued("Ã¥Â", CP1252, "")
    damaged = _twice_with_spaces("情報")
    assert damaged.endswith("Â Â±")
    result = repair(f"{damaged} and cafÃ©\n")
    assert result.text == f"{damaged} and café\n"  # not ``Â ±``: the tail is no word of its own
    assert any(item.old == "Â±" for item in result.residue)
    longer = _twice_with_spaces("情報を")  # the word reads on: ``Â±Ã£â€šâ€™`` is not ``±を`` alone
    assert repair(f"{longer} and cafÃ©\n").text == f"{longer} and café\n"


def _cp1252_then_latin1(text: str, lost: bytes = b"") -> str:
    """``text`` read as Windows-1252 (the bytes ``lost`` dropped), then that read as Latin-1."""
    import ftfy.bad_codecs  # noqa: F401

    once = text.encode("utf-8")
    for byte in lost:
        once = once.replace(bytes([byte]), b"")
    return once.decode("sloppy-windows-1252").encode("utf-8").decode("latin-1")


def test_a_lone_lead_left_by_a_byte_lost_below_is_reported_not_half_repaired() -> None:
    # č is C4 8D: Windows-1252 leaves 0x8D undefined, a tool dropped it, and Latin-1 read the rest: ``Ã\x84``
    # decodes once to Ä, a lead byte below with nothing after it. Beside damage of two layers, Ä is a half
    # repair (č, ā, ď, Đ or ĝ was meant): reported with those candidates, not made the letter Ä
    damaged = _cp1252_then_latin1("může členy", lost=b"\x8d")
    assert "Ã\x84leny" in damaged
    result = repair(damaged + "\n")
    assert result.text == "může Ã\x84leny\n"
    (cut,) = result.residue
    assert cut.old == "Ã\x84" and "č" in cut.options[0]


def test_a_lone_letter_is_repaired_where_the_damage_is_of_one_layer() -> None:
    assert repair("Ã\x84nderung und Ã\x9cbersicht, schÃ¶n\n").text == "Änderung und Übersicht, schön\n"


def test_a_decoding_that_lost_bytes_below_is_reported_and_its_line_repaired() -> None:
    # всем and • in Windows-1252 twice, the inner layer losing its undefined byte 0x81 (с is D1 81): the
    # outer layer decodes whole, to ``Ð²ÑÐµÐ¼``, damage that lost a byte; decoding only that layer would be
    # a half repair. It is reported, and • beside it is still repaired
    import ftfy.bad_codecs  # noqa: F401

    word = "всем".encode().replace(b"\x81", b"").decode("sloppy-windows-1252").encode().decode("sloppy-windows-1252")
    bullet = "•".encode().decode("sloppy-windows-1252").encode().decode("sloppy-windows-1252")
    result = repair(f"{bullet} {word} ok\n")
    assert result.text == f"• {word} ok\n"
    (lost,) = result.residue
    assert lost.old == word and lost.options == ((),)


def _thrice_losing_in_the_middle(text: str) -> str:
    """``text`` in Windows-1252 three times, the middle layer losing the bytes Windows-1252 leaves undefined."""
    import ftfy.bad_codecs  # noqa: F401

    once = text.encode().decode("sloppy-windows-1252")
    twice = once.encode().decode("windows-1252", "ignore")
    return twice.encode().decode("sloppy-windows-1252")


@pytest.mark.parametrize("word", [
    pytest.param("без", id="Cyrillic whose Ð (C3 90) lost 0x90: one layer short it reads as ñõ÷"),
    pytest.param("načten", id="č (C4 8D) that lost 0x8D: one layer short it is a lead inside a small word"),
])
def test_a_decoding_one_layer_short_of_text_is_reported_not_guessed(word: str) -> None:
    damaged = _thrice_losing_in_the_middle(word)
    text = f"{_thrice_losing_in_the_middle('café')} {damaged} ok {_thrice_losing_in_the_middle('résumé')}\n"
    result = repair(text)
    assert result.text == f"café {damaged} ok résumé\n"
    assert result.residue and all(item.old in damaged for item in result.residue)


def test_a_second_layer_that_reads_as_no_text_is_reported_not_written() -> None:
    # ``ÂµÂºÃ€`` is µºÀ in Windows-1252, and µºÀ is 槷 in cp850: a letter no language's text holds
    # (the frequency prior), alone among English: two readings, neither text, left as it is and reported
    text = "The build passes.\n\nÂµÂºÃ€\n\nSee the notes.\n"
    result = repair(text)
    assert result.text == text
    (residue,) = result.residue
    assert (residue.old, residue.options) == ("ÂµÂºÃ€", (("µºÀ", "槷"),))


def test_a_word_one_layer_short_that_is_fluent_in_the_documents_script_is_the_repair() -> None:
    # дії is E4 B3 BF in Windows-1251: UTF-8 of 䳿, a rare ideograph. Twice in a Ukrainian document, the two
    # 䳿 are no evidence for each other: the fluent Ukrainian word is the repair, one layer, like the others
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    text = "| My actions | Мої дії | ok |\n\nЗбережено зміни. Видалити дії?\n"
    assert repair(text.encode().decode("sloppy-windows-1252")).text == text
    damaged = "дії\n".encode().decode("sloppy-windows-1252")
    alone = repair(damaged)  # with no Cyrillic beside it: both readings, reported
    assert alone.text == damaged
    assert [item.options for item in alone.residue] == [(("дії", "䳿"),)]


@pytest.mark.parametrize(("text", "expected"), [
    ("StraÃƒÅ¸e", "Straße"),  # ß is no letter of the prior (its folding is ss), but the word is Latin
    ("Ã\x8fÂ\x80Ã\x8eÂ±Ã\x8fÂ\x82", "πας"),  # final ς: folded to σ, and among Greek letters
])
def test_a_second_layer_that_reads_as_text_is_written(text: str, expected: str) -> None:
    assert repair(text).text == expected


def twice(text: str) -> str:
    """``text`` double-encoded twice in Windows-1252 (three layers of the same damage)."""
    return text.encode().decode("cp1252").encode().decode("cp1252")


@pytest.mark.parametrize(("context", "written"), [
    ("The build passes.", False),  # 玞 is rare in every language, and nothing else in the document is CJK
    ("中文 text.", True),  # among Chinese, a rare ideograph is text
])
def test_a_rare_letter_decoded_twice_is_written_only_among_its_script(context: str, written: bool) -> None:
    damaged = twice("çŽž")  # çŽž is Windows-1252 for 玞 (E7 8E 9E): damaged three times
    text = f"{context}\n\n{damaged}\n"
    result = repair(text)
    assert result.text == (f"{context}\n\n玞\n" if written else text)
    assert bool(result.residue) != written


def test_a_layer_that_would_come_off_to_a_symbol_no_text_writes_is_reported() -> None:
    # ⁻ (E2 81 BB) lost 0x81 before ³: read twice, ``â»Â³`` would be the CJK radical ⻳ (E2 BB B3)
    result = repair("**Expected:** C2 should increase by 76Ã— â†’ 3.4Ã—10Â¹â° cmâ»Â³\n")
    assert "⻳" not in result.text and "cmâ»" in result.text
    assert any(residue.old.startswith("â»") for residue in result.residue)


def test_every_layer_comes_off_in_the_codec_that_put_the_one_above_on() -> None:
    # σ twice in Windows-1252: ``Ïƒ`` below reads as σ in Windows-1252 and as ؟ in cp850
    result = repair("Greek: ÃŽÂ± ÃŽÂ² Ã\x8fâ‚¬ Ã\x8fÆ’ Ã\x8fâ€° (lowercase)\n")
    assert result.text == "Greek: α β π σ ω (lowercase)\n"
    assert repair("a Ã\x8fÆ’ b ÃŽÂ± c\n").text == "a σ b α c\n"


@pytest.mark.parametrize("damaged", ["date du XXÃ¡Âµâ€° siÃƒÂ¨cle\n",  # ᵉ twice, after capitals (moj12)
                                     "products `Ã¢â€žÂ\x9d Ãƒâ€”_s SÃ¢Â\x81Â¿`\n"])  # ⁿ twice (moj10)
def test_a_rare_letter_damaged_twice_comes_off_every_layer_or_none(damaged: str) -> None:
    # one layer off left 'áµ‰' and 'â\x81¿': damage written as a repair; the span is reported instead
    result = repair(damaged)
    assert "áµ‰" not in result.text and "â\x81¿" not in result.text
    assert any(residue.old in ("Ã¡Âµâ€°", "Ã¢Â\x81Â¿") for residue in result.residue)
