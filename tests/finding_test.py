"""Finding is a value: two findings are the same when the contract's line says so.

It is a NamedTuple (the hooks' start-up, see ``review_hooks.finding``), so its equality, hash and
order are written out: they use the path, line, column, check, message and ``fixed`` only, as the
frozen dataclass it replaced did (``compare=False`` on the rest).
"""

from __future__ import annotations

from review_hooks.finding import Finding, Replacement, replace

PLAIN = Finding("a.md", 3, 5, "broken-link", "'./x.md' does not exist")
DESCRIBED = PLAIN._replace(severity="warning", suppressed=True, properties=(("target", "./x.md"),),
                           replacement=Replacement(3, 5, 3, 11, "./y.md"))


def test_severity_replacement_suppression_and_properties_do_not_tell_findings_apart() -> None:
    assert DESCRIBED == PLAIN
    assert (DESCRIBED != PLAIN) is False
    assert hash(DESCRIBED) == hash(PLAIN)
    assert len({PLAIN, DESCRIBED}) == 1
    assert PLAIN <= DESCRIBED <= PLAIN and PLAIN >= DESCRIBED >= PLAIN
    assert not PLAIN < DESCRIBED and not PLAIN > DESCRIBED  # a tuple would compare None with a Replacement


def test_the_contract_fields_do() -> None:
    for changed in (replace(PLAIN, path="b.md"), replace(PLAIN, line=4), replace(PLAIN, column=6),
                    replace(PLAIN, check="mojibake"), replace(PLAIN, message="other"), replace(PLAIN, fixed=True)):
        assert changed != PLAIN
        assert changed > PLAIN
        assert sorted([changed, PLAIN]) == [PLAIN, changed]  # __lt__


def test_findings_sort_by_path_line_column_check_message() -> None:
    findings = [Finding("b.md", 1, 1), Finding("a.md", 2, 1), Finding("a.md", 1, 9, "z"), Finding("a.md", 1, 9, "a"),
                Finding("a.md", 1, 2, severity="warning", replacement=Replacement(1, 2, 1, 3, "x"))]
    assert [(f.path, f.line, f.column, f.check) for f in sorted(findings)] == [
        ("a.md", 1, 2, ""), ("a.md", 1, 9, "a"), ("a.md", 1, 9, "z"), ("a.md", 2, 1, ""), ("b.md", 1, 1, "")]


def test_a_finding_is_not_equal_to_the_tuple_of_its_fields() -> None:
    assert tuple(PLAIN) != PLAIN


def test_replace_makes_a_new_finding_and_keeps_the_rest() -> None:
    stamped = replace(DESCRIBED, path="docs/a.md", check="broken-link")
    assert stamped.path == "docs/a.md" and DESCRIBED.path == "a.md"
    assert (stamped.severity, stamped.suppressed, stamped.properties, stamped.replacement) == (
        "warning", True, (("target", "./x.md"),), Replacement(3, 5, 3, 11, "./y.md"))
    assert str(stamped) == "docs/a.md:3:5: broken-link warning: './x.md' does not exist"
