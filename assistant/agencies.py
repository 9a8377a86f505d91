"""Issuing bodies as entities: one key per agency, whatever name, acronym or Chinese name is used.

The central agencies come from a small data file kept in the package (data/agencies.json);
"Name (ACRONYM)" pairs the briefs write themselves add the bodies that file lacks, so a new
brief's new issuer is understood without code changes."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon import ACRONYM_WORDS, AGENCY_COUNT, AGENCY_NAME, STOPWORDS

DATA_FILE = Path(__file__).resolve().parent / "data" / "agencies.json"


@dataclass(frozen=True)
class Agency:
    key: str  # the acronym, e.g. "MIIT"
    en: tuple[str, ...]  # English names
    cn: tuple[str, ...] = ()  # Chinese names, full and short

    @property
    def label(self) -> str:
        """How answers name it: the acronym, unless it is no acronym anyone uses ("SC")."""
        return self.en[0] if len(self.key) <= 2 or " " in self.key else self.key


@lru_cache(maxsize=1)
def _builtin() -> tuple[Agency, ...]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    # Informal names find the agency in a question; the official names come first, for answers.
    return tuple(Agency(a["acronym"], (*a["en"], *a.get("informal", ())), tuple(a.get("cn", ()))) for a in data["agencies"])


class Agencies:
    """Finds agencies in text (questions, news items) and canonicalises issuer strings."""

    def __init__(self, corpus_pairs: dict[str, str] | None = None):
        agencies = {a.key: a for a in _builtin()}
        for name, acronym in (corpus_pairs or {}).items():  # learned from the briefs' own "Name (ACR)"
            if name == acronym.lower() or not acronym.isupper() or not AGENCY_NAME.search(name):
                continue
            known = agencies.get(acronym)
            if known is None:
                agencies[acronym] = Agency(acronym, (name.title(),))
            elif name not in (n.lower() for n in known.en):
                agencies[acronym] = Agency(known.key, (*known.en, name.title()), known.cn)
        self.by_key = agencies
        alternatives: list[tuple[str, str, bool]] = []  # (pattern text, key, case-sensitive)
        for a in agencies.values():
            if " " not in a.key and len(a.key) > 2:
                # acronyms that are English words only in capitals: MOST ≠ most; 'miit' is MIIT
                case = a.key.lower() in ACRONYM_WORDS.words or a.key.lower() in STOPWORDS.words
                alternatives.append((a.key, a.key, case))
            alternatives += [(n, a.key, False) for n in a.en]
            alternatives += [(n, a.key, False) for n in a.cn]
        # Longest names first: "Standing Committee of the National People's Congress" before "National People's Congress".
        alternatives.sort(key=lambda x: -len(x[0]))
        self._patterns = [(re.compile(_pattern(text), 0 if case else re.I), key) for text, key, case in alternatives]

    def find(self, text: str) -> list[str]:
        """Agency keys mentioned in text, in order of first mention; a longer name wins its span."""
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, str]] = []
        for rx, key in self._patterns:
            for m in rx.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                found.append((m.start(), key))
        return list(dict.fromkeys(k for _, k in sorted(found)))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where agency names stand in text (to take them out of a question's topic)."""
        found = sorted((m.start(), m.end()) for rx, _ in self._patterns for m in rx.finditer(text))
        merged: list[tuple[int, int]] = []
        for s, e in found:  # "国家发改委" holds "发改委": one span
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        return merged

    def canon(self, issuer: str) -> str:
        """'National Development and Reform Commission' / 'NDRC' / '发改委' → 'NDRC';
        an issuer no entry knows keeps its own name."""
        keys = self.find(issuer)
        return keys[0] if len(keys) == 1 else issuer.strip()

    def label(self, key: str) -> str:
        a = self.by_key.get(key)
        return a.label if a else key

    def names(self, key: str) -> list[str]:
        a = self.by_key.get(key)
        return [key, *a.en, *a.cn] if a else [key]


# A Latin name's edges: no Latin letter or digit beside it; a CJK character may be ("2021年CAC发布"
# names the CAC). Spelled as a small class: [^\W\u3400-\u9fff] (or any CJK range) compiles into a
# full Unicode bitmap, seconds over a gazetteer's thousands of patterns at every start.
_LATIN_CHAR = r"[0-9A-Za-z_\u00c0-\u024f]"
LATIN_START = rf"(?<!{_LATIN_CHAR})"
LATIN_END = rf"(?!{_LATIN_CHAR})"


def _pattern(name: str) -> str:
    if re.search(r"[\u3400-\u9fff]", name):
        return re.escape(name)  # Chinese has no word boundaries
    # CJK characters are word characters, but no part of a Latin name: "2021年CAC发布" names the CAC
    return LATIN_START + r"(?<!-)" + re.escape(name).replace(r"\ ", r"\s+") + LATIN_END + r"(?!-)"


def stated_issuer_count(text: str) -> int:
    """'Four central agencies published…' states how many bodies issued a news item."""
    m = AGENCY_COUNT.search(text)
    if not m:
        return 0
    word = m[1].lower()
    numbers = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
    return int(word) if word.isdigit() else numbers.get(word, 0)
