"""The shared Markdown structure: links at their exact columns, anchors, GitHub heading slugs."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.rules_core.inline import inline as markdown_it_inline

from review_hooks.markdown import parse as parsing
from review_hooks.markdown.parse import parse
from review_hooks.markdown.structure import slug, slugs


def links(text: str) -> list[tuple[str, str, int, int]]:
    return [(link.kind, link.target, link.line, link.column) for link in parse(text).links]


def test_inline_links_images_and_html_at_their_columns() -> None:
    text = '[a](x.md) ![b](img/y.png "title") <a href="z.md">z</a> <img src=\'w.png\'>\n'
    assert links(text) == [("link", "x.md", 1, 5), ("image", "img/y.png", 1, 16),
                           ("html", "z.md", 1, 44), ("html", "w.png", 1, 66)]


def test_an_image_inside_a_link_keeps_both_destinations() -> None:
    assert links("[![badge](b.png)](target.md)\n") == [("image", "b.png", 1, 11), ("link", "target.md", 1, 19)]


def test_table_cells_with_the_same_destination_get_their_own_columns() -> None:
    text = "| a | b |\n|---|---|\n| [x](same.md) | [y](same.md) |\n"
    assert links(text) == [("link", "same.md", 3, 7), ("link", "same.md", 3, 22)]


def test_reference_uses_point_at_their_bracket_and_carry_the_definition() -> None:
    text = "[one][r] and [r] and [two][]\n\n[r]: ./r.md#frag\n[two]:\n  <t w o.md>\n"
    assert links(text) == [
        ("reference", "./r.md#frag", 1, 1), ("reference", "./r.md#frag", 1, 14), ("reference", "t w o.md", 1, 22),
        ("definition", "./r.md#frag", 3, 6), ("definition", "t w o.md", 5, 4),
    ]


def test_indented_definitions_in_lists_and_quotes() -> None:
    text = "- item\n\n   [r]: ./x.md\n\n  [s]: ./y.md\n\n> - [t]: ./z.md\n"
    assert links(text) == [("definition", "./x.md", 3, 9), ("definition", "./y.md", 5, 8),
                           ("definition", "./z.md", 7, 10)]


def test_a_placeholder_definition_in_a_list_makes_name_a_reference() -> None:
    text = "- [Name]: [Contribution]\n- [Name]: [Contribution]\n\n- [Name]: [Review feedback]\n"
    assert links(text) == [("definition", "[Contribution]", 1, 11), ("reference", "[Contribution]", 4, 3)]


@pytest.mark.parametrize("text", [
    pytest.param("`[x](code.md)`\n", id="code span"),
    pytest.param("```\n[x](fence.md)\n```\n", id="fence"),
    pytest.param("    [x](indented.md)\n", id="indented code"),
    pytest.param("<!-- [x](comment.md) -->\n", id="comment block"),
    pytest.param("Text <!-- <a href='c.md'>c</a> --> more\n", id="inline comment"),
    pytest.param("\\[x\\](escaped.md) and [spaced] (nope.md)\n", id="not links"),
    pytest.param("---\nsee: ./front.md\n---\n", id="front matter"),
    pytest.param("Note[^1].\n\n[^1]: notes.md\n", id="footnote"),
])
def test_nothing_in_code_comments_or_plain_text_is_a_link(text: str) -> None:
    assert parse(text).links == ()


def test_autolinks_and_multi_line_links() -> None:
    assert links("<https://example.com> [split\nover](two/lines.md)\n") == [
        ("autolink", "https://example.com", 1, 2), ("link", "two/lines.md", 2, 7)]


def test_destination_decodes_escapes_and_entities() -> None:
    link, html = parse('[a](plan&#46;md\\_x) <a href="a&amp;b.md">b</a>\n').links
    assert (link.target, link.destination) == ("plan&#46;md\\_x", "plan.md_x")
    assert html.destination == "a&b.md"


@pytest.mark.parametrize(("heading", "expected"), [
    pytest.param("Hello World", "hello-world", id="spaces"),
    pytest.param("What's new?", "whats-new", id="punctuation"),
    pytest.param("API v2.0 (beta)", "api-v20-beta", id="dots and parentheses"),
    pytest.param("snake_case and-dash", "snake_case-and-dash", id="underscore and dash kept"),
    pytest.param("a -- b", "a----b", id="each space a dash"),
    pytest.param("😄 emoji", "-emoji", id="emoji dropped"),
    pytest.param(":tada: Release", "tada-release", id="emoji shortcode keeps its name"),
    pytest.param("exchange.bind_headers(exchange, routing [, bindCallback])",
                 "exchangebind_headersexchange-routing--bindcallback", id="github-slugger fixture"),
    pytest.param("apostrophe\u2019s should be trimmed", "apostrophes-should-be-trimmed", id="curly apostrophe"),
    pytest.param("a\u2028b \u2160", "ab-\u2170", id="line separator dropped, letter number kept"),
    pytest.param("Привет non-latin 你好", "привет-non-latin-你好", id="non-latin"),
    pytest.param("C++ / C#", "c--c", id="symbols"),
    pytest.param("Café au lait", "café-au-lait", id="accents kept"),
])
def test_slug_is_githubs(heading: str, expected: str) -> None:
    assert slug(heading) == expected


def test_duplicate_slugs_are_numbered_like_github() -> None:
    assert slugs(["a", "a", "a-1", "a"]) == ["a", "a-1", "a-1-1", "a-2"]


def test_fragments_hold_atx_setext_inline_code_and_html_anchors() -> None:
    text = ("# Setup\n\nSetup\n=====\n\n## Install `pkg`!\n\n> ## Quoted\n\n"
            '<a name="legacy"></a>\n<h2 id="custom">Custom</h2>\n\n```\n# not a heading\n<a id="no">\n```\n')
    assert parse(text).fragments == {"setup", "setup-1", "install-pkg", "quoted", "legacy", "custom"}


def test_front_matter_that_yaml_cannot_build_is_none_not_an_error() -> None:
    assert parse("---\ndate: 2024-13-45\n---\n# T\n").front_matter is None
    assert parse("---\ntitle: T\n---\n# T\n").front_matter == {"title": "T"}


EDGES = [
    "# *Emphasis* and `code` &amp; \\_escaped\\_ <b>tag</b> ![alt](i.png)\n\nPlain paragraph, no link.\n",
    "Entities never make a link: &#91;x&#93;&#40;a.md&#41; &lt;a href='b.md'&gt;\n",
    "| a | b |\n|---|---|\n| [x](t.md) | plain |\n| <a id=\"row\"></a> | `[c](code.md)` |\n",
    "Title\n=====\n\nSub *title*\n---\n\n- item [y](y.md)\n- item\n  continued <https://x.org>\n",
    "[ref]\n\n[ref]: ./r.md\n\nText with no brackets at all.\n\n> quote [q](q.md)\n",
]


@pytest.mark.parametrize("path", sorted(
    p for p in (Path(__file__).parents[2] / "fixtures").rglob("*") if p.suffix in (".md", ".markdown", ".txt")))
def test_the_inline_phase_skipped_on_blocks_without_brackets_changes_no_structure(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``_inline_where_read`` skips blocks that hold no ``[`` or ``<``: the structure is that of a full parse."""
    texts = [path.read_bytes().decode("utf-8", "replace"), *EDGES]
    fast = [parsing._parse(text) for text in texts]
    full = parsing.parser.__wrapped__()
    full.core.ruler.at("inline", markdown_it_inline)
    monkeypatch.setattr(parsing, "parser", lambda: full)
    assert fast == [parsing._parse(text) for text in texts]


def test_a_setext_heading_over_two_lines_slugs_without_the_line_break() -> None:
    """GitHub's text content keeps the soft break as a newline, which the slug drops (not a hyphen)."""
    structure = parse("Multi word\nsetext title\n===\n")
    assert structure.headings[0].text == "Multi word\nsetext title"
    assert "multi-wordsetext-title" in structure.fragments


def test_a_pipe_ends_a_table_cell_before_a_code_span_can_cross_it() -> None:
    """GFM example 200: the backtick of a cell is left unmatched, so the link after it is real."""
    text = "| a | b |\n|---|---|\n| `[x](split.md) | y` |\n| `[z](escaped.md) \\| w` |\n"
    assert links(text) == [("link", "split.md", 3, 8)]


@pytest.mark.parametrize(("text", "anchors"), [
    pytest.param("<h2>Raw Heading</h2>\n", {"raw-heading"}, id="an HTML block heading"),
    pytest.param('<h1 align="center">\n  <img src="logo.png" alt="Logo"><br>\n  Project &amp; Co\n</h1>\n',
                 {"project--co"}, id="trimmed text of its elements, no alt, entities decoded"),
    pytest.param("## Notes\n\n<h3>Notes</h3>\n\n## Notes\n", {"notes", "notes-1", "notes-2"},
                 id="one count of duplicates with Markdown headings, in document order"),
    pytest.param("<!-- <h2>Gone</h2> -->\n\n`<h2>Code</h2>`\n\n    <h2>Indented</h2>\n", set(),
                 id="not in comments or code"),
    pytest.param("<div><h2>Open\n\n## Real\n", {"real"}, id="an unclosed HTML heading is none"),
])
def test_headings_written_in_html_get_githubs_anchors(text: str, anchors: set[str]) -> None:
    structure = parse(text)
    assert structure.fragments == anchors
    assert all(not heading.source.startswith("<") for heading in structure.headings)  # not the document's headings
