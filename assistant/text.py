"""Small text utilities shared by retrieval and answering: tokens, stopwords, sentences."""
from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from .lexicon import ALTERNATIVE, NUMBER_WORDS, QUESTION_FILLER, SPELLING, STOPWORDS, disabled  # noqa: F401 (re-exported)

# CJK characters are single tokens (Chinese has no spaces; character unigrams make 锂离子电池
# match inside a longer policy name); decimals like 7.8 stay whole; other words need 2+ chars.
# "R&D", "M&A", "S&T" are one word each: split at the ampersand, their letters would be dropped as too short
TOKEN_PATTERN = r"(?u)[A-Za-z]{1,3}&[A-Za-z]{1,3}\b|[\u3400-\u9fff]|\d+(?:[.,]\d+)+|[^\W\u3400-\u9fff]{2,}|\d"
_TOKEN_RE = re.compile(TOKEN_PATTERN)
_stemmer = Stemmer.Stemmer("english")


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN_RE.findall(text)]


def stem(token: str) -> str:
    return _stemmer.stemWord(token)


def _american(token: str) -> str:
    for rx, repl in SPELLING:
        token = rx.sub(repl, token)
    return token


@lru_cache(maxsize=200_000)
def _term(token: str) -> str:
    # a corpus has a finite vocabulary: each token is spelled and stemmed once, not per passage read
    return NUMBER_WORDS.get(token) or stem(_american(token))


def content_terms(text: str) -> list[str]:
    """Stemmed topic terms of a question or passage (no stopwords / question filler)."""
    return list(_content_terms(text, disabled()))


@lru_cache(maxsize=100_000)
def _content_terms(text: str, off: frozenset[str]) -> tuple[str, ...]:
    # passages are read again for every question: their terms are made once (per ablation state)
    return tuple(_term(t) for t in tokens(text.replace("’", "'")) if not (t in STOPWORDS or t in QUESTION_FILLER))


def alternatives(text: str) -> list[frozenset[str]]:
    """Pairs of topic terms a question offers as alternatives ("chips or semiconductors")."""
    out = []
    for m in ALTERNATIVE.finditer(text):
        a, b = content_terms(m[1]), content_terms(m[2])
        if len(a) == 1 and len(b) == 1 and a != b:
            out.append(frozenset(a + b))
    return out


_SENT_END = re.compile(r"(?<=[.!?;])[”\"’)]?\s+(?=[A-Z“\"(0-9])")
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|etc|Inc|Co|Ltd|vs|U\.S|St|No|approx)\.$")


def sentences(text: str) -> list[str]:
    """Split a passage into sentences and bullet lines, each a verbatim substring of the text."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("•"):
            out.append(line.lstrip("• ").strip())
            continue
        start = 0
        for m in _SENT_END.finditer(line):
            piece = line[start:m.start() + 1]
            if _ABBREV.search(piece.rstrip("”\"’)")):
                continue
            out.append(line[start:m.end()].strip())
            start = m.end()
        if line[start:].strip():
            out.append(line[start:].strip())
    return out


def normalize(text: str) -> str:
    """Case/quote/space-insensitive form for substring matching."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def mostly_chinese(text: str) -> bool:
    """More Chinese characters than Latin letters: such a question shares no words with the
    English sentences of a brief, only names and figures."""
    return len(re.findall(r"[\u3400-\u9fff]", text)) > len(re.findall(r"[A-Za-z]", text))
