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


# Words a query may hold that say nothing of what is searched for: not required to match
# (a query made only of them keeps them).
_STOP = (
    "的 了 和 与 及 以及 或 或者 是 在 对 把 被 将 等 之 其 有关 关于 一个 这 那 个 也 都 就 并 而 "
    "且 从 向 为 由 于 啊 吗 呢 吧"
)
STOP_WORDS = frozenset(_STOP.split())


def query_words(text: str | None, *, limit: int = 12) -> list[str]:
    """The words a search for `text` requires, each once and in order: the normalised text cut
    into words, a long word replaced by its parts when they cover it (``中华人民共和国`` needs
    ``中华``, ``人民``, ``共和国``…, as search-mode indexing gives them), so that a text
    matches whether it writes ``垃圾分类`` or ``垃圾的分类``; stop words dropped."""
    normalised = normalize(text)
    if not normalised:
        return []
    tokenizer = _tokenizer()
    found: list[str] = []
    for token in tokenizer.cut(normalised):
        token = token.strip()
        if not token or not _WORDLIKE_RE.search(token):
            continue
        parts = [p for p in tokenizer.cut_for_search(token) if p != token]
        covered: set[int] = set()
        for part in parts:
            start = token.find(part)
            while start != -1:
                covered.update(range(start, start + len(part)))
                start = token.find(part, start + 1)
        found.extend(parts if parts and len(covered) == len(token) else [token])
    unique = list(dict.fromkeys(found))
    meaningful = [w for w in unique if w not in STOP_WORDS]
    return (meaningful or unique)[:limit]


def simplified(text: str) -> str:
    """Traditional characters folded to simplified, nothing else changed."""
    return str(_converter().convert(text))


# --- what the search index holds --------------------------------------------------------------
# jieba cuts a text differently by context (``路灯不亮`` gives ``路`` + ``灯不亮``, so a search
# for ``路灯`` would miss it). So the index holds every pair of adjacent Chinese characters
# (bigrams) and each query word is looked up as its pairs: a word is found wherever its
# characters stand together, however the text around it was cut. jieba still cuts the query
# into words (``学校停车`` is ``学校`` + ``停车``, never the pair ``校停``) and gives the index
# the latin and number tokens. Every Chinese character is indexed alone too (unigrams), so a
# one-character query word (``水``, ``路``, ``车``) finds each text holding that character,
# whether jieba left it alone or inside a word (``供水``, ``道路``, ``停车``).

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _is_cjk(token: str) -> bool:
    return bool(_CJK_RE.fullmatch(token))


def _pairs(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]


def index_terms(text: str | None) -> list[str]:
    """The terms a text is indexed under: its other words (latin, numbers), then for each run
    of Chinese characters its characters and its character pairs, in order."""
    normalised = normalize(text)
    terms = [t for t in words(normalised) if not _is_cjk(t)]
    for run in _CJK_RE.findall(normalised):
        terms.extend(run)
        if len(run) > 1:
            terms.extend(_pairs(run))
    return terms


def query_terms(text: str | None, *, limit: int = 12) -> list[str]:
    """The index terms a search for `text` requires, each once: the pairs of each query word
    (query_words), a single character or a latin word as itself."""
    terms: list[str] = []
    for word in query_words(text, limit=limit):
        terms.extend(_pairs(word) if _is_cjk(word) else [word])
    return list(dict.fromkeys(terms))


# What ends a sentence or a clause; a phrase set inside another sentence must not end in one.
CLAUSE_END = "。．！？；，、：.!?;,:"


def phrase(text: str) -> str:
    """`text` without the punctuation that ends it, to be set inside a sentence ("待您办理：
    …出行不便，期限…", never "…不便。，期限…"). An ellipsis is kept: it says text was cut."""
    return text.rstrip().rstrip(CLAUSE_END + " \u3000")


def cut(text: str) -> list[str]:
    """`text` as it is written, cut into words (jieba's precise mode: each character once,
    punctuation kept), for reading a text's own words in order rather than searching it."""
    return list(_tokenizer().cut(text)) if text else []
