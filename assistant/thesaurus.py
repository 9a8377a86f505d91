"""English equivalents in industry policy, from a small data file kept in the package
(data/thesaurus_en.json): "solar" is what the briefs call "photovoltaic", "self-driving" their
"autonomous driving". An analyst asks in everyday words; a brief writes the official ones, and a
question sharing none of them is otherwise judged to be about something else."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .text import content_terms

DATA_FILE = Path(__file__).resolve().parent / "data" / "thesaurus_en.json"

Group = tuple[frozenset[str], ...]  # each member's stemmed terms


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[tuple[str, Group], ...], ...]:
    out = []
    for words in json.loads(DATA_FILE.read_text(encoding="utf-8"))["groups"]:
        members = tuple((w, frozenset(content_terms(w))) for w in words)
        members = tuple((w, t) for w, t in members if t)  # a stopword alone names nothing
        if len(members) >= 2:
            out.append(members)
    return tuple(out)


def groups(terms: set[str] | frozenset[str]) -> list[Group]:
    """The groups one of whose members the terms hold, as members' term sets."""
    return [tuple(t for _, t in g) for g in _groups() if any(t <= terms for _, t in g)]


@lru_cache(maxsize=4)
def _stems(vocabulary: frozenset[str]) -> frozenset[str]:
    return frozenset(t for w in vocabulary for t in content_terms(w))


def other_forms(text: str, vocabulary: frozenset[str] | set[str], written_too: bool = False) -> list[str]:
    """The briefs' forms of the text's words that the briefs never write ("solar" → "photovoltaic"):
    what both retrievers should also look for. With `written_too`, also the other forms of words
    the briefs do write ("chip" → "semiconductor"): a brief that writes "chips" in one item may
    write "semiconductor" in the next, but a question's meaning is better left as it is asked,
    so these are for word search only."""
    terms = set(content_terms(text))
    stems = _stems(vocabulary)
    written = lambda word: all(t in stems for t in content_terms(word))  # "plane" is written as "planes"
    out: list[str] = []
    for g in _groups():
        asked = [word for word, t in g if t <= terms]
        if not asked or (not written_too and any(written(word) for word in asked)):
            continue
        out.extend(word for word, t in g if word not in asked and written(word) and word not in out)
    return out
