"""Did-you-mean for broken links, in order of safety, and rewriting a link in its author's style.

Safe candidates, tried in this order (the first tier that has any wins): the same path in
another case; the same name with a tracked extension (``.mdd`` to ``.md``); the same path below
another ancestor of the linking folder (a wrong ``../`` depth, or a missing or extra leading
``/``). Exactly one safe candidate makes a replacement; a file of that name in an unrelated folder
(``2025/q2-review.md`` for a link written in ``2024/``) or a merely similar name is only a hint in
the message. Anchors have their own did-you-mean (``anchors.py``).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote as percent_encode

from review_hooks.links.readme import readme
from review_hooks.links.tree import RENDERED, Resolved, Tree, decoded_path

if TYPE_CHECKING:
    from collections.abc import Callable
from review_hooks.markdown.structure import Link
from review_hooks.pattern import lazy

_ESCAPED = lazy(r"%[0-9A-Fa-f]{2}")
_IMPOSSIBLE = lazy(r"\.mdd$|(\.\w+)\1$", re.IGNORECASE)
#: Characters a slug keeps but a reviewer cannot see (an emoji's variation selector, joiners): a fix
#: writes them percent-encoded (``#%EF%B8%8F-known-risks``), which GitHub reads the same.
_INVISIBLE = {ord(c): "".join(f"%{b:02X}" for b in c.encode()) for c in "\ufe0e\ufe0f\u200b\u200c\u200d\u2060"}


class Problem(NamedTuple):
    """A broken link: its message, and the safe fix if there is one (a NamedTuple, not a dataclass, for the
    hooks' start-up: see ``review_hooks.finding.Finding``; ``_replace`` changes a field)."""

    link: Link
    message: str
    replacement: str | None = None  # the whole target as it should be written, when safe
    severity: str = "error"  # "warning": printed, but does not fail the run
    case_only: bool = False  # a fragment that matches an anchor but for letter case (github.com ignores case)
    resolved: str | None = None  # the repository path looked for (None: the link's resolved path)


def path_problem(link: Link, resolved: Resolved, tree: Tree, folder: str,
                 anchored: Callable[[str], bool] | None = None) -> Problem:
    """The message and safe replacement for a target git does not have (``anchored``: a fragment finds its anchor)."""
    written = quote(link.target)
    submodule = tree.submodule(resolved.path)
    if submodule is not None:
        return Problem(link, f"{written} is inside the submodule {quote(submodule)}, whose files GitHub does not "
                             "show through this repository; link to the submodule's own repository instead")
    if tree.repository is not None and tree.on_disk(resolved.path):
        return Problem(link, f"{written} exists locally but is not tracked by git; "
                             "it will be missing for everyone else")
    tier, found = _safe_candidates(resolved, tree, folder)
    if found:
        shown = [rewrite(link, resolved, path, folder) for path in found[:3]]
        note = ""
        if tier == "case":
            case_only = found[0].lower() == resolved.path.lower()
            note = " (GitHub matches names case-exactly)" if case_only else \
                " (GitHub matches names byte for byte: they differ in Unicode normalisation, NFC and NFD)"
        replacement = shown[0] if len(found) == 1 else None
        options = " or ".join(map(quote, shown))
        return Problem(link, f"{written} does not exist{note}; did you mean {options}?", replacement)
    impossible = _IMPOSSIBLE.search(resolved.path)
    if impossible:
        extension, intended = quote(impossible.group()), quote(impossible.group(1) or ".md")
        return Problem(link, f"{written} does not exist; {extension} is not a real extension: "
                             f"did you mean {intended}?")
    same_name = _same_name(link, resolved, tree)
    if same_name:  # in an unrelated folder: the link may mean another file (another year's review)
        shown = " or ".join(quote(_hint(link, resolved, path, folder, tree, anchored)) for path in same_name[:3])
        return Problem(link, f"{written} does not exist; a file of that name is at {shown}")
    similar = similar_path(resolved.path, tree)
    if similar:
        return Problem(link, f"{written} does not exist; the most similar name is "
                             f"{quote(rewrite(link, resolved, similar, folder))}")
    # in a repository, say where the link lands when that is not what it says (outside one, the path
    # would be absolute and add nothing)
    shown_path = tree.repository is not None and resolved.path != link.target
    looked = f" (looked for {quote(resolved.path)})" if shown_path else ""
    return Problem(link, f"{written} does not exist{looked}; correct the link or add the file")


def above_root(link: Link, resolved: Resolved, tree: Tree, folder: str) -> Problem:
    """A target above the repository's root; where only the number of ``../`` was wrong (the path below them
    is tracked, under the linking folder or one of its ancestors), the right number is suggested, and is the
    fix when it is the one such path and no fragment, which this target's anchors would have to judge, follows."""
    message = (f"{quote(link.target)} points outside the repository; "
               "GitHub cannot follow a link above the repository root")
    rest = _without_climbing(resolved.written_path)
    found = sorted(p for p in tree.by_name.get(rest.rpartition("/")[2], []) if rest and _depth_only(p, rest, folder))
    if not found:
        return Problem(link, message)
    shown = [rewrite(link, resolved, path, folder) for path in found[:3]]
    safe = len(found) == 1 and resolved.fragment is None
    return Problem(link, f"{message}; did you mean {' or '.join(map(quote, shown))}?", shown[0] if safe else None)


def _same_name(link: Link, resolved: Resolved, tree: Tree) -> list[str]:
    """Paths elsewhere with the name of the missing target: those that share the most of its trailing folders.
    A link written as a site's route (``/using-npm/config``, no extension) may mean the page of that name, so
    rendered documents of that stem in a folder of the same name count too: ``docs/content/using-npm/config.md``
    before a package's ``node_modules/@npmcli/config`` (a page merely named ``overview.md`` elsewhere does not)."""
    name = resolved.path.rpartition("/")[2]
    found = {p for p in tree.by_name.get(name, []) if p != resolved.path and _same_kind(link, resolved, p, tree)}

    def named(path: str) -> list[str]:  # its parts, a rendered document's name without its extension
        parts = path.split("/")
        stem, dot, extension = parts[-1].rpartition(".")
        if dot and f".{extension.lower()}" in RENDERED:
            parts[-1] = stem
        return parts

    wanted = named(resolved.path)

    def shared(path: str) -> int:  # trailing parts in common
        parts = named(path)[::-1]
        return next((i for i, (a, b) in enumerate(zip(parts, wanted[::-1], strict=False)) if a != b),
                    min(len(parts), len(wanted)))

    if name and "." not in name and link.kind != "image" and not resolved.folder:  # a page: its folder in common too
        found.update(p for extension in RENDERED for p in tree.by_name.get(name + extension, []) if shared(p) > 1)
    scored = sorted((-shared(path), path) for path in found)
    if scored and scored[0][0] >= -1 and name.lower().rpartition(".")[0] in ("readme", "index"):
        return []  # a folder's page is in most folders: only one under the same folder's name says which was meant
    return [path for score, path in scored if score == scored[0][0]]  # those that share the most


def _hint(link: Link, resolved: Resolved, path: str, folder: str, tree: Tree,
          anchored: Callable[[str], bool] | None) -> str:
    """``rewrite`` for a hint into an unrelated place: its fragment only where that file has the anchor (``anchored``:
    a hint that is a broken link misleads); no query on a folder (``?view=...`` was for another site's page)."""
    shown = rewrite(link, resolved, path, folder)
    if resolved.fragment is not None and (anchored is None or not anchored(shown)):
        shown = rewrite(link._replace(target=link.target.partition("#")[0]), resolved, path, folder)
    if tree.kind(path) != "folder" or "?" not in shown:
        return shown
    head, _, rest = shown.partition("?")
    return head + ("#" + rest.partition("#")[2] if "#" in rest else "")


def _same_kind(link: Link, resolved: Resolved, candidate: str, tree: Tree) -> bool:
    """Whether ``candidate`` is what the link asks for: a folder only for a link (not an image) and only when
    GitHub shows a README there (a document); a file only when the link was not written as a folder."""
    if tree.kind(candidate) == "folder":
        return link.kind != "image" and readme(tree, candidate) is not None
    return not resolved.folder


def _safe_candidates(resolved: Resolved, tree: Tree, linking: str) -> tuple[str, list[str]]:
    """The first tier of safe candidates that has any: ``case``, ``extension`` or ``depth``; ``linking``
    is the folder of the linking document."""
    path = resolved.path
    found = tree.same_loosely(path)
    if found:
        return "case", sorted(found)
    folder, _, name = path.rpartition("/")
    if tree.kind(folder) == "folder":
        stem = name.rpartition(".")[0] or name  # a same-stem name is the stem, or the stem and an extension
        found = [p for p in (posixpath.join(folder, n) for n in tree.names_in(folder, stem))
                 if _same_stem(name, p.rpartition("/")[2], tree.kind(p), tree)]
        if found:
            return "extension", _closest_extensions(name, found)
    rest = _without_climbing(resolved.written_path)
    found = [p for p in tree.by_name.get(name, []) if p != path and _depth_only(p, rest, linking)]
    return "depth", sorted(found)


def _without_climbing(written: str) -> str:
    """The written path without its leading ``/``, ``./`` and ``../`` (percent-decoded)."""
    parts = decoded_path(written).split("/")
    while parts and parts[0] in ("", ".", ".."):
        parts.pop(0)
    return "/".join(parts)


def _depth_only(candidate: str, rest: str, folder: str) -> bool:
    """``candidate`` is ``rest`` below the linking ``folder`` or one of its ancestors: only the
    number of ``../`` (or a leading ``/``) was wrong."""
    if candidate == rest:
        return True
    if not rest or not candidate.endswith("/" + rest):
        return False
    base = candidate[: -len(rest) - 1]
    return folder == base or folder.startswith(base + "/")


def _same_stem(name: str, other: str, kind: str | None, tree: Tree) -> bool:
    """``other`` is ``name`` with a tracked extension instead of a typo or missing one."""
    stem, dot, extension = name.rpartition(".")
    stem, extension = (stem, "." + extension.lower()) if dot and stem else (name, "")
    if kind != "file" or other == name or (other != stem and other.rpartition(".")[0] != stem):
        return False
    other_extension = "." + other.rpartition(".")[2].lower() if "." in other else ""
    typo = extension not in tree.extensions
    return typo or (extension in RENDERED and other_extension in RENDERED)


def _closest_extensions(name: str, found: list[str]) -> list[str]:
    """Of several same-stem files, those whose extension starts most like the written one (.mdd: .md)."""
    written = name.rpartition(".")[2].lower() if "." in name else ""

    def shared(path: str) -> int:
        extension = path.rpartition("/")[2].rpartition(".")[2].lower()
        return next((i for i, (a, b) in enumerate(zip(written, extension, strict=False)) if a != b),
                    min(len(written), len(extension)))

    best = max(map(shared, found))
    return [p for p in found if shared(p) == best]


def similar_path(path: str, tree: Tree) -> str | None:
    """A similar name in the target's folder, as a hint only (asked once per path and tree: the same
    broken target is often linked from many documents)."""
    if path not in tree.similar:
        tree.similar[path] = _most_similar(path, tree)
    return tree.similar[path]


def _most_similar(path: str, tree: Tree) -> str | None:
    folder, _, name = path.rpartition("/")
    if tree.kind(folder) != "folder":
        return None
    import difflib  # only once a link is broken: not on a hook's start-up

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(name.rpartition(".")[0] or name)  # stems: 'b.md' is not like 'a.md'
    best, score = None, 0.75
    for other in tree.names_in(folder):
        matcher.set_seq1(other.rpartition(".")[0] or other)
        if matcher.real_quick_ratio() >= score and matcher.quick_ratio() >= score and matcher.ratio() >= score:
            best, score = other, matcher.ratio() + 1e-9  # the first of equally similar names wins
    return posixpath.join(folder, best) if best and best != name else None


def with_fragment(target: str, fragment: str, destination: str = "") -> str:
    """``target`` (a link's destination as written) with another fragment, encoded the way the old one was;
    from ``destination`` (its decoded form) when an entity or escape may hold the ``#`` (``x.md&#35;notes``)."""
    hidden = "#" not in target.replace("&#", "").replace("\\#", "")  # the '#' is an entity or escape
    if hidden and "#" in destination:
        target = destination
    head, _, written = target.partition("#")
    return f"{head}#{_encode(fragment, written).translate(_INVISIBLE)}"


def rewrite(link: Link, resolved: Resolved, path: str, folder: str) -> str:
    """``link.target`` pointing at ``path`` instead, keeping ``./``, ``/``, encoding, query and fragment."""
    cut = min((i for i in (link.target.find("?"), link.target.find("#")) if i >= 0), default=len(link.target))
    head, tail = link.target[:cut], link.target[cut:]
    if head.startswith("/"):
        new = "/" + path
    else:
        new = posixpath.relpath(path or ".", folder or ".")
        if head.startswith("./") and not new.startswith("../"):
            new = "./" + new
    if resolved.folder and not new.endswith("/"):
        new += "/"
    old_parts, new_parts = head.split("/"), new.split("/")
    if len(old_parts) == len(new_parts):
        pairs = zip(old_parts, new_parts, strict=True)
        parts = [old if decoded_path(old) == part else _encode(part, head) for old, part in pairs]
    else:
        parts = [_encode(part, head) for part in new_parts]
    return "/".join(parts) + tail


def _encode(part: str, like: str) -> str:
    """``part`` percent-encoded the way ``like`` is written."""
    if _ESCAPED.search(like):
        return percent_encode(part, safe="!$&'()*+,;=:@~-._", errors="surrogateescape")  # a name's own bytes
    return part if " " in like else part.replace(" ", "%20")


def quote(text: str) -> str:
    """A target in a message, always in single quotes (a quote inside escaped), so one pattern reads them;
    characters a reader cannot see (``U+200B``, a no-break space, controls) are written as ``\\u200b``."""
    return "'" + text.replace("'", "\\'").translate(_SHOWN) + "'"


def invisible(char: str) -> bool:
    """A character that prints as nothing or as a plain space: format (``U+200B``, ``U+FEFF``), control,
    or a space other than ``' '``."""
    return unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp") and char != " "


class _Shown(dict[int, "str | int"]):
    """``str.translate`` table: each invisible character as ``\\uXXXX``, computed once per character."""

    def __missing__(self, code: int) -> str | int:
        char = chr(code)  # controls are left to ``finding.visible`` (``\\n``, ``\\x1b``), like every message's
        shown: str | int = f"\\u{code:04x}" if invisible(char) and unicodedata.category(char) != "Cc" else code
        self[code] = shown
        return shown


_SHOWN = _Shown()
