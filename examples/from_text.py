"""Stories that arrive as text or bytes (a downloader, an upload to a web service), made into EPUB bytes.

    python examples/from_text.py

`fic2epub.parse` takes the text itself (a `str`), or raw `bytes` in any encoding, and tells a saved web
page from plain text by its content; nothing is written to disk until you choose to.
"""

from __future__ import annotations

from pathlib import Path

import fic2epub

PAGE = """<html><head><title>Tidewater - Chapter 1</title></head><body>
<h1>Tidewater</h1>
<p>The boats came back <em>late</em> that night.</p>
<p>Nobody on the quay said a word.</p>
</body></html>"""


def book_for_upload(data: bytes, filename: str) -> tuple[str, bytes]:
    """What a web service would do with an uploaded story: the EPUB's file name and its bytes.

    Raises `fic2epub.Fic2EpubError` (one line, safe to show the user) when the upload holds no story.
    """
    story = fic2epub.parse(data, markdown=filename.endswith(".md"))
    title = story.title or Path(filename).stem
    name = "".join(c if c.isalnum() else "_" for c in title).strip("_") or "story"
    return f"{name}.epub", fic2epub.epub_bytes(story, fic2epub.Options(title=title))


if __name__ == "__main__":
    # A downloader hands over the page it fetched, as text:
    story = fic2epub.parse(PAGE)
    print("from HTML text:", story.title, "/", fic2epub.text_of_block(story.chapters[0].blocks[0]))

    # Bytes in an old Windows encoding are told apart from UTF-8:
    upload = "Café Noir\nby Élodie\n\nIt was a «quiet» café, once.\n".encode("cp1252")
    name, data = book_for_upload(upload, "cafe.txt")
    print(f"from bytes: {name}, {len(data):,} bytes")

    # What an upload with no story in it gives:
    try:
        book_for_upload(b"   ", "empty.txt")
    except fic2epub.Fic2EpubError as error:
        print(f"refused: {error}")
