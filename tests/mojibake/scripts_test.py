"""Script coherence: the marks of a script (harakat, niqqud, vowel signs) are letters of their word,
so a damaged word that carries them is repaired, not taken for lossy damage."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import pytest

from review_hooks.mojibake import scripts
from review_hooks.mojibake.repair import repair


def _damaged(text: str, codec: str = "sloppy-windows-1252") -> str:
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    return text.encode("utf-8").decode(codec)


@pytest.mark.parametrize("words", [
    pytest.param("قالت مرحبًا يا", id="an Arabic word with a haraka (fathatan)"),
    pytest.param("كتب العالَم هنا", id="an Arabic word with a fatha in it"),
    pytest.param("Hebrew: עִברִית and שלום", id="a Hebrew word with niqqud (hiriq)"),
])
def test_a_word_with_marks_of_its_script_is_repaired_whole(words: str) -> None:
    for codec in ("sloppy-windows-1252", "latin-1"):
        result = repair(f"{_damaged(words, codec)}\n")
        assert result.text == f"{words}\n", codec
        assert not result.residue


def test_a_lone_vowel_sign_quoted_as_its_own_token_is_repaired() -> None:
    text = _damaged("['क', 'ि', 'े']") + "\n"
    result = repair(text)
    assert result.text == "['क', 'ि', 'े']\n"
    assert not result.residue


@pytest.mark.parametrize("clean", [
    "Il a dit « café » et ʻokina.\n",
    "A generic mark alone: \u0301 stays.\n",
])
def test_clean_text_with_marks_is_left_alone(clean: str) -> None:
    assert repair(clean).text == clean


def test_a_capital_lead_between_small_letters_is_reported_as_lossy() -> None:
    # č (C4 8D) lost its byte 0x8D: "Ä" stands alone between small letters, a case no word has
    text = "CafÃ© ouvert\nJan NovÄak\n"
    result = repair(text)
    assert result.text == "Café ouvert\nJan NovÄak\n"
    assert [(item.old, text[item.start - 3:item.start]) for item in result.residue] == [("Ä", "Nov")]
    assert "č" in result.residue[0].options[0]


@pytest.mark.parametrize(("line", "word"), [
    # Ł (C5 81) lost its byte 0x81: "Å" opens the word, the only such capital on a damaged line
    pytest.param("The parser is by Åukasz Nowak; the docs are â€œshortâ€\x9d.", "Åukasz", id="Polish name"),
    # č (C4 8D) lost 0x8D at the start of a word whose í the round trip damaged too
    pytest.param("UÄenÃ\xad je ÄtenÃ\xad.", "ÄtenÃ\xad", id="Czech word opening"),
    # the only one opening its word alone on its line: ``Œ`` of ``ÄŒ`` (Č) follows a lead, and opens nothing
    pytest.param("ÄŒtenÃ\xad je Äas.", "Äas", id="Czech word opening beside a damaged capital"),
])
def test_a_capital_lead_opening_a_word_is_reported_as_lossy(line: str, word: str) -> None:
    text = f"CafÃ© ouvert\n{line}\n"
    result = repair(text)
    at = text.index(word)
    (found,) = [item for item in result.residue if item.start == at]
    assert found.old == word[0] and found.end == at + 1
    assert text[at:at + 1] in result.text[result.text.index("\n") + 1:]  # reported, never guessed


@pytest.mark.parametrize(("text", "expected"), [
    # Czech "áš" reads as a truncated sequence of three bytes, whose candidates are all letters of
    # scripts foreign to the word (Ogham, Balinese): a clean word, not residue
    pytest.param("CafÃ© ouvert\nMiloš a Tomáš tady\n", "Café ouvert\nMiloš a Tomáš tady\n",
                 id="a clean accented word"),
    # Swedish names beside a damaged apostrophe: capitals any word may open with, several on the line
    pytest.param("CafÃ© ouvert\nÅsa and Åke live in Ålesund; we donâ€™t know.\n",
                 "Café ouvert\nÅsa and Åke live in Ålesund; we don’t know.\n", id="capitals opening words"),
])
def test_clean_words_beside_damage_are_neither_changed_nor_reported(text: str, expected: str) -> None:
    result = repair(text)
    assert result.text == expected
    assert not result.residue


def test_a_lossy_letter_in_a_word_is_reported_and_never_guessed() -> None:
    # ř is recoverable, č lost a byte: the lossy letter is reported, never guessed; ř is repaired or left with
    # it (every layer off a word, or none; a residue past ASCII letters may count as a spot of its own)
    text = "CafÃ© ouvert\nto je pÅ™ekroÄeno\n"
    result = repair(text)
    assert "Café" in result.text
    assert "pÅ™ekroÄeno" in result.text or "překroÄeno" in result.text
    assert "Ä" in {item.old for item in result.residue}


def test_capitals_inside_clean_words_need_damage_elsewhere() -> None:
    for clean in ("McDonald and iPhone\n", "Der eÄhnliche Test\n", "Éric et StÃ©phane Ärger\n"):
        result = repair(clean)
        assert not result.residue or all(item.old != "Ä" for item in result.residue), clean


@pytest.mark.parametrize(("words", "expected"), [
    pytest.param("які Ñ” лише", "які є лише", id="Ukrainian є, its second byte a closing quote"),
    pytest.param("та Ð² Ð¶Ðµ", "та в же", id="Russian в beside clean Cyrillic on its line"),
])
def test_a_one_letter_word_beside_damage_of_its_script_is_repaired(words: str, expected: str) -> None:
    text = f"Слово Ð´Ð¾Ð¼ тут\n{words}\n"
    result = repair(text)
    assert result.text == f"Слово дом тут\n{expected}\n"
    assert not result.residue


def test_a_latin_pair_beside_clean_cyrillic_alone_stays() -> None:
    # no damage elsewhere: a lone pair is no evidence of its own
    text = "Версия Ð² пакете\n"
    assert repair(text).text == text


@pytest.mark.parametrize("words", [
    pytest.param("قال ، ثم", id="the Arabic comma alone"),
    pytest.param("قال، ثم", id="the Arabic comma ending a word"),
])
def test_punctuation_of_a_script_is_repaired_with_its_words(words: str) -> None:
    result = repair(f"{_damaged('كتب هنا')}\n{_damaged(words)}\n")
    assert result.text == f"كتب هنا\n{words}\n"
    assert not result.residue


def test_a_lone_pair_of_foreign_punctuation_needs_damage_elsewhere() -> None:
    text = "Dansk: Ø, Œuvre et ØŒ seul.\n"
    assert repair(text).text == text


def _lost(text: str, byte: int) -> str:
    """``text`` damaged as Windows-1252 by a tool that dropped ``byte`` (undefined in Windows-1252)."""
    data = text.encode("utf-8").replace(bytes([byte]), b"")
    return data.decode("sloppy-windows-1252")


@pytest.mark.parametrize(("words", "byte", "word"), [
    pytest.param("كتب منفي البيت", 0x81, "منفي", id="Arabic ف lost its 0x81 inside a word: ف or a haraka"),
    pytest.param("ζει γύρω από", 0x8D, "γύρω", id="Greek ύ lost its 0x8D, beside letters of its script"),
])
def test_a_word_of_one_script_around_a_lost_byte_is_reported(words: str, byte: int, word: str) -> None:
    _damaged("")  # registers the sloppy codecs
    text = f"{_damaged('Слово дом, كتب, από')}\n{_lost(words, byte)}\n"
    result = repair(text)
    damaged_word = _lost(word, byte)
    assert damaged_word in result.text  # left whole: more than one reading
    line = text.index("\n") + 1
    assert [(item.old, item.start - line) for item in result.residue] == [
        (damaged_word, _lost(words, byte).index(damaged_word))]
    again = repair(result.text)  # its own evidence: still reported once its neighbours are repaired
    assert [item.old for item in again.residue] == [damaged_word] and again.text == result.text


def test_a_bullet_a_naive_repair_left_is_reported_in_an_otherwise_clean_document() -> None:
    # • doubly damaged (Ã¢â‚¬Â¢), its first bytes replaced by an em dash: "—Â¢", no reading left
    text = "Features:\n\n—Â¢ Tables\n—Â¢ Bars\n"
    result = repair(text)
    assert result.text == text
    assert [(item.start, item.old, item.options) for item in result.residue] == [
        (text.index("—Â¢"), "—Â¢", ((),)), (text.rindex("—Â¢"), "—Â¢", ((),))]
    assert repair("Prices: 5¢ and — a ¢ sign.\n").residue == ()


def test_the_one_letter_that_fits_a_word_around_a_lost_byte_is_restored() -> None:
    # ف lost its 0x81 at the start of a word: no haraka starts a word, ٭ is no letter: ف alone fits
    text = f"{_damaged('كتب هنا')}\n{_lost('ذهب في فاس', 0x81)}\n"
    result = repair(text)
    assert result.text == "كتب هنا\nذهب في فاس\n"
    assert not result.residue


def test_a_common_one_letter_word_of_another_script_is_repaired_beside_its_damage() -> None:
    text = f"{_damaged('كتب هنا')}\n{_damaged('كتب و هناك')}\n"
    assert repair(text).text == "كتب هنا\nكتب و هناك\n"
    assert repair("Ùˆ alone\n").text == "Ùˆ alone\n"  # no damage elsewhere: no evidence


def test_a_word_ending_in_a_truncated_sequence_is_not_restored_by_its_script() -> None:
    # 고 is EA B3 A0: the no-break space's byte saved as a space; 곁 (a lost 0x81) is the one common
    # syllable of the dropped-byte readings, but the end of a span may have lost its byte to the space
    word = _damaged("바꾸고자").replace("\xa0", " ")
    result = repair(f"Name {word} and cafÃ© here\n")
    assert "곁" not in result.text
    assert any(item.old.startswith("ë°”") for item in result.residue)



@pytest.mark.parametrize("line", ["École.", "Être.", "Ça va."])
def test_a_capital_opening_a_word_whose_lost_letters_are_rare_is_not_reported(line: str) -> None:
    # É (C9), Ê (CA), Ç (C7) could only have lost a byte of rare letters (IPA ɐ ʁ, pinyin Ǎ): none common
    text = f"We donâ€™t know.\n{line}\n"
    result = repair(text)
    assert result.text == f"We don’t know.\n{line}\n"
    assert not result.residue


def test_greek_capitals_with_tonos_are_lone_letters_repaired_beside_greek_damage() -> None:
    """``Ή`` (or) and ``Ό`` are one-letter Greek words: weak like ``Δ``, repaired where Windows-1252 damaged the
    document's Greek elsewhere, left where they are the only damage."""
    assert scripts.lone_letter("Ή", "Î‰") and scripts.lone_letter("Ό", "ÎŒ") and not scripts.lone_letter("·", "Î‡")
    assert repair("Î‰ ÎºÎ¬Î½Îµ clone\n").text == "Ή κάνε clone\n"
    assert repair("Î‰\n").text == "Î‰\n"


@pytest.mark.parametrize(("damaged", "repaired"), [
    pytest.param("Kr\u0413\u0456tki opis\n", "Krótki opis\n", id="Polish ó as Windows-1251 Гі"),
    pytest.param("Herr M\u0413\u0458ller\n", "Herr Müller\n", id="German ü as Гј"),
    pytest.param("wa\u0415\u0458ne g\u0415\u201a\u0413\u0456wne\n", "ważne główne\n", id="two pairs in one word"),
])
def test_a_letter_of_another_script_that_breaks_a_word_mends_it_as_the_only_damage(damaged: str, repaired: str) -> None:
    """UTF-8 German and Polish read as Windows-1251: a Cyrillic capital and a continuation inside a Latin word,
    read back as letters of that word's script and case, is evidence on its own."""
    assert repair(damaged).text == repaired


@pytest.mark.parametrize("text", [
    pytest.param("latency\u2248\u00b5s and 5 \u00b5m\n", id="Mac Roman math: µ is Latin-1's micro sign, no script"),
    pytest.param("Привет, всё хорошо: Їжак і Ґанок\n", id="clean Cyrillic"),
    pytest.param("the Kr\u0413 variable\n", id="a Cyrillic letter in a Latin word that reads as nothing"),
])
def test_a_word_of_mixed_scripts_that_reads_as_no_word_is_left(text: str) -> None:
    assert repair(text).text == text


def test_a_mac_roman_one_letter_word_led_by_a_currency_sign_or_a_quote_is_a_lone_letter() -> None:
    """Mac Roman reads Persian ی (DB 8C) as ``€å`` and Armenian է (D5 A7) as ``’ß``: one-letter words, weak as
    other lone letters are. A quotation mark leads only a letter of a script the prior does not measure, and only
    as a word of its own: French ``l’été`` holds ``’é``, which Mac Roman reads as Armenian Վ."""
    assert scripts.lone_letter("ی", "€å") and scripts.lone_letter("է", "’ß", " ")
    assert not scripts.lone_letter("Վ", "’é", "l")


def test_mac_roman_one_letter_words_come_off_with_their_line() -> None:
    from review_hooks.mojibake.repair import repair

    persian = "# پروژه ی نرم افزار\n"
    armenian = "երբ պետք է երեւակել, կամ տեքստը\n"
    for clean in (persian, armenian):
        assert repair(clean.encode().decode("mac_roman")).text == clean
    french = "l’été est là; " + armenian
    assert repair("l’été est là; " + armenian.encode().decode("mac_roman")).text == french


def test_a_one_letter_word_and_its_scripts_full_stop_come_off_with_their_line() -> None:
    """Armenian ``է։`` (is, full stop) ends a sentence: read as two pairs, a lone letter and its script's own
    punctuation, once or twice damaged, repaired with the words around it."""
    from review_hooks.mojibake.repair import repair

    clean = "Այս փուլը կապերի փուլն է։ Այն հիմնական է v7.2-ի վրա։\n"
    once = clean.encode().decode("cp1252")
    assert "Õ§Ö‰" in once
    assert repair(once).text == clean
    assert repair(once.encode().decode("cp1252")).text == clean


def test_the_measured_scripts_are_those_the_prior_holds_a_common_letter_of() -> None:
    from review_hooks.mojibake.lossy import prior_table

    read = {scripts.script_of(char) for char, zipf in prior_table().items() if zipf >= 5 and char.isalpha()}
    assert read == scripts.MEASURED
    assert scripts.measured("я") and scripts.measured("µ") and not scripts.measured("է")
