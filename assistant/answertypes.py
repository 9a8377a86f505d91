"""The kind of value a question asks for, and whether a sentence holds one.

A near miss is a question whose topic is in the briefs but whose asked-for value is not: a
fine the item never states, a deadline it doesn't give, a person it doesn't name. One check for
all of them: the answer type must be present in a sentence about the question's focus."""
from __future__ import annotations

import re
from typing import Literal

from .lexicon import (ASKS_DEADLINE, ASKS_FIGURE, ASKS_MONEY, ASKS_PERCENT, ASKS_PERSON, ASKS_RANKING,
                      GENERIC_VALUE_NOUNS, HAS_DEADLINE, HAS_MONEY, HAS_PERCENT, HAS_PERSON, HAS_RANKING, VALUE_HEAD,
                      VALUE_HEAD_PARTICIPLE, VALUE_HEAD_SKIP, VALUE_HEAD_STOP)
from .text import content_terms

AnswerType = Literal["", "percent", "money", "figure", "deadline", "person", "ranking"]
DESCRIBE: dict[str, str] = {
    "percent": "that percentage", "money": "that amount", "figure": "that figure",
    "deadline": "that date or deadline", "person": "that person's name", "ranking": "which one ranks first",
}

_NUMBER = re.compile(
    r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])(?!\s*(?:st|nd|rd|th)\b)"  # 3.7, 1,200 — not 5G, A123, 14th
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|trillion|dozen|double|triple|quadruple|halve|half)\b", re.I)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


# Most specific first: "how much money" is an amount before it is a figure.
_ASKS: list[tuple] = [(ASKS_PERSON, "person"), (ASKS_MONEY, "money"), (ASKS_PERCENT, "percent"),
                      (ASKS_DEADLINE, "deadline"), (ASKS_RANKING, "ranking"), (ASKS_FIGURE, "figure")]


def answer_type(question: str) -> AnswerType:
    """The most specific type the question asks for ("" = none: any on-topic sentence answers)."""
    return next((kind for rule, kind in _ASKS if rule.search(question)), "")


def value_head(question: str) -> tuple[str, ...]:
    """Stemmed terms of what the asked value counts or measures: the noun phrase after "how
    many", "what share of", "what … capacity", up to its verb or preposition ("how many high-tech
    zones" → high, tech, zone; "what share of China's patents" → patent); () when there is none."""
    m = VALUE_HEAD.search(question)
    if not m:
        return ()
    phrase: list[str] = []
    for word in (m["noun"] or m["after"] or m["of"] or m["num"] or "").split():
        low = word.lower().strip("'’?,.")
        if VALUE_HEAD_STOP.hit(low) or (VALUE_HEAD_PARTICIPLE.hit(low) and phrase
                                        and not re.search(r"['’]s?$", phrase[-1])):
            break
        if not (VALUE_HEAD_SKIP.hit(low) or GENERIC_VALUE_NOUNS.hit(low)):
            phrase.append(word)
    return tuple(content_terms(" ".join(phrase)))


def number_spans(sentence: str, question: str) -> list[int]:
    """Word positions (in sentence.split()) of the figures new_numbers finds."""
    new = {n.lower() for n in new_numbers(sentence, question)}
    return [i for i, w in enumerate(sentence.split()) if any(n.lower() in new for n in _NUMBER.findall(w))]


def new_numbers(sentence: str, question: str) -> list[str]:
    """Figures a sentence states that the question did not already contain (years excluded:
    "in 2012" dates an event, it does not answer "how much")."""
    asked = {q.lower() for q in _NUMBER.findall(question)}
    return [n for n in _NUMBER.findall(sentence) if not _YEAR.match(n) and n.lower() not in asked]


def holds(sentence: str, kind: AnswerType, question: str) -> bool:
    """Does the sentence state a value of that kind, beyond what the question already says?"""
    if kind == "percent":
        return bool(HAS_PERCENT.search(sentence)) and bool(new_numbers(sentence, question) or
                                                          re.search(r"\b(?:double|triple|half|halve|quadruple)", sentence, re.I))
    if kind == "money":
        return bool(HAS_MONEY.search(sentence)) and bool(new_numbers(sentence, question))
    if kind == "figure":
        return bool(new_numbers(sentence, question))
    if kind == "deadline":
        said = {m.group(0).lower() for m in HAS_DEADLINE.rx.finditer(question)}
        return any(m.group(0).lower() not in said for m in HAS_DEADLINE.finditer(sentence))
    if kind == "person":
        # "China Aviation Supplies announced": capitalised words that continue a longer name are an
        # organisation's, not a person's
        return any(not re.search(r"[A-Z][\w&.-]*\s+$", sentence[:m.start()]) for m in HAS_PERSON.finditer(sentence))
    if kind == "ranking":
        return bool(HAS_RANKING.search(sentence))
    return True
