"""Words a question misspells or runs together, read as the corpus words they stand for.

An English word list (pyspellchecker's, shipped inside its package: nothing is downloaded) tells
a typo or a run-together compound from a real word the briefs merely do not use: "lithum" reads
as lithium and "minitaxis" as taxis, but "alone" is never "along" nor "corporate" a kind of rate.
A typo is put right in the question before it is planned (`corrected`), so that the words that
make it a list or a value question are read; the parts of a compound are added to its topic
(`known_forms`), beside the word as written."""
from __future__ import annotations

import re
from functools import lru_cache

from .text import QUESTION_FILLER, STOPWORDS, content_terms

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def _english():
    from spellchecker import SpellChecker  # imported here: loading its word list costs ~0.2 s

    return SpellChecker(language="en", distance=1)


def is_english(word: str) -> bool:
    return word.lower() in _english()


def one_edit(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, replacement or insertion away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
            | {a + c + b for a, b in splits for c in _LETTERS})


@lru_cache(maxsize=4)
def _stems(vocabulary: frozenset[str]) -> frozenset[str]:
    return frozenset(t for w in vocabulary for t in content_terms(w))


def _unknown(word: str, vocabulary: frozenset[str], stems: frozenset[str]) -> bool:
    return not (word in vocabulary or word in STOPWORDS or word in QUESTION_FILLER or is_english(word)
                or set(content_terms(word)) <= stems)


def _typo_fix(word: str, vocabulary: frozenset[str], min_len: int) -> str | None:
    near = {w for w in one_edit(word) if len(w) >= min_len} & vocabulary
    return near.pop() if len(near) == 1 else None


def corrected(text: str, vocabulary: frozenset[str], min_len: int = 5) -> str:
    """The text with each typo put right ("Which plicies…" → "Which policies…"), so that the words
    that make a question a list, a comparison or a value question are read as meant."""
    if not vocabulary:
        return text
    stems = _stems(vocabulary)

    def fix(m: re.Match) -> str:
        word = m[0]
        return (_unknown(word, vocabulary, stems) and _typo_fix(word, vocabulary, min_len)) or word
    return re.sub(rf"(?<![\w-])[a-z]{{{min_len},}}(?![\w-])", fix, text)


def known_forms(text: str, vocabulary: frozenset[str], min_len: int = 5, min_tail: int = 4) -> list[str]:
    """Corpus words that the question's unknown lower-case non-English words stand for: a typo
    one edit from exactly one corpus word ("batteires" → batteries), else the corpus words a compound
    is made of ("chipmakers" → chip, makers; "minitaxis" → taxis). Capitalised words are names."""
    if not vocabulary:
        return []
    stems = _stems(vocabulary)
    out: list[str] = []
    for word in re.findall(rf"(?<![\w-])[a-z]{{{min_len},}}(?![\w-])", text):
        if not _unknown(word, vocabulary, stems):
            continue
        fix = _typo_fix(word, vocabulary, min_len)
        if fix:
            out.append(fix)
            continue
        # a compound: a known word after a known one, or a long known word after a short prefix
        cut = next((i for i in range(3, len(word) - min_tail + 1) if word[i:] in vocabulary
                    and (word[:i] in vocabulary or len(word) - i > min_tail)), None)
        if cut is not None:
            out.extend(w for w in (word[:cut], word[cut:]) if w in vocabulary)
    return list(dict.fromkeys(out))
