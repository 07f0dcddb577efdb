"""Recent Markdown structures are kept, so a file read for its anchors and then checked parses once."""

from __future__ import annotations

import pytest

from review_hooks.markdown import parse as markdown


@pytest.fixture(autouse=True)
def _empty_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "_kept", type(markdown._kept)())
    monkeypatch.setattr(markdown, "_kept_size", [0])


def test_the_same_text_parses_once_and_other_text_gets_its_own_structure() -> None:
    first = markdown.parse("# Title\n\n[a](./a.md)\n")
    assert markdown.parse("# Title\n\n[a](./a.md)\n") is first
    other = markdown.parse("# Title\n\n[b](./b.md)\n")
    assert other is not first
    assert [link.target for link in other.links] == ["./b.md"]
    assert [link.target for link in first.links] == ["./a.md"]


def test_the_oldest_structures_go_when_the_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "KEPT_CHARACTERS", 80)  # two of these texts
    texts = [f"# Heading {index}\n\n{'x' * 20}\n" for index in range(5)]
    kept = [markdown.parse(text) for text in texts]
    assert list(markdown._kept) == texts[-2:]
    assert markdown._kept_size[0] == sum(map(len, texts[-2:]))
    assert markdown.parse(texts[-1]) is kept[-1]
    again = markdown.parse(texts[0])  # evicted: parsed again, equal
    assert again is not kept[0] and again == kept[0]
    assert list(markdown._kept) == [texts[-1], texts[0]]


def test_a_text_larger_than_the_budget_is_still_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "KEPT_CHARACTERS", 10)
    structure = markdown.parse("# A long heading\n")
    assert [heading.text for heading in structure.headings] == ["A long heading"]
