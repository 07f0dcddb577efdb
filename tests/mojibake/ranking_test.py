"""Ranking the candidates of lossy mojibake: the ``likely`` reading a report offers (issue 16, cause 8)."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import subprocess
import sys

from review_hooks.mojibake import lossy
from review_hooks.mojibake.repair import repair

#: The bytes Windows-1252 cannot map, which a conversion drops.
UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def test_fe0f_is_likely_where_no_pictograph_stands_before_it() -> None:
    # ``ï¸`` is EF B8 with a byte lost: U+FE0F (EF B8 8F), or a rare form such as ``︐`` (EF B8 90)
    options = lossy.candidates(b"\xef\xb8", 1, UNDEFINED)
    assert {"\ufe0f", "\ufe10"} <= set(options)
    assert lossy.ranked(options, "")[0] == "\ufe0f"
    assert lossy.ranked(options, " ")[0] == "\ufe0f"
    assert lossy.ranked(options, "a")[0] != "\ufe0f"  # a letter has no emoji presentation to select
    (residue,) = repair("ï¸ Check the inputs\nDone âœ…\n").residue
    assert residue.old == "ï¸" and residue.likely == "\ufe0f"


def test_a_letter_of_the_script_around_it_beats_a_symbol() -> None:
    # ``の`` (E3 81 AE) lost its 0x81 among Japanese: not the square symbol ``㍮`` (E3 8D AE)
    (residue,) = repair("æ—¥æœ¬èªžã®ãƒ†ã‚¹ãƒˆ âœ…\n").residue
    assert residue.likely == "日本語のテスト"
    assert {"の", "㍮"} <= set(residue.options[0]) and residue.options[0][0] == "の"


def test_a_common_character_beats_a_rare_one_of_the_same_kind() -> None:
    assert lossy.prior("の") > lossy.prior("㍮") and lossy.prior("\ufe0f") > lossy.prior("\ufe10")
    assert lossy.prior("é") > lossy.prior("ǿ") >= 0 and lossy.prior("\ue000") == -1  # private use: unseen
    assert lossy.ranked(("ǿ", "é"), "")[0] == "é"


def test_a_pictograph_sharing_a_name_word_with_one_on_its_line_is_likely() -> None:
    # ``ðŸ”`` is F0 9F 94 with a byte lost: 🔐 (CLOSED LOCK WITH KEY) beside 🔒 (LOCK), not 🍔 or 🐔
    (residue,) = repair("Secrets 🔒 stored; ðŸ” keys rotated âœ…\n").residue
    assert residue.old == "ðŸ”" and residue.likely == "🔐"
    assert {"🍔", "🐔", "🔏"} <= set(residue.options[0])


def test_review_document_emoji_still_rank_before_more_common_ones_elsewhere() -> None:
    (residue,) = repair("## ðŸ“ Notes\nDone âœ…\n").residue
    assert residue.likely == "📝" and residue.options[0][:2] == ("📝", "📁")


def test_a_single_plausible_candidate_still_ranks_first_and_is_repaired() -> None:
    # the prior never lifts an implausible candidate above the one pictograph that fits
    options = lossy.candidates(b"\xe2\x9c", 1, UNDEFINED)  # âœ with a byte lost: ✁ ✍ ✏ ✐ ✝
    ranked = lossy.ranked(options, "")
    assert lossy.plausible_count(ranked, "") >= 1 and lossy.tier(ranked[0], "") <= 1
    (change,) = repair("âš\u00a0ï¸ x").changes
    assert change.new == "⚠️"


def test_a_bare_text_style_pictograph_text_never_holds_is_reported_not_guessed() -> None:
    # ``â¯`` lost one byte: ❯ (E2 9D AF, a prompt's chevron) as much as ⏯ (E2 8F AF), which the prior
    # never saw and no U+FE0F asks for; ``â‰`` before a space is ≠ that lost its A0 as much as ⁉ (E2 81 89)
    for damaged, bare in (("marked with `â¯` chevron âœ…\n", "⏯"), ("PGID â‰ 100 âœ…\n", "⁉"),
                          ("growth of 10â¸ users âœ…\n", "⏸")):
        result = repair(damaged)
        assert [change.new for change in result.changes] == ["✅"]
        (residue,) = result.residue
        assert bare in residue.options[0]
    assert lossy.plausible_count(("⏯", "❯", "⍯"), " ") == 0
    assert lossy.plausible_count(("⏯", "❯", "⍯"), " ", selected=True) == 1


def test_a_text_style_pictograph_is_repaired_when_text_holds_it_or_fe0f_asks_for_it() -> None:
    assert lossy.prior("❤") >= 0 and lossy.prior("⏮") == -1
    assert repair("I â¤ this âœ…\n").text == "I ❤ this ✅\n"  # the prior has seen ❤ written bare
    # U+FE0F after it, itself short of its byte 8F (``ï¸``), asks for the emoji form of ⏮
    assert repair("rewind â®ï¸ and see âœ…\n").text == "rewind ⏮️ and see ✅\n"
    assert repair("press â¸ï¸ to pause\n").text == "press ⏸️ to pause\n"


def test_the_prior_is_read_only_when_a_lossy_span_is_ranked() -> None:
    code = ("import sys\n"
            "from review_hooks.mojibake.repair import repair\n"
            "repair('Crème brûlée, naïve, 日本語のテスト ✅ clean')\n"
            "print('review_hooks.mojibake.lossy' in sys.modules and "
            "sys.modules['review_hooks.mojibake.lossy'].prior_table.cache_info().currsize)\n"
            "repair('## \\u00f0\\u0178\\u201c Notes\\nDone \\u00e2\\u0153\\u2026')\n"
            "print(sys.modules['review_hooks.mojibake.lossy'].prior_table.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] in ("False", "0") and out[1] == "1"


def test_the_packaged_table_is_well_formed() -> None:
    table = lossy.prior_table()
    assert len(table) > 1000 and set(table.values()) <= set(range(10))
    assert table["の"] >= 7 and table["\ufe0f"] >= 4 and "a" not in table  # ASCII is never a candidate


def test_a_capital_letter_is_as_common_as_its_small_letter() -> None:
    # ``А`` (D0 90) lost its 0x90 at the start of a Cyrillic word: not the rare ``Ё`` (D0 81)
    assert lossy.prior("А") == lossy.prior("а") > lossy.prior("Ё")
    (residue,) = repair("ÐÐ²Ñ‚Ð¾Ð¼Ð°Ñ‚ âœ…\n").residue
    assert residue.likely == "Автомат"


def test_a_space_after_a_truncated_emoji_can_be_its_lost_no_break_space() -> None:
    # 🧠 is F0 9F A7 A0 and ⚠ is E2 9A A0: A0 reads as a no-break space, saved as a plain space
    (brain,) = repair("ðŸ§ Memory notes âœ…\n").residue
    assert brain.old == "ðŸ§" and brain.likely == "🧠" and {"🍧", "🐧"} <= set(brain.options[0])
    (warning,) = repair("| âš | stale | âœ… |\n").residue
    assert warning.likely == "⚠" and "⚁" in warning.options[0]
    (alone,) = repair("ðŸ§\n\nDone âœ…\n").residue  # no space after it: the lost byte was another
    assert alone.likely != "🧠" and "🧠" not in alone.options[0]
    assert repair("ðŸ§ Memory notes âœ…\n").text == "ðŸ§ Memory notes ✅\n"  # reported, never repaired
