"""heading_text applies each pattern only where the characters it needs are: the same names as applying them all."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_hooks.checks.required_headings import heading_text
from review_hooks.checks.required_headings.heading_text import normalized, parts
from review_hooks.mojibake.repair import repaired_text


def every_pattern(text: str) -> str:
    """``normalized`` as it was: every pattern applied to every name."""
    text = unicodedata.normalize("NFKC", repaired_text(text)).translate(heading_text._QUOTES)
    text = " ".join(heading_text._SHORTCODE.sub(" ", heading_text._FOOTNOTE.sub(
        " ", heading_text._ATTRIBUTES.sub("", text))).split())
    for _ in range(3):
        before = text
        text = heading_text._stripped(heading_text._NUMBERING.sub("", heading_text._stripped(
            heading_text._KEYCAPS.sub("", text))))
        if text == before:
            break
    key = text.casefold()
    return heading_text._JOINS.sub(" and ", key) if parts(key) else key


NAMES = [
    pytest.param("1. Summary", id="numbered"),
    pytest.param("\u0661. Summary", id="Arabic-Indic digit"),
    pytest.param("Section 2 - Risks", id="section number"),
    pytest.param("1\ufe0f\u20e3 Summary", id="keycap"),
    pytest.param(":memo: Notes", id="shortcode"),
    pytest.param("Time: 10:30", id="two colons, no shortcode"),
    pytest.param("Summary {#summary}", id="attributes"),
    pytest.param("Notes[^1]", id="footnote"),
    pytest.param("Summary and Risks", id="joined"),
    pytest.param("Q&A", id="one name"),
    pytest.param("Design review: caching layer", id="plain"),
]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_normalizes_as_with_every_pattern(name: str) -> None:
    assert normalized(name) == every_pattern(name)


ALPHABET = st.sampled_from([*"aS1 .:-&/,{}#[]^_()\u0661\u20e3\ufe0f\u2014\u00e9", "and ", "part ", ":memo:"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=12).map("".join))
def test_any_name_normalizes_as_with_every_pattern(name: str) -> None:
    assert normalized(name) == every_pattern(name)
    key = normalized(name)
    pieces = heading_text._JOINS.split(key)
    if len(pieces) == 1:  # no join: parts must not see one either
        assert parts(key) == ()


def test_plain_names_compile_no_pattern() -> None:
    """A hook run normalizes the configured names and the document's headings: plain words need no pattern."""
    code = ("from review_hooks.checks.required_headings import heading_text as h\n"
            "from review_hooks.pattern import Lazy\n"
            "h.parts(h.normalized('Summary')); h.parts(h.normalized('Design review: caching layer'))\n"
            "print(sorted(n for n, v in vars(h).items() if isinstance(v, Lazy) and '_compiled' in vars(v)))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("written", ["Risks & Mitigations", "Risks/Mitigations", "Risks, Mitigations",
                                     "Risks and Mitigations"])
def test_a_combined_heading_matches_whatever_joiner_it_is_written_with(written: str) -> None:
    # robust9: a template's 'Risks and Mitigations' was missing from a document writing 'Risks & Mitigations'
    assert normalized(written) == normalized("Risks and Mitigations") == "risks and mitigations"
    assert normalized("Q&A") == "q&a" and normalized("R&D") == "r&d"  # one name, not two
