"""Configuration: discovery, validation, and gitignore-style globs.

``.review-hooks.toml`` (top-level keys) or ``[tool.review-hooks]`` in ``pyproject.toml``,
found by walking up from the current folder to the repository root; the dedicated file
wins in the same folder, and ``--config`` overrides discovery. Unknown keys and wrong
types are errors that name the file and the key: a typo must never silently disable a
check. Each check validates its own table (``Check.configure``), so a new check never
touches this module.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from review_hooks import registry
from review_hooks.paths import relative_to

DEFAULT_MARKDOWN_EXTENSIONS = (".md", ".markdown")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
CONFIG_FILE = ".review-hooks.toml"


class ConfigError(Exception):
    """A configuration problem; ``str()`` is the one line shown to the user."""

    def __init__(self, key: str, message: str, source: Path | str | None = None) -> None:
        super().__init__(key, message, source)
        self.key, self.message, self.source = key, message, source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.key}: {self.message}" if self.key else f"{where}{self.message}"

    def within(self, table: str, source: Path | str | None) -> ConfigError:
        """The same error with its key qualified by the table it is in, and its file."""
        key = f"{table}.{self.key}" if table and self.key else table or self.key
        return ConfigError(key, self.message, self.source or source)


class Settings(dict[str, Any]):
    """Check id -> the check's options object, made from its table when the check first asks, so
    that a hook imports only its own check. The check hands in its own ``configure`` (the
    configuration never imports the checks); the runner asks for every selected check's settings
    before it reads a file, so a bad table is still an error (exit 2) for each run that uses it."""

    def __init__(self, root: Path, tables: Mapping[str, Mapping[str, Any]], source: Path | None,
                 given: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        super().__init__()
        self.root, self.tables, self.source = root, dict(tables), source
        self.given = given or {}  # check id -> the options given on the command line

    def of(self, check_id: str, configure: Callable[[Mapping[str, Any], Path], Any]) -> Any:
        """The options of ``check_id``, made once by its ``configure`` from its table."""
        if check_id in self:
            return self[check_id]
        try:
            value = self[check_id] = configure(self.tables.get(check_id, {}), self.root)
        except ConfigError as error:
            if error.key in self.given.get(check_id, {}):  # the command line's option, not the file's key
                raise ConfigError(f"--{error.key}", error.message) from None
            raise error.within(check_id, self.source) from None
        return value


class Config:
    """The validated configuration; its values are set once here and only read (a plain class, not a
    dataclass, for the hooks' start-up: see ``review_hooks.finding.Finding``)."""

    __slots__ = ("exclude", "markdown_extensions", "max_file_size", "root", "select", "settings", "source")

    def __init__(self, source: Path | None, root: Path, exclude: tuple[str, ...] = (),
                 markdown_extensions: tuple[str, ...] = DEFAULT_MARKDOWN_EXTENSIONS,
                 max_file_size: int = DEFAULT_MAX_FILE_SIZE, select: tuple[str, ...] = (),
                 settings: Settings | None = None) -> None:
        self.source = source  # the file the configuration came from, if any
        self.root = root  # paths and globs are relative to this folder
        self.exclude = exclude
        self.markdown_extensions = markdown_extensions
        self.max_file_size = max_file_size
        self.select = select
        self.settings = settings if settings is not None else Settings(Path("."), {}, None)  # check id -> its options

    def __repr__(self) -> str:
        return f"Config({', '.join(f'{name}={getattr(self, name)!r}' for name in self.__slots__)})"

    def is_markdown(self, path: Path | str) -> bool:
        return str(path).lower().endswith(self.markdown_extensions)

    def excluded(self, location: Path) -> bool:
        relative = relative_to(location, self.root)
        return relative is not None and any(glob_match(p, relative) for p in self.exclude)


def parse_size(value: object, key: str = "max-file-size") -> int:
    """``10MB``, ``512KiB``, ``1.5 GB`` or a number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    units = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", str(value).lower()) if isinstance(value, str) else None
    if match is None or match.group(2) not in units:
        raise ConfigError(key, f"expected a size such as \"10MB\", got {value!r}")
    size = int(float(match.group(1)) * units[match.group(2)])
    if size < 1:  # zero would silently skip every file
        raise ConfigError(key, f"expected a size of at least one byte, got {value!r}")
    return size


def only_keys(table: Mapping[str, Any], *known: str) -> None:
    """A ConfigError naming the first key of ``table`` that is not one of ``known``."""
    for key in table:
        if key not in known:
            raise ConfigError(key, f"unknown option; known: {', '.join(known)}" if known else "unknown option")


def string_list(table: Mapping[str, Any], key: str, default: Sequence[str] = ()) -> tuple[str, ...]:
    """A list of strings from ``table[key]``; a wrong type is a ConfigError naming the key."""
    value = table.get(key, default)
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ConfigError(key, f"expected a list of strings, got {value!r}")
    return tuple(value)


def choice(table: Mapping[str, Any], key: str, allowed: Sequence[str]) -> str:
    """One of ``allowed`` from ``table[key]`` (default: the first); anything else is a ConfigError naming the key."""
    value = table.get(key, allowed[0])
    if not isinstance(value, str) or value not in allowed:
        raise ConfigError(key, f"expected one of {', '.join(map(repr, allowed))}, got {value!r}")
    return value


def boolean(table: Mapping[str, Any], key: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(key, f"expected true or false, got {value!r}")
    return value


def discover(start: Path) -> tuple[Path, Mapping[str, Any]] | None:
    """The nearest configuration at or above ``start`` (stopping at the repository root)."""
    folder = start.absolute()
    while True:
        dedicated = folder / CONFIG_FILE
        if os.path.lexists(dedicated):  # a folder or a broken link there is an error, not "no configuration"
            return dedicated, read_table(dedicated)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = read_table(pyproject)
            tool = table.get("tool")
            if isinstance(tool, dict) and "review-hooks" in tool:  # ``tool = 1`` is not ours to judge
                return pyproject, table
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent


def read_table(path: Path) -> dict[str, Any]:
    import tomllib  # only a run that finds a configuration file pays for the TOML parser

    try:  # a byte order mark (Windows editors write one) is not TOML, but it is no reason to stop
        return tomllib.loads(path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        if os.path.islink(path) and not os.path.exists(path):
            reason = "it is a symbolic link to nothing"
        raise ConfigError("", f"cannot read: {reason}", path) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError("", f"invalid TOML: {error}", path) from error
    except RecursionError:  # tomllib reads nested arrays by recursion: 100,000 of them is no configuration
        raise ConfigError("", "invalid TOML: nested too deeply", path) from None


def load(
    explicit: Path | None = None,
    start: Path | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> Config:
    """Find, read and validate the configuration; raises ConfigError."""
    if explicit is not None:
        if not os.path.lexists(explicit):
            raise ConfigError("", "no such configuration file", explicit)
        found: tuple[Path, Mapping[str, Any]] | None = (explicit, read_table(explicit))
    else:
        found = discover(start or Path.cwd())
    if found is None:
        return build({}, None, Path(start or Path.cwd()), overrides or {})
    source, document = found
    table = document
    if source.name == "pyproject.toml":
        table = document.get("tool", {}).get("review-hooks", {})
        if not isinstance(table, dict):
            raise ConfigError("tool.review-hooks", "expected a table", source)
    return build(table, source, source.parent, overrides or {})


def build(
    table: Mapping[str, Any], source: Path | None, root: Path, overrides: Mapping[str, Mapping[str, Any]]
) -> Config:
    """Validate a configuration table; each check's own table is validated by the check."""
    known = {"exclude", "markdown-extensions", "max-file-size", "select", *registry.IDS}
    for key in table:
        if key not in known:
            raise ConfigError(key, "unknown key", source)
    try:
        select = string_list(table, "select", registry.IDS)
        for check_id in select:
            if check_id not in registry.IDS:
                raise ConfigError("select", f"unknown check {check_id!r}; known: {', '.join(registry.IDS)}")
        extensions = tuple(e.lower() for e in string_list(table, "markdown-extensions",
                                                          DEFAULT_MARKDOWN_EXTENSIONS))
        exclude = glob_list(table, "exclude")
        size = parse_size(table.get("max-file-size", DEFAULT_MAX_FILE_SIZE))
    except ConfigError as error:
        raise error.within("", source) from None
    tables: dict[str, dict[str, Any]] = {}
    for check_id in registry.IDS:
        section = table.get(check_id, {})
        if not isinstance(section, dict):
            raise ConfigError(check_id, "expected a table", source)
        tables[check_id] = {**section, **overrides.get(check_id, {})}
    return Config(source, root, exclude, extensions, size, select, Settings(root, tables, source, overrides))


def glob_list(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """``string_list`` of gitignore-style globs, each one checked now: a ConfigError naming the key and the
    pattern, not an internal error on the first path it is asked of (``[z-a]``)."""
    patterns = string_list(table, key)
    for pattern in patterns:
        try:
            _glob_regex(pattern)
        except re.error as error:
            raise ConfigError(key, f"{pattern!r} is not a valid glob ({error.msg})") from None
    return patterns


def glob_match(pattern: str, path: str) -> bool:
    """Whether a POSIX relative ``path`` matches a gitignore-style ``pattern``.

    ``**/`` matches zero or more folders, ``*`` and ``?`` stay within one folder, a
    pattern without a slash matches a name at any depth, and a pattern that matches a
    folder matches everything below it.
    """
    return _glob_regex(pattern).match(path) is not None


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/") if anchored else pattern.rstrip("/")
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            parts.append(".*")
            index += 2
            continue
        if char == "*":
            parts.append("[^/]*")
        elif char == "?":
            parts.append("[^/]")
        elif char == "[" and (end := pattern.find("]", index + 2)) > 0:
            body = pattern[index + 1 : end].replace("\\", "\\\\")
            parts.append("[" + ("^" + body[1:] if body[:1] in "!^" and body else body) + "]")
            index = end + 1
            continue
        else:
            parts.append(re.escape(char))
        index += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(parts) + "(?:/.*)?\\Z", re.DOTALL)
