"""Lossy words: a truncated sequence that can only have been a letter of the word's script."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

from review_hooks.mojibake.lossy import one_letter
from review_hooks.mojibake.repair import repair


def test_a_word_that_lost_its_last_letter_is_residue_not_clean_text() -> None:
    """``Ð²Ð°Ñ`` is ва and a Cyrillic letter that lost its byte (0x81 of с): a word, reported, so its
    line is no clean text, and the one-letter word в on it is repaired."""
    damaged = "Знає вас, ви вводите в курс".encode().decode("cp1252", errors="ignore")
    assert "Ð²Ð°Ñ," in damaged  # с is D1 81, and 0x81 is undefined in Windows-1252
    result = repair(damaged)
    assert result.text == "Знає Ð²Ð°Ñ, ви вводите в ÐºÑƒÑ€Ñ"
    assert [item.old for item in result.residue] == ["Ð²Ð°Ñ", "ÐºÑƒÑ€Ñ"]


def test_one_letter_is_a_letter_only_when_every_candidate_is_one_of_one_script() -> None:
    assert one_letter(("с", "ѝ", "џ")) == "с"
    assert one_letter(("с", "é")) == ""  # Cyrillic or Latin
    assert one_letter(("с", "—")) == ""
    assert one_letter(()) == ""


def test_the_folded_prior_counts_a_letter_as_its_source_writes_it() -> None:
    from review_hooks.mojibake.lossy import folded_prior, prior

    assert prior("ς") < 0 and folded_prior("ς") == prior("σ") > 0  # the source folds final sigma to σ
    assert prior("ß") < 0 and folded_prior("ß") > 0  # and ß to ss
    assert folded_prior("槷") == prior("槷") < 0  # a letter no language's text holds stays unseen
