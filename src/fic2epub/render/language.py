"""The book's language: given, named in the header ("Language: English"), or told from the text."""

from __future__ import annotations

import re

from ..model import Story, text_of_block

LANGUAGE_NAMES = {
    "english": "en",
    "français": "fr",
    "french": "fr",
    "deutsch": "de",
    "german": "de",
    "español": "es",
    "spanish": "es",
    "italiano": "it",
    "italian": "it",
    "português": "pt",
    "portuguese": "pt",
    "русский": "ru",
    "russian": "ru",
    "中文": "zh",
    "chinese": "zh",
    "中文-普通话 國語": "zh",
    "日本語": "ja",
    "japanese": "ja",
    "한국어": "ko",
    "korean": "ko",
    "polski": "pl",
    "polish": "pl",
    "nederlands": "nl",
    "dutch": "nl",
    "svenska": "sv",
    "swedish": "sv",
    "suomi": "fi",
    "finnish": "fi",
    "dansk": "da",
    "norsk": "no",
    "čeština": "cs",
    "magyar": "hu",
    "türkçe": "tr",
    "tiếng việt": "vi",
    "bahasa indonesia": "id",
    "ελληνικά": "el",
    "greek": "el",
    "українська": "uk",
    "ukrainian": "uk",
    "עברית": "he",
    "hebrew": "he",
    "العربية": "ar",
    "arabic": "ar",
    "filipino": "fil",
    "tagalog": "tl",
    "català": "ca",
    "română": "ro",
}
_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def language_code(name: str) -> str | None:
    """A BCP 47 code for a language name or code as people write it, or None."""
    value = name.strip()
    if _CODE.match(value):
        return value
    return LANGUAGE_NAMES.get(value.casefold())


def detect_language(story: Story) -> str:
    """The story's language: from its header, else from the script its text is written in."""
    named = story.language or story.get("language")
    if named:
        code = language_code(named)
        if code:
            return code
    sample = "".join(text_of_block(b) for c in story.chapters[:3] for b in c.blocks[:80])[:20000]
    counts = {"ja": 0, "zh": 0, "ko": 0, "ru": 0, "el": 0, "he": 0, "ar": 0, "latin": 0}
    for ch in sample:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            counts["ja"] += 1
        elif 0x4E00 <= o <= 0x9FFF:
            counts["zh"] += 1
        elif 0xAC00 <= o <= 0xD7AF:
            counts["ko"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["ru"] += 1
        elif 0x0370 <= o <= 0x03FF:
            counts["el"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["he"] += 1
        elif 0x0600 <= o <= 0x06FF:
            counts["ar"] += 1
        elif ch.isalpha():
            counts["latin"] += 1
    if counts["ja"] > 0.05 * (counts["zh"] + counts["ja"]) and counts["ja"] > 20:
        return "ja"
    best = max(counts, key=lambda k: counts[k])
    return "en" if best == "latin" or counts[best] == 0 else best
