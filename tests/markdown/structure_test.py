"""The shared Markdown structure: links at their exact columns, anchors, GitHub heading slugs."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_hooks.markdown import parse as parsing
from review_hooks.markdown.events import Builder
from review_hooks.markdown.parse import parse
from review_hooks.markdown.structure import Heading, Link, Structure, new_heading, new_link, slug, slugs


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


def test_an_images_alt_text_is_no_text_of_its_heading() -> None:
    """GitHub's anchor reads the heading's text, and an image's alt text is an attribute: two image-only
    headings are ``#`` and ``#-1``, and a logo before a title adds nothing (outside evaluation links3, r04)."""
    structure = parse("## ![logo](x.png)\n\n## ![logo2](y.png)\n\n## ![logo](x.png) Title [![b](b.svg)](u)\n")
    assert [h.text for h in structure.headings] == ["", "", "Title"]
    assert structure.fragments == {"", "-1", "title"}


def test_a_link_or_html_inside_an_images_description_is_no_link() -> None:
    """GitHub writes an image's description as its ``alt`` attribute, plain text: a link, an image or raw HTML
    written inside it is neither link nor anchor on the page (outside evaluation links-eval5, case I)."""
    text = '![Shot of [the app](app.md), ![i](i.png) <a href="x.md" id="y">x</a>](shot.png) [real](app.md)\n'
    assert links(text) == [("image", "shot.png", 1, 71), ("link", "app.md", 1, 88)]
    assert parse(text).fragments == set()


def test_a_footnote_reference_in_a_heading_is_in_its_anchor_not_in_its_words() -> None:
    """cmark-gfm numbers footnotes by their first reference and GitHub's anchor reads the number (``## Title[^1]``
    is ``#title1``); the heading's words, which required-headings matches, stay ``Title`` (links3, r05). An
    undefined footnote is plain text on both sides."""
    structure = parse("x[^b] y[^a]\n\n## T[^a] and[^b]\n\n## Note[^none]\n\n[^a]: x\n[^b]: y\n")
    assert [h.text for h in structure.headings] == ["T and", "Note[^none]"]
    assert structure.fragments == {"t2-and1", "notenone"}


def test_an_id_on_an_element_github_strips_is_no_anchor() -> None:
    text = ('<section id="s">\n\nx\n\n</section>\n\n<nav id="n"></nav> <button id="b">b</button>\n\n'
            '<script id="j"></script>\n\n<div id="kept"></div> <span id="also">y</span>\n')
    assert parse(text).fragments == {"kept", "also"}


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
def test_the_builders_pretests_change_no_structure(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``Builder.pretests`` skips the definitions' pass without a ``]:`` and HTML without ``=``: the
    structure is that of the builder without them."""
    texts = [path.read_bytes().decode("utf-8", "replace"), *EDGES]
    fast = [parsing._parse(text) for text in texts]
    monkeypatch.setattr(Builder, "pretests", False)
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


def test_a_reference_use_carries_the_label_it_resolved() -> None:
    """``[text][label]`` uses only its label; a definition no use names is unused (broken-link reads this)."""
    text = "[Win32_Process][02] and [Spaced  Label][] and ![img][02]\n\n[02]: ./a.md\n[Win32_Process]: ./b.md\n" \
           "[spaced label]: ./c.md\n"
    uses = [(link.label, link.target, link.column) for link in parse(text).links if link.kind == "reference"]
    assert uses == [("02", "./a.md", 1), ("Spaced Label", "./c.md", 25), ("02", "./a.md", 48)]


def test_a_label_inside_a_raw_html_block_is_no_use() -> None:
    structure = parse("<div>\n[r] and [x](inside.md)\n</div>\n\n[r]: ./r.md\n")
    assert [(link.kind, link.target) for link in structure.links] == [("definition", "./r.md")]


def test_columns_count_characters_where_bytes_differ() -> None:
    """pyromark's ranges are UTF-8 bytes; columns are characters, as ``Document`` counts them."""
    line = 'À [é](ü.md) <a id="ñ"></a> ![x][r] <https://é.org>'
    structure = parse(f"# Été 😄\n\n{line}\n\n[r]: ./ç.png\n")
    assert [(link.kind, link.target, link.line, link.column) for link in structure.links] == [
        ("link", "ü.md", 3, line.index("ü") + 1), ("reference", "./ç.png", 3, line.index("[x]") + 1),
        ("autolink", "https://é.org", 3, line.index("https") + 1), ("definition", "./ç.png", 5, 6)]
    assert structure.anchors[0].column == line.index("ñ") + 1
    assert structure.headings[0].text == "Été 😄"


def test_a_footnote_is_not_a_definition_but_its_links_are_links() -> None:
    """GitHub renders a footnote's text: a link in it is a link (markdown-it read ``[^1]:`` as a definition)."""
    assert links("Text[^1].\n\n[^1]: see [the spec](spec.md)\n") == [("link", "spec.md", 3, 22)]


@pytest.mark.parametrize(("text", "lines", "headings"), [
    pytest.param("---\ntitle: T\n---\n# H\n", (1, 3), ["H"], id="dashes"),
    pytest.param("---\ntitle: T\n...\n# H\n", (1, 3), ["H"], id="yaml document end"),
    pytest.param("----\ntitle: T\n---\nx\n----\n", (1, 5), [], id="closed by as many dashes"),
    pytest.param("---\ntitle: T\n", None, [], id="unclosed: a rule and a paragraph"),
    pytest.param("Text\n\n---\ntitle: T\n---\n", None, ["title: T"], id="not at the top: a setext heading"),
])
def test_front_matter_is_read_at_the_top_only(text: str, lines: tuple[int, int] | None, headings: list[str]) -> None:
    structure = parse(text)
    assert structure.front_matter_lines == lines
    assert [heading.text for heading in structure.headings] == headings


def test_a_lone_carriage_return_is_no_line_break_and_crlf_keeps_columns() -> None:
    assert links("# T\r\n\r\n[a](x.md) \r [b](y.md)\r\n") == [("link", "x.md", 3, 5), ("link", "y.md", 3, 17)]


def test_an_empty_destination_is_a_link_to_the_page_itself() -> None:
    """GitHub links ``[text]()`` to the page; the column is just after the ``(``, where a target would start."""
    text = "An [empty]() link and ![]( ) image.\n"
    assert links(text) == [("link", "", 1, text.index("]()") + 3), ("image", "", 1, text.index("]( )") + 3)]


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


def test_the_builders_constructors_make_what_the_named_tuples_make() -> None:
    """``new_heading`` and ``new_link`` skip the NamedTuples' keyword handling (for speed): the same type and
    fields, equal, hashed alike, still immutable."""
    made = [(new_heading(2, "T", 3, True, "T"), Heading(2, "T", 3, True, "T")),
            (new_link("reference", "a.md", 1, 2, "r"), Link("reference", "a.md", 1, 2, "r")),
            (new_link("link", "b.md", 4, 5), Link("link", "b.md", 4, 5))]
    for fast, slow in made:
        assert type(fast) is type(slow) and fast._asdict() == slow._asdict()
        assert fast == slow and hash(fast) == hash(slow)
        with pytest.raises(AttributeError):
            fast.line = 9  # type: ignore[misc]


def test_structures_are_equal_by_what_was_read_not_where() -> None:
    """A plain class now: equal when its fields are, whatever text it was read from; never hashed."""
    assert parse("# A\n\n[x](a.md)\n") == parse("# A\n\n[x](a.md)\n")
    assert parse("# A\n") != parse("# B\n")
    one = Structure(marks=((1, "A", 0, 3),), source="# A\n")
    assert one == Structure(marks=((1, "A", 0, 3),), source="# A\r\n")
    with pytest.raises(TypeError):
        hash(one)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_headings_read_from_their_marks_keep_lines_setext_and_source_lines(newline: str) -> None:
    """``Structure.headings`` is made on first use from each heading's range: after front matter, with a
    lone ``\\r`` in a line before (blanked, so no line moves), and for ATX, setext and a last line."""
    text = newline.join(["---", "title: T", "---", "# One #", "a \r b", "", "Two", "line", "---", "", "### Three"])
    structure = parsing._parse(text)
    assert [(h.level, h.text, h.line, h.setext, h.source) for h in structure.headings] == [
        (1, "One", 4, False, "# One #"), (2, "Two\nline", 7, True, "Two"), (3, "Three", 11, False, "### Three")]


def test_anchors_read_heading_texts_without_making_headings() -> None:
    """broken-link reads every parsed document's anchors; only a check that reads headings makes them."""
    structure = parsing._parse("# A\n\n## B `c`\n\nA\n-\n")
    assert structure.fragments == {"a", "b-c", "a-1"}
    assert "headings" not in vars(structure)
    assert [h.text for h in structure.headings] == ["A", "B c", "A"]
