"""eventwire.ingest: formats, datelines, publication dates, errors, stdin. Inputs are written here."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from datetime import datetime
from pathlib import Path

import pytest

from eventwire.ingest import Dateline, IngestError, document_from_text, find_dateline, read_documents
from eventwire.records import Document, Span

STORY = "Officials from the two governments met on Tuesday to discuss a ceasefire along the border."


def read(*paths: Path | str, **kwargs) -> list[Document | IngestError]:
    return list(read_documents([str(p) for p in paths], **kwargs))


def only_document(*paths: Path | str, **kwargs) -> Document:
    [result] = read(*paths, **kwargs)
    assert isinstance(result, Document), result
    return result


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><nav><a href='/'>Home</a></nav>{body}</body></html>"


# --- plain text and document_from_text -------------------------------------------------------------

def test_plain_text_file(tmp_path):
    text = "TBILISI, Georgia (AP) — " + STORY + "\n\nA second paragraph follows.\n"
    doc = only_document(write(tmp_path / "story.txt", text))
    assert doc.text == text
    assert doc.source == str(tmp_path / "story.txt")
    assert doc.id == "doc-" + doc.content_hash[:16]
    assert doc.language == "en" and doc.title is None and doc.published is None
    assert doc.dateline == Span("TBILISI, Georgia", 0, 16)
    assert datetime.fromisoformat(doc.ingested_at).utcoffset().total_seconds() == 0


@pytest.mark.parametrize("name", ["a.text", "b.md", "README", "c.TXT"])
def test_other_text_extensions(tmp_path, name):
    assert only_document(write(tmp_path / name, STORY)).text == STORY


def test_crlf_and_bom_are_normalised_and_offsets_hold(tmp_path):
    raw = "\ufeffMINSK\r\n" + STORY + "\r\rEnd.\r\n"
    doc = only_document(write(tmp_path / "crlf.txt", raw.encode("utf-8")))
    assert doc.text == "MINSK\n" + STORY + "\n\nEnd.\n"
    assert doc.dateline == Span("MINSK", 0, 5)
    assert doc.text[doc.dateline.start:doc.dateline.end] == "MINSK"


def test_content_hash_ignores_spacing_and_composition():
    composed = document_from_text("Bogotá  talks\n\nended. ")
    decomposed = document_from_text("  Bogota\u0301 talks ended.")
    assert composed.content_hash == decomposed.content_hash
    assert composed.content_hash == hashlib.sha256("Bogotá talks ended.".encode()).hexdigest()
    assert composed.id == decomposed.id == "doc-" + composed.content_hash[:16]
    assert composed.text != decomposed.text  # the stored text itself is never rewritten


def test_document_from_text_keeps_caller_fields():
    doc = document_from_text(STORY, id="a-1", title="Talks", published="2024-02-01", source="feed")
    assert (doc.id, doc.title, doc.published, doc.source) == ("a-1", "Talks", "2024-02-01", "feed")


# --- datelines ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "place", "whole", "date"),
    [
        ("BAKU\n" + STORY, "BAKU", "BAKU", None),
        ("KYIV, Ukraine (AP) — " + STORY, "KYIV, Ukraine", "KYIV, Ukraine (AP) —", None),
        ("UNITED NATIONS — " + STORY, "UNITED NATIONS", "UNITED NATIONS —", None),
        ("WASHINGTON (Reuters) - " + STORY, "WASHINGTON", "WASHINGTON (Reuters) -", None),
        ("GOMA, Congo, March 3, 2025 — " + STORY, "GOMA, Congo", "GOMA, Congo, March 3, 2025 —",
         "2025-03-03"),
        ("PARIS, Jan. 5 (AFP) – " + STORY, "PARIS", "PARIS, Jan. 5 (AFP) –", None),
        ("NEW DELHI: " + STORY, "NEW DELHI", "NEW DELHI:", None),
        ("WASHINGTON—" + STORY, "WASHINGTON", "WASHINGTON—", None),
        ("BOGOTÁ, Colombia (AP) — " + STORY, "BOGOTÁ, Colombia", "BOGOTÁ, Colombia (AP) —", None),
        ("LAGOS, 2 May 2024 (AFP) - " + STORY, "LAGOS", "LAGOS, 2 May 2024 (AFP) -", "2024-05-02"),
        ("A headline first\n\nST. PETERSBURG, Russia (AP) — " + STORY, "ST. PETERSBURG, Russia",
         "ST. PETERSBURG, Russia (AP) —", None),
    ],
)
def test_dateline_found(text, place, whole, date):
    found = find_dateline(text)
    assert isinstance(found, Dateline)
    assert (found.place.text, found.span.text, found.date) == (place, whole, date)
    for span in (found.place, found.span):
        assert text[span.start:span.end] == span.text


@pytest.mark.parametrize(
    "text",
    [
        "NATO said on Monday it would send more troops.",
        "US troops crossed the river overnight.",
        "US-China talks resumed in Geneva.",
        "NATO's chief warned of escalation.",
        "UN (United Nations) officials said the convoy was stopped.",
        "A car bomb exploded near the market.",
        "The minister arrived.\nNATO\nMore text.",  # a lone word further down is not a dateline
        "",
    ],
)
def test_no_dateline(text):
    assert find_dateline(text) is None


# --- HTML -----------------------------------------------------------------------------------------

ARTICLE = f"<article><h1>Border talks</h1><p>YEREVAN, Armenia (AP) — {STORY}</p><p>{STORY}</p></article>"


def test_html_text_title_and_meta_date(tmp_path):
    head = ('<title>Border talks | Daily</title><meta property="og:title" content="Border talks">'
            '<meta property="article:published_time" content="2024-02-01T23:30:00-05:00">')
    doc = only_document(write(tmp_path / "a.html", page(ARTICLE, head)))
    assert STORY in doc.text and "Home" not in doc.text
    assert doc.title == "Border talks"
    assert doc.published == "2024-02-01"  # the publisher's calendar day, not shifted to UTC
    assert doc.dateline is not None and doc.dateline.text == "YEREVAN, Armenia"
    assert doc.text[doc.dateline.start:doc.dateline.end] == doc.dateline.text


@pytest.mark.parametrize(
    ("head", "body", "published"),
    [
        ('<meta name="date" content="September 20, 2023">', ARTICLE, "2023-09-20"),
        ('<script type="application/ld+json">'
         + json.dumps({"@graph": [{"@type": "NewsArticle", "datePublished": "2023-09-19"}]})
         + "</script>", ARTICLE, "2023-09-19"),
        ("", ARTICLE.replace("<h1>", '<time datetime="2023-09-18T08:00:00Z">Mon</time><h1>'), "2023-09-18"),
    ],
)
def test_html_date_sources(tmp_path, head, body, published):
    assert only_document(write(tmp_path / "p.htm", page(body, head))).published == published


def test_html_date_is_never_guessed(tmp_path):
    body = ("<article><p>Posted on 2021-04-04 at /news/2021/04/04/story.</p>"
            f"<p>{STORY}</p><p>{STORY}</p></article>")
    doc = only_document(write(tmp_path / "2021-04-04-story.html", page(body, "<title>x</title>")))
    assert doc.published is None


def test_html_without_article_text(tmp_path):
    [error] = read(write(tmp_path / "menu.html", page("<footer>Copyright</footer>")))
    assert error == IngestError(str(tmp_path / "menu.html"), "no article text found in HTML")


# --- JSONL ----------------------------------------------------------------------------------------

def test_jsonl_fields_ids_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "wire-7", "text": STORY, "title": "Talks",
                    "published": "Wed, 20 Sep 2023 08:00:00 GMT", "url": "https://example.org/talks"}),
        "{not json",
        json.dumps({"id": 42, "text": "BAKU, Azerbaijan, September 20, 2023 — " + STORY}),
        "",
        json.dumps({"title": "no text"}),
        json.dumps({"text": STORY, "published": "2023-09-20T10:00:00+04:00"}),
        json.dumps({"text": "  "}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    results = read(path)
    docs = [r for r in results if isinstance(r, Document)]
    errors = [str(r) for r in results if isinstance(r, IngestError)]
    assert [d.id for d in docs] == ["wire-7", "42", docs[2].id]
    assert docs[2].id.startswith("doc-")
    assert (docs[0].title, docs[0].published) == ("Talks", "2023-09-20")
    assert docs[0].source == "https://example.org/talks"
    assert docs[1].published == "2023-09-20" and docs[1].source == str(path)  # date from the dateline
    assert docs[2].published == "2023-09-20"
    assert errors[0].startswith(f"{path}:2: invalid JSON")
    assert errors[1:] == [f'{path}:5: no "text" field', f"{path}:7: empty document"]


def test_jsonl_wrong_types(tmp_path):
    path = write(tmp_path / "t.jsonl", json.dumps({"text": STORY, "id": True}) + "\n[1]\n")
    assert [str(r) for r in read(path)] == [
        f'{path}:1: "id" must be a string or number, got bool',
        f"{path}:2: expected a JSON object, got list",
    ]


def test_jsonl_source_names_the_outlet_else_the_url_host(tmp_path):
    lines = [{"text": STORY, "source": "Caucasus Wire", "url": "https://www.example.org/a"},
             {"text": STORY + " Again.", "url": "https://www.example.org/b"},
             {"text": STORY + " Once more."}]
    docs = read(write(tmp_path / "o.jsonl", "\n".join(json.dumps(line) for line in lines)))
    assert [d.outlet for d in docs] == ["Caucasus Wire", "example.org", None]


# --- CSV ------------------------------------------------------------------------------------------

def test_csv_rows_fields_and_bad_rows(tmp_path):
    rows = [
        ["id", "Title", "text", "published", "url", "source", "extra"],
        ["c-1", "Talks", STORY, "2023-09-20", "https://news.example.net/1", "Border Post", "ignored"],
        ["", "", "A story\nover two lines about talks in Baku.", "", "", "", ""],
        ["c-3", "No text", "", "", "", "", ""],
        ["c-4", "Short row"],
        [],
        ["c-6", "", "BAKU, Azerbaijan, September 20, 2023 — " + STORY, "", "", "", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = write(tmp_path / "dump.csv", buffer.getvalue())
    results = read(path)
    docs = [r for r in results if isinstance(r, Document)]
    assert [d.id for d in docs] == ["c-1", docs[1].id, "c-6"] and docs[1].id.startswith("doc-")
    assert (docs[0].title, docs[0].published, docs[0].source, docs[0].outlet) == \
        ("Talks", "2023-09-20", "https://news.example.net/1", "Border Post")
    assert docs[1].text == "A story\nover two lines about talks in Baku." and docs[1].source == str(path)
    assert docs[2].published == "2023-09-20"  # from the dateline
    # rows are named by the line they start on (the second data row spans lines 3 and 4)
    assert [str(r) for r in results if isinstance(r, IngestError)] == [
        f"{path}:5: empty document",
        f"{path}:6: expected 7 fields as in the header, got 2",
    ]


def test_csv_without_a_text_column(tmp_path):
    path = write(tmp_path / "nope.csv", "id,body\n1,Some words\n")
    assert [str(r) for r in read(path)] == [f'{path}: no "text" column in the CSV header']


# --- RSS and Atom feeds ---------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Steppe Wire</title><link>https://steppe.example.com/</link>
<item><title>Talks resume</title><link>https://steppe.example.com/talks</link><guid>sw-1</guid>
<pubDate>Wed, 20 Sep 2023 08:00:00 +0400</pubDate>
<description>&lt;p&gt;BAKU, Azerbaijan (Steppe Wire) &amp;#8212; {story}&lt;/p&gt;
&lt;p&gt;Second &lt;b&gt;paragraph&lt;/b&gt;.&lt;/p&gt;</description>
</item>
<item><title>Syndicated</title><link>https://steppe.example.com/synd</link>
<source url="https://other.example.com/rss">Lowland Herald</source><description>{story} Plain text.</description></item>
<item><title>Nothing in it</title><guid>sw-3</guid></item>
</channel></rss>""".replace("{story}", STORY)

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Delta Atom</title><id>urn:delta</id>
<updated>2024-05-02T10:00:00Z</updated>
<entry><id>urn:delta:1</id><title>Ceasefire</title><link href="https://delta.example.org/1"/>
<published>2024-05-01T10:00:00Z</published><updated>2024-05-02T10:00:00Z</updated>
<summary>Short summary.</summary><content type="html">&lt;p&gt;{story}&lt;/p&gt;</content></entry>
</feed>""".replace("{story}", STORY)


def test_rss_feed_entries(tmp_path):
    path = write(tmp_path / "wire.rss", RSS)
    results = read(path)
    first, second = results[0], results[1]
    assert (first.id, first.title, first.published, first.source, first.outlet) == \
        ("sw-1", "Talks resume", "2023-09-20", "https://steppe.example.com/talks", "Steppe Wire")
    assert first.text == f"BAKU, Azerbaijan (Steppe Wire) — {STORY}\nSecond paragraph."  # HTML extracted
    assert first.dateline == Span("BAKU, Azerbaijan", 0, 16)
    assert (second.id, second.outlet, second.text) == \
        ("https://steppe.example.com/synd", "Lowland Herald", STORY + " Plain text.")  # the link as id
    assert [str(r) for r in results[2:]] == [f"{path}:3: feed entry without content or summary"]


def test_atom_feed_prefers_content_and_the_published_date(tmp_path):
    [doc] = read(write(tmp_path / "delta.atom", ATOM))
    assert (doc.id, doc.text, doc.published, doc.outlet) == ("urn:delta:1", STORY, "2024-05-01", "Delta Atom")


def test_xml_is_read_as_a_feed_by_its_content(tmp_path):
    assert only_document(write(tmp_path / "feed.xml", ATOM)).id == "urn:delta:1"
    [error] = read(write(tmp_path / "notes.xml", "<notes><note>Hi</note></notes>"))
    assert isinstance(error, IngestError) and error.source == str(tmp_path / "notes.xml")
    assert error.message.startswith("not an RSS or Atom feed")


# --- publication date precedence ------------------------------------------------------------------

def test_published_precedence(tmp_path, caplog):
    dated = "GOMA, Congo, March 3, 2025 — " + STORY
    lines = [
        {"text": dated, "published": "2025-03-04"},  # metadata beats the dateline
        {"text": dated},  # dateline when there is no metadata
        {"text": dated, "published": "sometime soon"},  # unparseable: warned, then the dateline
        {"text": STORY, "published": "not a date"},  # nothing usable: None
    ]
    path = write(tmp_path / "d.jsonl", "\n".join(json.dumps(line) for line in lines))
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest"):
        assert [d.published for d in read(path)] == ["2025-03-04", "2025-03-03", "2025-03-03", None]
    assert "unparseable publication date 'not a date'" in caplog.text
    assert [d.published for d in read(path, published="2023-09-20")] == ["2023-09-20"] * 4


def test_published_override_must_be_iso():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        read_documents(["x.txt"], published="20/09/2023")


# --- errors and folders ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty document"),
        (b" \n\t\r\n", "empty document"),
        (b"abc\x00def", "binary file, not text"),
        (bytes(range(1, 9)) * 20 + b"some text", "binary file, not text"),
        ("Caf\u00e9 ok. ".encode() + b"\xff\xfe rest", "not valid UTF-8: invalid byte 0xff at offset 10"),
    ],
    ids=["empty", "blank", "nul", "controls", "latin1"],
)
def test_bad_files(tmp_path, content, message):
    path = write(tmp_path / "bad.txt", content)
    assert read(path) == [IngestError(str(path), message)]


def test_missing_unsupported_and_unreadable(tmp_path, monkeypatch):
    pdf = write(tmp_path / "report.pdf", "x")
    secret = write(tmp_path / "secret.txt", STORY)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # chmod cannot lock out root, so fake the refusal
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    missing = tmp_path / "nope.txt"
    assert [str(r) for r in read(missing, pdf, secret)] == [
        f"{missing}: no such file or folder",
        f"{pdf}: unsupported file type (expected .atom, .csv, .htm, .html, .jsonl, .md, .rss, .text, .txt, .xml "
        "or no extension)",
        f"{secret}: permission denied",
    ]


def test_folder_mixing_good_and_bad_files(tmp_path):
    write(tmp_path / "b.txt", "Second " + STORY)
    write(tmp_path / "a" / "nested.md", "First " + STORY)
    write(tmp_path / "c_empty.txt", "")
    write(tmp_path / "d.bin.txt", b"\x00\x01")
    write(tmp_path / "e.jsonl", json.dumps({"id": "e1", "text": STORY}) + "\n{oops\n")
    write(tmp_path / "f.html", page(ARTICLE))
    write(tmp_path / "image.png", b"\x89PNG\x00")  # unknown extension: skipped
    write(tmp_path / ".hidden.txt", STORY)  # hidden: skipped
    write(tmp_path / ".git" / "config.txt", STORY)  # hidden folder: skipped
    results = read(tmp_path)
    summary = [r.source for r in results]
    assert summary == [
        str(tmp_path / "a" / "nested.md"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "c_empty.txt"),
        str(tmp_path / "d.bin.txt"),
        str(tmp_path / "e.jsonl"),
        f"{tmp_path / 'e.jsonl'}:2",
        str(tmp_path / "f.html"),
    ]
    errors = [isinstance(r, IngestError) for r in results]
    assert errors == [False, False, True, True, False, True, False]


# --- stdin ----------------------------------------------------------------------------------------

def test_stdin_text_bytes_and_str():
    text = "KYIV (AP) — " + STORY + "\r\n"
    [from_bytes] = read("-", stdin=io.BytesIO(text.encode()))
    [from_str] = read("-", stdin=io.StringIO(text))
    assert from_bytes.text == from_str.text == "KYIV (AP) — " + STORY + "\n"
    assert from_bytes.source == "<stdin>" and from_bytes.dateline.text == "KYIV"


def test_stdin_jsonl_and_text_that_merely_contains_json():
    jsonl = json.dumps({"id": 1, "text": STORY}) + "\n\n" + json.dumps({"id": 2, "text": STORY}) + "\n"
    assert [d.id for d in read("-", stdin=io.StringIO(jsonl))] == ["1", "2"]
    mixed = json.dumps({"text": STORY}) + "\nand a line of prose\n"
    [doc] = read("-", stdin=io.StringIO(mixed))
    assert doc.text == mixed


def test_stdin_errors():
    assert read("-", stdin=io.BytesIO(b"ok \xc3(")) == [
        IngestError("<stdin>", "not valid UTF-8: invalid byte 0xc3 at offset 3")
    ]
    assert [str(r) for r in read("-", stdin=io.BytesIO(b"   \n"))] == ["<stdin>: empty document"]
