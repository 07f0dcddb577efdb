"""Script coherence: the marks of a script (harakat, niqqud, vowel signs) are letters of their word,
so a damaged word that carries them is repaired, not taken for lossy damage."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import pytest

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
