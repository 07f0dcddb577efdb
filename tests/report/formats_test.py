"""``--format json`` writes exactly what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import io
import json

import pytest

from review_hooks.finding import Finding
from review_hooks.report.formats import json_list

WARNING = Finding("docs/a.md", 3, 7, "broken-link", "'x.md' differs only in case", severity="warning",
                  properties=(("target", "x.md"), ("resolved", "docs/X.md")))
AWKWARD = Finding('d\u00e9j\u00e0/"q".md', 1, 1, "mojibake",
                  "tab\there, line\nbreak, \\ slash, \x1b, \u2028, \U0001f600", fixed=True,
                  properties=(("target", "\u200b"), ("resolved", "")))


def written(findings: list[Finding]) -> str:
    out = io.StringIO()
    json_list(findings, out, tuple)
    return out.getvalue()


@pytest.mark.parametrize("findings", [
    pytest.param([], id="no findings"),
    pytest.param([Finding("a.md", 1, 2, "conflict-markers", "unresolved")], id="one"),
    pytest.param([WARNING, AWKWARD], id="properties, escapes and non-ASCII"),
])
def test_the_same_text_as_the_standard_library(findings: list[Finding]) -> None:
    assert written(findings) == json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


def test_suppressed_findings_are_left_out() -> None:
    hidden = Finding("a.md", 1, 1, "mojibake", "hidden", suppressed=True)
    assert json.loads(written([hidden, WARNING])) == [WARNING.as_dict()]


def test_a_nested_value_keeps_the_standard_layout() -> None:
    nested = Finding("a.md", 1, 1, "mojibake", "m", properties=(("extra", ["a", {"b": 1}]),))  # type: ignore[arg-type]
    assert written([nested]) == json.dumps([nested.as_dict()], ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_json_on_a_legacy_stream_is_still_json(output_format: str) -> None:
    """Windows' redirected stdout is cp1252: characters it cannot hold are JSON's \\u escapes, never the stream's
    own (``\\U0001f600`` is no JSON)."""
    from review_hooks.report.formats import report

    finding = Finding("notes/ü.md", 3, 5, "mojibake", "'ðŸ˜€' is double-encoded '😀' (Windows-1252)")
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="cp1252", errors="backslashreplace")
    report([finding], output_format, out, lambda: [])
    out.flush()
    text = raw.getvalue().decode("cp1252")
    loaded = json.loads(text)
    assert "\\ud83d\\ude00" in text and "😀" in json.dumps(loaded, ensure_ascii=False)
