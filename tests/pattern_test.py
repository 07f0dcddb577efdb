"""A lazy pattern is compiled at its first use, once, and then answers as the compiled pattern does."""

from __future__ import annotations

import copy
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import review_hooks
from review_hooks.pattern import Lazy, lazy


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources ``re.compile`` is asked to compile from now on."""
    asked: list[str] = []
    real = re.compile

    def counting(source: str, flags: int = 0) -> re.Pattern[str]:
        asked.append(source)
        return real(source, flags)

    monkeypatch.setattr(re, "compile", counting)
    return asked


def test_nothing_is_compiled_before_the_first_use_and_once_after(compiles: list[str]) -> None:
    pattern = lazy(r"(\w+)@(\w+)", re.IGNORECASE)
    assert compiles == []
    assert pattern.search("write to Ann@Example now").group(2) == "Example"
    assert pattern.sub(r"\2", "a@b c@d") == "b d"
    assert [m.group(1) for m in pattern.finditer("a@b c@d")] == ["a", "c"]
    assert compiles == [r"(\w+)@(\w+)"]


@pytest.mark.parametrize(("source", "flags", "text"), [
    pytest.param(r"^(#{1,6})(?:\s+(.*))?$", 0, "## Risks", id="groups"),
    pytest.param(r"(?P<tag>[a-z]+)=(?P<value>\w*)", 0, "a=1 b= c=x", id="named groups"),
    pytest.param(r"^\s*```", re.MULTILINE, "text\n  ```\ncode", id="multiline"),
    pytest.param(r"<!--.*?-->", re.S, "a <!--\nb--> c <!--d-->", id="dotall"),
    pytest.param("[^\x00-\x7f]+ *", 0, "Décision ✅ ok", id="non-ASCII"),
])
def test_it_answers_as_the_compiled_pattern(source: str, flags: int, text: str) -> None:
    made, compiled = lazy(source, flags), re.compile(source, flags)
    assert (made.pattern, made.flags, made.groups, made.groupindex) == (
        compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex)
    found, expected = made.search(text), compiled.search(text)
    assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))
    assert made.findall(text) == compiled.findall(text) and made.split(text) == compiled.split(text)
    assert made.sub("|", text) == compiled.sub("|", text)
    assert bool(made.match(text)) == bool(compiled.match(text))


def test_a_mistake_in_a_pattern_shows_at_its_first_use() -> None:
    broken = lazy("(unclosed")
    with pytest.raises(re.error):
        broken.search("x")


def test_it_copies_and_is_not_mistaken_for_what_it_lacks() -> None:
    pattern = lazy("a+")
    assert not hasattr(pattern, "__deepcopy__") and not hasattr(pattern, "_private")
    assert copy.deepcopy(pattern).fullmatch("aaa") is not None
    assert repr(pattern) == "lazy('a+', 0)"


def test_every_lazy_pattern_of_the_package_compiles() -> None:
    """What importing a module checked before the patterns waited for their first use."""
    found: dict[int, str] = {}  # by identity: a module may import another's pattern
    for module in pkgutil.walk_packages(review_hooks.__path__, "review_hooks."):
        if module.name == "review_hooks.__main__":
            continue
        for name, value in vars(importlib.import_module(module.name)).items():
            if isinstance(value, Lazy):
                found[id(value)] = f"{module.name}.{name}"
                assert isinstance(value.pattern, str), name  # compiles it
    written = [line for path in Path(review_hooks.__path__[0]).rglob("*.py")
               for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\w+(: [^=]+)? = lazy\(", line)]
    assert written and len(found) == len(written)  # every module-level ``NAME = lazy(...)`` of the package
