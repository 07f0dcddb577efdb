"""Every layer comes off a damaged word, or none: no fragment of a word is repaired while the rest of
the word stays damaged (it is reported whole instead)."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import pytest

from review_hooks.mojibake.repair import repair


def _damaged(text: str, times: int, drop: bool = False) -> str:
    """``text`` decoded as Windows-1252 ``times`` times; ``drop``: the bytes it leaves undefined are lost."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    for _ in range(times):
        data = text.encode("utf-8")
        text = data.decode("windows-1252", "ignore") if drop else data.decode("sloppy-windows-1252")
    return text


# ое damaged three times, the outer layer losing the bytes 0x90: only ``Âµ`` still reads as µ on its own
THRICE = _damaged(_damaged("ое", 2), 1, drop=True)
# 가려요 in Windows-1252, the no-break-space byte A0 inside 려 (EB A0 A4) saved as a space: ``ë ¤``
LOST_SPACE = _damaged("가려요", 1).replace("\xa0", " ")
# 접속 the same way, the space after its first lead (EC A0 91): only the head is left, the rest decodes
LOST_SPACE_HEAD = _damaged("접속", 1).replace("\xa0", " ")
# 바꾸고자: 고 (EA B3 A0) ends with the A0, a common letter where ``ê³`` and a space of its own would be rare
LOST_SPACE_END = _damaged("바꾸고자", 1).replace("\xa0", " ")


@pytest.mark.parametrize("word", [
    pytest.param(THRICE, id="a short sequence inside a word damaged three times with lost bytes"),
    pytest.param(LOST_SPACE, id="the tail of a word split by a no-break space saved as a space"),
    pytest.param(LOST_SPACE_HEAD, id="the head of a word split by a no-break space saved as a space"),
    pytest.param(LOST_SPACE_END, id="a word split where a sequence ends with a lost no-break space"),
])
def test_a_fragment_of_a_word_left_damaged_is_not_repaired(word: str) -> None:
    text = f"Name {word} and cafÃ© here\n"
    result = repair(text)
    assert word in result.text  # the word is left whole, not made a third text
    assert "café" in result.text  # a word of its own is still repaired
    reported = [item for item in result.residue if word.find(item.old) >= 0]
    assert reported and all(text.index(word) <= item.start < text.index(word) + len(word) for item in reported)


def test_a_word_repaired_whole_beside_a_damaged_word_is_repaired() -> None:
    result = repair(f"{THRICE} cafÃ© rÃ©sumÃ©\n")
    assert result.text == f"{THRICE} café résumé\n"


def test_legitimate_letters_beside_a_repair_are_no_residue() -> None:
    assert repair("BÃ¼tÃ¼nlüğü and gÃ¼zel\n").text == "Bütünlüğü and güzel\n"


def test_a_fragment_held_back_says_the_word_cannot_be_repaired_whole() -> None:
    from review_hooks.mojibake.wording import unrecoverable

    held = [item for item in repair(f"Name {THRICE} and cafÃ© here\n").residue if not item.options]
    assert [unrecoverable(item) for item in held] == [
        f"unrecoverable '{item.old}' (part of a damaged word that cannot be repaired whole); replace the word by hand"
        for item in held]
    assert held and all(item.old in THRICE for item in held)


def _mac_roman(text: str, times: int) -> str:
    for _ in range(times):
        text = text.encode("utf-8").decode("mac_roman")
    return text


@pytest.mark.parametrize(("damaged", "word"), [
    # ş and ě inside words, Windows-1252 twice: the letter before the span is no base of a mark, and
    # the inner layer (``ÅŸ``, ``Ä›``) peels alone
    pytest.param("bu bile" + _damaged("ş", 2) + "ene", "bu bileşene", id="Windows-1252 twice after a letter"),
    pytest.param("zm" + _damaged("ě", 2) + "nit", "změnit", id="Windows-1252 twice, a closing quote inside"),
    # ś in Mac Roman twice: its inner ``≈õ`` is a lone pair with no weight, ń beside it (``≈Ñ``) peels at
    # once: one change already decoded twice in Mac Roman is the second place ``twice`` asks for
    pytest.param("stabilno" + _mac_roman("ś", 2) + "ci i bezpiecze" + _mac_roman("ń", 2) + "stwie",
                 "stabilności i bezpieczeństwie", id="Mac Roman twice beside a span already peeled"),
])
def test_every_layer_comes_off_a_word(damaged: str, word: str) -> None:
    assert repair(damaged).text == word


@pytest.mark.parametrize(("damaged", "word"), [
    # ở (E1 BB 9F) in Windows-1252 twice: three pairs that ftfy does not flag, whose decoding ``á»Ÿ`` the
    # engine decodes again: damage on its own, with no other evidence in the text
    pytest.param("qua b" + _damaged("ở", 2) + "i PAM", "qua bởi PAM", id="Windows-1252 twice, three pairs"),
    # Ở in Mac Roman twice: its inner ``·ªû`` is one three-byte sequence that reads as a letter, though
    # a middle dot leads it
    pytest.param(_mac_roman("Ở", 2) + " đây", "Ở đây", id="Mac Roman twice, a middle dot leading"),
])
def test_a_decoding_decoded_again_is_damage_of_its_own(damaged: str, word: str) -> None:
    assert repair(damaged).text == word


def test_a_residue_past_an_ascii_letter_holds_back_no_repair_of_its_word() -> None:
    # ” (E2 80 9D) lost 0x9D: ``â€`` is residue, but ``chen`` stands between it and the repairs of its word:
    # ASCII is no byte of a sequence, so “Königsgäßchen is repaired and the quote alone reported
    result = repair("For example, â€œKÃ¶nigsgÃ¤ÃŸchenâ€ is not\n")
    assert result.text == "For example, “Königsgäßchenâ€ is not\n"
    assert [item.old for item in result.residue] == ["â€"]


def _dropped(text: str) -> str:
    """``text`` read as Windows-1252 by a tool that dropped the bytes it does not define."""
    return bytes(b for b in text.encode() if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)).decode("cp1252")


def test_a_word_past_a_space_from_a_lossy_one_is_its_own_where_the_text_kept_its_no_break_spaces() -> None:
    """을 (EC 9D 84) lost 0x9D: ``ì„``, then a space that, read as A0, would make 선. The text keeps the byte A0
    elsewhere (령 is ``ë\\xa0¹``), so the space is a space, and 설명합니다 after it is a word of its own."""
    damaged = _dropped("방법을 설명합니다. 명령어를 보세요.")
    assert "ë\xa0¹" in damaged
    result = repair(damaged)
    assert result.text == "ë°©ë²•ì„ 설명합니다. 명령어를 보세요."
    assert [item.old for item in result.residue] == ["ë°©ë²•ì„"]


def test_a_word_past_a_space_from_two_lossy_ones_is_its_own_too() -> None:
    """도움을 받을 수: both words before 수 lost 0x9D; the space beside 수 decides, not the words further off."""
    damaged = _dropped("도움을 받을 수 있나요? 명령어를 보세요.")
    result = repair(damaged)
    assert result.text == "ë„ì›€ì„ ë°›ì„ 수 있나요? 명령어를 보세요."
    assert [item.old for item in result.residue] == ["ë„ì›€ì„", "ë°›ì„"]


def test_where_the_text_turned_its_no_break_spaces_into_spaces_the_word_goes_on_past_one() -> None:
    """Hebrew נ is D7 A0: saved with its A0 as a space it is ``× ``, and the word goes on after the space. No
    no-break space is left in the text, so ``×”`` (ה) after it is a fragment of the word, not repaired alone."""
    damaged = "## התקנה בקליק".encode().decode("cp1252").replace("\xa0", " ")
    result = repair(damaged)
    assert result.text == "## ×”×ª×§× ×” בקליק"
    assert [item.old for item in result.residue] == ["×”×ª×§×", "×”"]


def test_a_georgian_word_goes_on_past_a_space_that_was_its_letters_a0() -> None:
    """რ is E1 83 A0: saved with its A0 as a space, ``áƒ `` ends no word, and the Georgian word goes on after the
    space. The prior measures no Georgian letter, so რ counts as a letter a space may complete; the tail after the
    space is not repaired alone (half a word), it is reported with its head."""
    clean = "ეს გზამკვლევი დაგეხმარებათ\n"  # browser-style: the bytes Windows-1252 leaves undefined kept as C1
    damaged = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in clean.encode())
    damaged = damaged.replace("\xa0", " ")
    head, tail = "áƒ“áƒ\x90áƒ’áƒ”áƒ®áƒ›áƒ\x90áƒ", "áƒ”áƒ‘áƒ\x90áƒ—"
    result = repair(damaged)
    assert result.text == f"ეს გზამკვლევი {head} {tail}\n"  # no tail of a word repaired without its head
    assert [item.old for item in result.residue] == [head, tail]
