"""The story model: the only thing the readers and the EPUB writer share.

Plain dataclasses, so a script can build a `Story` by hand as easily as the
parser does.  Text in the model is clean Unicode (no markup, no characters XML
forbids); everything about how it looks is decided by the writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from .lazy import lazy_compile

SpanKind = Literal[
    "emphasis", "strong", "underline", "strikethrough", "superscript", "subscript", "code", "smallcaps"
]


# What HTML's inline elements mean as span kinds: both the Markdown and the web-page readers use it.
HTML_SPAN_TAGS: dict[str, SpanKind] = {
    "i": "emphasis",
    "em": "emphasis",
    "cite": "emphasis",
    "var": "emphasis",
    "dfn": "emphasis",
    "b": "strong",
    "strong": "strong",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "sup": "superscript",
    "sub": "subscript",
    "code": "code",
    "tt": "code",
    "kbd": "code",
    "samp": "code",
}


@dataclass
class Text:
    """A run of plain text."""

    text: str


@dataclass
class Span:
    """Styled inline content: emphasis, strong, underline, ..."""

    kind: SpanKind
    children: list[Inline] = field(default_factory=list)


@dataclass
class Link:
    """A hyperlink to an outside address (links inside the source are dropped)."""

    href: str
    children: list[Inline] = field(default_factory=list)


@dataclass
class LineBreak:
    """A line break kept inside a paragraph (poems, lyrics, letters, addresses)."""


@dataclass
class InlineNote:
    """An author's note inside a paragraph, such as "(A/N: sorry for the wait)": it stays where the author
    put it and is shown as a note.  `children` is the note as written, brackets and label included, so
    that nothing is lost; `label` is its label ("A/N") where it has one."""

    children: list[Inline] = field(default_factory=list)
    label: str | None = None


Inline: TypeAlias = Text | Span | Link | LineBreak | InlineNote

Align = Literal["left", "center", "right"]


@dataclass
class Paragraph:
    """One paragraph of running text."""

    inlines: list[Inline] = field(default_factory=list)
    align: Align | None = None

    @classmethod
    def of(cls, text: str) -> Paragraph:
        """A paragraph of plain text; newlines become line breaks."""
        inlines: list[Inline] = []
        for i, line in enumerate(text.split("\n")):
            if i:
                inlines.append(LineBreak())
            if line:
                inlines.append(Text(line))
        return cls(inlines)


@dataclass
class Heading:
    """A heading inside a chapter (a section title, not a chapter start)."""

    inlines: list[Inline] = field(default_factory=list)
    level: int = 2


@dataclass
class SceneBreak:
    """A change of scene; `marker` is the divider as the author wrote it, for `inspect`."""

    marker: str = ""


@dataclass
class BlockQuote:
    """Quoted or set-off text: a letter, a quotation, a text message."""

    blocks: list[Block] = field(default_factory=list)


@dataclass
class ListBlock:
    """A bulleted or numbered list; each item is a list of blocks."""

    items: list[list[Block]] = field(default_factory=list)
    ordered: bool = False


@dataclass
class Image:
    """An image kept from a web page: its bytes, media type and alt text."""

    data: bytes
    media_type: str
    alt: str = ""


@dataclass
class AuthorNote:
    """A note from the author to the reader, set apart from the story.

    `label` is the heading the author gave it ("A/N", "Chapter Notes"), or None.
    """

    blocks: list[Block] = field(default_factory=list)
    label: str | None = None

    @classmethod
    def of(cls, text: str, label: str | None = None) -> AuthorNote:
        """A note of plain text: paragraphs parted by blank lines, as in `Chapter.from_text`."""
        return cls([Paragraph.of(p) for p in _paragraphs(text)], label)


Block: TypeAlias = Paragraph | Heading | SceneBreak | BlockQuote | ListBlock | Image | AuthorNote


@dataclass
class Chapter:
    """One chapter: its title as the author wrote it, and its blocks.

    `title` is the full heading ("Chapter 1 – Do you wish it was a dream?") and is
    what the contents show; `number` and `name` are its two halves where the
    heading has both ("Chapter 1" and "Do you wish it was a dream?").
    `end_marker` keeps a closing "tbc" or "The End" that is not story text.
    """

    title: str | None = None
    blocks: list[Block] = field(default_factory=list)
    number: str | None = None
    name: str | None = None
    end_marker: str | None = None

    @classmethod
    def from_text(cls, title: str | None, text: str) -> Chapter:
        """A chapter made from plain text, for stories built by hand.

        Paragraphs are parted by blank lines; a line break inside a paragraph is kept as one.  A paragraph
        of divider characters only (`* * *`, `#`, `~~~`, `---`, `⁂`) is a scene break.  The text is taken
        as it is: no header, heading or note is looked for (use `fic2epub.parse` for that).
        """
        blocks: list[Block] = []
        for para in _paragraphs(text):
            if not para.strip(_DIVIDER_CHARS):
                blocks.append(SceneBreak(para))
            else:
                blocks.append(Paragraph.of(para))
        return cls(title, blocks)

    def word_count(self) -> int:
        """The chapter's words as readers count them, author's notes left out."""
        # counted at once: a newline between blocks parts words as a paragraph break does
        return count_words("\n".join(text_of_block(b) for b in self.blocks if not isinstance(b, AuthorNote)))


_DIVIDER_CHARS = " *#~-=_+•·◇◆⁂♦❖❦✦§"


def _paragraphs(text: str) -> list[str]:
    """Plain text cut into paragraphs at blank lines, each without its outer spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


@dataclass
class MetadataField:
    """One header field: the label as written, its canonical key, and its value."""

    label: str
    value: str
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            self.key = canonical_key(self.label)


@dataclass
class Series:
    """The series a story belongs to, and its place in it."""

    name: str
    position: float | None = None


@dataclass
class Recognition:
    """What the reader recognised, where, and by which rule; shown by `fic2epub inspect`."""

    rule: str
    element: str
    line: int
    text: str
    source: str = ""


@dataclass
class Story:
    """A whole story: metadata, notes before and after it, and its chapters."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    metadata: list[MetadataField] = field(default_factory=list)
    language: str | None = None
    series: Series | None = None
    front_notes: list[Block] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    back_notes: list[Block] = field(default_factory=list)
    source: str | None = None
    recognitions: list[Recognition] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if isinstance(self.authors, str):  # Story(authors="Me") means one author, not two letters
            self.authors = [self.authors]

    def get(self, key: str) -> str | None:
        """The value of the first metadata field with this canonical key, or None."""
        key = canonical_key(key)
        return next((f.value for f in self.metadata if f.key == key), None)

    def set(self, label: str, value: str) -> None:
        """Set a metadata field, replacing one with the same key or adding it at the end."""
        key = canonical_key(label)
        for f in self.metadata:
            if f.key == key:
                f.value = value
                return
        self.metadata.append(MetadataField(label, value, key))

    def values(self, key: str) -> list[str]:
        """The items of a list field ("fandom", "tags", "characters", ...), split at commas (or at
        semicolons when there is no comma), in the author's order; [] when the story has no such field."""
        value = self.get(key) or ""
        sep = "," if "," in value else (";" if ";" in value else None)
        return [v.strip() for v in (value.split(sep) if sep else [value]) if v.strip()]

    def add_tag(self, *tags: str, key: str = "tags") -> None:
        """Add tags to the story's tag list (or to another list field, such as `key="fandom"`), each
        once; the book lists them as subjects.  A field the story lacks is made, labelled as `key`."""
        items = self.values(key)
        known = {item.casefold() for item in items}
        for tag in tags:
            tag = tag.strip()
            if tag and tag.casefold() not in known:
                items.append(tag)
                known.add(tag.casefold())
        label = next((f.label for f in self.metadata if f.key == canonical_key(key)), key.capitalize())
        self.set(label, ", ".join(items))

    @property
    def tags(self) -> list[str]:
        """The story's tags (`values("tags")`); change them with `add_tag` or `set("Tags", ...)`."""
        return self.values("tags")

    @property
    def summary(self) -> str | None:
        """The story's summary (the "summary" field), or None."""
        return self.get("summary")

    def word_count(self) -> int:
        """The words of every chapter, author's notes left out."""
        return sum(c.word_count() for c in self.chapters)

    def scene_break_count(self) -> int:
        """How many scene breaks the chapters hold."""
        return sum(isinstance(b, SceneBreak) for c in self.chapters for b in c.blocks)

    def note_count(self) -> int:
        """How many author's notes the story holds, before, inside and after its chapters (a note inside a
        paragraph not counted)."""
        inner = sum(isinstance(b, AuthorNote) for c in self.chapters for b in c.blocks)
        return inner + sum(isinstance(b, AuthorNote) for b in self.front_notes + self.back_notes)


# Canonical keys for the many spellings of the same header field, in English and in the languages
# stories are often shared in (French, Spanish, German, Italian, Portuguese, Russian, Chinese, Japanese).
_SPELLINGS = {
    "title": "title, story title, work title, fic title, book title, name, titre, título, titulo, titel, "
    "titolo, название, заголовок, 标题, 標題, 书名, 書名, 题名, 題名, 作品名, タイトル",
    "author": "author, authors, author(s), by, written by, writer, creator, creators, pen name, pseud, "
    "posted by, autor, autora, autores, auteur, auteure, autore, autrice, verfasser, автор, авторы, "
    "作者, 著者, 作家, 笔名, 筆名",
    "fandom": "fandom, fandoms, fandom(s), canon, фэндом, фандом, 原作",
    "category": "category, categories, направленность, 类别, 類別, 分类, 分類, カテゴリ, カテゴリー",
    "pairing": "pairing, pairings, pairing(s), relationship, relationships, relationship(s), ship, ships, "
    "couple, couples, пейринг, пэйринг, пейринги, пэйринги, пэйринг и персонажи, пейринг и персонажи, "
    "カップリング",
    "characters": "character, characters, character(s), main characters, personajes, personnages, "
    "charaktere, personaggi, personagens, персонажи, 登场人物, 登場人物, 人物, 主角, キャラクター",
    "rating": "rating, rated, age rating, content rating, clasificación, рейтинг, 分级, 分級, レーティング",
    "warnings": "warning, warnings, warning(s), archive warning, archive warnings, content warning, "
    "content warnings, trigger warning, trigger warnings, advertencia, advertencias, avertissement, "
    "avertissements, warnung, warnungen, предупреждение, предупреждения, 警告",
    "genre": "genre, genres, género, generos, géneros, genere, gênero, жанр, жанры, 类型, 類型, ジャンル",
    "tags": "tag, tags, additional tag, additional tags, freeform, freeforms, keywords, etiquetas, метки, "
    "теги, 标签, 標籤, 标记, タグ, キーワード",
    "summary": "summary, synopsis, description, blurb, short description, short summary, story summary, "
    "resumen, résumé, sinopsis, zusammenfassung, riassunto, sinossi, resumo, sinopse, "
    "описание, аннотация, краткое описание, 简介, 簡介, 内容简介, 內容簡介, 文案, 概要, あらすじ, 紹介",
    "notes": "notes, note, author's notes, authors notes, author notes, примечания, примечание, "
    "примечания автора, 备注, 備註, 作者的话, 前書き, あとがき",
    "status": "status, completion, completion status, estado, statut, статус, 状态, 狀態, 连载状态, 連載状態",
    "disclaimer": "disclaimer, disclaimers, disclaimer(s), descargo, avertissement légal, отказ от прав, "
    "免责声明, 免責聲明",
    "spoilers": "spoiler, spoilers, спойлеры",
    "series": "series, part of series, serie, série, reihe, серия, цикл, 系列, シリーズ",
    "words": "word count, wordcount, words, num words, length, total words, palabras, mots, wörter, parole, "
    "размер, слов, 字数, 字數, 文字数, 本章字数, 本章字數",
    "published": "published, date, posted, date posted, date published, first published, published on, "
    "publicado, publié, veröffentlicht, опубликовано, дата публикации, 发布时间, 發佈時間, 公開日",
    "updated": "updated, last updated, date updated, updated on, actualizado, mis à jour, aktualisiert, "
    "обновлено, 更新, 更新时间, 更新時間, 最終更新, 最終更新日",
    "completed": "completed, date completed, finished, completado, terminé, закончен, 完结, 完結",
    "stats": "stats, statistics, статистика",
    "language": "language, lang, idioma, langue, sprache, lingua, língua, язык, 语言, 語言, 言語",
    "beta": "beta, betas, beta(s), beta reader, beta readers, beta reader(s), beta'd by, betaed by, "
    "beta-reader, beta-readers, бета, беты, гамма",
    "prompt": "prompt, prompts, request, заявка",
    "dedication": "dedication, dedicated to, dedicatoria, dédicace, widmung, посвящение, 献给, 獻給",
    "chapters": "chapters, chapter count, num chapters, capítulos, chapitres, главы, 章节, 章節",
    "collections": "collection, collections",
    "source": "source, story url, story link, url, link, original url, original link, source url, "
    "original story, 来源, 來源, 出处, 出處",
}
_KEY_ALIASES = {
    spelling.strip(): key for key, spellings in _SPELLINGS.items() for spelling in spellings.split(",")
}


def canonical_key(label: str) -> str:
    """The canonical key of a header label: 'Relationships' and 'Pairing' both give 'pairing'."""
    key = re.sub(r"[\s_]+", " ", label.strip().strip("*_:：").strip()).casefold().replace("’", "'")
    return _KEY_ALIASES.get(key, key)


def text_of_inlines(inlines: list[Inline]) -> str:
    """The plain text of inline content, line breaks as newlines."""
    if len(inlines) == 1 and isinstance(inlines[0], Text):  # most paragraphs
        return inlines[0].text
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, LineBreak):
            out.append("\n")
        else:
            out.append(text_of_inlines(node.children))
    return "".join(out)


def text_of_block(block: Block) -> str:
    """The plain text of a block and everything inside it."""
    if isinstance(block, (Paragraph, Heading)):
        return text_of_inlines(block.inlines)
    if isinstance(block, (BlockQuote, AuthorNote)):
        return "\n\n".join(text_of_block(b) for b in block.blocks)
    if isinstance(block, ListBlock):
        return "\n".join(text_of_block(b) for item in block.items for b in item)
    if isinstance(block, Image):
        return block.alt
    return ""


def in_windows_1252(text: str) -> bool:
    """Whether Windows-1252 has every character of the text, which then holds no CJK, Greek, Cyrillic,
    Hebrew or Arabic letter.  Most English stories do (curly quotes, dashes and accents are there); the
    test runs in C and needs no pattern of thousands of characters, which takes milliseconds to compile."""
    if text.isascii():  # reads a flag
        return True
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


# Compiled on first use, for text beyond Windows-1252 only: a class of 28,000 characters takes 2 ms to
# compile, and the second pattern is needed for CJK text only.
_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"


_CJK_CHARACTER = lazy_compile(f"[{_CJK}]")
_WORD_OR_CJK_CHARACTER = lazy_compile(f"[{_CJK}]|[^\\s{_CJK}]+")


# The spaces beyond ASCII (str.isspace's): text without them has its spaces all in ASCII.
_WIDE_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# Each byte of UTF-8 text as a space (b" ") or part of a word (b"x"); every byte of a character beyond
# ASCII is >= 0x80, so none of them reads as a space.
_WORD_BYTES = bytes(32 if chr(b).isspace() else 120 for b in range(128)) + b"x" * 128


def count_words(text: str) -> int:
    """Words as readers count them: runs of non-space, each CJK character one word."""
    if not text.isascii():
        if not in_windows_1252(text) and _CJK_CHARACTER.search(text):
            return len(_WORD_OR_CJK_CHARACTER.findall(text))
        if _WIDE_SPACE.search(text):
            return len(text.split())  # the same runs (str.split and the regex agree on what a space is)
    # where every space is in ASCII, the words are where a space is followed by a word's byte: counted
    # in C, without making a string of each word as str.split does (a third faster on a long story); a
    # lone surrogate, which a story made by hand may hold, is part of a word as it is for str.split
    marks = text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES)
    return marks.count(b" x") + marks.startswith(b"x")
