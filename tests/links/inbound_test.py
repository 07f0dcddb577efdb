"""links/inbound.py: which documents may link into what a change removed (read as bytes, before any parse)."""

from __future__ import annotations

import pytest

from review_hooks.links.inbound import _needle


@pytest.mark.parametrize(("name", "written", "found"), [
    pytest.param("plan.md", b"[p](./plan.md)", True, id="as is"),
    pytest.param("my plan.md", b"[p](my%20plan.md)", True, id="percent-encoded space"),
    pytest.param("r\u00e9sum\u00e9.md", b"[r](r%C3%A9sum%c3%a9.md)", True, id="percent-encoded, either case"),
    pytest.param("plan_v2.md", b"[p](plan\\_v2.md)", True, id="backslash-escaped punctuation"),
    pytest.param("known-risks", b"[k](q3.md#known-risks)", True, id="a fragment"),
    pytest.param("plan.md", b"[p](./Plan.md)", False, id="another case never resolved to it"),
    pytest.param("plan.md", b"see plan-md and plans.md", False, id="another name"),
])
def test_a_document_is_parsed_only_if_it_may_name_the_removed_target(name: str, written: bytes, found: bool) -> None:
    word, pattern = _needle(name)
    assert (word in written and pattern.search(written) is not None) == found


@pytest.mark.parametrize(("written", "found"), [
    pytest.param(b"[k](q3.md#Known-Risks)", True, id="another case"),
    pytest.param(b"[k](q3.md#user-content-known-risks)", True, id="GitHub's prefix"),
    pytest.param(b"[k](q3.md#KNOWN%2dRISKS)", True, id="percent-encoded, upper case"),
    pytest.param(b"[k](q3.md#known_risks)", False, id="another name"),
])
def test_a_fragment_is_looked_for_in_any_case(written: bytes, found: bool) -> None:
    """github.com finds an anchor whatever the case of the fragment, so a removed one is looked for so too."""
    word, pattern = _needle("known-risks", folded=True)
    assert (word in written.lower() and pattern.search(written) is not None) == found
