"""GitHub is the judge: the Structure's links, images and headings against cmark-gfm's HTML.

For every Markdown file of ``fixtures/`` and of the shared corpora (PowerShell-Docs and the Rust
book, read straight from their archives), the destinations of links and images and the heading
texts our parse reads (pulldown-cmark) must equal those of the HTML that cmark-gfm (GitHub's own
parser, ``cmarkgfm``) renders with raw HTML kept (``CMARK_OPT_UNSAFE``), footnotes and the GFM
extensions. Destinations are compared decoded (entities, then percent-escapes: cmark-gfm
percent-encodes what it writes), as a multiset per file; headings by line and text.

Known differences, each excused by its reason in ``KNOWN`` below:
- GFM's extended autolinks: cmark-gfm links bare ``www.`` and ``https://`` URLs and e-mail
  addresses in text; pulldown-cmark does not. They always carry a scheme or ``www.`` (a host),
  so broken-link never checks them, and the Structure leaves them out, as it always has.
- A lone carriage return: cmark-gfm ends a line there; ``Document`` does not (it splits on
  ``\\n`` only, and so do the line numbers of every finding), and the parse blanks it. The
  headings of such a file are compared by text, not by line.

Texts are decoded as ``Document`` decodes them (a UTF-8 byte order mark is not text) and CRLF is
read as LF, as both parsers do.
"""

from __future__ import annotations

import html
import re
import tarfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from review_hooks.markdown.parse import _parse, front_matter
from review_hooks.markdown.structure import Structure
from review_hooks.markdown.syntax import blank_comments
from tests.conftest import ROOT, SHARED

cmarkgfm = pytest.importorskip("cmarkgfm")
from cmarkgfm.cmark import Options  # noqa: E402

OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES | Options.CMARK_OPT_SOURCEPOS
CORPORA = ("powershell-docs.tar.gz", "rust-book.tar.gz")
EXTENSIONS = (".md", ".markdown")
#: a budget for the corpus part on the 2-core machine this runs on (it takes about a third)
BUDGET_SECONDS = 30

_ANCHOR = re.compile(r"<a\s([^>]*)>(.*?)</a>", re.DOTALL)
_IMAGE = re.compile(r"<img\s([^>]*?)/?>")
_SRCSET = re.compile(r"<(?:source|img)\s([^>]*?\bsrcset\s*=[^>]*?)/?>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w-]+)(?:="([^"]*)"|='([^']*)')?""")
_HEADING = re.compile(r'<h([1-6]) data-sourcepos="(\d+):\d+-\d+:\d+">(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_BARE = re.compile(r"(?:https?://|www\.|mailto:)", re.IGNORECASE)


def decoded(destination: str) -> str:
    return unquote(destination)


def rendered(text: str) -> tuple[Counter[str], list[tuple[int, str]], Counter[str]]:
    """cmark-gfm's destinations, headings and bare-URL autolinks (GFM extension) for ``text``.

    Front matter is blanked first, as GitHub takes it off before rendering."""
    front = front_matter(text)
    if front is not None:
        text = re.sub("[^\n]", " ", text[: front[1]]) + text[front[1] :]
    output = blank_comments(cmarkgfm.github_flavored_markdown_to_html(text, options=OPTIONS))
    destinations: Counter[str] = Counter()
    extended: Counter[str] = Counter()
    for match in _ANCHOR.finditer(output):
        attributes = _attributes(match.group(1))
        if "href" not in attributes or "data-footnote-ref" in attributes or "data-footnote-backref" in attributes:
            continue
        href = decoded(html.unescape(attributes["href"]))
        inner = decoded(html.unescape(match.group(2)))
        if _BARE.match(href) and href.endswith(inner) and inner and not inner.startswith("<"):
            extended[href] += 1  # text equal to its destination: an autolink, <...> or bare
        destinations[href] += 1
    for match in _IMAGE.finditer(output):
        attributes = _attributes(match.group(1))
        if "src" in attributes:
            destinations[decoded(html.unescape(attributes["src"]))] += 1
    for match in _SRCSET.finditer(output):  # <picture>'s sources and <img srcset>: every URL of each
        for url in re.split(r",\s+|,(?=\S)", _attributes(match.group(1))["srcset"].strip()):
            if url.split():
                destinations[decoded(html.unescape(url.split()[0].rstrip(",")))] += 1
    headings = [(int(m.group(2)), html.unescape(_TAG.sub("", m.group(3))).strip()) for m in _HEADING.finditer(output)]
    return destinations, headings, extended


def _attributes(source: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) if m.group(2) is not None else (m.group(3) or "")
            for m in _ATTRIBUTE.finditer(source)}


def ours(structure: Structure) -> tuple[Counter[str], list[tuple[int, str]]]:
    destinations = Counter(decoded(link.destination) for link in structure.links if link.kind != "definition")
    texts = structure.anchor_texts  # GitHub's text of a heading, which its anchor reads (a footnote's number)
    return destinations, [(heading.line, texts.get(index, heading.text)) for index, heading in
                          enumerate(structure.headings)]


def differences(text: str) -> list[str]:
    """What differs between our parse and cmark-gfm's for ``text``, known differences excused."""
    text = text.replace("\r\n", "\n")
    structure = _parse(text)
    theirs, their_headings, extended = rendered(text)
    mine, my_headings = ours(structure)
    found = []
    for destination, count in (theirs - mine).items():
        if extended[destination] < count:
            found.append(f"cmark-gfm links {destination!r} {count}x, we do not")
    found += [f"we link {destination!r} {count}x, cmark-gfm does not" for destination, count in (mine - theirs).items()]
    theirs_kept, mine_kept = their_headings, list(my_headings)
    if "\r" in text:  # a lone carriage return: lines differ by design (see the module's note)
        theirs_kept, mine_kept = [h for _, h in theirs_kept], [h for _, h in mine_kept]
    if theirs_kept != mine_kept:
        found.append(f"headings differ: {sorted(set(theirs_kept) ^ set(mine_kept), key=str)[:3]}")
    return found


def markdown_files() -> list[Path]:
    return sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix in EXTENSIONS and p.is_file())


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT / "fixtures")))
def test_fixtures_read_as_github_renders_them(path: Path) -> None:
    assert differences(path.read_bytes().decode("utf-8-sig", "replace")) == []


def corpus_texts(archive: Path) -> Iterator[tuple[str, str]]:
    with tarfile.open(archive) as tar:
        for member in tar:
            if member.isfile() and member.name.lower().endswith(EXTENSIONS):
                stream = tar.extractfile(member)
                if stream is not None:
                    yield member.name, stream.read().decode("utf-8-sig", "replace")


@pytest.mark.parametrize("archive", CORPORA)
def test_the_corpora_read_as_github_renders_them(archive: str) -> None:
    path = SHARED / "corpora" / archive
    if not path.is_file():
        print(f"skipped: {path} is absent (../shared sits beside the repository in CI; set REVIEW_HOOKS_SHARED)")
        pytest.skip(f"{path} is absent")
    start = time.perf_counter()
    failures = {name: found for name, text in corpus_texts(path) if (found := differences(text))}
    assert failures == {}
    assert time.perf_counter() - start < BUDGET_SECONDS


@pytest.mark.parametrize(("text", "known"), [
    pytest.param("See www.example.com and https://example.com/x today.\n", True, id="extended autolinks"),
    pytest.param("# Logo ![alt](logo.png)\n", True, id="an image in a heading: its alt text is no text"),
    pytest.param("x[^b] y[^a]\n\n## T[^a] and[^b]\n\n[^a]: x\n[^b]: y\n", True, id="footnotes in a heading"),
    pytest.param("[a](./a.md) www.example.com\n", True, id="extended autolink beside a link"),
    pytest.param("<div>\n\n[a](./a.md)\n\n</div>\n", True, id="a link between HTML blocks"),
    pytest.param('<picture>\n<source media="(prefers-color-scheme: dark)" srcset="d.png 1x, d2.png 2x">\n'
                 '<img src="l.png" srcset="l2.png 2x">\n</picture>\n', True, id="srcset, each URL"),
    pytest.param("Intro\r\r\n# A\n", True, id="a lone carriage return moves the lines only"),
    pytest.param("![Shot of [the app](app.md) <a href=\"x.md\">x</a>](shot.png)\n", True,
                 id="a link in an image's description: plain alt text on both sides"),
])
def test_known_differences_are_excused_and_nothing_else(text: str, known: bool) -> None:
    assert (differences(text) == []) is known


def test_a_real_difference_is_reported() -> None:
    """The comparison itself can fail: a link GitHub renders and the Structure lacks is named."""
    structure = _parse("[a](./a.md)\n")
    theirs, _, _ = rendered("[a](./a.md) [b](./b.md)\n")
    mine, _ = ours(structure)
    assert theirs - mine == Counter({"./b.md": 1})
