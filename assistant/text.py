"""Small text utilities shared by retrieval and answering: tokens, stopwords, sentences."""
from __future__ import annotations

import re

import Stemmer

from .lexicon import NUMBER_WORDS

# CJK characters are single tokens (Chinese has no spaces; character unigrams make 锂离子电池
# match inside a longer policy name); decimals like 7.8 stay whole; other words need 2+ chars.
TOKEN_PATTERN = r"(?u)[\u3400-\u9fff]|\d+(?:[.,]\d+)+|[^\W\u3400-\u9fff]{2,}|\d"
_TOKEN_RE = re.compile(TOKEN_PATTERN)
_stemmer = Stemmer.Stemmer("english")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on
once only or other our out over own same she should so some such than that the their them then there these
they this those through to too under until up very was we were what when where which while who whom why will
with would you your yours shall may might must
tell give show list describe explain say said says according regarding concerning please briefs brief
china chinese china's s
""".split())

# Question words that carry intent but no topic.
QUESTION_FILLER = frozenset("""
what which who whom when where why how compare comparison versus vs between change changed changes differ
difference different did does do key main major new latest recent last year years month months merics
much many anything something else other others another additional any one ones often soon
""".split())


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN_RE.findall(text)]


def stem(token: str) -> str:
    return _stemmer.stemWord(token)


def content_terms(text: str) -> list[str]:
    """Stemmed topic terms of a question or passage (no stopwords / question filler)."""
    out = []
    for t in tokens(text.replace("’", "'")):
        if t in STOPWORDS or t in QUESTION_FILLER:
            continue
        out.append(NUMBER_WORDS.get(t) or stem(t))
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
