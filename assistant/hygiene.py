"""Input hygiene at the boundary: text from users (questions, uploads) is normalised once,
before any tokenizer, store or renderer sees it.

Why here and not downstream: a lone surrogate ("\\udcff" from JSON, undecodable bytes on the
CLI) makes the embedding tokenizer raise only after seconds of retries, and control or
bidi-override characters can make shown text lie about what it says.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import QuestionError

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0/C1 controls except tab and newline (which carry layout), plus DEL.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embedding/override/isolate marks: they reorder what is displayed without being seen.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC text with lone surrogates replaced by U+FFFD, controls by spaces, bidi marks removed.

    "\\r\\n" and "\\r" become "\\n" so uploaded files read the same whatever their origin."""
    text = _SURROGATE.sub(REPLACEMENT, str(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BIDI.sub("", _CONTROL.sub(" ", text))
    return unicodedata.normalize("NFC", text)


def clean_question(question: object, max_chars: int) -> str:
    """A question on one line, normalised and capped at max_chars; QuestionError if empty.

    A pasted document is not a question: the start, which states what is asked, is kept."""
    q = _SPACE.sub(" ", normalise("" if question is None else str(question))).strip()
    if not q.replace(REPLACEMENT, "").strip():
        raise QuestionError("empty question: ask something about the briefs")
    return q[:max_chars].rstrip()
