"""The candidates of a truncated UTF-8 sequence (``lossy.candidates``): computed by code point, they are
exactly what decoding every way to put the dropped bytes back gives."""

from __future__ import annotations

import unicodedata
from itertools import combinations, product

import pytest

from review_hooks.mojibake import lossy, truncated
from review_hooks.mojibake.charmaps import codecs

#: Windows-1252's undefined bytes, and Latin-1's droppable bytes (the C1 controls and the soft hyphen).
UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
CONTROLS = frozenset([*range(0x80, 0xA0), 0xAD])


def decoded_every_way(fragment: bytes, missing: int, droppable: frozenset[int],
                      controls: bool = False) -> tuple[str, ...]:
    """The definition: each way to put ``missing`` droppable bytes among the continuation bytes, decoded
    (``controls``: C1 controls kept)."""
    size = len(fragment) - 1 + missing
    found = set()
    for slots in combinations(range(size), missing):
        for fill in product(sorted(droppable), repeat=missing):
            rest, extra = iter(fragment[1:]), iter(fill)
            body = bytes(next(extra) if i in slots else next(rest) for i in range(size))
            try:
                char = (fragment[:1] + body).decode("utf-8")
            except UnicodeDecodeError:
                continue
            category = unicodedata.category(char)
            if category not in ("Cn", "Co", "Cs") and (controls or category != "Cc"):
                found.add(char)
    return tuple(sorted(found))


@pytest.mark.parametrize(("fragment", "missing", "droppable"), [
    pytest.param(b"\xf0\x9f\x93", 1, UNDEFINED, id="emoji lost its last byte"),
    pytest.param(b"\xf0\x9f", 2, UNDEFINED, id="emoji lost two bytes"),
    pytest.param(b"\xe2", 2, CONTROLS, id="Latin-1: a lead alone"),
    pytest.param(b"\xe0\x80", 1, CONTROLS, id="overlong left out"),
    pytest.param(b"\xed", 2, CONTROLS, id="surrogates left out"),
    pytest.param(b"\xf4\x8f", 2, UNDEFINED, id="beyond U+10FFFF left out"),
    pytest.param(b"\xc3", 1, CONTROLS, id="two-byte sequence"),
    pytest.param(b"\xc3\xa9", 1, UNDEFINED, id="too long for its lead: nothing"),
    pytest.param(b"\xc1", 1, CONTROLS, id="no lead byte: nothing"),
    pytest.param(b"\x9f", 1, UNDEFINED, id="a continuation byte: nothing"),
    pytest.param(b"\xef\xb8", 1, frozenset(), id="nothing droppable"),
])
@pytest.mark.parametrize("controls", [False, True], ids=["no controls", "C1 controls kept"])
def test_candidates_are_every_decoding(fragment: bytes, missing: int, droppable: frozenset[int],
                                       controls: bool) -> None:
    assert (lossy.candidates(fragment, missing, droppable, controls)
            == decoded_every_way(fragment, missing, droppable, controls))


def test_a_lead_alone_may_have_been_a_c1_control_when_controls_are_kept() -> None:
    """``\xc2`` that lost its continuation byte: U+0080..U+009F only when C1 controls are kept."""
    assert "\x9d" in lossy.candidates(b"\xc2", 1, UNDEFINED, True)
    assert "\x9d" not in lossy.candidates(b"\xc2", 1, UNDEFINED)


def test_candidates_of_a_lost_byte() -> None:
    # ``ðŸ“`` lost its last byte 0x9D: 📝 is among what it can have been
    assert "📝" in lossy.candidates(b"\xf0\x9f\x93", 1, UNDEFINED)
    assert lossy.candidates(b"\xe0\x80", 1, UNDEFINED) == ()  # E0 80 9D and E0 9D 80 are overlong


@pytest.mark.parametrize("droppable", [pytest.param(frozenset({0x9D}), id="0x9D alone"),
                                       pytest.param(frozenset(), id="nothing droppable"),
                                       *(pytest.param(codec.droppable, id=codec.name) for codec in codecs())])
def test_possible_says_whether_there_are_candidates(droppable: frozenset[int]) -> None:
    """``truncated.possible`` walks the ways one by one and stops at the first character: it agrees with the
    whole list for every lead byte (and two that are none), alone or with a continuation byte, losing 1 to 3."""
    fragments = [bytes([lead, *rest]) for lead in [0xC1, *range(0xC2, 0xF5), 0xF5]
                 for rest in ((), (0x80,), (0x8F,), (0x9F,), (0xBF,))]
    for fragment in fragments:
        for missing in (1, 2, 3):
            assert truncated.possible(fragment, missing, droppable) == bool(
                lossy.candidates(fragment, missing, droppable)), (fragment, missing)


def test_candidates_of_a_span_are_listed_on_first_use() -> None:
    """``truncated.Candidates`` gives each piece's ``lossy.candidates`` (``()`` for a piece that lost nothing),
    listing none before it is read: Latin-1 ``ð`` alone (F0, three bytes lost) has tens of thousands."""
    lone = (b"\xf0", 3)
    options = truncated.Candidates([None, lone, (b"\xc3", 1)], CONTROLS)
    assert options.all_possible()
    lazily = options.lazily(1)
    assert options._listed == {}
    assert next(lazily) == lossy.candidates(*lone, CONTROLS)[0]
    assert list(options) == [(), lossy.candidates(*lone, CONTROLS), lossy.candidates(b"\xc3", 1, CONTROLS)]
    assert not truncated.Candidates([(b"\xc3\xa9", 1)], CONTROLS).all_possible()  # too long for its lead
