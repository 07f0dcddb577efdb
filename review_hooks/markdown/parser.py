"""The one configured markdown-it-py parser, and its inline phase limited to what is read."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def parser() -> Any:
    """The one markdown-it-py parser: CommonMark with GitHub's tables and raw HTML, and front matter."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    configured = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
    configured.core.ruler.at("inline", _inline_where_read)
    return configured


def _inline_where_read(state: Any) -> None:
    """markdown-it's inline phase, run only on the blocks whose inline tokens ``_Builder`` reads.

    A heading's text is read whole. Any other block is read for links, images, autolinks and
    inline HTML only, and each of those needs a ``[`` or a ``<`` in the block's text (an
    escape or an entity never makes one): a block with neither keeps no children, exactly as
    many links and anchors as a full parse finds. Most paragraphs, list items and table cells
    of a documentation tree have neither, and the inline phase was 40% of the parse.
    """
    after_heading = False
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if after_heading or "[" in token.content or "<" in token.content:
                state.md.inline.parse(token.content, state.md, state.env, token.children)
        after_heading = token.type == "heading_open"
