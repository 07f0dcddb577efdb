"""The destination patterns read the same text as their one-character-at-a-time form did."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from review_hooks.markdown import syntax

#: the earlier form of ``syntax.DESTINATION``: one plain character per repetition
PER_CHARACTER = r"""(?:<(?P<angle>[^<>\n]*)>|(?P<bare>(?:\\.|[^\s()\\]|\((?:\\.|[^\s()\\])*\))+))"""
OLD_INLINE = re.compile(r"\]\(\s*" + PER_CHARACTER)
OLD_DEFINITION = re.compile(syntax.DEFINITION.pattern.replace(syntax.DESTINATION, PER_CHARACTER), re.MULTILINE)

#: the characters the patterns treat apart, and a few plain ones
ALPHABET = st.sampled_from(list("]([)<>\\ \t\nab./#:-"))


def same(old: re.Pattern[str], new: re.Pattern[str], text: str) -> None:
    before, after = old.match(text), new.match(text)
    assert (before and (before.span(), before.groupdict())) == (after and (after.span(), after.groupdict()))


@given(st.text(ALPHABET, max_size=40))
def test_inline_destination_reads_what_it_read(tail: str) -> None:
    same(OLD_INLINE, syntax.INLINE_DESTINATION, "](" + tail)


@given(st.text(ALPHABET, max_size=40))
def test_definition_reads_what_it_read(tail: str) -> None:
    assert PER_CHARACTER in OLD_DEFINITION.pattern
    same(OLD_DEFINITION, syntax.DEFINITION, "[label]: " + tail)


def test_a_long_destination_and_its_parentheses() -> None:
    text = "](https://example.com/a_(b)_c\\)d?view=x#top more)"
    assert syntax.INLINE_DESTINATION.match(text).group("bare") == "https://example.com/a_(b)_c\\)d?view=x#top"
    assert syntax.INLINE_DESTINATION.match("](a(b c)").group("bare") == "a"  # an unclosed group ends it
