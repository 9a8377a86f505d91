"""Companies as typed entities: which company a text names, and what kind of company it is.

Briefs name companies ("BMW", "Sinopec", "宁德时代"); analysts ask by kind ("carmakers",
"European firms", "state-owned enterprises", "外资企业"). A small data file kept in the package
(data/companies.json) types each company by sector, country and ownership, so questions by kind
are answered from the names alone, for briefs not written yet too."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .agencies import LATIN_END, LATIN_START

DATA_FILE = Path(__file__).resolve().parent / "data" / "companies.json"
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = r"[^\W\u3400-\u9fff]"  # a word character of a Latin-script name
# Where a name may start: Chinese writes Latin names with no space ("2021年CAC发布"), so a run of
# CJK characters and a run of Latin ones are separate words.
_WORD = re.compile(rf"{_LATIN}+|[\u3400-\u9fff]+")
# An acronym word ('US', 'EV', 'SOEs') is matched only in capitals: 'us' and 'it' are English words.
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
# What may stand between a modifier and the phrase it qualifies.
_GAP = re.compile(r"(?:[\s,/&、和与及-]|\band\b|\bor\b)*")


@dataclass(frozen=True)
class Category:
    key: str
    phrases: tuple[str, ...]  # English and Chinese words analysts write for it
    modifiers: tuple[str, ...] = ()  # also name it before another category's phrase: 'German carmakers'
    countries: tuple[str, ...] = ()  # ISO codes of a country or region category


@dataclass(frozen=True)
class Company:
    name: str
    aliases: tuple[str, ...]
    cn: tuple[str, ...]  # Chinese names
    country: str  # ISO 3166 code of its headquarters or legal seat
    state_owned: bool | None  # None: mixed or unclear ownership, neither state-owned nor private
    tags: tuple[str, ...]  # sector categories
    exact_case: bool = False  # its English names are ordinary words too ('Shell'): match only as written

    @property
    def categories(self) -> frozenset[str]:
        """Its sector tags plus the origin and ownership categories its country and owner give it."""
        keys = set(self.tags)
        keys.update(c.key for c in _data().categories if self.country in c.countries)
        if "chinese" not in keys:
            keys.add("foreign")
        if self.state_owned is not None:
            keys.add("state_owned" if self.state_owned else "private")
        return frozenset(keys)


@dataclass(frozen=True)
class _Data:
    companies: tuple[Company, ...]
    categories: tuple[Category, ...]
    not_companies: tuple[str, ...]  # names holding a company's name that are no company ("People's Bank of China")


@lru_cache(maxsize=1)
def _data() -> _Data:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    categories = tuple(
        Category(key, (*c["en"], *c.get("cn", ())), tuple(c.get("modifiers", ())), tuple(c.get("countries", ())))
        for key, c in data["categories"].items())
    companies = tuple(
        Company(c["name"], tuple(c.get("aliases", ())), tuple(c.get("cn", ())), c["country"], c["state_owned"],
                tuple(c.get("tags", ())), c.get("exact_case", False))
        for c in data["companies"])
    return _Data(companies, categories, tuple(data.get("not_companies", ())))


class Companies:
    """Finds companies and company categories in text (questions, news items)."""

    def __init__(self) -> None:
        data = _data()
        self.by_name = {c.name: c for c in data.companies}
        self.categories = {c.key: c for c in data.categories}
        names: list[tuple[str, str | None, bool]] = [(n, None, False) for n in data.not_companies]
        for c in data.companies:
            for n in (c.name, *c.aliases, *c.cn):
                # two capitals are too short to match in any case ('GM' ≠ 'gm'); longer acronyms
                # ('catl', 'byd') are written in lower case by analysts and are no English words
                # unless the data file marks them (exact_case: 'SAP')
                names.append((n, c.name, c.exact_case or (n.isupper() and len(n) <= 2)))
        # Longest names first: "BMW Brilliance Automotive" before "Brilliance Automotive". One
        # alternation per case mode: the item table reads every news item of an archive.
        names.sort(key=lambda x: -len(x[0]))
        # Indexed by first word (lower case): a text is scanned once, and only names that start
        # with one of its words are tried there; the item table reads every news item of an archive.
        self._by_first: dict[str, list[tuple[re.Pattern, str | None]]] = {}
        self._cjk: list[tuple[str, str | None]] = []
        for n, company, case in names:
            first = _WORD.match(n)
            if _CJK.search(n) or not first:
                self._cjk.append((n, company))
            else:
                self._by_first.setdefault(first[0].lower(), []).append((_compile(n, case), company))
        self._phrases = [(_compile(p, _is_acronym(p)), c.key) for c in data.categories for p in c.phrases]
        self._modifiers = [(_compile(m, _is_acronym(m)), c.key) for c in data.categories for m in c.modifiers]

    def find(self, text: str) -> list[str]:
        """Company names mentioned in text, in order of first mention; a longer name wins its span."""
        found: list[tuple[int, int, str | None]] = []
        for w in _WORD.finditer(text):
            for rx, company in self._by_first.get(w[0].lower(), ()):
                m = rx.match(text, w.start())
                if m:
                    found.append((m.start(), m.end(), company))
        for n, company in self._cjk:
            if n in text:
                found += [(m.start(), m.end(), company) for m in re.finditer(re.escape(n), text)]
        return list(dict.fromkeys(name for _, _, name in _longest_of(found) if name is not None))

    @property
    def modifiers(self) -> frozenset[str]:
        """Words that name a kind of company before another kind ('German', 'state-owned'), lower case."""
        return frozenset(m.lower() for c in self.categories.values() for m in c.modifiers)

    def categories_in(self, text: str) -> list[tuple[str, int, int]]:
        """Category keys a question names, with their spans: 'European carmakers' → european, automotive."""
        found = _longest(self._phrases, text)
        anchors = {s for s, _, _ in found}
        # A modifier counts only before a phrase, or before another modifier that does: 'German and French carmakers'.
        for s, e, key in reversed(_longest(self._modifiers, text)):
            if _GAP.match(text, e).end() in anchors and not any(s < fe and fs < e for fs, fe, _ in found):
                found.append((s, e, key))
                anchors.add(s)
        return [(key, s, e) for s, e, key in sorted(found)]

    def categories_of(self, text: str) -> set[str]:
        """Categories of the companies text mentions."""
        return {k for name in self.find(text) for k in self.by_name[name].categories}

    def members(self, category: str) -> list[str]:
        """Names of the companies in a category."""
        if category not in self.categories:
            raise ValueError(f"unknown company category {category!r}; known: {', '.join(sorted(self.categories))}")
        return [c.name for c in self.by_name.values() if category in c.categories]


# What is left of "chip companies" once the company noun goes is the trade: "chip".
_COMPANY_NOUN = re.compile(r"\s+(?:compan(?:y|ies)|firms?|makers?|manufacturers?|producers?|groups?|players?|"
                           r"enterprises?|business(?:es)?|suppliers?|corporations?)$", re.I)


def trade_of(written: str) -> re.Pattern | None:
    """The trade a kind of company is named by ('chip companies' → chips), as a pattern: an item
    whose own words name that trade ('making three computer chips') involves such a company even
    when the maker is no chip company by sector. None for one-word kinds ('carmakers')."""
    m = _COMPANY_NOUN.search(written.strip())
    trade = written.strip()[:m.start()].strip() if m else ""
    if not trade or _CJK.search(trade):
        return None
    return re.compile(r"(?<![\w-])" + re.escape(trade).replace(r"\ ", r"\s+") + r"s?(?![\w-])", re.I)


def _longest(patterns: list[tuple[re.Pattern, str | None]], text: str) -> list[tuple[int, int, str | None]]:
    """Matches of all patterns, longest first, none overlapping a longer one; in text order."""
    return _longest_of([(m.start(), m.end(), value) for rx, value in patterns for m in rx.finditer(text)])


def _longest_of(matches: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    found = sorted(matches, key=lambda x: (x[0] - x[1], x[0]))
    taken: list[tuple[int, int, str | None]] = []
    for s, e, value in found:
        if s < e and not any(s < te and ts < e for ts, te, _ in taken):
            taken.append((s, e, value))
    return sorted(taken)


def _body(name: str) -> str:
    body = re.escape(name).replace(r"\ ", r"\s+").replace("'", "['’]")
    if not _CJK.search(name):  # Chinese has no word boundaries
        # A hyphen is a boundary: "Volkswagen-backed", "SAIC-GM" name Volkswagen, SAIC and GM.
        # CJK characters are word characters too, but no part of a Latin name: "年BMW" names BMW
        body = LATIN_START + body + LATIN_END
    return body


def _compile(name: str, case: bool) -> re.Pattern:
    return re.compile(_body(name), 0 if case else re.I)





def _is_acronym(phrase: str) -> bool:
    return bool(_ACRONYM.search(phrase))
