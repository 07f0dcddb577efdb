"""What mojibake findings say: the text as it is, with invisible characters escaped."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

from review_hooks.mojibake.changes import Change
from review_hooks.mojibake.wording import described, shown


def test_a_repair_says_what_the_text_is_and_the_codec() -> None:
    changes = [Change(0, 3, "âœ…", "✅", "sloppy-windows-1252"), Change(4, 7, "â€“", "–", "sloppy-windows-1252")]
    assert described(changes) == "'âœ…' is double-encoded '✅', 'â€“' is double-encoded '–' (Windows-1252)"


def test_damage_twice_a_lost_byte_and_two_codecs_say_so() -> None:
    twice = Change(0, 6, "Ã¢Å“â€¦", "✅", "sloppy-windows-1252", before="âœ…")
    lossy = Change(9, 11, "âŒ", "❌", "macroman", lossy=True)
    assert described([twice, lossy]) == (
        "'Ã¢Å“â€¦' is twice double-encoded '✅' (Windows-1252), "
        "'âŒ' is double-encoded '❌' that lost a byte, one reading fitting (Mac Roman)")


def test_layers_restored_by_their_one_reading_say_a_layer_lost_bytes_or_was_repaired_in_part() -> None:
    layered = Change(0, 7, "Ã¢â‚¬â€", "—", "sloppy-windows-1252", lossy=True, before="â€”")
    assert described([layered]) == (
        "'Ã¢â‚¬â€' is twice double-encoded '—' that lost bytes or was repaired in part, one reading fitting "
        "(Windows-1252)")


def test_invisible_characters_and_marks_with_nothing_to_sit_on_are_escaped() -> None:
    assert shown("a\u00a0b") == "'a\\u00a0b'"
    assert shown("\ufe0f\u20e3") == "'\\ufe0f\\u20e3'"  # a keycap's marks without their digit
    assert shown("⚠\ufe0f") == "'⚠\ufe0f'" and shown("e\u0301") == "'e\u0301'"  # marks on a character
