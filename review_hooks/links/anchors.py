"""Did-you-mean for a ``#fragment`` that names no anchor of its target.

Safe candidates: the same anchor in another case (a warning: github.com ignores case in fragments,
other sites do not), or the one anchor that differs only by punctuation or a duplicate suffix
(``#notes-3`` when one heading is ``Notes``). Exactly one makes a replacement; a merely similar
anchor is only a hint in the message.
"""

from __future__ import annotations

from review_hooks.links.suggest import Problem, quote, with_fragment
from review_hooks.links.tree import Resolved
from review_hooks.markdown.structure import Link
from review_hooks.pattern import lazy

_SUFFIX = lazy(r"-\d+$")
_NOT_WORD = lazy(r"[\W_]+")


def anchor_problem(link: Link, resolved: Resolved, fragments: frozenset[str],
                   where: str) -> Problem | None:
    """The message for a ``#fragment`` that names no anchor of its target, or None when it does."""
    fragment = resolved.fragment
    if fragment is None or fragment in fragments or fragment.lower() in ("", "top"):
        return None
    if fragment.startswith("user-content-") and fragment[13:] in fragments:
        return None
    written = quote(link.target)
    case = sorted(f for f in fragments if f.lower() == fragment.lower())
    if case:  # github.com's page script finds the anchor without regard to case; GitLab and others do not
        fixed = with_fragment(link.target, case[0], link.destination)
        return Problem(link, f"{written} differs from the anchor {quote('#' + case[0])} in {where} only in case: "
                             "it works on github.com, which ignores case in fragments, and breaks where case "
                             "matters (GitLab, VS Code's preview, most site generators); "
                             f"write {quote(fixed)}", fixed if len(case) == 1 else None, case_only=True)
    near = [f for f in fragments if _key(f) == _key(fragment)] or _duplicates(fragment, fragments)
    if len(near) == 1:
        fixed = with_fragment(link.target, near[0], link.destination)
        return Problem(link, f"{written} matches no heading or anchor in {where}; "
                             f"did you mean {quote(fixed)}?", fixed)
    import difflib

    close = difflib.get_close_matches(fragment.lower(), sorted(fragments), n=1, cutoff=0.75)
    hint = f"; the most similar is {quote(with_fragment(link.target, close[0], link.destination))}" if close else ""
    return Problem(link, f"{written} matches no heading or anchor in {where}{hint}")


def _duplicates(fragment: str, fragments: frozenset[str]) -> list[str]:
    """For a written duplicate suffix that names no heading (``#notes-3``), the headings of that
    name (``notes``, ``notes-1``...): correcting the suffix is safe only when there is one."""
    if not _SUFFIX.search(fragment):
        return []
    base = _key(_SUFFIX.sub("", fragment))
    same = [f for f in fragments if _key(f) == base]
    numbered = [f"{same[0]}-{n}" for n in range(1, len(fragments) + 1)] if len(same) == 1 else []
    return same + [f for f in numbered if f in fragments]


def _key(anchor: str) -> str:
    return _NOT_WORD.sub("", anchor.lower())
