"""The ``[required-headings]`` table: kinds of review, what selects them, what they require.

Validated once per run; every error names its key (``kind[2].template``: kinds are counted
from 1 in the order they are written). Paths and globs are relative to the configuration
file's folder. A template is read once per run, when the table is validated (only by runs
that select this check): a template that is missing, a directory, binary or unreadable, or
that has no required heading at its ``template-levels``, is a configuration error (exit 2,
one line), not a failure of each document of its kind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from review_hooks.checks.required_headings.kinds import Kind, Scalar
from review_hooks.checks.required_headings.template import HEADINGS_SOURCE, Requirement, Template
from review_hooks.config import ConfigError, boolean, choice, glob_list, only_keys, string_list
from review_hooks.pattern import lazy

TOP_KEYS = ("exclude", "match", "order", "level", "stubs", "kind", "template", "template-levels", "aliases")
KIND_KEYS = ("name", "files", "template", "template-levels", "front-matter", "title", "headings", "aliases")
POLICIES = {False: "off", "warn": "warn", "error": "error", True: "error"}
_HASHES = lazy(r"^(#{1,6})(?:\s+(.*))?$")


class Settings(NamedTuple):
    """required-headings' table, read once (a NamedTuple: see ``finding.Finding`` for why not a dataclass)."""

    base: Path
    kinds: tuple[Kind, ...] = ()
    exclude: tuple[str, ...] = ()
    match: str = "normalized"
    order: str = "off"  # off | warn | error
    level: str = "any"  # any | exact | at-most
    stubs: bool = True  # leave documents that only say where they went (kinds.stub) unchecked


def configure(table: Mapping[str, Any], base: Path) -> Settings:
    only_keys(table, *TOP_KEYS)
    kinds_table = table.get("kind", [])
    if not isinstance(kinds_table, list) or not all(isinstance(k, dict) for k in kinds_table):
        raise ConfigError("kind", "expected [[required-headings.kind]] tables")
    kinds = [_kind(k, base, index) for index, k in enumerate(kinds_table, 1)]
    if "template" in table:
        template = _template(table, base, "", cwd_fallback=True)
        kinds.insert(0, Kind("", template=template, aliases=_aliases(table), everything=True))
        _ = kinds[0].sections  # an alias of no section is an error now
    else:
        for key in ("template-levels", "aliases"):
            if key in table:
                raise ConfigError(key, "only applies with a top-level template (or in a kind)")
    return Settings(base, tuple(kinds), glob_list(table, "exclude"),
                    choice(table, "match", ("normalized", "exact")), _policy(table, "order"),
                    choice(table, "level", ("any", "exact", "at-most")), boolean(table, "stubs", True))


def _policy(table: Mapping[str, Any], key: str) -> str:
    value = table.get(key, False)
    if not isinstance(value, bool | str) or value not in POLICIES:
        raise ConfigError(key, f"expected false, \"warn\" or \"error\", got {value!r}")
    return POLICIES[value]


def _kind(table: Mapping[str, Any], base: Path, index: int) -> Kind:
    prefix = f"kind[{index}]."
    try:
        only_keys(table, *KIND_KEYS)
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError("name", "every kind needs a name (a non-empty string)")
        template = _template(table, base, "") if "template" in table else None
        if "template-levels" in table and template is None:
            raise ConfigError("template-levels", "only applies with a template")
        headings = tuple(_requirement(entry) for entry in string_list(table, "headings"))
        if any(pattern.startswith("!") for pattern in string_list(table, "files")):
            raise ConfigError("files", "a '!' pattern cannot take files out of a kind; list the files the kind "
                                       "covers, and put what no check should read in the top-level exclude")
        kind = Kind(name, glob_list(table, "files"), _front_matter(table), _title(table), template, headings,
                    _aliases(table))
        _ = kind.sections  # an alias of no section is an error now
    except ConfigError as error:
        raise ConfigError(prefix + error.key, error.message) from None
    if not (kind.files or kind.front_matter or kind.title):
        raise ConfigError(prefix.rstrip("."), f"kind {name!r} needs files, front-matter or title to select documents")
    if template is None and "headings" not in table:  # headings = [] is a kind that requires nothing
        raise ConfigError(prefix.rstrip("."), f"kind {name!r} needs a template or headings (headings = [] "
                                              "to claim documents and require nothing)")
    return kind


def _template(table: Mapping[str, Any], base: Path, prefix: str, cwd_fallback: bool = False) -> Template:
    value = table["template"]
    if not isinstance(value, str) or not value:
        raise ConfigError(prefix + "template", f"expected a path, got {value!r}")
    location = base / value
    if cwd_fallback and not location.is_file():  # --template on the command line: the current folder
        location = Path(value).absolute()
    if location.is_dir():
        raise ConfigError(prefix + "template", f"template {value!r} is a directory, not a file (relative to {base})")
    if not location.is_file():
        raise ConfigError(prefix + "template", f"no such template file {value!r} (relative to {base})")
    levels = table.get("template-levels", [])  # none given: the template's section level (Template.section_levels)
    if "template-levels" in table and (not isinstance(levels, list) or not levels
            or not all(isinstance(x, int) and not isinstance(x, bool) and 1 <= x <= 6 for x in levels)):
        raise ConfigError(prefix + "template-levels", f"expected a list of levels 1 to 6, got {levels!r}")
    template = Template(location, value, tuple(levels))
    _ = template.sections  # read now: an unreadable template is a configuration error, not a per-file failure
    return template


def _requirement(entry: str) -> Requirement:
    names: list[str] = []
    level: int | None = None
    for part in entry.split("|"):
        match = _HASHES.match(part.strip())
        if match and level is None:
            level = len(match.group(1))
        name = ((match.group(2) or "") if match else part).strip()
        if not name:
            raise ConfigError("headings", f"empty heading name in {entry!r}")
        if not match and name.startswith("#"):  # "#Notes", "####### Seven": no level meant, no heading matches
            raise ConfigError("headings", f"{entry!r} is not a heading: write 1 to 6 '#' and a space before the "
                                          "name (\"## Notes\"), or the name alone (any level)")
        names.append(name)
    return Requirement(tuple(names), level, HEADINGS_SOURCE)


def _front_matter(table: Mapping[str, Any]) -> tuple[tuple[str, tuple[Scalar, ...]], ...]:
    value = table.get("front-matter", {})
    if not isinstance(value, dict):
        raise ConfigError("front-matter", "expected a table of key = value pairs (front-matter = { kind = \"retro\" })")
    pairs = []
    for key, item in value.items():
        values = item if isinstance(item, list) else [item]
        if isinstance(item, dict):
            raise ConfigError(f"front-matter.{key}", f"a dotted key is a nested table in TOML; quote a key that "
                                                     f"holds a dot: \"{key}.{next(iter(item), '')}\" = ...")
        if not values or not all(isinstance(v, str | int | float | bool) for v in values):
            raise ConfigError(f"front-matter.{key}", "a value must be a string, number or boolean, or a list of "
                                                     "them (write a date as a string: \"2024-07-01\")")
        pairs.append((str(key), tuple(values)))
    return tuple(pairs)


def _aliases(table: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    value = table.get("aliases", {})
    if not isinstance(value, dict):
        raise ConfigError("aliases", "expected a table of section = [names] (aliases = { \"Rationale\" = "
                                     "[\"Alternatives\"] })")
    found = []
    for name, names in value.items():
        names = [names] if isinstance(names, str) else names
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise ConfigError(f"aliases.{name}", f"expected a list of names, got {names!r}")
        found.append((str(name), tuple(n.strip().lstrip("#").strip() for n in names)))
    return tuple(found)


def _title(table: Mapping[str, Any]) -> re.Pattern[str] | None:
    value = table.get("title")
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError("title", f"expected a regular expression (a string), got {value!r}")
    try:
        return re.compile(value)
    except re.error as error:
        raise ConfigError("title", f"invalid regular expression {value!r}: {error}") from None
