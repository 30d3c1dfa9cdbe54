"""Chapter headings: `Chapter 1`, `Chapter One: Title`, `CHAPTER I.`, `Ch. 1 - Title`, `Part Two`, `Book II`,
`Book the First--Title`, `Book 2, Chapter 3: Title`, `STAVE I`, `LETTER 1`, `ADVENTURE I.`, `Prologue`,
`Epilogue`, `Interlude`, `Omake`,
`1. Title`, `I. A SCANDAL IN BOHEMIA`, a bare number or numeral on its own line (`12`, `XIV`, `一`), decorated
forms (`~Chapter 3~`, `*** Chapter 3 ***`, `**Chapter 3**`), Markdown headings (`#`, `##`, also `#Chapter 3`),
CJK headings (`第一章`, `第1話`, `第一回`, with a site's label before them such as `正文 第一回`), Russian
(`Глава 1`, `ЧАСТЬ ПЕРВАЯ`), Aozora Bunko heading annotations, and the titles a table of contents at the top
announced.  A heading may carry its title on the next line (`CHAPTER I.` over `The Widow and her Child.`).

A forum's threadmark label names the chapter (`Threadmarks: Chapter 12 - Title`), and a keyword may
stand in brackets before the title (`[Omake] Title`).

Not headings: a sentence that starts with "Chapter" ("Chapter one was boring."), items of a numbered list.
Whether a heading starts a chapter, is a part above chapters or a section inside one is decided for the
whole file when the story is assembled; the token says what kind of heading it is (`heading_kind`) and its
rank: `part`, `chapter` or `bare`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lazy import Openings, lazy_compile
from ..state import State, Token
from .end_marker import is_end_marker

_EN_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|first|second|"
    "third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
    "sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|last|final"
)
_RU_ORDINAL_STEMS = (
    "перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|"
    "четырнадцат|пятнадцат|двадцат|тридцат|последн"
)
_RU_ORDINALS = rf"(?:{_RU_ORDINAL_STEMS})[а-яё]{{1,3}}"
_ROMAN = r"(?=[ivxlcdm])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_ROMAN_UPPER = r"(?=[IVXLCDM])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
# One to four number words joined by a space or a hyphen ("Twenty-One"); the list is written once, as
# each word may be followed by a joiner when another word follows, or by the end of the number.
_WORDS = rf"(?:(?:{_EN_NUMBER_WORDS}|{_RU_ORDINALS})(?:[\s-](?=[^\W\d_])|(?![\w'’]))){{1,4}}"
_FIGURES = rf"\d{{1,6}}(?:\.\d{{1,2}})?|{_ROMAN}"
NUMBER = rf"(?:{_FIGURES}|{_WORDS}|the\s+(?:{_EN_NUMBER_WORDS}))"

# Keywords of headings above chapters, and of chapters.
PART_WORDS = r"part|book|volume|vol\.?|epoch|season|arc|teil|livre|libro|parte|часть|книга|том"
CHAPTER_WORDS = (
    r"chapter|chap\.?|ch\.?|chapitre|capítulo|capitulo|kapitel|capitolo|rozdział|hoofdstuk|глава|episode|"
    r"letter|stave|canto|"
    r"adventure|day"
)
SEPARATOR = r"(?:\s*[:.\-–—|~/]+\s*|\s+)"
TRAILING = r"\s*[:.\-–—]{1,3}"
_NUMBERED = (
    r"(?P<word>{words})(?:\s+|(?=\d))(?P<num>{number})(?![\w'’])"
    r"(?:(?P<sep>{sep})(?P<name>[^\s:.\-–—|~/].*)|{tail})?"
)
_KEYWORDS = f"{PART_WORDS}|{CHAPTER_WORDS}"
NUMBERED = lazy_compile(
    _NUMBERED.format(words=_KEYWORDS, number=NUMBER, sep=SEPARATOR, tail=TRAILING), re.IGNORECASE
)
# The same with the number in figures only: a third of the pattern to compile.  What it matches the whole
# one matches the same way (one keyword at most can be followed by a space or a digit, and the figures
# are the number's first alternatives), so a heading in figures needs no number words compiled.
NUMBERED_IN_FIGURES = lazy_compile(
    _NUMBERED.format(words=_KEYWORDS, number=f"(?:{_FIGURES})", sep=SEPARATOR, tail=TRAILING), re.IGNORECASE
)
_KEYWORD_OPENINGS = Openings(_KEYWORDS)
_NUMBER_WORD_OPENINGS = Openings(f"{_EN_NUMBER_WORDS}|{_RU_ORDINAL_STEMS}|the")
# "Book 2, Chapter 3: Title", "Part One - Chapter 4": a chapter numbered within its part, on one line
COMPOUND = lazy_compile(
    rf"(?:{PART_WORDS})\s+{NUMBER}\s*[,:;.\-–—|/]?\s*(?P<chapter>(?:{CHAPTER_WORDS})(?:\s+|(?=\d)){NUMBER}.*)",
    re.IGNORECASE,
)
# What a compound heading starts with: a line that does not is never offered its (costly) pattern
_PART_STARTS = tuple(word.replace("\\.?", "") for word in PART_WORDS.split("|"))
NAMED_WORDS = (
    r"prologue|epilogue|interlude|omake|intermission|afterword|foreword|preface|introduction|coda|finale|"
    r"bonus chapter|side ?story|prólogo|prologo|epílogo|epilogo|prolog|epilog|épilogue|interludio|"
    r"пролог|эпилог|предисловие|послесловие|интерлюдия|вступление|заключение|"
    r"appendix|プロローグ|エピローグ|序章|終章|序言|序|楔子|引子|尾声|尾聲|终章|後記|后记|番外|前言|あとがき|幕間|"
    r"附录|附錄"
)
NAMED_OPENINGS = Openings(NAMED_WORDS)
NAMED = lazy_compile(
    rf"(?P<word>{NAMED_WORDS})(?:\s+(?P<num>\d{{1,3}}|{_ROMAN}))?(?![\w'’])"
    rf"(?:(?P<sep>{SEPARATOR})(?P<name>[^\s:.\-–—|~/].*)|{TRAILING})?",
    re.IGNORECASE,
)
_CJK_DIGITS = "0-9０-９一二三四五六七八九十百千万零〇两壹贰叁肆伍陆柒捌玖拾佰"
CJK = lazy_compile(
    r"(?:(?P<prefix>[^\s，。：；！？、]{1,8})[ \u3000]+)?"
    rf"(?P<num>第[ \u3000]*[{_CJK_DIGITS}]{{1,8}}[ \u3000]*(?P<unit>[章回话話节節卷部篇集幕]))(?P<name>.*)"
)
CJK_PART_UNITS = "卷部篇"
KOREAN = lazy_compile(r"(?P<num>제[ ]?\d{1,4}[ ]?(?P<unit>[장화편부]))(?:[ .:]+(?P<name>.+))?")
_CJK_NUMERALS = "〇零一二三四五六七八九十百千"
_ROMAN_LETTERS = "IVXLCDM"
NUMERAL_STARTS = frozenset(_ROMAN_LETTERS + _CJK_NUMERALS)  # with digits, what a bare number starts with
BARE = lazy_compile(rf"(?P<num>\d{{1,3}}|{_ROMAN_UPPER}|[{_CJK_NUMERALS}]{{1,5}})\.?")
LIST_ITEM = lazy_compile(r"\s{0,8}(?:\d{1,3}|[IVXLC]{1,6})[.)]\s")
PAGE_NUMBER = lazy_compile(r"(?:\s{3,}|\t|[.·…]{3,}\s*)\d{1,4}\s*$")
NUMBER_TITLE = lazy_compile(rf"(?P<num>\d{{1,3}}|{_ROMAN_UPPER})[.)]\s+(?P<name>\S.*)")
MARKDOWN = lazy_compile(r"(?P<hashes>#{1,6})(?P<space>[ \t]*)(?P<text>[^#].*?)[ \t]*#*[ \t]*")
AOZORA_NOTE = lazy_compile(r"［＃[^］]{0,80}］")
AOZORA_HEADING = lazy_compile(r"［＃[^］]{0,60}(?P<size>[大中小])見出し[^］]{0,20}］")
EMPHASIS = lazy_compile(r"(\*{1,3}|_{1,3})(?P<text>[^*_].*?)\1")
# Decoration around a heading: the same kind of marks on both sides, or brackets.
DECORATION = "*~=#_-+•·◊§°※|<>[]{}()«»"
_PAIRS = {"<": ">", "[": "]", "{": "}", "(": ")", "«": "»"}
_SENTENCE_END = (".", ",", ";", ":", "!", "?", "…", "。", "，", "！", "？", '"', "”", "»", "—", "–", "-")
MAX_HEADING = 160
# The rule table's gate (`Rule.longest`): `match_heading` reads no line longer than this once its spaces
# are off (a table of contents' page number and a heading's marks may take it to MAX_HEADING), and a
# heading a table of contents announced is no longer than MAX_HEADING.
LONGEST_HEADING = MAX_HEADING + 40


@dataclass
class HeadingMatch:
    """A heading as written, split into its number part and its name where it has both.

    `rank` is `part` (a part or book above chapters), `chapter`, or `bare` (a lone number, whose rank
    depends on the other headings of the file); `level` is the Markdown or Aozora heading level.
    """

    title: str
    number: str | None
    name: str | None
    level: int
    kind: str  # numbered, named, bare, number-title, cjk, markdown, aozora, toc
    rank: str = "chapter"


def _strip_decoration(text: str) -> str:
    """`~Chapter 3~`, `*** Chapter 3 ***`, `[Chapter 3]` lose their marks; one-sided marks stay."""
    left = len(text) - len(text.lstrip(DECORATION + " \t"))
    right = len(text) - len(text.rstrip(DECORATION + " \t"))
    if not left or not right or left + right >= len(text):
        return text
    head, tail = text[:left].strip(), text[len(text) - right :].strip()
    opening = {c for c in head if c not in _PAIRS}
    closing = {c for c in tail if c not in _PAIRS.values()}
    brackets_match = all(_PAIRS[c] in tail for c in head if c in _PAIRS)
    if (opening != closing and not (opening <= closing or closing <= opening)) or not brackets_match:
        return text
    return text[left : len(text) - right].strip()


def _strip_emphasis(text: str) -> str:
    m = EMPHASIS.fullmatch(text)
    return m.group("text").strip() if m else text


def _plain(line: str) -> str:
    """A line without its Markdown escapes, emphasis and decoration."""
    text = line.strip()
    if not text or (text[0] not in DECORATION and text[-1] not in DECORATION and "\\" not in text):
        return text  # nothing to take off: most lines
    text = text.replace("\\", "")
    for _ in range(2):
        text = _strip_emphasis(_strip_decoration(_strip_emphasis(text)))
    return text


def _name(raw: str | None) -> str | None:
    if raw is None:
        return None
    name = _strip_emphasis(raw.strip()).strip(" *_").strip()
    return name or None


def _looks_like_sentence(sep: str | None, name: str | None) -> bool:
    """`Chapter one was boring.`: a keyword, a number and lower-case words with nothing between."""
    if not name:
        return False
    if len(name.split()) > 16 or len(name) > 120:
        return True
    joined_plainly = sep is None or not sep.strip()
    first_letter = next((c for c in name if c.isalpha()), "")
    return joined_plainly and first_letter.islower()


def numbered(text: str) -> re.Match[str] | None:
    """`NUMBERED.fullmatch(text)`; the number words are compiled only for a line that may start with a
    keyword and a number word (a keyword has no spaces, and its number follows the spaces after it)."""
    if not _KEYWORD_OPENINGS.admit(text):
        return None  # every match starts with a keyword: most lines are never offered a pattern
    found = NUMBERED_IN_FIGURES.fullmatch(text)
    if found is None:
        words = text.split(maxsplit=1)
        if len(words) == 2 and _NUMBER_WORD_OPENINGS.admit(words[1]):
            found = NUMBERED.fullmatch(text)
    return found


def _keyword_heading(text: str, level: int) -> HeadingMatch | None:
    found = _keyword_match(text, level)
    if found is not None and is_end_marker(text):
        return None  # "CHAPTER 4 - END", "Interlude: end" close a part rather than open one
    return found


def _compound(text: str, level: int) -> HeadingMatch | None:
    """`Book 2, Chapter 3: Title`: a chapter heading with its part's number before it."""
    if not text[:8].casefold().startswith(_PART_STARTS):
        return None
    m = COMPOUND.fullmatch(text)
    inner = numbered(m.group("chapter")) if m else None
    if m is None or inner is None or re.fullmatch(PART_WORDS, inner.group("word"), re.IGNORECASE):
        return None
    name = _name(inner.group("name"))
    if _looks_like_sentence(inner.group("sep"), name):
        return None
    cut = m.start("chapter") + (inner.start("sep") if name else len(m.group("chapter")))
    return HeadingMatch(text, text[:cut].strip().rstrip("."), name, level, "numbered")


# A forum's threadmark label over a post ("Threadmarks: Chapter 12 - Title"), and a keyword in brackets
# before a title ("[Omake] Title", "[Interlude] Title")
THREADMARK = lazy_compile(r"threadmarks?\s*[:\-–—|]\s*(?P<rest>\S.*)", re.IGNORECASE)
BRACKETED = lazy_compile(r"\[(?P<keyword>[^\]]{1,30})\]\s*(?:[:.\-–—|~]\s*)?(?P<name>[^\s:.\-–—|~].*)")


_LABELLED_STARTS = ("[", "Threadmark", "threadmark", "THREADMARK")


def _labelled(text: str, level: int) -> HeadingMatch | None:
    """A heading behind a threadmark label, or with its keyword in brackets."""
    m = THREADMARK.fullmatch(text) if text[:1] in "Tt" else None
    if m:
        rest = m.group("rest")
        inner = None if rest.casefold().startswith("threadmark") else _keyword_match(rest, level)
        return inner or HeadingMatch(rest, None, rest, level, "named")
    m = BRACKETED.fullmatch(text) if text[:1] == "[" else None
    if m:
        keyword = m.group("keyword").strip()
        if not (NAMED.fullmatch(keyword) or numbered(keyword)):
            return None
        name = _name(m.group("name"))
        if _looks_like_sentence(None if name and name[:1].isupper() else "", name):
            return None
        return HeadingMatch(text, keyword, name, level, "named")
    return None


def _keyword_match(text: str, level: int) -> HeadingMatch | None:
    if text.startswith(_LABELLED_STARTS):
        found = _labelled(text, level)
        if found is not None:
            return found
    if text[:1].isalpha():  # a keyword heading starts with its keyword: not with a quotation mark
        m = numbered(text)
        if m:
            name = _name(m.group("name"))
            if _looks_like_sentence(m.group("sep"), name):
                return None
            part = re.fullmatch(PART_WORDS, m.group("word"), re.IGNORECASE) is not None
            if part and name:
                compound = _compound(text, level)  # "Part One - Chapter 4" is a chapter
                if compound is not None:
                    return compound
            number = text[: m.start("sep")].strip() if name else text.rstrip(".").strip()
            return HeadingMatch(text, number, name, level, "numbered", "part" if part else "chapter")
        compound = _compound(text, level)
        if compound is not None:
            return compound
        m = NAMED.fullmatch(text) if NAMED_OPENINGS.admit(text) else None
        if m:
            name = _name(m.group("name"))
            if _looks_like_sentence(m.group("sep"), name):
                return None
            if name and not m.group("sep").strip() and m.group("word").isascii():
                return None  # "OMAKE FILES #1": a named heading takes its title after a colon or a dash
            if not name and not m.group("num") and text.endswith(":"):
                return None  # "Interlude:" leads into the text after it
            number = text[: m.start("sep")].strip() if name else text.rstrip(".").strip()
            return HeadingMatch(text, number, name, level, "named")
    m = CJK.fullmatch(text) if "第" in text else None
    if m and len(text) <= 80:
        raw = m.group("name")
        name = raw.strip(" \u3000:：、.．").strip() or None
        run_on = raw[:1] not in " \u3000:：、.．「『（(" and len(text) > 30
        if name and (run_on or any(c in name for c in "，。")):
            return None  # 第一回合，他... is a sentence
        title = text[m.start("num") :].strip()
        rank = "part" if m.group("unit") in CJK_PART_UNITS else "chapter"
        return HeadingMatch(title, m.group("num"), name, level, "cjk", rank)
    m = KOREAN.fullmatch(text) if text.startswith("제") else None
    if m:
        rank = "part" if m.group("unit") in "편부" else "chapter"
        return HeadingMatch(text, m.group("num"), _name(m.group("name")), level, "cjk", rank)
    return None


# What a heading may start with besides a letter or a number: a Markdown heading's #, decoration (`_plain`
# takes it off), a Markdown escape; a CJK heading may have a label before its 第, and an Aozora one its
# annotation
_HEADING_OPENINGS = frozenset(DECORATION + "\\")


def match_heading(line: str, *, allow_bare: bool = True) -> HeadingMatch | None:
    """The heading this line reads as on its own, or None; `allow_bare` admits lone numbers and `1. Title`."""
    text = line.strip()
    if len(text) > LONGEST_HEADING or not text:
        return None
    if not (text[0].isalnum() or text[0] in _HEADING_OPENINGS) and "第" not in text and "［＃" not in text:
        return None  # a line of dialogue, say: the forms below start with a word, a number or a mark
    if text[-1].isdigit():
        text = PAGE_NUMBER.sub("", text).strip()  # an entry of a table of contents may end in its page
    level = 1
    kind = None
    if "［＃" in text:
        aozora = AOZORA_HEADING.search(text)
        text = AOZORA_NOTE.sub("", text).strip()
        if aozora and text:
            level, kind = "大中小".index(aozora.group("size")) + 1, "aozora"
    md = MARKDOWN.fullmatch(text) if text.startswith("#") else None
    if md:
        level = len(md.group("hashes"))
        text = md.group("text").strip()
        if not md.group("space") and _keyword_heading(_plain(text), level) is None:
            return None  # "#hashtag" is not a heading; "#Chapter 14" is
        kind = "markdown"
    text = _plain(text)
    if not text or len(text) > MAX_HEADING:
        return None
    found = _keyword_heading(text, level)
    if found is not None:
        return found
    if kind is not None:
        return HeadingMatch(text, None, text, level, kind)
    if not allow_bare or not (text[0].isdecimal() or text[0] in NUMERAL_STARTS):
        return None
    if text[0] in _ROMAN_LETTERS and text.lstrip(_ROMAN_LETTERS)[:1] not in ("", ".", ")"):
        return None  # "I said": a numeral is followed by the end, a dot or a bracket ("IV.", "II) Title")
    m = BARE.fullmatch(text)
    if m and _plausible_number(m.group("num")):
        return HeadingMatch(text, text.rstrip("."), None, level, "bare", "bare")
    m = NUMBER_TITLE.fullmatch(text)
    if m and _plausible_number(m.group("num")):
        name = m.group("name").strip()
        roman = not m.group("num").isdigit()
        if (
            len(name.split()) <= 12
            and (name[:1].isupper() or not name[:1].isascii() or not roman)
            and name[:1].isalnum()
            and (not name.endswith(_SENTENCE_END) or name.endswith(("!", "?", "...", "…")))
        ):
            return HeadingMatch(text, m.group("num"), name, level, "number-title")
    return None


def _plausible_number(num: str) -> bool:
    """A lone `C.` or `M.` is an initial, not chapter 100 or 1000."""
    return not (len(num) == 1 and num.upper() in "LCDM")


def _blank(state: State, index: int) -> bool:
    return index < 0 or index >= len(state.lines) or not state.lines[index].strip()


def _is_list_item(state: State, index: int, heading: HeadingMatch) -> bool:
    """Whether a `1. Title` line stands among other numbered lines (a list, not a heading), or a lone
    number among other lone numbers."""
    if heading.kind == "bare":
        near = (index - 2, index + 2)
        return any(0 <= i < len(state.lines) and BARE.fullmatch(_plain(state.lines[i][:20])) for i in near)
    for i in range(max(0, index - 6), min(len(state.lines), index + 7)):
        if i != index and LIST_ITEM.match(state.lines[i]):
            return True
    return False


def contents_titles(state: State) -> set[str]:
    """The chapter titles a table of contents at the top announced, without their numbers."""
    titles: set[str] | None = state.extra.get("contents_titles")
    if titles is None:
        titles = state.extra["contents_titles"] = set()
    tokens = state.tokens
    for index in range(state.extra.get("contents_scanned", 0), len(tokens)):  # asked on every line
        token = tokens[index]
        if token.kind != "contents":
            continue
        for line in token.lines:
            entry = _plain(re.sub(r"(?:\s{2,}|\t|[.·…]{2,}\s*)\d{1,4}\s*$", "", line.strip()))
            heading = match_heading(entry)
            name = heading.name if heading is not None else entry
            if name and len(name) <= MAX_HEADING:
                titles.add(_fold(name))
    state.extra["contents_scanned"] = len(tokens)
    return titles


def roman_value(numeral: str) -> int | None:
    """The value of a roman numeral, or None."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, c in enumerate(numeral.upper()):
        if c not in values:
            return None
        value = values[c]
        following = values.get(numeral[i + 1].upper(), 0) if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _number_value(number: str) -> int | None:
    digits = number.rstrip(".")
    if digits.isdigit():
        return int(digits)
    return roman_value(digits)


def _fold(text: str) -> str:
    return " ".join(text.split()).rstrip(".").casefold()


def _subtitle(state: State, index: int) -> str | None:
    """The title of a heading written on its own line under it: a short line standing alone, set in the
    same type as the heading, with no sentence-ending mark unless a wider gap sets it apart."""
    from .author_note import match_note
    from .end_marker import is_end_marker
    from .scene_divider import is_divider

    line = state.lines[index]
    text = _plain(line)
    if not text or len(text) > 80 or len(text.split()) > 12 or text[0] in "\"“‘'«(-—「『":
        return None
    if "," in text and len(text.split()) > 6:
        return None  # "On my return, I found the following letter": a sentence
    if _emphasis(line) != _emphasis(state.line):
        return None
    if not _blank(state, index + 1) or match_heading(line) is not None:
        return None
    if is_divider(line) or match_note(line) or is_end_marker(line):
        return None
    following = state.next_nonblank(index + 1)
    if following is None or match_heading(state.lines[following]) is not None:
        return None
    if not text.endswith(_SENTENCE_END) or text.endswith(("...", "…")):
        return text
    if not text.endswith(".") or text.endswith(".."):
        return None
    set_apart = following - index - 1 > state.profile.paragraph_gap
    return text if set_apart else None


def _emphasis(line: str) -> str:
    """The marks a line is wrapped in (`**`, `_`, ...), Markdown heading marks left out."""
    text = line.strip().lstrip("#").strip()
    m = EMPHASIS.fullmatch(text)
    return m.group(1) if m else ""


def _toc_heading(state: State) -> HeadingMatch | None:
    """A line that a table of contents at the top announced, standing alone between blank lines."""
    line = state.line
    if "contents" not in state.extra:
        return None  # no table of contents was read (`contents_list` keeps its entries there)
    if len(line) > MAX_HEADING or not _blank(state, state.pos - 1) or not _blank(state, state.pos + 1):
        return None
    titles = contents_titles(state)
    if not titles:
        return None
    text = _plain(line)
    if _fold(text) not in titles:
        return None
    titles.discard(_fold(text))  # each entry starts one chapter
    return HeadingMatch(text, None, text, 1, "toc")


def _in_list_of_headings(state: State) -> bool:
    """Headings on adjacent lines are a list (a table of contents), not chapter starts."""
    for i in (state.pos - 1, state.pos + 1):
        if not _blank(state, i) and match_heading(state.lines[i]) is not None:
            return True
    return False


def _bare_in_sequence(state: State, heading: HeadingMatch) -> bool:
    """A lone `X` or `XXX` is a chapter number only when it follows the number before it; else a divider."""
    from .scene_divider import is_divider

    value = _number_value(heading.number or "")
    previous = state.extra.get("last_bare")
    if value is not None:
        state.extra["last_bare"] = value
    if not is_divider(state.line):
        return True
    return value is not None and previous is not None and value == previous + 1


def chapter_heading(state: State) -> bool:
    line = state.line
    if line.rstrip()[-1:].isdigit() and PAGE_NUMBER.search(line):
        return False  # an entry of a table of contents, with its page number
    heading = match_heading(line)
    if heading is None:
        heading = _toc_heading(state)
        if heading is None:
            return False
    elif heading.kind in ("bare", "number-title"):
        if not _blank(state, state.pos - 1) or not _blank(state, state.pos + 1):
            return False
        if _is_list_item(state, state.pos, heading):
            return False
        if heading.kind == "bare" and not _bare_in_sequence(state, heading):
            return False
    elif heading.kind in ("numbered", "named") and not _blank(state, state.pos + 1) and len(line.split()) > 8:
        return False  # a keyword heading running straight into prose is prose unless it is short
    if _in_list_of_headings(state):
        return False
    if heading.kind != "toc" and state.extra.get("contents_titles"):
        contents_titles(state).difference_update(_fold(x) for x in (heading.title, heading.name or ""))
    count = 1
    if heading.name is None and heading.kind in ("numbered", "named", "bare", "cjk", "aozora"):
        nxt = state.next_nonblank()
        if nxt is not None and nxt - state.pos <= 3:
            subtitle = _subtitle(state, nxt)
            if subtitle is not None:
                sep = " " if heading.title.endswith((".", ":")) else ": "
                heading = HeadingMatch(
                    f"{heading.title}{sep}{subtitle}",
                    heading.number,
                    subtitle,
                    heading.level,
                    heading.kind,
                    heading.rank,
                )
                count = nxt - state.pos + 1
    emit_heading(state, heading, count)
    return True


def emit_heading(state: State, heading: HeadingMatch, count: int = 1) -> Token:
    token = state.emit(
        "heading",
        count,
        title=heading.title,
        number=heading.number,
        name=heading.name,
        level=heading.level,
        heading_kind=heading.kind,
        rank=heading.rank,
    )
    state.in_header = False
    return token
