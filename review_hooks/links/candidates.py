"""Link destinations read from the raw text without parsing: broken-link's fast path.

Parsing Markdown is most of the cost of a broken-link scan, and most files link
only to files that exist. ``candidates(text)`` reads, with regexes and no parse, a superset
of the destinations the full path can check, or answers None when it cannot vouch for that.
broken-link then reports nothing without parsing when every candidate is harmless (not a
relative link, a placeholder, ignored, or an existing tracked file or folder with no
``#fragment``), and parses the file otherwise. Why that cannot hide a broken link:

1. The full path's targets are read by the regexes of ``markdown/syntax.py``, not by the parser:
   ``INLINE_DESTINATION`` after a ``](``, ``DEFINITION`` at a line start, and an
   ``href``/``src`` attribute value (``ATTR``); pulldown-cmark only decides which of those sites
   are links. Reference uses are checked at their definitions and autolinks (which always
   have a scheme) are never checked, so neither needs a candidate here.
2. Here the same regexes run at *every* such site of the whole text, whether in code, a
   comment or prose, with ``\\r`` handled as ``markdown.parse`` does: a superset of sites.
3. The full path reads each site in the source itself, at the range pulldown-cmark gives it:
   an inline destination at the ``](`` that ends the link's text, a definition within its span,
   an attribute within an HTML block or tag, with HTML comments there blanked to spaces.
   Blanking that reaches into a site needs a ``<`` or ``>`` inside it; a range that cuts into
   one needs a backtick (a code span), ``<`` or ``>`` (a tag) or a line break. A candidate
   whose span holds any of those is ``doubtful`` (the file is parsed); otherwise the full path
   reads exactly our string at that site.
4. A site our patterns cannot read (a ``](`` with no destination, an ``href=`` with no value,
   a ``]:`` after a ``[`` that starts a line but is no definition) answers None: the file is
   parsed. This guards against the two readings drifting apart.
5. ``unbreakable`` judges each candidate with the functions of broken-link's full path (``relative``,
   ``placeholder``, ``resolve``, ``ignored``, ``Tree.kind``), on the destination decoded as the
   full path decodes it; a relative target must also be free of escapes and entities (its
   decoding is then itself), so a misread escape can only make the file parse. A ``#fragment``
   into another file is judged by the full path's own ``fragment_problem`` (the target's
   anchors, read once per process): exactly as strict. A fragment into this document, a
   target above the root, or a missing one needs this document's parse.

``tests/links/candidates_test.py`` checks the result: findings with and without the
fast path are equal on the seeds, the fixtures and generated adversarial documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from review_hooks.check import Context
from review_hooks.document import Document
from review_hooks.links import tree as links
from review_hooks.links.targets import Origin, fragment_problem, origin, template
from review_hooks.links.tree import Resolved
from review_hooks.markdown.structure import Link

# Shared on purpose: the full path reads targets with these, so the two readings agree.
from review_hooks.markdown.syntax import DEFINITION, INLINE_DESTINATION, srcset
from review_hooks.pattern import lazy

_INLINE_DOUBT = frozenset("`")
_HTML_DOUBT = frozenset("`<>\n")
_HTML_SITE = lazy(r"(?:href|srcset|src)[\s>]*=", re.IGNORECASE)
_HTML_VALUE = lazy(r"""(?:href|srcset|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_LINE_PREFIX = lazy(r"[ \t>*+\-\d.)]*")  # every character DEFINITION may skip before "["


class Candidate(NamedTuple):
    """A destination as written; ``html`` targets decode entities only, the others escapes too."""

    target: str
    html: bool
    doubtful: bool  # the full path may read this site differently: parse

    @property
    def link(self) -> Link:
        """The ``Link`` the full path would judge here (without a position): its ``destination`` decodes the
        target as the full path does."""
        return Link("html" if self.html else "link", self.target, 0, 0)


def candidates(text: str) -> list[Candidate] | None:
    """Every destination the full path could check in ``text``; None when a site is unreadable."""
    found = []
    for candidate in each(text):
        if candidate is None:
            return None
        found.append(candidate)
    return found


def each(text: str) -> Iterator[Candidate | None]:
    """``candidates`` one at a time (inline sites, then definitions, then HTML attributes), ending with None
    at an unreadable site: a caller that gives up at the first candidate it cannot vouch for reads no
    further (most files with a broken link are given up at their first inline links)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", " ")
    for reader in (_inline, _definitions, _html):
        for candidate in reader(text):
            yield candidate
            if candidate is None:
                return


def _inline(text: str) -> Iterator[Candidate | None]:
    site = text.find("](")
    while site >= 0:
        match = INLINE_DESTINATION.match(text, site)
        if match is None:
            yield None
            return
        yield Candidate(_written(match), False, not _INLINE_DOUBT.isdisjoint(match.group()))
        site = text.find("](", site + 2)


def _definitions(text: str) -> Iterator[Candidate | None]:
    """A definition's label ends at a ``]:``; its ``[`` is the last one before (no label holds an
    unescaped bracket) and starts a line after container markers only."""
    site = text.find("]:")
    while site >= 0:
        bracket = text.rfind("[", 0, site)
        if bracket > 0 and text[bracket - 1] == "\\":
            yield None  # an escaped bracket, maybe inside a label
            return
        line = text.rfind("\n", 0, bracket) + 1 if bracket >= 0 else -1
        if line >= 0 and _LINE_PREFIX.fullmatch(text, line, bracket):
            match = DEFINITION.match(text, line)
            if match is None or match.end("label") != site:
                yield None  # looks like a definition, yet the pattern did not read one here
                return
            yield Candidate(_written(match), False, False)
        site = text.find("]:", site + 2)


def _written(match: re.Match[str]) -> str:
    """The destination an ``INLINE_DESTINATION`` or ``DEFINITION`` match read: within ``<>``, or bare."""
    angle = match.group("angle")
    return angle if angle is not None else match.group("bare")


def _html(text: str) -> Iterator[Candidate | None]:
    for site in _html_sites(text):
        match = _HTML_VALUE.match(text, site)
        if match is None:
            yield None
            return
        target = next(value for value in match.groups() if value is not None)
        if text[site : site + 6].lower() == "srcset":  # each of its URLs (``dark.png 1x, dark@2x.png 2x``)
            for url, _ in srcset(target):
                yield Candidate(url, True, not _HTML_DOUBT.isdisjoint(match.group()))
            continue
        yield Candidate(target, True, not _HTML_DOUBT.isdisjoint(match.group()))


def _html_sites(text: str) -> list[int]:
    """Where ``href``/``src`` (any case) is followed by ``=``: ``str.find`` on the lowercase text is 10x
    faster than a case-insensitive regex, when lowering keeps every offset."""
    lower = text.lower()
    if len(lower) != len(text):  # a character such as "İ" lowers to two
        return [site.start() for site in _HTML_SITE.finditer(text)]
    sites = []
    for name in ("href", "src"):
        index = lower.find(name)
        while index >= 0:
            if _HTML_SITE.match(text, index):
                sites.append(index)
            index = lower.find(name, index + 1)
    return sorted(sites)


def unbreakable(document: Document, context: Context, ignored: Callable[[Resolved, Origin], bool],
                scope: tuple[object, ...]) -> bool:
    """Whether no link of ``document`` can be broken, by its ``each`` candidates (point 5 above).

    A ``#fragment`` into another file needs that file's anchors (a read and a parse): those links are
    judged last, after every cheaper one, so that a document given up anyway (a link into itself, a
    missing target) reads no other file here. ``ignored``: broken-link's ``ignore`` globs; ``scope``:
    what else the answers kept for the run depend on (those globs and their folder)."""
    start: Origin | None = None
    seen: set[Candidate] = set()
    into_others: list[Candidate] = []
    for candidate in each(document.text):  # read only as far as the first it cannot vouch for
        if candidate is None or candidate.doubtful:
            return False
        if candidate in seen:  # each distinct destination once
            continue
        seen.add(candidate)
        target = candidate.target
        plain = "\\" not in target and "&" not in target  # decoding changes nothing
        destination = target if plain else candidate.link.destination
        if not links.relative(destination) or template(destination):
            continue
        if destination != target:
            return False  # escapes or entities: the full path decides
        if "#" in target and target.partition("#")[0].partition("?")[0]:
            into_others.append(candidate)
            continue
        start = start or origin(document, context)
        if not _vouched(candidate, start, context, ignored, scope):
            return False
    if not into_others:
        return True
    start = start or origin(document, context)
    return all(_vouched(candidate, start, context, ignored, scope) for candidate in into_others)


def _vouched(candidate: Candidate, start: Origin, context: Context, ignored: Callable[[Resolved, Origin], bool],
             scope: tuple[object, ...]) -> bool:
    """Whether a relative candidate (decoded as written) lands on a file or folder git has, and on an
    anchor of it if it has a fragment; kept per run without a fragment (git's files alone decide)."""
    if "#" in candidate.target or not start.in_git:
        return _lands(candidate, start, context, ignored)
    key = ("vouched", candidate.target, start.folder, scope)
    verdicts = start.tree.verdicts
    if key not in verdicts:
        verdicts[key] = _lands(candidate, start, context, ignored)
    return verdicts[key]


def _lands(candidate: Candidate, start: Origin, context: Context, ignored: Callable[[Resolved, Origin], bool]) -> bool:
    resolved = links.resolve(candidate.target, start.folder)
    if ignored(resolved, start):
        return True
    kind = None if resolved.climbed or not resolved.written_path else start.tree.kind(resolved.path)
    if kind is None:
        return False  # missing, above the root, or a fragment into this document (its parse)
    return resolved.fragment is None or fragment_problem(candidate.link, resolved, start, context) is None
