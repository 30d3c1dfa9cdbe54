"""The book's language: given, named in the header ("Language: English"), or told from the text: by its
script where that is enough (kana, hangul, Han, Greek, ...), else by py3langid's statistical model."""

from __future__ import annotations

import functools
import re
from typing import Any

from ..lazy import lazy_compile
from ..model import AuthorNote, Story, in_windows_1252, text_of_block

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
_CODE = re.compile(r"^([A-Za-z]{2,3})((?:-[A-Za-z0-9]{2,8})*)$")

# The commonest English words: in English prose they are a quarter of all words, in other languages
# that use the Latin alphabet a few percent.  A text past the threshold is English without asking
# the statistical model (which takes a second to load).
_ENGLISH_WORDS = frozenset(
    {
        *("the", "and", "to", "of", "a", "i", "was", "he", "you", "that", "it", "in", "his", "her", "she"),
        *("with", "for", "not", "had", "but", "is", "on", "at", "my", "me", "as", "be"),
    }
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def language_code(name: str) -> str | None:
    """A BCP 47 code for a language name or code as people write it ("French", "fr", "pt-BR"), or None."""
    value = name.strip()
    match = _CODE.match(value)
    if match and value.casefold() not in LANGUAGE_NAMES:
        return match.group(1).lower() + match.group(2)
    return LANGUAGE_NAMES.get(value.casefold())


def _sample(story: Story, limit: int = 20000) -> str:
    parts: list[str] = []
    size = 0
    for chapter in story.chapters:
        for block in chapter.blocks:
            if isinstance(block, AuthorNote):
                continue  # notes are often in English whatever the story's language
            text = text_of_block(block)
            parts.append(text)
            size += len(text)
            if size >= limit:
                return "\n".join(parts)[:limit]
    return "\n".join(parts)


# For text beyond Windows-1252 only: a class of 40,000 characters takes 3 ms to compile.
_TELLING_SCRIPTS = lazy_compile(
    "[\u0370-\u03ff\u0590-\u06ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)


def _by_script(sample: str) -> str | None:
    """The language a script tells on its own: Japanese (kana), Chinese, Korean, Greek, Hebrew, Arabic."""
    if in_windows_1252(sample) or not _TELLING_SCRIPTS.search(sample):  # scans in C spare the loop below
        return None
    counts = {"kana": 0, "han": 0, "ko": 0, "el": 0, "he": 0, "ar": 0, "other": 0}
    for ch in sample:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            counts["han"] += 1
        elif 0xAC00 <= o <= 0xD7AF:
            counts["ko"] += 1
        elif 0x0370 <= o <= 0x03FF:
            counts["el"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["he"] += 1
        elif 0x0600 <= o <= 0x06FF:
            counts["ar"] += 1
        elif ch.isalpha():
            counts["other"] += 1
    best = max(counts, key=lambda k: counts[k])
    if best == "other" or counts[best] == 0:
        return None
    if best in ("kana", "han"):
        japanese = counts["kana"] > 20 and counts["kana"] > 0.05 * (counts["kana"] + counts["han"])
        return "ja" if japanese else "zh"
    return best


def _looks_english(sample: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(sample[:8000])]
    return len(words) >= 20 and sum(w in _ENGLISH_WORDS for w in words) >= 0.15 * len(words)


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _by_model(sample: str) -> str | None:
    """The language py3langid finds, when it is confident."""
    code, confidence = _identifier().classify(sample[:8000])
    return str(code) if confidence >= 0.5 else None


def detect_language(story: Story) -> str:
    """The story's language: as its header names it, else told from its text (English when unsure)."""
    named = story.language or story.get("language")
    if named:
        code = language_code(named)
        if code:
            return code
    sample = _sample(story)
    if not sample.strip():
        return "en"
    return _by_script(sample) or ("en" if _looks_english(sample) else _by_model(sample) or "en")
