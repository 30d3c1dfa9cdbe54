"""Pages saved as one file (MHTML: `.mhtml`, `.mht`, a browser's "Webpage, Single File"): the page and its
images travel as the parts of one MIME message, which the standard library's email parser takes apart."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from email.message import Message

_MIME_VERSION = re.compile(r"^MIME-Version:", re.IGNORECASE | re.MULTILINE)


def is_mhtml(text: str) -> bool:
    """Whether decoded text is an MHTML archive (a MIME message of related parts)."""
    head = text[:8192]
    return "multipart/related" in head.lower() and bool(_MIME_VERSION.search(head))


def unpack(text: str) -> tuple[str, dict[str, bytes]] | None:
    """The archive's page as text, and its other parts (images) by the address the page uses for them;
    None if it holds no page."""
    import email  # here, not at the top: every story file is sniffed with is_mhtml, few are archives

    message = email.message_from_string(text)
    page: str | None = None
    resources: dict[str, bytes] = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        if part.get_content_type() == "text/html" and page is None:
            page = _text(part, payload)
            continue
        location = part.get("Content-Location")
        if location:
            resources[str(location).strip()] = payload
        content_id = part.get("Content-ID")
        if content_id:
            resources["cid:" + str(content_id).strip().strip("<>")] = payload
    return (page, resources) if page is not None else None


def _text(part: Message, payload: bytes) -> str:
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")
