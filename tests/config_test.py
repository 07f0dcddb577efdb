"""A configuration error is exit 2 and one stderr line naming the file and the key.

Run through the installed console script, as a user would meet them: a typo must never
silently disable a check, and a broken file must never be a traceback.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from review_hooks.checks import broken_link
from review_hooks.config import ConfigError, glob_match, load, parse_size
from review_hooks.runner.run import RunOptions, run

SCRIPT = str(Path(sys.executable).with_name("review-hooks"))
DEDICATED = ".review-hooks.toml"

ERRORS = [
    pytest.param(DEDICATED, "select = [\n", "invalid TOML: ", id="broken toml"),
    pytest.param(DEDICATED, b"\xff\xfeselect = []\n", "invalid TOML: ", id="toml that is not utf-8"),
    pytest.param(DEDICATED, "a = " + "[" * 100_000 + "]" * 100_000 + "\n", "invalid TOML: nested too deeply",
                 id="arrays nested too deeply"),
    pytest.param(DEDICATED, "selct = []\n", "selct: unknown key", id="unknown key"),
    pytest.param(DEDICATED, 'select = "mojibake"\n', "select: expected a list of strings, got 'mojibake'",
                 id="wrong type"),
    pytest.param(DEDICATED, 'select = ["mojibak"]\n', "select: unknown check 'mojibak'; known: ", id="unknown check"),
    pytest.param(DEDICATED, "exclude = [1]\n", "exclude: expected a list of strings, got [1]", id="wrong item type"),
    pytest.param(DEDICATED, 'max-file-size = "ten"\n', 'max-file-size: expected a size such as "10MB", got \'ten\'',
                 id="bad size"),
    pytest.param(DEDICATED, 'max-file-size = "0MB"\n', "max-file-size: expected a size of at least one byte",
                 id="zero size"),
    pytest.param(DEDICATED, "conflict-markers = 3\n", "conflict-markers: expected a table", id="check not a table"),
    pytest.param(DEDICATED, "[conflict-markers]\ninclude-code = 'yes'\n",
                 "conflict-markers.include-code: expected true or false, got 'yes'", id="check option wrong type"),
    pytest.param(DEDICATED, "[conflict-markers]\ninclude_code = true\n",
                 "conflict-markers.include_code: unknown option", id="check option unknown"),
    pytest.param(DEDICATED, 'exclude = ["[z-a]"]\n', "exclude: '[z-a]' is not a valid glob (bad character range z-a)",
                 id="a glob that is no pattern"),
    pytest.param(DEDICATED, '[broken-link]\nignore = ["x/[z-a]"]\n',
                 "broken-link.ignore: 'x/[z-a]' is not a valid glob", id="a check's glob that is no pattern"),
    pytest.param(DEDICATED, '[[required-headings.kind]]\nname = "r"\nfiles = ["[z-a]"]\nheadings = ["## S"]\n',
                 "required-headings.kind[1].files: '[z-a]' is not a valid glob", id="a kind's glob that is no pattern"),
    pytest.param("pyproject.toml", "[tool.review-hooks]\nbogus = 1\n", "bogus: unknown key",
                 id="pyproject unknown key"),
    pytest.param("pyproject.toml", "[tool]\nreview-hooks = 1\n", "tool.review-hooks: expected a table",
                 id="pyproject not a table"),
]


def invoke(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], cwd=folder, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("name", "content", "message"), ERRORS)
def test_configuration_error_is_one_line_naming_file_and_key(
    repo: Path, name: str, content: str | bytes, message: str
) -> None:
    (repo / "a.md").write_text("# A\n")
    path = repo / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    result = invoke(repo, "check", "a.md")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"review-hooks: {path}: {message}"), lines[0]


def test_every_hook_command_rejects_a_broken_configuration(repo: Path) -> None:
    from review_hooks.checks import CHECKS

    (repo / "a.md").write_text("# A\n")
    (repo / DEDICATED).write_text("selct = []\n")
    for command in ["scan", "check", *(check.hook for check in CHECKS)]:
        result = invoke(repo, command, "a.md")
        assert (result.returncode, result.stderr) == (2, f"review-hooks: {repo / DEDICATED}: selct: unknown key\n")


@pytest.mark.parametrize(("make", "reason"), [
    pytest.param(lambda path: path.symlink_to("nowhere"), "it is a symbolic link to nothing", id="a broken link"),
    pytest.param(lambda path: path.mkdir(), "is a directory", id="a folder"),
])
def test_a_configuration_file_that_cannot_be_read_is_an_error_not_the_defaults(
        repo: Path, make: Callable[[Path], object], reason: str) -> None:
    """robust-eval5 C5: a broken link or a folder named .review-hooks.toml was passed over, so every configured
    exclude and kind vanished without a word."""
    (repo / "a.md").write_text("# A\n")
    make(repo / DEDICATED)
    result = invoke(repo, "check", "a.md")
    assert result.returncode == 2
    assert result.stderr == f"review-hooks: {repo / DEDICATED}: cannot read: {reason}\n"


def test_missing_template_and_bad_regex_name_the_key(repo: Path) -> None:
    """required-headings validates its own table; its errors follow the same contract."""
    pytest.importorskip("review_hooks.checks.required_headings")
    (repo / "a.md").write_text("# A\n")
    cases = {
        'template = "missing.md"': "required-headings.kind[1].template: ",
        'title = "(unclosed"\nheadings = ["## A"]': "required-headings.kind[1].title: ",
    }
    for body, key in cases.items():
        (repo / DEDICATED).write_text(f'[[required-headings.kind]]\nname = "r"\n{body}\n')
        result = invoke(repo, "check-headings", "a.md")
        assert result.returncode == 2
        assert result.stderr.startswith(f"review-hooks: {repo / DEDICATED}: {key}"), result.stderr
        assert result.stderr.count("\n") == 1, result.stderr


def test_an_explicit_configuration_that_does_not_exist(repo: Path) -> None:
    result = invoke(repo, "check", "--config", "nope.toml", "a.md")
    assert (result.returncode, result.stderr) == (2, "review-hooks: nope.toml: no such configuration file\n")


def test_the_dedicated_file_wins_and_discovery_stops_at_the_repository_root(repo: Path) -> None:
    (repo.parent / DEDICATED).write_text("this is not toml\n")  # above the root: never read
    (repo / "pyproject.toml").write_text('[tool.review-hooks]\nselect = ["mojibake"]\n')
    sub = repo / "docs"
    sub.mkdir()
    (sub / DEDICATED).write_text('select = ["conflict-markers"]\n')
    assert load(start=sub).select == ("conflict-markers",)
    assert load(start=repo).select == ("mojibake",)


def test_a_pyproject_without_our_table_is_not_a_configuration(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("tool = 1\n")
    config = load(start=repo)
    assert config.source is None


@pytest.mark.parametrize(("value", "size"), [("10MB", 10**7), ("512KiB", 512 * 1024), (" 1.5 gb ", 15 * 10**8),
                                             ("100", 100), (4096, 4096)])
def test_sizes(value: object, size: int) -> None:
    assert parse_size(value) == size


@pytest.mark.parametrize("value", ["", "-1MB", "1 parsec", True, 1.5, 0, "0"])
def test_bad_sizes(value: object) -> None:
    with pytest.raises(ConfigError):
        parse_size(value)


@pytest.mark.parametrize(("pattern", "path", "matches"), [
    ("reviews/**/*.md", "reviews/a.md", True),
    ("reviews/**/*.md", "reviews/x/y/a.md", True),
    ("vendor/**", "vendor/a/b.md", True),
    ("*.md", "deep/down/a.md", True),
    ("/a.md", "deep/a.md", False),
    ("docs/*.md", "docs/x/a.md", False),
    ("build", "build/out/a.md", True),
    ("a?.md", "ab.md", True),
    ("a?.md", "a/.md", False),
    ("[!x]*.md", "y.md", True),
])
def test_glob_match_follows_gitignore(pattern: str, path: str, matches: bool) -> None:
    assert glob_match(pattern, path) is matches


def test_exclude_applies_to_a_path_given_with_dot_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside git, ``scan ../docs`` from a sibling folder excludes what ``scan docs`` excludes."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "docs" / "a.md").write_text("<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n")
    (tmp_path / ".review-hooks.toml").write_text('exclude = ["docs/a.md"]\n')
    monkeypatch.chdir(tmp_path / "sub")
    out = io.StringIO()
    assert run(["../docs"], RunOptions(scan=True, config_path=tmp_path / ".review-hooks.toml"), out,
               io.StringIO()) == 0
    assert out.getvalue() == ""


def test_a_configuration_saved_with_a_byte_order_mark_is_read(repo: Path) -> None:
    (repo / ".review-hooks.toml").write_bytes(b"\xef\xbb\xbf[broken-link]\nignore = [\"generated/**\"]\n")
    config = load(start=repo)
    assert config.settings.of("broken-link", broken_link.configure).ignore == ("generated/**",)


def test_exclude_applies_to_the_files_a_hook_is_given(repo: Path) -> None:
    """pre-commit passes every staged file: what the configuration excludes is not checked."""
    conflict = "<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n"
    (repo / "vendor").mkdir()
    (repo / "vendor" / "upstream.md").write_text(conflict)
    (repo / "mine.md").write_text(conflict)
    (repo / ".review-hooks.toml").write_text('exclude = ["vendor/**"]\n')
    out = io.StringIO()
    assert run(["vendor/upstream.md", "mine.md"], RunOptions(), out, io.StringIO()) == 1
    assert out.getvalue() == "mine.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs x)\n"


def test_each_configuration_made_without_settings_has_its_own() -> None:
    """Settings caches each check's options: a configuration built by hand (tests, a template's read)
    must not share that cache with another."""
    from review_hooks.config import Config

    first, second = Config(None, Path(".")), Config(None, Path("."))
    first.settings.of("conflict-markers", lambda table, base: "configured")
    assert "conflict-markers" not in second.settings
