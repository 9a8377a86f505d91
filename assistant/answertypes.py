"""The kind of value a question asks for, and whether a sentence holds one.

A near miss is a question whose topic is in the briefs but whose asked-for value is not: a
fine the item never states, a deadline it doesn't give, a person it doesn't name. One check for
all of them: the answer type must be present in a sentence about the question's focus."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from .lexicon import (ASKS_BENEFICIARY, ASKS_COUNT_OR_MEASURE, ASKS_DEADLINE, ASKS_FIGURE, ASKS_MODEL, ASKS_MONEY, ASKS_ORGANISATION,
                      ASKS_CONDITION, ASKS_DEFINITION, ASKS_PERCENT, ELLIPTIC, ISSUER_COUNT, NAMES_BODIES, QUESTION_FILLER, ASKS_PERSON, ASKS_PLACE, ASKS_RANKING, ASKS_REASON, ASKS_SUBNATIONAL, COUNTRIES, CURRENCIES,
                      FORMAT_WORDS, GENERIC_VALUE_NOUNS, HAS_DEADLINE, HAS_DEFINITION, HAS_MODEL, HAS_PERCENT, HAS_PERSON, HAS_PLACE,
                      HAS_RANKING, HAS_REASON, HEDGE, KIND_OF_FIRM, MONEY_AMOUNT, MONTH_NAMES, NOT_NAMES, PLACES, PROPER, ROLE_RELATIONS,
                      SENTENCE_START, SOURCE_NOTE, CONTRACTED_IS, HAS_CONDITION, POSSESSIVE,
                      STOPWORDS, VALUE_HEAD, VALUE_HEAD_PARTICIPLE, VALUE_HEAD_SKIP, VALUE_HEAD_STOP, VALUE_KINDS)
from .text import content_terms, stem

AnswerType = Literal["", "percent", "money", "figure", "deadline", "person", "ranking", "model", "organisation",
                     "place", "reason", "definition"]
DESCRIBE: dict[str, str] = {
    "percent": "that percentage", "money": "that amount", "figure": "that figure",
    "deadline": "that date or deadline", "person": "that person's name", "ranking": "which one ranks first",
    "organisation": "that organisation", "place": "that place", "reason": "the reason", "model": "that model",
    "definition": "a definition",
}


@dataclass(frozen=True)
class Names:
    """What tells a name from a capitalised word: government bodies (no company) and the words the
    corpus writes in lower case ("Plan" in a policy's title is no name; "Naura" is never lower case)."""

    agencies: Any = None
    companies: Any = None  # known companies: a name even where it starts a sentence or is an acronym
    lowercase: frozenset[str] = frozenset()  # stems


# Types that decide whether an item answers, not which of its sentences are shown: "why…?" is
# still answered with the whole MERICS comment.
GATE_ONLY = frozenset({"organisation", "place", "reason", "definition"})

_NUMBER = re.compile(
    r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])(?!\s*(?:st|nd|rd|th)\b)"  # 3.7, 1,200 — not 5G, A123, 14th
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|trillion|dozen|double|triple|quadruple|halve|half)\b", re.I)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


# Most specific first: "how much money" is an amount before it is a figure.
_ASKS: list[tuple] = [(ASKS_DEFINITION, "definition"), (ASKS_PERSON, "person"), (ASKS_MONEY, "money"), (ASKS_PERCENT, "percent"),
                      (ASKS_DEADLINE, "deadline"), (ASKS_RANKING, "ranking"), (ASKS_MODEL, "model"), (ASKS_FIGURE, "figure"),
                      (ASKS_ORGANISATION, "organisation"), (ASKS_PLACE, "place"), (ASKS_REASON, "reason")]


def answer_type(question: str) -> AnswerType:
    """The most specific type the question asks for ("" = none: any on-topic sentence answers)."""
    plain = _plain(HEDGE.sub("", question))
    return next((kind for rule, kind in _ASKS if rule.search(plain)), "")


def _plain(question: str) -> str:
    """The question with "what's" read as "what is" and possessives dropped: a possessive is part
    of the noun phrase the type words read across ("BYD's market share", "MIIT's partner"). A bare
    noun naming a party or place ("partner?") is read as the question it stands for ("which partner?")."""
    plain = POSSESSIVE.sub("", CONTRACTED_IS.sub(" is", question))
    m = ELLIPTIC.search(plain)
    if m:
        # a role ("partner", "investors", "city", "CEO") exists only relative to the item discussed;
        # a kind of company ("carmakers?") may be a subject of its own
        full = f"which {m['np']}{m['tail'] or ''}?"
        org = ASKS_ORGANISATION.rx.search(full)
        if (org and org["role"]) or ASKS_PERSON.search(full) or ASKS_PLACE.search(full):
            return full
        value = f"what is the {m['np']}{m['tail']}?" if m["tail"] else ""
        if value and any(rule.search(value) for rule in (ASKS_MONEY, ASKS_PERCENT, ASKS_DEADLINE, ASKS_FIGURE)):
            return value
    return plain


def value_head(question: str) -> tuple[str, ...]:
    """Stemmed terms of what the asked value counts or measures: the noun phrase after "how
    many", "what share of", "what … capacity", up to its verb or preposition ("how many high-tech
    zones" → high, tech, zone; "what share of China's patents" → patent); () when there is none."""
    m = VALUE_HEAD.search(question)
    if not m:
        return ()
    phrase: list[str] = []
    for word in (m["noun"] or m["for"] or m["after"] or m["of"] or m["num"] or m["when"] or "").split():
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


def _kinds(text: str) -> set[str]:
    terms = set(content_terms(text))
    return {name for name, stems in _VALUE_KIND_STEMS if terms & stems}


_VALUE_KIND_STEMS = tuple((name, frozenset(content_terms(words))) for name, words in VALUE_KINDS)


def holds(sentence: str, kind: AnswerType, question: str, section: str = "", names: Names | None = None,
          news: bool = False) -> bool:
    """Does the sentence state a value of that kind, beyond what the question already says?
    (`section`: where the sentence stands in its item; `news`: a news line, which starts with its actor.)"""
    if kind == "organisation":
        return _names_party(sentence, question, names or Names(), news)
    asked = _kinds(question) if kind in ("money", "percent") else set()
    if asked and not asked & _kinds(sentence):
        return False  # an amount of another kind
    if kind == "place":
        found = _new_names(places_in(sentence), question)
        if ASKS_SUBNATIONAL.search(question):
            found = [n for n in found if not COUNTRIES.hit(n.lower())]
        return bool(found)
    if kind == "definition":
        return bool(HAS_DEFINITION.search(sentence))
    if kind == "reason":
        # the MERICS comment is where a brief says why; elsewhere a cause or purpose must be stated
        return section == "comment" or bool(HAS_REASON.search(sentence))
    if kind == "percent":
        return bool(HAS_PERCENT.search(sentence)) and bool(new_numbers(sentence, question) or
                                                          re.search(r"\b(?:double|triple|half|halve|quadruple)", sentence, re.I))
    if kind == "money":
        return bool(MONEY_AMOUNT.search(sentence)) and bool(new_numbers(sentence, question))
    if kind == "figure":
        if ASKS_COUNT_OR_MEASURE.search(question) and not ASKS_MONEY.search(question):
            sentence = MONEY_AMOUNT.sub(" ", sentence)  # "the plant's capacity" is not its EUR 1.4 billion cost
        if not NAMES_BODIES.search(question):
            sentence = ISSUER_COUNT.sub(" ", sentence)  # how many bodies issued it, unless bodies are asked about
        return bool(new_numbers(sentence, question))
    if kind == "deadline":
        if ASKS_CONDITION.search(question) and HAS_CONDITION.search(sentence):
            return True  # "when do firms have to…?" is answered by the circumstances as well as by a date
        said = {m.group(0).lower() for m in HAS_DEADLINE.rx.finditer(question)}
        return any(m.group(0).lower() not in said for m in HAS_DEADLINE.finditer(sentence))
    if kind == "person":
        # "China Aviation Supplies announced": capitalised words that continue a longer name are an
        # organisation's, not a person's
        return any(not re.search(r"[A-Z][\w&.-]*\s+$", sentence[:m.start()]) for m in HAS_PERSON.finditer(sentence))
    if kind == "ranking":
        return bool(HAS_RANKING.search(sentence))
    if kind == "model":
        return bool(HAS_MODEL.search(sentence))
    return True


def asked_noun(question: str) -> set[str]:
    """Terms naming the kind of value asked for, which are no topic: "companies" of "which
    companies does MERICS mention?" asks for names, "city" of "in which city?" for a place; neither
    names a subject."""
    m = ASKS_ORGANISATION.search(_plain(question))
    nouns = set(content_terms(m["role"] or m["kind"] or m["role2"] or m["verb"] or m["verb3"] or m["kind2"] or m["kind3"]
                              or m["role3"] or "")) if m else set()
    m = ASKS_PLACE.search(question)  # "in which city?" asks for a place, it names no subject
    nouns |= set(content_terms(m["noun"] or m["noun2"] or "")) if m else set()
    m = ASKS_PERSON.search(question)  # "which senior leader…?" asks for a person: its last words name the role
    return nouns | (set(content_terms(" ".join(m[0].split()[-2:]))) if m else set())


def asks_several(question: str) -> bool:
    """"Which carmakers …?", "which investors …?": a plural kind of organisation asks for all of them."""
    m = ASKS_ORGANISATION.search(_plain(question))
    noun = (m["role"] or m["kind"] or m["role2"] or m["kind2"] or m["kind3"] or m["role3"] or "") if m else ""
    return noun.endswith("s")


def names_in(sentence: str, names: Names, bodies_too: bool = False, news: bool = False) -> list[str]:
    """Capitalised names the sentence writes, without its source note, words capitalised for
    grammar (sentence starts, titles, nationalities, months), currencies, places and, unless
    `bodies_too`, government bodies. A news line starts with its actor ("Tencent announces…"); any
    other sentence's first word is capitalised for grammar ("However", "Foster…" in a bullet)."""
    text = SOURCE_NOTE.sub(" ", sentence)
    bodies = names.agencies.spans(text) if names.agencies is not None and not bodies_too else []
    out: list[str] = list(names.companies.find(text)) if names.companies is not None else []
    if bodies_too and names.agencies is not None:
        out += names.agencies.find(text)
    for m in PROPER.finditer(text):
        word, low = m[1], m[1].lower()
        # an acronym is a term ("API", "FYP") unless it is a known company or body (found above)
        if _no_name(word) or _NUMBER.fullmatch(word) or (not news and SENTENCE_START.search(text[:m.start()])):
            continue
        if (stem(low) in names.lowercase or CURRENCIES.hit(low) or PLACES.hit(low) or COUNTRIES.hit(low)
                or any(s <= m.start() < e for s, e in bodies)):
            continue
        out.append(word)
    return out


def places_in(sentence: str) -> list[str]:
    """Places the sentence names: known places, and capitalised words after 'in', 'at', 'near'."""
    text = SOURCE_NOTE.sub(" ", sentence)
    found = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text)
             if w[0].isupper() and (PLACES.hit(w.lower()) or COUNTRIES.hit(w.lower()))]
    # "in PV products": an acronym is a term, not a place (the countries that are acronyms are known)
    for m in HAS_PLACE.finditer(text):
        name = re.sub(r"['’]s$", "", m["name"])  # "in China’s ecosystem" names China
        if not _no_name(name):
            found.append(name)
    return found


def _no_name(word: str) -> bool:
    """Capitalised but naming no one: an acronym (a term unless known), a nationality or title, a
    month, a word of the briefs' format, a function word."""
    low = word.lower()
    return bool(re.fullmatch(r"[A-Z]{2,}s?", word) or NOT_NAMES.hit(low) or MONTH_NAMES.hit(low.rstrip("."))
                or FORMAT_WORDS.hit(low) or low in STOPWORDS)


def _new_names(names: list[str], question: str) -> list[str]:
    """The names the question does not already write."""
    return [n for n in names if not re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", question, re.I)]


def _names_party(sentence: str, question: str, names: Names, news: bool) -> bool:
    """A company the question does not name; for a named part ("which foundry", "who were the
    investors", "who will manufacture"), the sentence must name that part too: "Naura raises CNY
    8.5 billion through a private placement" names Naura, not its investors."""
    m = ASKS_ORGANISATION.rx.search(_plain(question))
    part = (m["role"] or m["role2"] or m["verb"] or m["verb3"] or m["role3"]) if m else None
    if part is None:  # a kind of company: any company answers, a ministry does not
        # "what will the new copper group be named?": another group named elsewhere is not the copper one
        told = {t for t in content_terms(m["mod4"] or m["mod5"] or "") if not QUESTION_FILLER.hit(t)} if m else set()
        if told and not told & set(content_terms(sentence)):
            return False
        if ASKS_BENEFICIARY.search(question):
            # "which firms does it support?": a kind of firm ("private firms", "SMEs") answers
            kinds = [k[0] for k in KIND_OF_FIRM.finditer(sentence)]
            if _new_names(kinds, question):
                return True
        return bool(_new_names(names_in(sentence, names, news=news), question))
    said = set(content_terms(part)) & set(content_terms(sentence)) or _relation(part, sentence)
    return bool(said) and bool(_new_names(names_in(sentence, names, bodies_too=True, news=news), question))


def _relation(part: str, sentence: str) -> bool:
    """Does the sentence name the asked part of a deal by its relation ("a joint venture with X"
    for a partner)?"""
    asked = set(content_terms(part))
    return any(asked & set(content_terms(roles)) and rule.search(sentence) for roles, rule in ROLE_RELATIONS)
