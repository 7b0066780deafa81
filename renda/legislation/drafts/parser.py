"""Parse the text of a local regulation draft into parts, chapters, sections and articles."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from django.core.exceptions import AppRegistryNotReady

from renda.core.text import strip_invisible

from .numerals import NUMERAL_CHARS, cn_to_int, int_to_cn


def gettext_noop(message: str) -> str:
    """Mark a message for makemessages; Django's own needs settings, this library must not."""
    return message


# A long regulation is about 100 KB of text; anything past this is not a draft.
MAX_DRAFT_BYTES = 2 * 1024 * 1024

ERROR_MESSAGES: dict[str, str] = {
    "empty": gettext_noop("The draft is empty."),
    "binary": gettext_noop(
        "The file is not plain text: it looks like a binary file or uses an unknown encoding."
    ),
    "too_large": gettext_noop(
        "The draft is too large: %(size)s bytes, at most %(limit)s bytes are accepted."
    ),
    "no_articles": gettext_noop("No article (第一条, 第二条…) was found in the draft."),
    "not_docx": gettext_noop("The file is not a valid Word document (.docx)."),
    "old_doc": gettext_noop(
        "Old Word documents (.doc) cannot be read; save the file as .docx or plain text."
    ),
}

PROBLEM_MESSAGES: dict[str, str] = {
    "bad_number": gettext_noop("%(label)s: this number cannot be read."),
    "duplicate_number": gettext_noop("%(label)s repeats a number already used."),
    "out_of_order": gettext_noop("%(label)s is out of order: %(expected)s was expected."),
    "item_out_of_order": gettext_noop("Item %(label)s is out of order: %(expected)s was expected."),
    "ambiguous_article": gettext_noop(
        "This line starts like %(label)s but no space follows the number and %(expected)s was "
        "expected; it was kept as text of the article before it."
    ),
    "text_outside_article": gettext_noop("This text belongs to no article."),
    "attachment": gettext_noop(
        "Attachments (附件) are not read apart from the articles: this line and the ones after "
        "it were kept as text of the last article."
    ),
    "article_without_text": gettext_noop("%(label)s has no text."),
    "empty_division": gettext_noop("%(label)s contains no article."),
    "section_outside_chapter": gettext_noop("%(label)s is not inside a chapter."),
    "toc_mismatch": gettext_noop("The table of contents does not match the headings of the draft."),
    "word_numbering": gettext_noop(
        "This paragraph uses Word's automatic numbering, which is not part of its text; "
        "type the number (第…条, （一）) instead."
    ),
}


def translate(message: str) -> str:
    """Translate through Django when its settings and apps are ready, else keep the English."""
    from django.conf import settings

    if not settings.configured:
        return message
    try:
        from django.utils.translation import gettext

        return gettext(message)
    except AppRegistryNotReady:
        return message


class DraftError(Exception):
    """The input is not a draft at all (empty, binary, too large, no article); nothing was read."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return translate(ERROR_MESSAGES[self.code]) % self.params

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ParseProblem:
    """A line the parser kept but could not place with certainty; the user must check it."""

    line_no: int
    text: str
    code: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return translate(PROBLEM_MESSAGES[self.code]) % self.params


@dataclass(kw_only=True)
class Numbered:
    """Something numbered in the draft, keeping its number as written beside its value."""

    suffix: ClassVar[str] = ""

    number: int
    label: str = ""  # the number as written: 第一百零二条, （一） or (一)
    line_no: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if not self.label:
            self.label = self.usual_label()

    def usual_label(self) -> str:
        return f"第{int_to_cn(self.number)}{self.suffix}"


@dataclass(kw_only=True)
class Item(Numbered):
    """An item (项) of a paragraph: （一）……"""

    text: str

    def usual_label(self) -> str:
        return f"（{int_to_cn(self.number)}）"


@dataclass
class Paragraph:
    """A paragraph (款) of an article, with the items (项) that follow it."""

    text: str
    items: list[Item] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [self.text, *(item.label + item.text for item in self.items)]


@dataclass(kw_only=True)
class Article(Numbered):
    """An article (条), the unit that opinions and comparisons refer to."""

    kind: ClassVar[str] = "article"
    suffix: ClassVar[str] = "条"
    level: ClassVar[int] = 3

    paragraphs: list[Paragraph] = field(default_factory=list)
    heading: str = ""  # rare bracketed heading: 第一条【立法目的】

    @property
    def text(self) -> str:
        """The wording without the number, one line per paragraph or item."""
        lines = [f"【{self.heading}】"] if self.heading else []
        for paragraph in self.paragraphs:
            lines.extend(line for line in paragraph.lines() if line)
        return "\n".join(lines)


@dataclass(kw_only=True)
class Division(Numbered):
    """A numbered heading that groups articles: part (编), chapter (章) or section (节)."""

    kind: ClassVar[str] = ""
    level: ClassVar[int] = 0

    heading: str = ""
    children: list[Division | Article] = field(default_factory=list)


class Part(Division):
    kind, suffix, level = "part", "编", 0


class Chapter(Division):
    kind, suffix, level = "chapter", "章", 1


class Section(Division):
    kind, suffix, level = "section", "节", 2


DIVISIONS: dict[str, type[Division]] = {cls.suffix: cls for cls in (Part, Chapter, Section)}


@dataclass
class Draft:
    """A parsed draft: title, front matter, the tree of divisions and articles, and problems."""

    title: str = ""
    preamble: list[str] = field(default_factory=list)  # adoption note, 目录, anything before
    children: list[Division | Article] = field(default_factory=list)
    problems: list[ParseProblem] = field(default_factory=list)

    def walk(self) -> Iterator[Division | Article]:
        """Every division and article in reading order."""
        return _walk(self.children)

    def articles(self) -> list[Article]:
        return [node for node in self.walk() if isinstance(node, Article)]

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles() if a.number == number), None)

    def counts(self) -> dict[str, int]:
        counts = {"parts": 0, "chapters": 0, "sections": 0, "articles": 0}
        for node in self.walk():
            counts[node.kind + "s"] += 1
        return counts

    @property
    def is_clean(self) -> bool:
        return not self.problems


_NUM = f"[{NUMERAL_CHARS}]+"
_HEADING_RE = re.compile(rf"^第(?P<num>{_NUM})(?P<suffix>[编章节])(?P<sep>\s*)(?P<rest>.*)$")
_ARTICLE_RE = re.compile(
    rf"^第(?P<num>{_NUM})条(?P<sep>\s*)(?:【(?P<heading>[^】]*)】\s*)?(?P<rest>.*)$"
)
_ITEM_RE = re.compile(rf"^(?P<label>[（(](?P<num>{_NUM})[）)])\s*(?P<rest>.*)$")
# Headings never hold a sentence; a line that does is text quoting a chapter ("第二章规定的……").
_SENTENCE_MARKS = set("。，；：！？,;:!?")
_MAX_HEADING_CHARS = 40
# "第五条规定的……", "第五条、第六条……", "第三条第二款……": references that open a paragraph.
_REFERENCE_STARTS = set("第、，至和或及与规所的中之款项以起")
_TERMINAL_MARKS = set("。；：！？;:!?")
_CLOSING_MARKS = "”’」』）)】"
_HEADING_JOINERS = ("、", "，", ",", "和", "及", "与", "或", "的")
_WRAPPED_HEADING_CHARS = 20
_MAX_WRAPPED_HEADING_CHARS = 80
_ATTACHMENT_RE = re.compile(r"^附\s*[件表录]")
_CJK_GAP_RE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


def _clean_heading(text: str) -> str:
    """Drop the spacing used to centre headings (总　　则) and collapse the rest."""
    return re.sub(r"\s+", " ", _CJK_GAP_RE.sub("", text)).strip()


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_heading_text(text: str) -> bool:
    return len(text) <= _MAX_HEADING_CHARS and not (_SENTENCE_MARKS & set(text))


def _is_spaced_heading_text(text: str) -> bool:
    """After a spaced label (第二节　…) a heading may list several matters with "，" or "、"
    (审查和批准决算，听取和审议……); it still never ends or holds a sentence."""
    return len(text) <= _MAX_WRAPPED_HEADING_CHARS and not (_TERMINAL_MARKS & set(text))


def _heading_continues(heading: str) -> bool:
    """A heading cut by a hard wrap: it stops on a listing mark or a joining word, or runs to
    the width of a line."""
    return heading.endswith(_HEADING_JOINERS) or len(heading) >= _WRAPPED_HEADING_CHARS


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSING_MARKS)
    return bool(stripped) and stripped[-1] in _TERMINAL_MARKS


def _join_wrapped(before: str, after: str) -> str:
    """Join a line broken by a hard wrap; Chinese needs no space, Latin words do."""
    if not before:
        return after
    if unicodedata.east_asian_width(before[-1]) in "WF" or (
        unicodedata.east_asian_width(after[0]) in "WF"
    ):
        return before + after
    return f"{before} {after}"


def check_text(text: str) -> None:
    """Refuse text that is empty, too large or binary, before any parsing."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_DRAFT_BYTES:
        raise DraftError("too_large", size=size, limit=MAX_DRAFT_BYTES)
    if "\x00" in text:
        raise DraftError("binary")
    if not text.strip():
        raise DraftError("empty")
    # Mis-decoded or binary data shows as replacement and control characters.
    odd = sum(
        1
        for ch in text
        if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    )
    if odd > max(2, len(text) // 100):
        raise DraftError("binary")


def decode(data: bytes) -> str:
    """Decode an uploaded text file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if len(data) > MAX_DRAFT_BYTES:
        raise DraftError("too_large", size=len(data), limit=MAX_DRAFT_BYTES)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise DraftError("binary") from error
    if b"\x00" in data:
        raise DraftError("binary")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DraftError("binary")


def parse_bytes(data: bytes) -> Draft:
    """Parse an uploaded plain-text file."""
    return parse_text(decode(data))


def parse_text(text: str, *, join_wrapped_lines: bool = True) -> Draft:
    """Parse a draft; raise DraftError when it is no draft, record ParseProblems otherwise.

    join_wrapped_lines: text pasted from a PDF is cut at the line width, so an unindented line
    that continues an unfinished sentence is read as the same paragraph; a .docx, whose
    paragraphs are real, turns this off.
    """
    check_text(text)
    draft = _Parser(join_wrapped_lines=join_wrapped_lines).parse(text)
    if not draft.articles():
        raise DraftError("no_articles")
    return draft


@dataclass
class _TocEntry:
    key: tuple[str, int]
    heading: str


class _Parser:
    """One pass over the lines: front matter (title, adoption note, 目录), then the body."""

    def __init__(self, *, join_wrapped_lines: bool) -> None:
        self.join_wrapped_lines = join_wrapped_lines
        self.draft = Draft()
        self.open: list[Division] = []  # the divisions the next line may belong to
        self.article: Article | None = None
        self.pending_heading: Division | None = None  # "第一章" alone: heading may follow
        self.wrapped_heading: Division | None = None  # a heading cut by a hard wrap
        self.last_article_number = 0
        self.article_numbers: set[int] = set()
        self.last_number_by_kind: dict[str, int] = {}
        self.in_body = False
        self.toc: list[_TocEntry] = []
        self.toc_line_no = 0

    def problem(self, line_no: int, text: str, code: str, **params: str) -> None:
        self.draft.problems.append(ParseProblem(line_no, text, code, params))

    def parse(self, text: str) -> Draft:
        for line_no, raw in enumerate(text.splitlines(), start=1):
            raw = strip_invisible(raw)  # zero-width spaces pasted from web pages are blanks
            line = raw.strip()
            if not line:
                continue
            if not self.in_body and self.front_matter(line_no, line):
                continue
            self.in_body = True
            self.body(line_no, raw, line)
        self.finish()
        return self.draft

    # Front matter -------------------------------------------------------------------------

    def front_matter(self, line_no: int, line: str) -> bool:
        """Keep a line as title or preamble; return False when the body starts here."""
        heading = self.match_heading(line)
        if self.toc_line_no:
            starts_body = (heading is not None and self.toc and heading[0] == self.toc[0].key) or (
                heading is None and self.match_article(line) is not None
            )
            if starts_body:
                return False
            if heading is not None:
                self.toc.append(_TocEntry(heading[0], _clean_heading(heading[1])))
            self.draft.preamble.append(line)
            return True
        if heading is not None or self.match_article(line) is not None:
            return False
        if _compact(line) == "目录":
            self.toc_line_no = line_no
            self.draft.preamble.append(line)
        elif not self.draft.title and not self.draft.preamble and not line.startswith(("（", "(")):
            self.draft.title = line
        else:
            self.draft.preamble.append(line)
        return True

    # Line classification ------------------------------------------------------------------

    @staticmethod
    def match_heading(line: str) -> tuple[tuple[str, int], str, str] | None:
        """(kind, number), heading text and label of a 编/章/节 line, or None."""
        match = _HEADING_RE.match(line)
        if not match:
            return None
        text = match["rest"]
        if not _is_heading_text(text) and not (match["sep"] and _is_spaced_heading_text(text)):
            return None
        try:
            number = cn_to_int(match["num"])
        except ValueError:
            return None
        label = f"第{match['num']}{match['suffix']}"
        return (match["suffix"], number), match["rest"], label

    @staticmethod
    def match_article(line: str) -> re.Match[str] | None:
        match = _ARTICLE_RE.match(line)
        if match is None:
            return None
        glued = not match["sep"] and match["heading"] is None and match["rest"]
        if glued and match["rest"][0] in _REFERENCE_STARTS:
            return None
        return match

    # Body ---------------------------------------------------------------------------------

    def body(self, line_no: int, raw: str, line: str) -> None:
        heading = self.match_heading(line)
        if heading is not None:
            self.add_division(line_no, line, *heading)
            return
        match = self.match_article(line)
        if match is not None and self.add_article(line_no, line, match):
            return
        item = _ITEM_RE.match(line)
        if item is not None and self.article is not None and self.add_item(line_no, line, item):
            return
        self.add_text(line_no, raw, line)

    def add_division(
        self, line_no: int, line: str, key: tuple[str, int], rest: str, label: str
    ) -> None:
        suffix, number = key
        cls = DIVISIONS[suffix]
        while self.open and self.open[-1].level >= cls.level:
            self.open.pop()
        siblings = self.open[-1].children if self.open else self.draft.children
        used = [node.number for node in siblings if isinstance(node, cls)]
        if number in used:
            self.problem(line_no, line, "duplicate_number", label=label)
        else:
            # Chapters may restart in each part (刑法) or run on through the whole act.
            expected = used[-1] + 1 if used else 1
            running = self.last_number_by_kind.get(cls.kind, 0) + 1
            if number != expected and (used or number != running):
                expected_label = f"第{int_to_cn(expected)}{suffix}"
                self.problem(line_no, line, "out_of_order", label=label, expected=expected_label)
        if cls is Section and not any(isinstance(node, Chapter) for node in self.open):
            self.problem(line_no, line, "section_outside_chapter", label=label)
        self.last_number_by_kind[cls.kind] = number
        division = cls(number=number, heading=_clean_heading(rest), label=label, line_no=line_no)
        siblings.append(division)
        self.open.append(division)
        self.article = None
        self.pending_heading = None if rest else division
        self.wrapped_heading = division if rest and _heading_continues(division.heading) else None

    def add_article(self, line_no: int, line: str, match: re.Match[str]) -> bool:
        try:
            number = cn_to_int(match["num"])
        except ValueError:
            self.problem(line_no, line, "bad_number", label=f"第{match['num']}条")
            return False
        label = f"第{match['num']}条"
        expected = self.last_article_number + 1
        if not match["sep"] and match["heading"] is None and match["rest"] and number != expected:
            # "第九条为……" glued to its text, out of sequence: likely a reference, do not guess.
            expected_label = f"第{int_to_cn(expected)}条"
            self.problem(line_no, line, "ambiguous_article", label=label, expected=expected_label)
            return False
        if number in self.article_numbers:
            self.problem(line_no, line, "duplicate_number", label=label)
        elif number != expected:
            expected_label = f"第{int_to_cn(expected)}条"
            self.problem(line_no, line, "out_of_order", label=label, expected=expected_label)
        self.article_numbers.add(number)
        self.last_article_number = number
        article = Article(
            number=number,
            heading=(match["heading"] or "").strip(),
            label=label,
            line_no=line_no,
        )
        if match["rest"]:
            article.paragraphs.append(Paragraph(match["rest"]))
        (self.open[-1].children if self.open else self.draft.children).append(article)
        self.article = article
        self.pending_heading = None
        self.wrapped_heading = None
        return True

    def add_item(self, line_no: int, line: str, match: re.Match[str]) -> bool:
        assert self.article is not None
        try:
            number = cn_to_int(match["num"])
        except ValueError:
            return False
        if not self.article.paragraphs:
            self.article.paragraphs.append(Paragraph(""))
        paragraph = self.article.paragraphs[-1]
        expected = len(paragraph.items) + 1
        if number != expected:
            expected_label = f"（{int_to_cn(expected)}）"
            self.problem(
                line_no, line, "item_out_of_order", label=match["label"], expected=expected_label
            )
        item = Item(number=number, text=match["rest"], label=match["label"], line_no=line_no)
        paragraph.items.append(item)
        return True

    def add_text(self, line_no: int, raw: str, line: str) -> None:
        pending, self.pending_heading = self.pending_heading, None
        if pending is not None and _is_heading_text(line) and len(line) <= 20:
            pending.heading = _clean_heading(line)
            return
        cut, self.wrapped_heading = self.wrapped_heading, None
        if cut is not None and self.continues_heading(cut, line):
            cut.heading = _clean_heading(_join_wrapped(cut.heading, line))
            self.wrapped_heading = cut if _heading_continues(line) else None
            return
        if self.article is None:
            self.problem(line_no, line, "text_outside_article")
            return
        if _ATTACHMENT_RE.match(line):
            self.problem(line_no, line, "attachment")
        paragraphs = self.article.paragraphs
        if not paragraphs:
            paragraphs.append(Paragraph(line))
            return
        last = paragraphs[-1]
        holder: Paragraph | Item = last.items[-1] if last.items else last
        wrapped = (
            self.join_wrapped_lines and not _ends_sentence(holder.text) and not raw[:1].isspace()
        )
        if not holder.text or wrapped:
            holder.text = _join_wrapped(holder.text, line)
        else:
            paragraphs.append(Paragraph(line))

    @staticmethod
    def continues_heading(division: Division, line: str) -> bool:
        """The line after a wrapped heading completes it when it is no sentence and the whole
        stays heading-sized; text that is a sentence stays text (and is reported)."""
        joined = len(division.heading) + len(line)
        return _is_spaced_heading_text(line) and joined <= _MAX_WRAPPED_HEADING_CHARS

    def finish(self) -> None:
        for node in self.draft.walk():
            if isinstance(node, Article) and not node.paragraphs:
                self.problem(node.line_no, node.label, "article_without_text", label=node.label)
            elif isinstance(node, Division) and not any(
                isinstance(child, Article) for child in _walk(node.children)
            ):
                self.problem(node.line_no, node.label, "empty_division", label=node.label)
        if self.toc_line_no:
            body = [
                _TocEntry((node.suffix, node.number), node.heading)
                for node in self.draft.walk()
                if isinstance(node, Division)
            ]
            listed = [
                _TocEntry(entry.key, entry.heading.rstrip(" .·…0123456789")) for entry in self.toc
            ]
            if listed != body:
                self.problem(self.toc_line_no, "目录", "toc_mismatch")
        self.draft.problems.sort(key=lambda problem: problem.line_no)


def _walk(nodes: list[Division | Article]) -> Iterator[Division | Article]:
    for node in nodes:
        yield node
        if isinstance(node, Division):
            yield from _walk(node.children)


INDENT = "\u3000\u3000"
GAP = "\u3000"


def to_text(draft: Draft) -> str:
    """Write a draft back as plain text in the usual layout; parse_text reads it back unchanged."""
    lines = [draft.title] if draft.title else []
    lines.extend(draft.preamble)
    for node in draft.walk():
        if isinstance(node, Division):
            lines.append(f"{node.label}{GAP}{node.heading}".rstrip())
            continue
        first = node.label + (f"{GAP}【{node.heading}】" if node.heading else "")
        for index, paragraph in enumerate(node.paragraphs):
            if index == 0:
                lines.append(f"{first}{GAP}{paragraph.text}".rstrip())
            elif paragraph.text:
                lines.append(INDENT + paragraph.text)
            lines.extend(INDENT + item.label + item.text for item in paragraph.items)
        if not node.paragraphs:
            lines.append(first)
    return "\n".join(lines) + "\n"
