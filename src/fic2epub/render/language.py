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


# The blocks of Unicode whose letters tell a language on their own.
_SCRIPT_RANGES = {
    "kana": "\u3040-\u30ff",
    "han": "\u3400-\u4dbf\u4e00-\u9fff",
    "ko": "\uac00-\ud7af",
    "el": "\u0370-\u03ff",
    "he": "\u0590-\u05ff",
    "ar": "\u0600-\u06ff",
}
# For text beyond Windows-1252 only: a class of 40,000 characters takes 3 ms to compile.
_TELLING_SCRIPTS = lazy_compile(f"[{''.join(_SCRIPT_RANGES.values())}]")
_SCRIPTS = {name: lazy_compile(f"[{ranges}]") for name, ranges in _SCRIPT_RANGES.items()}


def _by_script(sample: str) -> str | None:
    """The language a script tells on its own: Japanese (kana), Chinese, Korean, Greek, Hebrew, Arabic."""
    if in_windows_1252(sample) or not _TELLING_SCRIPTS.search(sample):  # scans in C spare the counting
        return None
    # each script's characters, and the letters of no such script, all counted in C
    counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS.items()}
    telling = "".join(_TELLING_SCRIPTS.findall(sample))
    counts["other"] = sum(map(str.isalpha, sample)) - sum(map(str.isalpha, telling))
    best = max(counts, key=lambda k: counts[k])
    if best == "other" or counts[best] == 0:
        return None
    if best in ("kana", "han"):
        japanese = counts["kana"] > 20 and counts["kana"] > 0.05 * (counts["kana"] + counts["han"])
        return "ja" if japanese else "zh"
    return best


def _looks_english(sample: str) -> bool:
    words = _WORD.findall(sample[:8000])
    # counted by map and sum, in C: a loop in Python over the words took most of the language's time
    english = sum(map(_ENGLISH_WORDS.__contains__, map(str.casefold, words)))
    return len(words) >= 20 and english >= 0.15 * len(words)


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
