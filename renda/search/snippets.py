"""The matched words marked in a title or a snippet of a body, on the original text (a
traditional or full-width spelling is marked where it stands), escaped safely."""

from __future__ import annotations

import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from renda.core.text import simplified, strip_invisible

SNIPPET_CHARS = 120
SCAN_CHARS = 4000


def _folded(text: str) -> tuple[str, list[int]]:
    """The text as normalize() reads it, kept the same length where it can be, and for each of
    its characters the index of the original character it came from."""
    text = strip_invisible(text)
    folded = unicodedata.normalize("NFKC", text).casefold()
    if len(folded) == len(text):
        # The common case (full-width punctuation and letters fold one to one): no loop in
        # Python over every character.
        origin = list(range(len(text)))
    else:
        pieces = [unicodedata.normalize("NFKC", c).casefold() for c in text]
        origin = [i for i, piece in enumerate(pieces) for _ in piece]
        folded = "".join(pieces)
    converted = simplified(folded)
    # t2s maps characters one to one nearly always; when a phrase changes length, the
    # unconverted text is still right for every simplified or latin word.
    return (converted if len(converted) == len(folded) else folded), origin


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """The original text's spans (start, end) holding one of the words, merged."""
    folded, origin = _folded(text)
    found = []
    for word in words:
        start = folded.find(word)
        while start != -1 and word:
            found.append((origin[start], origin[start + len(word) - 1] + 1))
            start = folded.find(word, start + len(word))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out: list[str] = []
    at = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(escape(text[at:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        at = e
    out.append(escape(text[at:end]))
    return "".join(out)


def highlight(text: str, words: list[str]) -> SafeString:
    """The whole text, escaped, with the words marked."""
    return mark_safe(_marked(text, _spans(text, words), 0, len(text)))  # noqa: S308


def snippet(text: str, words: list[str], width: int = SNIPPET_CHARS) -> SafeString:
    """About `width` characters of the text around its first matched word, escaped, marked."""
    # The first few thousand characters are enough to find a passage to show.
    text = " ".join(text[:SCAN_CHARS].split())
    spans = _spans(text, words)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 3, len(text) - width))
    end = min(len(text), start + width)
    body = _marked(text, spans, start, end)
    return mark_safe(  # noqa: S308
        ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
    )
