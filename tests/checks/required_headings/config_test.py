from __future__ import annotations

from pathlib import Path


def test_kinds_and_templates_are_equal_by_their_fields(tmp_path: Path) -> None:
    """Plain classes now (no dataclasses on a hook's path): equality and hash still follow the fields,
    and a kind's sections are worked out once."""
    from review_hooks.checks.required_headings.kinds import Kind
    from review_hooks.checks.required_headings.template import Requirement, Template

    template = tmp_path / "t.md"
    template.write_text("# Title\n\n## Summary\n\n## Findings\n", encoding="utf-8")
    required = (Requirement(("Risks",), 2, "headings"),)
    one = Kind("review", ("*.md",), template=Template(template, "t.md", (2,)), headings=required)
    same = Kind("review", ("*.md",), template=Template(template, "t.md", (2,)), headings=required)
    assert one == same and hash(one) == hash(same) and len({one, same}) == 1
    assert one != Kind("review", ("*.md",), template=Template(template, "t.md", (3,)), headings=required)
    assert one != Kind("retro", ("*.md",), template=Template(template, "t.md", (2,)), headings=required)
    assert [r.names for r, _ in one.sections] == [("Summary",), ("Findings",), ("Risks",)]
    assert one.sections is one.sections
