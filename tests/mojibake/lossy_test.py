"""Lossy damage of two layers or more: the one reading whose layer below comes off whole is restored."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import pytest

from review_hooks.mojibake.lossy import layered
from review_hooks.mojibake.repair import _again, repair

RESTORED = (
    # ’ in Windows-1252 three times, the outer layer half repaired before: its ``Ã¢`` (â) was left as ``â``
    pytest.param("donÃƒÂ¢ââ€šÂ¬Ã¢â€žÂ¢t", "don’t", "â€™", id="a character of the layer below left decoded"),
    # — in Windows-1252 twice, the outer layer's undefined byte 0x9D dropped: of the candidates of
    # ``â€`` only ``”`` reads as a byte again, and ``â€”`` comes off whole
    pytest.param("a Ã¢â‚¬â€ b", "a — b", "â€”", id="the outer layer dropped an undefined byte"),
)


@pytest.mark.parametrize(("text", "expected", "before"), RESTORED)
def test_one_reading_that_comes_off_whole_is_restored(text: str, expected: str, before: str) -> None:
    result = repair(text)
    assert result.text == expected
    assert not result.residue
    (change,) = result.changes
    assert change.lossy  # reported as a restored lossy span, not as a plain repair
    assert change.before == before


def test_a_lossy_span_with_no_layer_below_stays_residue() -> None:
    result = repair("## â˜ï¸ Title and âœ… done")  # ☁ or ☝ (0x81 or 0x9D dropped): no layer decides
    assert result.text == "## â˜ï¸ Title and ✅ done"
    assert [item.old for item in result.residue] == ["â˜ï¸"]


def test_two_readings_that_come_off_whole_are_no_repair() -> None:
    assert layered([("Ã", ()), ("?", ("©", "\u2041"))], _again) == ("Ã©", "é")  # ⁁ is no byte of any codec
    assert layered([("Ã", ()), ("?", ("©", "¨"))], _again) is None  # é or è
    assert layered([("Ã", ()), ("?", ("\u2041",))], _again) is None  # no reading at all


@pytest.mark.parametrize("text", [
    pytest.param("âÃ© and Ã©â", id="a lone lead beside a pair, no layer below"),
    pytest.param("NÃO, Âmbito, São Paulo â€", id="capitals and a stray lead"),
])
def test_legitimate_text_beside_a_lone_lead_is_untouched(text: str) -> None:
    assert not repair(text).changes
