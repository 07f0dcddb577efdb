"""Positions: byte offsets to characters, lines and columns, asked in any order."""

from __future__ import annotations

import random

import pytest

from review_hooks.markdown.positions import Positions


def expected(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset].split("\n")
    return len(before), len(before[-1]) + 1


@pytest.mark.parametrize("text", [
    pytest.param("ab\ncd\n\ne", id="ASCII"),
    pytest.param("À é\nçd 😄 x\n\n€\n", id="two, three and four bytes"),
    pytest.param("", id="empty"),
    pytest.param("\n\n", id="newlines only"),
])
def test_every_boundary_in_any_order_is_at_its_line_and_column(text: str) -> None:
    """The cursors move forward and back: every character boundary, shuffled, asked twice, gives what
    counting from the start gives."""
    boundaries = [(len(text[:i].encode()), i) for i in range(len(text) + 1)]
    order = boundaries * 2
    random.Random(13).shuffle(order)
    positions = Positions(text)
    for byte, char in order:
        assert positions.offset(byte) == char
        assert positions.position(byte) == expected(text, char)
        assert positions.line(char) == expected(text, char)[0]
