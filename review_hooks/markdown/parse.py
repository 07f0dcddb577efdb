"""Parse a text into its ``Structure`` once, and keep the recent ones (a link's target is parsed once)."""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from review_hooks.markdown.parser import parser
from review_hooks.markdown.structure import Structure

#: Characters of text whose structures stay in memory, most recently used first (see ``parse``).
KEPT_CHARACTERS = 4_000_000
_kept: OrderedDict[str, Structure] = OrderedDict()
_kept_size = [0]


def parse(text: str) -> Structure:
    """The structure of ``text``; never raises on any input.

    Recent structures are kept, up to ``KEPT_CHARACTERS`` of text (a structure is never
    modified, and depends on the text alone): in a scan, broken-link reads a link's target
    file for its anchors and the runner checks that file itself, before or after; both get
    one parse.
    """
    structure = _kept.get(text)
    if structure is not None:
        _kept.move_to_end(text)
        return structure
    structure = _kept[text] = _parse(text)
    _kept_size[0] += len(text)
    while _kept_size[0] > KEPT_CHARACTERS and len(_kept) > 1:
        _kept_size[0] -= len(_kept.popitem(last=False)[0])
    return structure


def _parse(text: str) -> Structure:
    """markdown-it bounds nesting itself (``maxNesting``); should a pathological input still
    exhaust the recursion limit, the document is treated as having no Markdown structure."""
    source = text.replace("\r\n", "\n").replace("\r", " ")
    starts = [0, *(m.end() for m in re.finditer("\n", source))]
    env: dict[str, Any] = {}
    try:
        tokens = parser().parse(source, env)
    except RecursionError:
        return Structure()
    from review_hooks.markdown.tokens import Builder

    builder = Builder(source, starts)
    builder.add_definitions(env.get("references", {}))
    builder.walk(tokens)
    return builder.structure()
