"""Chinese text, normalised and segmented once for every feature that reads it (search, similar
cases, routing, reading help): there is one text pipeline, and it is this module.

- ``normalize``: full-width to half-width and compatibility forms (NFKC), invisible characters
  (zero-width spaces, joiners, BOM) as spaces, traditional characters folded to simplified
  (OpenCC ``t2s``), case folded, runs of whitespace collapsed.
- ``words``: the normalised text cut into words by jieba (search mode: long words also give
  their parts, so ``垃圾分类`` matches ``垃圾`` and ``分类``), without punctuation and spaces.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from typing import Any

# Characters that print as nothing; text pasted from web pages is full of them.
INVISIBLE = "\u200b\u200c\u200d\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]+")
# Wide characters (CJK, full-width forms and punctuation) need no space between them.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_INVISIBLE_BY_WIDE_RE = re.compile(f"(?<=[{_WIDE}])[{INVISIBLE}]+|[{INVISIBLE}]+(?=[{_WIDE}])")
_SPACES_RE = re.compile(r"\s+")
# A token is kept when it holds a letter or a digit of any script (punctuation is dropped).
_WORDLIKE_RE = re.compile(r"\w", re.UNICODE)

_lock = threading.Lock()


@functools.cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@functools.cache
def _tokenizer() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _lock:  # jieba builds its prefix dictionary on first use; once per process
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
    return tokenizer


def strip_invisible(text: str) -> str:
    """Invisible characters (U+200B–U+200D, U+FEFF) read as whitespace: next to a Chinese
    character or full-width mark they vanish (Chinese has no spaces), elsewhere they are a
    space; so a line holding only them is blank and ``str.strip`` removes them at the ends."""
    return _INVISIBLE_RE.sub(" ", _INVISIBLE_BY_WIDE_RE.sub("", text))


def normalize(text: str | None) -> str:
    """The text as every comparison should see it (see the module's docstring)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", strip_invisible(text))
    text = _converter().convert(text)
    return _SPACES_RE.sub(" ", text.casefold()).strip()


def words(text: str | None) -> list[str]:
    """The normalised text's words, in order (search mode: a long word is followed by its
    parts); punctuation and spaces dropped."""
    normalised = normalize(text)
    if not normalised:
        return []
    return [
        token.strip()
        for token in _tokenizer().cut_for_search(normalised)
        if token.strip() and _WORDLIKE_RE.search(token)
    ]
