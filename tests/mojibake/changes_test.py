"""The engine's values are NamedTuples and a plain class (no ``dataclasses`` on a hook's path): they
keep the equality the frozen dataclasses had."""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from review_hooks.mojibake.changes import Change, Residue, Unit


def test_a_change_is_told_apart_by_its_fields_but_before() -> None:
    change = Change(0, 3, "â€™", "’", "sloppy-windows-1252")
    twice = change._replace(before="â€™")
    assert twice == change and hash(twice) == hash(change) and twice.before == "â€™"
    assert change._replace(lossy=True) != change and change != tuple(change)


def test_a_residue_is_told_apart_by_its_fields_but_parts() -> None:
    residue = Residue(0, 2, "âš", "⚠", (("⚠", "⚡"),), "", "sloppy-windows-1252")
    assert residue._replace(parts=(("⚠", "⚡"),)) == residue
    assert residue._replace(likely="⚡") != residue


def test_a_unit_is_equal_by_all_its_fields_and_replace_keeps_the_rest() -> None:
    unit = Unit(2, 5, ("é", ("ñ", "ó")), unique=False, weight=3, before="Ã©")
    again = Unit(2, 5, ("é", ("ñ", "ó")), unique=False, weight=3, before="Ã©")
    assert unit == again and hash(unit) == hash(again) and unit.lossy and unit.text() == "éñ"
    plain = unit._replace(weight=0, before="")
    assert (plain.start, plain.end, plain.parts, plain.unique, plain.weight, plain.before) == (
        2, 5, ("é", ("ñ", "ó")), False, 0, "")
    assert plain != unit and plain.text(drop=True) == "é" and unit.weight == 3
