"""The engine's shortcuts give what the long way gives: a faster path may never change a finding.

Each shortcut is checked against the computation it stands for, on generated text made of the
characters mojibake is made of (every codec's reading of the bytes 0x80-0xFF), ASCII letters, spaces,
no-break spaces and a few emoji, so that lead and continuation characters meet often.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs ALPHABET decodes with)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from review_hooks.mojibake import readings, strength
from review_hooks.mojibake.charmaps import any_suspect, codecs
from review_hooks.mojibake.repair import _again

FEW = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALPHABET = sorted({char for codec in codecs() for char in bytes(range(0x80, 0x100)).decode(codec.name)}
                  | set("aeTZ \u00a0✅🎯"))
runs = st.text(alphabet=ALPHABET, min_size=1, max_size=12)


@FEW
@given(runs)
@example("Ã©")
@example("ÃÃ")  # a lead twice: each codec's own group number in the joined pattern
@example("üìš")  # Mac Roman's lost lead
@example("plain")
def test_one_search_finds_what_some_codec_finds(text: str) -> None:
    assert bool(any_suspect().search(text)) == any(codec.suspect.search(text) for codec in codecs())


@FEW
@given(runs, st.booleans())
@example("cafÃ©", False)  # Ã© reads alike in Windows-1252, Windows-1254 and Latin-1
@example("ðŸ“", False)  # cut short: each codec's own candidates
@example("Ã ", False)  # a space read as A0
@example("â€œ", True)
def test_shared_readings_are_each_codecs_own(run: str, decoded: bool) -> None:
    for codec in codecs():
        assert strength._units(run, codec, _again, decoded) == readings.units.__wrapped__(
            run, codec.name, _again, decoded), codec.name
