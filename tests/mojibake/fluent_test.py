"""A word written fluently in one script is text: Windows-1251 reads Ukrainian, Belarusian, Macedonian and Serbian
letters as UTF-8 lead and continuation bytes, and those words must be neither rewritten nor reported
(``mojibake/fluent.py``), while damage beside them is still repaired."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import pytest

from review_hooks.mojibake.repair import repair


@pytest.mark.parametrize("text", [
    pytest.param("ревізії Дію", id="Ukrainian: Д і is C4 B3 (ĳ), з і ї is E7 B3 BF"),
    pytest.param("бидејќи кликајќи", id="Macedonian: ј and ќ are continuation bytes"),
    pytest.param("Азербејџан", id="Serbian џ"),
    pytest.param("в’їзд заборонено, «спасылкі»", id="an apostrophe and quotes inside and beside the words"),
    pytest.param("Ліцензії\nвітер\nдії\n", id="lines of one word each"),
    pytest.param("прапор: Ліхтенштейн", id="Л і is CB B3, a modifier letter, no text"),
    pytest.param('"tags":["віщати","вівця"]', id="в і read as a truncated symbol: a guess no word needs"),
])
def test_clean_text_of_those_languages_is_neither_changed_nor_reported(text: str) -> None:
    result = repair(text)
    assert result.text == text
    assert result.residue == ()


def test_damage_beside_such_words_is_repaired_and_the_words_kept() -> None:
    """Russian double-encoded in Windows-1251 beside clean Ukrainian: the damage comes off, ``Дію`` stays."""
    damaged = "Привет".encode().decode("cp1251")  # РџСЂРёРІРµС‚
    assert repair(f"{damaged}, ревізії Дію").text == "Привет, ревізії Дію"


def test_a_reading_into_a_script_the_document_shows_is_kept() -> None:
    """A Latin word double-encoded in Windows-1251 reads as Cyrillic letters and punctuation (``Г‚ГѓГ„``); its
    reading is Latin, which every document shows: restored."""
    damaged = "ÂÃÄ".encode().decode("cp1251")
    assert repair(f"{damaged} 📝".replace("📝", "📝".encode().decode("cp1251"))).text == "ÂÃÄ 📝"


def test_western_damage_that_reads_as_latin_letters_and_punctuation_is_still_damage() -> None:
    """``Â«Ð–Â»`` is Latin letters and punctuation only, as Western damage is: no rule of fluency holds it."""
    assert repair("— ok Â«Ð–Â» and Â«Î‘Â»").text == "— ok «Ж» and «Α»"
