"""Record behaves as the ``typing.NamedTuple`` it replaces, in every way the package uses one."""

from __future__ import annotations

import copy
import multiprocessing
import pickle
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from review_hooks.finding import Finding, Replacement
from review_hooks.record import Record


class Target(Record):
    """A record with a default, a method and a property."""

    path: str
    location: Path
    named: bool = True

    def shown(self) -> str:
        return f"<{self.path}>"

    @property
    def hidden(self) -> bool:
        return self.path.startswith(".")


class Reference(NamedTuple):
    path: str
    location: Path
    named: bool = True


CALLS: list[Any] = [
    pytest.param(("a", Path("b")), {}, id="positional, default left"),
    pytest.param(("a", Path("b"), False), {}, id="every field by position"),
    pytest.param(("a",), {"location": Path("b")}, id="positional and keyword"),
    pytest.param((), {"named": False, "location": Path("b"), "path": "a"}, id="keywords in any order"),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_construction_gives_what_namedtuple_gives(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    made, reference = Target(*args, **kwargs), Reference(*args, **kwargs)
    assert tuple(made) == tuple(reference) and made == reference and hash(made) == hash(reference)
    assert repr(made) == repr(reference).replace("Reference", "Target")
    assert made._asdict() == reference._asdict()
    assert (made.path, made.location, made.named) == (reference.path, reference.location, reference.named)


@pytest.mark.parametrize(("args", "kwargs"), [
    pytest.param((), {}, id="nothing"),
    pytest.param(("a",), {}, id="a required field missing"),
    pytest.param(("a", Path("b"), True, 4), {}, id="too many"),
    pytest.param(("a", Path("b")), {"path": "c"}, id="a field twice"),
    pytest.param(("a", Path("b")), {"size": 3}, id="an unknown keyword"),
])
def test_wrong_calls_raise_type_error_as_namedtuple_does(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        Reference(*args, **kwargs)
    with pytest.raises(TypeError, match=r"^Target\(\) "):
        Target(*args, **kwargs)


def test_fields_defaults_replace_and_make() -> None:
    made = Target("a", Path("b"))
    assert Target._fields == Reference._fields == ("path", "location", "named")
    assert Target._field_defaults == Reference._field_defaults == {"named": True}
    changed = made._replace(named=False)
    assert type(changed) is Target and changed == ("a", Path("b"), False) and made.named
    with pytest.raises(ValueError, match="size"):
        made._replace(size=3)
    assert Target._make(["x", Path("y"), False]) == Target("x", Path("y"), False)
    with pytest.raises(TypeError):
        Target._make(["x"])


def test_methods_properties_and_order_are_kept() -> None:
    made = Target(".a", Path("b"))
    assert made.shown() == "<.a>" and made.hidden
    assert sorted([Target("b", Path()), Target("a", Path())])[0].path == "a"
    assert made[0] == ".a" and made[-1] is True and isinstance(made, tuple)
    match made:
        case Target(path, location):
            assert (path, location) == (".a", Path("b"))


def test_a_record_is_immutable() -> None:
    made = Target("a", Path("b"))
    with pytest.raises(AttributeError):
        made.path = "c"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        made.size = 3  # type: ignore[attr-defined]
    assert not hasattr(made, "__dict__")


def test_a_record_pickles_and_copies_as_itself() -> None:
    made = Target("a", Path("b"), False)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(made, protocol))
        assert type(back) is Target and back == made
    assert copy.copy(made) == made and copy.deepcopy(made) == made


@pytest.mark.parametrize("method", [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()])
def test_a_record_crosses_worker_processes(method: str) -> None:
    """A scan's workers send findings back (``runner/parallel.py``): a record, with a record inside it, arrives
    whole, its own class in the worker and back (a spawned worker imports the class again)."""
    finding = Finding("a.md", 3, 2, "mojibake", "m", severity="warning",
                      replacement=Replacement(3, 2, 3, 4, "é"), properties=(("target", "x"),))
    with multiprocessing.get_context(method).Pool(1) as pool:
        shown = pool.apply(repr, (finding,))
        back = pool.apply(copy.copy, (finding,))
    assert shown == repr(finding) and shown.startswith("Finding(path='a.md'")
    assert type(back) is Finding and tuple(back) == tuple(finding) and back.replacement == (3, 2, 3, 4, "é")
    assert type(back.replacement) is Replacement and hash(back) == hash(finding)


def test_a_field_without_default_cannot_follow_one_with_a_default() -> None:
    with pytest.raises(TypeError, match="'b' without a default"):
        class Wrong(Record):
            a: int = 1
            b: int


def test_a_plain_subclass_keeps_the_fields() -> None:
    class Marked(Target):
        def shown(self) -> str:
            return "marked"

    made = Marked("a", Path("b"))
    assert made.shown() == "marked" and made.path == "a" and Marked._fields == Target._fields
