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
from review_hooks.mojibake.charmaps import any_suspect, codecs, suspects
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
@example("\u00a0\u0080")  # Mac Roman's lead 0xCA and Latin-1's continuation 0x80: the joined classes only
def test_one_search_finds_what_some_codec_finds(text: str) -> None:
    """``any_suspect`` matches wherever some codec's pattern does (it may match elsewhere: its classes are
    every codec's joined), and ``suspects`` gives exactly the codecs whose pattern matches."""
    every = [codec for codec in codecs() if codec.suspect.search(text)]
    assert suspects(text) == every
    assert bool(any_suspect().search(text)) >= bool(every)


@FEW
@given(runs, st.booleans())
@example("cafÃ©", False)  # Ã© reads alike in Windows-1252, Windows-1254 and Latin-1
@example("ðŸ“", False)  # cut short: each codec's own candidates
@example("Ã ", False)  # a space read as A0
@example("ę\x81 ", False)  # a space read as A0 that fits nowhere: cut short after all, each codec's own
@example("â€œ", True)
def test_shared_readings_are_each_codecs_own(run: str, decoded: bool) -> None:
    for codec in codecs():
        assert strength._units(run, codec, _again, decoded) == readings.units.__wrapped__(
            run, codec.name, _again, decoded), codec.name


@FEW
@given(runs, st.booleans())
@example("ÐŸÐµÑ€ÐµÑ…Ñ–Ð´", False)  # Windows-1252 reads it all; Latin-1 cannot read Ÿ, € or …
@example("üìš", False)  # Mac Roman's lost lead: a unit may span a byte another one spans
@example("Ã ", False)  # a space read as A0
@example("â€œ", True)
def test_a_codec_left_unread_cannot_read_as_much(run: str, decoded: bool) -> None:
    """``_bound`` is never less than what a codec's reading covers, so a codec that ``readings_of`` leaves
    unread explains less of the run than the longest reading: the readings it gives are every codec's
    reading that may explain the run best, in codec order, and no other codec's."""
    every = strength.readings_of(run, decoded, _again, every=True)
    for codec in codecs():
        units = readings.units.__wrapped__(run, codec.name, _again, decoded)
        assert strength.coverage(units)[0] <= strength._bound(run, codec), codec.name
    some = strength.readings_of(run, decoded, _again)
    longest = max((strength.coverage(units)[0] for _, units in every), default=0)
    assert list(some) == [(name, units) for name, units in every
                          if name in dict(some) or strength.coverage(units)[0] == longest]
    assert all(bound < longest for _, bound in strength._read(run, decoded, _again, False)[1])


@FEW
@given(runs, st.booleans(), st.dictionaries(st.sampled_from([codec.name for codec in codecs()]),
                                             st.integers(0, 3)), st.booleans())
@example("ÐŸÐµÑ€ÐµÑ…Ñ–Ð´", False, {"latin-1": 5}, False)  # evidence only for a codec that explains less
@example("ÐŸÐµÑ€ÐµÑ…Ñ–Ð´", False, {}, True)  # any codec fits: one left unread may be the only one
@example("cafÃ©", False, {}, False)
def test_the_chosen_reading_is_chosen_among_every_reading(run: str, decoded: bool, evidence: dict[str, int],
                                                          lenient: bool) -> None:
    """``choose`` gives what choosing among every codec's reading gives, whichever codecs have evidence, and
    where any codec may fit (a heading's decoration, a decoded sequence), whichever readings fit."""
    def fits(reading: strength.Reading) -> bool:
        return bool(evidence.get(reading[0])) or (lenient and len(reading[1]) % 2 == 1)

    every = strength.readings_of(run, decoded, _again, every=True)
    weights = strength.weighed(run, decoded, _again, every=True)
    eligible = [(cover, o) for o, (cover, _) in zip(every, weights, strict=True) if fits(o)]
    expected = max(eligible, key=lambda item: (item[0], evidence.get(item[1][0], 0)))[1] if eligible else None
    chosen, among = strength.choose(run, decoded, _again, evidence, fits, lenient)
    assert chosen == expected
    if chosen:  # every reading of a codec that may be chosen (``strong_codecs``) that reads the run as the
        # chosen one does is among them
        def alike(options: tuple[strength.Reading, ...]) -> list[strength.Reading]:
            return [o for o in options if strength.same(o[1], chosen[1]) and (lenient or evidence.get(o[0]))]

        assert alike(every) == alike(among)
