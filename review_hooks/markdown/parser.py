"""The one configured pyromark (pulldown-cmark) parser: GitHub's extensions, as cmark-gfm has them.

Tables, footnotes, strikethrough, task lists and alerts are on, as on GitHub. Off: heading
attributes (``# T {#id}`` keeps its braces on GitHub), smart punctuation, math, and pulldown's
metadata blocks, which it accepts anywhere in a document where GitHub reads front matter only at
its top: ``parse.py`` finds the front matter itself and blanks it before parsing.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def markdown() -> Any:
    """The one ``pyromark.Markdown``: a compiled parser, imported on first use (5 ms)."""
    import pyromark

    options = pyromark.Options
    return pyromark.Markdown(options=options.ENABLE_TABLES | options.ENABLE_FOOTNOTES | options.ENABLE_STRIKETHROUGH
                             | options.ENABLE_TASKLISTS | options.ENABLE_GFM)
