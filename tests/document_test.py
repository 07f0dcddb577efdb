"""Document and files.read: bytes first, one decoding, exact positions, and a Skip for what is not text."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from review_hooks import config as configuration
from review_hooks.document import Document, NotText, Undecodable, decode, newline_style
from review_hooks.files import Skip, Target, read

TEXT = "# Café ✅\r\nline two\n"


@pytest.mark.parametrize(("raw", "encoding", "bom"), [
    pytest.param(codecs.BOM_UTF8 + TEXT.encode(), "utf-8", codecs.BOM_UTF8, id="utf-8 bom"),
    pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE, id="utf-16 le"),
    pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE, id="utf-16 be"),
    pytest.param(codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le", codecs.BOM_UTF32_LE, id="utf-32 le"),
    pytest.param(codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32-be", codecs.BOM_UTF32_BE, id="utf-32 be"),
    pytest.param(TEXT.encode(), "utf-8", b"", id="utf-8"),
])
def test_a_bom_is_recognised_before_anything_else(raw: bytes, encoding: str, bom: bytes) -> None:
    document = Document.from_bytes(raw)
    assert (document.text, document.encoding, document.bom) == (TEXT, encoding, bom)
    assert document.encoded(document.text) == raw  # round trip, byte for byte


@pytest.mark.parametrize(("text", "codec"), [
    pytest.param("Crème brûlée — naïve café “quoted” – done.\n", "cp1252", id="cp1252"),
    pytest.param("Crème brûlée — naïve café “quoted” – done.\n", "mac_roman", id="mac roman"),
    pytest.param("Café\n", "cp1252", id="short cp1252"),
])
def test_legacy_codecs_are_detected_and_round_trip(text: str, codec: str) -> None:
    raw = text.encode(codec)
    document = Document.from_bytes(raw)
    assert (document.text, document.encoding) == (text, codec)
    assert document.encoded(document.text) == raw


def test_utf8_is_decoded_strictly() -> None:
    """A valid UTF-8 file is never "detected" as something else, however short."""
    for text in ("é", "Ã©", "âœ…", "日本語", "ok\n", ""):
        assert decode(text.encode()) == (text, "utf-8", b"")


@pytest.mark.parametrize(("raw", "reason"), [
    pytest.param(b"PK\x03\x04\x14\x00\x00\x00", "contains NUL bytes", id="zip"),
    pytest.param(b"text\x00more", "contains NUL bytes", id="one NUL"),
    pytest.param("no bom".encode("utf-16-le"), "contains NUL bytes", id="utf-16 without bom"),
    pytest.param(b"%PDF-1.5\n" + bytes(range(1, 32)) * 40, "too many control characters for text", id="binary, no NUL"),
    pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8", "invalid utf-16-le after its byte order mark", id="bad utf-16"),
    pytest.param(codecs.BOM_UTF8 + b"\x00\xff\x00", "invalid utf-8 after its byte order mark", id="binary after bom"),
])
def test_binary_is_not_text(raw: bytes, reason: str) -> None:
    with pytest.raises(NotText, match=reason):
        decode(raw)


def test_a_nul_after_the_sniffed_head_is_still_text() -> None:
    """Like git, only the first 8 KiB are sniffed for NUL."""
    raw = b"a" * 9000 + b"\x00"
    assert decode(raw)[1] == "utf-8"


def test_lines_keep_their_line_endings() -> None:
    document = Document.from_bytes(b"a\r\nb\rc\nd")
    # a lone CR ends a line, as CommonMark and editors count it (robust8); no final newline kept as is
    assert document.lines == ["a\r", "b", "c", "d"] and document.encoded(document.text) == b"a\r\nb\rc\nd"
    assert document.line_starts == [0, 3, 5, 7]
    assert document.newline == "\r\n"


@pytest.mark.parametrize(("text", "newline"), [("a\nb\r\n", "\n"), ("a\r\nb\n", "\r\n"), ("one line", "\n"),
                                               ("", "\n"), ("\r\n", "\r\n"), ("\n", "\n")])
def test_newline_style_is_the_first_lines(text: str, newline: str) -> None:
    assert newline_style(text) == newline


def test_positions_are_one_based_and_invert_offsets() -> None:
    document = Document.from_bytes("ab\r\nçd\n\ne".encode())
    for offset in range(len(document.text) + 1):
        line, column = document.position(offset)
        assert document.offset(line, column) == offset
    assert document.position(0) == (1, 1)
    assert document.position(4) == (2, 1)  # after "\r\n"
    assert document.position(8) == (4, 1)
    assert document.position(len(document.text)) == (4, 2)


def test_with_text_keeps_encoding_and_bom() -> None:
    raw = codecs.BOM_UTF16_LE + "teh\r\n".encode("utf-16-le")
    document = Document.from_bytes(raw, "a.md", is_markdown=True)
    fixed = document.with_text("the\r\n")
    assert (fixed.raw, fixed.encoding, fixed.bom, fixed.is_markdown) == (
        codecs.BOM_UTF16_LE + "the\r\n".encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE, True)


def test_markdown_is_parsed_lazily_once() -> None:
    document = Document.from_bytes(b"# T\n", "a.md", is_markdown=True)
    assert "markdown" not in document.__dict__
    assert document.markdown is document.markdown
    assert [h.text for h in document.markdown.headings] == ["T"]


@pytest.fixture
def config(tmp_path: Path) -> configuration.Config:
    return configuration.load(start=tmp_path)


def target(path: Path) -> Target:
    return Target(path.name, path)


@pytest.mark.parametrize(("name", "raw", "reason"), [
    pytest.param("logo.ai", b"%!PS-Adobe-3.0\n%%Creator: Illustrator\n" * 3, "skipped: binary file", id=".ai"),
    pytest.param("x.png", b"\x89PNG\r\n\x1a\n", "skipped: binary file", id="png"),
    pytest.param("x.md", b"\x00\x01\x02", "skipped: binary file (contains NUL bytes)", id="NUL"),
])
def test_read_skips_binary_files(tmp_path: Path, config: configuration.Config, name: str, raw: bytes,
                                 reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    skip = read(target(path), config, None)
    assert isinstance(skip, Skip)
    assert (skip.kind, skip.reason, skip.failed) == ("binary", reason, False)


def test_read_skips_oversized_files_by_size_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    with path.open("wb") as stream:
        stream.truncate(2000)  # sparse: never read
    config = configuration.build({"max-file-size": "1KB"}, None, tmp_path, {})
    skip = read(target(path), config, None)
    assert isinstance(skip, Skip)
    assert (skip.kind, str(skip)) == ("oversized", "review-hooks: big.md: skipped: 2000 bytes is over max-file-size "
                                                   "(1000)")


@pytest.mark.parametrize(("make", "kind", "reason"), [
    pytest.param(lambda p: None, "missing", "no such file", id="missing"),
    pytest.param(lambda p: p.mkdir(), "directory", "is a directory, not a file", id="directory"),
    pytest.param(lambda p: (p.mkdir(), (p / ".git").write_text("gitdir: ../.git/modules/x\n")), "directory",
                 "is a submodule (another repository); run review-hooks inside it",
                 id="a submodule (robust-eval5, D3)"),
    pytest.param(lambda p: p.symlink_to("nowhere"), "symlink", "broken symbolic link", id="dangling symlink"),
    pytest.param(lambda p: os.mkfifo(p), "special",
                 "is not a regular file (a named pipe, socket or device); nothing was read",
                 id="fifo (never opened: it would block)"),
])
def test_read_of_what_is_not_a_file(tmp_path: Path, config: configuration.Config, make: object, kind: str,
                                    reason: str) -> None:
    path = tmp_path / "x.md"
    make(path)  # type: ignore[operator]
    skip = read(target(path), config, None)
    assert isinstance(skip, Skip)
    assert (skip.kind, skip.reason) == (kind, reason)


def test_read_follows_a_named_symlink_but_not_a_scanned_one(tmp_path: Path, config: configuration.Config) -> None:
    (tmp_path / "real.md").write_text("# Real\n")
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    document = read(Target("link.md", link), config, None)
    assert isinstance(document, Document) and document.text == "# Real\n"
    skip = read(Target("link.md", link, named=False), config, None)
    assert isinstance(skip, Skip) and skip.kind == "binary"


def test_read_an_empty_file(tmp_path: Path, config: configuration.Config) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    document = read(target(tmp_path / "empty.md"), config, None)
    assert isinstance(document, Document)
    assert (document.text, document.lines, document.markdown.headings) == ("", [""], ())


def test_utf8_with_stray_bytes_says_where_the_first_one_is() -> None:
    raw = "# Notes\n\nCafé ok, then a stray byte: ".encode() + b"\xff\xfe\x80 end\n[l](gone.md)\n"
    with pytest.raises(Undecodable, match=r"not valid UTF-8 \(byte 0xff at line 3, column 29\)") as raised:
        decode(raw)
    assert (raised.value.line, raised.value.column) == (3, 29)  # an annotation's line and column


def test_a_stray_byte_after_a_utf8_bom_is_undecodable_text_not_binary() -> None:
    """A UTF-8 BOM announces text: a stray byte makes it a file that cannot be checked (exit 1), as without
    the BOM, never a binary passed over with exit 0 (a conflict in it would pass); columns do not count the BOM."""
    raw = codecs.BOM_UTF8 + b"# T\n\nPrice 5\x80\n<<<<<<< HEAD\n"
    with pytest.raises(Undecodable, match=r"^not valid UTF-8 \(byte 0x80 at line 3, column 8\) after its byte order"
                       ) as raised:
        decode(raw)
    assert (raised.value.line, raised.value.column) == (3, 8)
    with pytest.raises(Undecodable, match=r"\(byte 0xff at line 1, column 1\)"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe ok")


def test_utf8_with_a_stray_byte_is_never_read_as_a_legacy_codec() -> None:
    """``✅ café`` and 0x81: Mac Roman would read it, and the tool said 'file is Mac Roman' and offered to transcode
    the file the user's editor shows as right (robust-eval5, A4). More UTF-8 sequences than stray bytes is UTF-8
    with a stray byte; ``café`` in cp1252 (no sequence) is still cp1252."""
    raw = b"# T\n\n\xe2\x9c\x85 Done: caf\xc3\xa9 ok \x81\n"
    with pytest.raises(Undecodable, match=r"^not valid UTF-8 \(byte 0x81 at line 3, column 17\); correct the bytes$"):
        decode(raw)
    assert decode(b"# T\n\ncaf\xe9 na\xefve \x93quoted\x94\n")[1] == "cp1252"


@pytest.mark.parametrize("stray", [b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\xff"])  # robust8
def test_one_invalid_sequence_in_utf8_is_one_stray_place_not_a_legacy_file(stray: bytes) -> None:
    # an encoded surrogate, an overlong form or a five-byte lead is several bytes UTF-8 cannot read, in one place
    for good in (b"caf\xc3\xa9 \xe2\x9c\x85", b"na\xc3\xafve caf\xc3\xa9"):
        raw = b"# T\n\n" + good + b" x" + stray + b" tail\n"
        with pytest.raises(Undecodable) as error:
            decode(raw)
        assert (error.value.line, error.value.column) == (3, raw.split(b"\n")[2].index(stray) + 1 - (
            len(good) - len(good.decode("utf-8"))))
    assert decode(b"caf\xe9 na\xefve \xe0 la\n")[1] != "utf-8"  # a legacy file: no UTF-8 sequence at all


def test_binary_data_after_a_utf32_or_utf16_byte_order_mark_is_binary() -> None:
    for raw in (b"\xff\xfe\x00\x00" + b"\x00" * 200 + "text".encode("utf-32-le"),
                b"\xff\xfe" + "\x01\x00\x02\x03".encode("utf-16-le") * 50):
        with pytest.raises(NotText, match="binary data after"):
            decode(raw)
    assert decode(b"\xff\xfe" + "Caf\u00e9 \u2705\n".encode("utf-16-le"))[:2] == ("Caf\u00e9 \u2705\n", "utf-16-le")


def test_utf8_cut_inside_its_last_character_is_not_a_legacy_file() -> None:
    """``✅`` cut after two of its three bytes, after UTF-8 text: Windows-1252 would read ``âœ`` and --transcode
    would write it. (After ASCII alone the bytes cannot tell: ``Nestlé®`` in Windows-1252 ends so too.)"""
    with pytest.raises(Undecodable, match=r"not valid UTF-8 \(byte 0xe2 at line 1, column 12\)"):
        decode(b"Caf\xc3\xa9 done: \xe2\x9c")
    assert decode(b"caf\xe9") == ("caf\u00e9", "cp1252", b"")  # a lone lead at the end: a legacy letter


@pytest.mark.parametrize("tail", [b"\xe2\x9c", b"\xe2\x80", b"\xf0\x9f", b"\xf0\x9f\x98", b"\xe2\x81"])
def test_utf8_cut_inside_its_last_character_after_ascii_alone_reads_as_no_legacy_text(tail: bytes) -> None:
    """After ASCII alone the bytes decide: ``âœ`` (✅ cut after two bytes), ``â€``, ``ðŸ`` and ``ðŸ˜`` are no text
    in Windows-1252, and --transcode would have written them as such; ``Nestlé®`` and ``café`` are text."""
    with pytest.raises(Undecodable, match=r"^not valid UTF-8 \(byte 0x(e2|f0) at line 3, column 23\); correct"):
        decode(b"# Notes\n\nSee the results below " + tail)
    assert decode(b"Nestl\xe9\xae")[1] == "cp1252"


def test_every_doubtful_word_is_asked_not_only_the_first() -> None:
    from review_hooks.codepages import rival_readings

    raw = "Alan 5 m², pijamalı hasta yağız şoföre\n".encode("cp1254")
    found = rival_readings(raw.decode("cp1252"), raw, "cp1252")
    assert found is not None and ("yağız", "cp1254") in found.readings
    assert found.start == raw.index(b"ya")


def test_a_short_legacy_file_ending_in_a_lead_and_a_continuation_is_still_legacy() -> None:
    assert decode("Made by Nestlé®".encode("cp1252")) == ("Made by Nestlé®", "cp1252", b"")


def test_a_utf16_document_with_private_icons_and_new_emoji_is_text() -> None:
    text = "# Status\n\nDone \U0001FAE9 and \U0001FAEA, branch \ue0a0 main \uf113.\n"
    assert decode(b"\xff\xfe" + text.encode("utf-16-le")) == (text, "utf-16-le", b"\xff\xfe")


@pytest.mark.parametrize(("text", "code_page", "expected"), [
    pytest.param("Pijamalı hasta yağız şoföre\n", "cp1254",
                 [("yaðýz", "cp1252"), ("yağız", "cp1254")], id="Turkish ı ğ ş read as Icelandic ý ð þ"),
    pytest.param("Prix: 5 € pour ma sœur.\n", "iso8859_15", [("¤", "cp1252"), ("€", "iso8859_15")],
                 id="ISO-8859-15 € read as the currency sign"),
    pytest.param("Pour ma sœur.\n", "iso8859_15", [("s½ur", "cp1252"), ("sœur", "iso8859_15")],
                 id="ISO-8859-15 œ read as ½"),
    pytest.param("Le prix de l'œuvre.\n", "iso8859_15", [("l'½uvre", "cp1252"), ("l'œuvre", "iso8859_15")],
                 id="ISO-8859-15 œ after an elision"),
    pytest.param("Árvíztűrő tükörfúrógép. Az eredmény kiváló, de a hőmérséklet magas.\n", "cp1250",
                 [("Árvíztûrõ", "cp1252"), ("Árvíztűrő", "cp1250")], id="Hungarian ű ő read as û õ: no one alphabet"),
])
def test_a_legacy_reading_no_language_writes_names_the_code_pages_that_read_it(
        text: str, code_page: str, expected: list[tuple[str, str]]) -> None:
    from review_hooks.codepages import rival_readings

    raw = text.encode(code_page)
    decoded, encoding, _ = decode(raw)
    readings = rival_readings(decoded, raw, encoding)
    assert readings is not None
    assert readings.readings[0][1] == encoding and set(expected) <= set(readings.readings)


@pytest.mark.parametrize("text", ["Crème brûlée — naïve café, 5 €\n", "Grüße aus München\n", "¿Qué año?\n",
                                  "I don´t know\n", "See note¹, 5 m³ and ½cup, 3¼in\n",
                                  "L'été, l'«œuvre», it's ½ done\n", "Crème brûlée in Zürich, Øresund, São Paulo, "
                                  "Ångström, Noël, pingüino, ação, Straße\n"])
def test_a_western_reading_with_no_doubt_has_no_rival(text: str) -> None:
    from review_hooks.codepages import rival_readings

    raw = text.encode("cp1252")
    assert rival_readings(*decode(raw)[:1], raw, "cp1252") is None


def test_random_bytes_after_a_utf16_byte_order_mark_are_binary() -> None:
    import random

    generator = random.Random(7)
    for _ in range(20):
        with pytest.raises(NotText, match=r"binary data after|invalid utf-16"):
            decode(b"\xff\xfe" + generator.randbytes(4000))
    private = "".join(chr(0xE000 + n) for n in range(300)) + "text"  # decodes, but as nothing anyone wrote
    with pytest.raises(NotText, match="binary data after a utf-16-le byte order mark"):
        decode(b"\xff\xfe" + private.encode("utf-16-le"))


def test_a_mac_roman_reading_with_a_quote_inside_a_word_has_rivals() -> None:
    from review_hooks.codepages import rival_readings

    raw = "Rezultatul este bun, dar trebuie să verificăm încă o dată.\n".encode("cp1250")
    readings = rival_readings(raw.decode("mac_roman"), raw, "mac_roman")
    assert readings is not None
    assert readings.readings[0] == ("verific„m", "mac_roman") and ("verificăm", "cp1250") in readings.readings


def test_a_cr_only_file_has_lines_and_is_stored_with_its_line_ends() -> None:
    """A file whose lines all end in a bare CR holds them as LF, one character for one: every offset is the
    same in both, lines and positions are the editor's, and what is stored ends its lines in CR again."""
    raw = "# T\r\rcafé\r".encode()
    document = Document.from_bytes(raw, "a.md")
    assert document.bare_crs == {0, 1, 2} and document.text == "# T\n\ncafé\n"
    assert document.position(document.text.index("café")) == (3, 1)
    assert document.encoded(document.text) == raw
    assert document.with_text("# T\n\nthé\n").raw == "# T\r\rthé\r".encode()
    assert document.as_utf8(document.text).raw == raw
    with pytest.raises(Undecodable) as stray:  # a stray byte's position counts the same lines
        Document.from_bytes(b"# T\r\rthe caf\xc3\xa9 is open and the na\xc3\xafve \xff ok\r", "c.md")
    assert (stray.value.line, stray.value.column) == (3, 32)
    mixed = Document.from_bytes(b"a\rb\r\nc\n", "b.md")  # a lone CR among CRLF and LF line ends ends a line too
    assert mixed.bare_crs == {0} and mixed.text == "a\nb\r\nc\n" and mixed.lines == ["a", "b\r", "c", ""]
    assert mixed.with_text("A\nb\r\nc\n").raw == b"A\rb\r\nc\n"  # each line end as it was
