"""broken-link's parse-free fast path: the same findings as the full parse, on every document.

The differential runs broken-link's ``find`` with the fast path on and off over the seeds, every
fixture document, and generated adversarial documents (links in code, comments, escapes,
entities, multi-line links, nested brackets, reference uses, placeholders, containers).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from review_hooks import config as configuration
from review_hooks import files
from review_hooks.check import Context
from review_hooks.checks import broken_link
from review_hooks.document import Document
from review_hooks.links.candidates import candidates
from review_hooks.repository import Repository
from tests.checks.broken_link_test import write
from tests.conftest import FIXTURES
from tests.fixtures_test import CASES, copy

VALID = ("a.md", "./a.md", "dir/b.md", "dir/", "/dir/b.md", "dir/../a.md", "Case.md", "a%2Emd", "b(1).md",
         "https://x.test/missing.md", "//cdn.test/x.md", "{link}", "dir/b.md?plain=1", "tool.py")
# ("[Contribution]" was valid before issue 14: GitHub links to '%5BContribution%5D', which is broken)
TARGETS = (
    *VALID, "case.md", "new.md", "missing.md", "../../a.md", "../b.md", "a.md#a", "a.md#nope", "#top", "#local",
    "#nope", "../out.md", "../../issues", "a.md#A", "dir/b.md#b", "dir/b.md#b-1", "tool.py?plain=1#L2",
    "https://x.test/missing.md", "//cdn.test/x.md", "mailto:a@b.test", "{link}", "[Contribution]",
    "{{ url }}", "a%2Emd", "missing%2Emd", r"a\_b.md", r"missing\_x.md", "a&amp;b.md", "a&#46;md",
    "dir/b.md?plain=1", "a.md?x=1#L2", "b(1).md", "missing(1).md", "a.md)", "a.mdd", "dir/b.md \"title\"",
    "<a.md>", "<missing file.md>", "tool.py#L9", "", "a.md>", "`a.md`", "a.md`x`", "Dir/b.md",
)
FORMS = (
    "[t]({})", "![i]({})", "[t](\n{})", "[t]({}\n)", "[t]: {}", "[r]\n\n[r]: {}", "[t][r]\n\n[R]:\n  {}",
    '<a href="{}">x</a>', "<img src='{}'>", "<a\nhref={}>x</a>", '<A HREF = "{}">', "<{}>",
    "[a [nested] b]({})", "[t](<{}>)", "\\[t]({})", "[t]\\({})", "[`code`]({})", '[t]({} "title")',
    "[t]: <{}>", "> [r]: {}\n\n[r]", "[x `](` y]({})", "[t]({}) and [u](a.md)", "<a href=\"{}\"><!-- c -->",
)
WRAPS = (
    "{}", "```\n{}\n```", "    {}", "`{}`", "<!-- {} -->", "> {}", "- {}", "1. {}", "| x | {} |\n|---|---|",
    "<div>\n{}\n</div>", "---\nlink: {}\n---", "> - {}", "<!--\n{}\n-->", "`x` {} `y`", "  * {}",
    "~~~\n{}", "- x\n\n      {}", "<details>\n\n{}\n\n</details>", "<!-- x\n{}", "`` {} ``", "\\`{}\\`",
)


def context_for(root: Path) -> Context:
    return Context(configuration.load(None, root), Repository(root))


def findings(document: Document, context: Context, fast: bool) -> list[str]:
    broken_link.FAST_PATH = fast
    try:
        return [str(finding) for finding in broken_link.find(document, context)]
    finally:
        broken_link.FAST_PATH = True


def same_findings(document: Document, context: Context) -> bool:
    """Assert both paths agree; True when the fast path answered without parsing."""
    full = findings(document, context, False)
    assert findings(document, context, True) == full, document.text
    return broken_link.unbreakable(document, context)


@pytest.fixture
def tree(repo: Path) -> Path:
    write(repo, {"a.md": "# A\n", "dir/b.md": "# B\n", "Case.md": "# C\n", "b(1).md": "x\n", "a_b.md": "x\n",
                 "a&b.md": "x\n", "tool.py": "1\n2\n", "dir/index.md": "x\n"})
    write(repo, {"new.md": "x\n"}, add=False)
    return repo


@pytest.mark.parametrize("in_git", [True, False], ids=["in git", "outside git"])
def test_generated_adversarial_documents(tree: Path, in_git: bool) -> None:
    context = context_for(tree)
    if not in_git:
        context = Context(context.config, None)  # the disk is the reference
    chooser = random.Random(20261123)
    fast = 0
    for number in range(1000):
        pieces = []
        for _ in range(chooser.randint(1, 4)):
            target = chooser.choice(VALID if chooser.random() < 0.7 else TARGETS)
            link = chooser.choice(FORMS).replace("{}", target)
            pieces.append(chooser.choice(WRAPS).replace("{}", link))
        text = "# Local\n\n" + chooser.choice(("\n\n", "\n", "\n\n- ")).join(pieces) + "\n"
        if number % 7 == 0:
            text = text.replace("\n", "\r\n")
        document = Document(f"dir/doc{number}.md", tree / f"dir/doc{number}.md", text.encode(), text,
                            is_markdown=True)
        fast += same_findings(document, context)
    assert 50 < fast < 900  # both paths were exercised (fewer fast since issue 14: no bracket placeholders)


def test_every_fixture_and_seed_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked = 0
    for number, case in enumerate(CASES):
        work = copy(case, tmp_path / str(number))
        monkeypatch.chdir(work)
        context = context_for(work)
        for location in sorted(work.rglob("*")):
            if location.is_file() and context.config.is_markdown(location.name):
                document = files.read(files.Target(location.relative_to(work).as_posix(), location),
                                      context.config, context.repository)
                if isinstance(document, Document):
                    same_findings(document, context)
                    checked += 1
    assert checked >= len(list(FIXTURES.glob("seeds/*.md")))


@pytest.mark.parametrize("text", [
    pytest.param("[a]()", id="empty destination"),
    pytest.param("[a](\n\n)", id="destination after a blank line"),
    pytest.param('<a href=>x</a>', id="attribute without a value"),
    pytest.param("> <a href\n> ='a.md'>", id="attribute across blockquote lines"),
    pytest.param("[a]b]: a.md", id="definition the pattern cannot read"),
    pytest.param("[a\\[b]: a.md", id="escaped bracket in a label"),
])
def test_unreadable_sites_make_the_file_parse(text: str) -> None:
    assert candidates(text) is None


@pytest.mark.parametrize(("text", "fast"), [
    pytest.param("[a](a.md) [b](dir/) ![c](https://x.test/c.png) [d]({link})\n\n[r]: dir/b.md\n", True,
                 id="existing, external and placeholder targets"),
    pytest.param('<a href="dir/b.md">b</a> `[x](missing.md)`', False, id="missing target even in code"),
    pytest.param("[a](a.md#a) [b](dir/b.md#b) [c](tool.py?plain=1#L2)", True, id="fragments found in other files"),
    pytest.param("[b](dir/#x)", False, id="fragment on a folder without a README (issue 14)"),
    pytest.param("[a](a.md#b)", False, id="fragment missing from another file"),
    pytest.param("[a](tool.py?plain=1#L3)", False, id="line anchor past the end"),
    pytest.param("[a](#top)", False, id="fragment into this document"),
    pytest.param("[a](new.md)", False, id="untracked"),
    pytest.param("[a](case.md)", False, id="wrong case"),
    pytest.param(r"[a](a\_b.md)", False, id="escape"),
    pytest.param("[a](a&amp;b.md)", False, id="entity"),
    pytest.param("[a](`a.md`)", False, id="backtick"),
    pytest.param("[a](../../issues)", False, id="above the root"),
])
def test_fast_path_answers_only_when_nothing_can_be_broken(tree: Path, text: str, fast: bool) -> None:
    document = Document("index.md", tree / "index.md", text.encode(), text, is_markdown=True)
    assert broken_link.unbreakable(document, context_for(tree)) is fast
