"""Chinese policy terms in English, from a small data file kept in the package (data/glossary_cn.json).

The briefs' sentences are English, so a question asked in Chinese shares no words with them but
names and figures; its sector and policy terms, put in the English the briefs use, are what
retrieval and the judge can match. Instruments and facets (通知, 目标) are not in the file: the
facet classifier reads those."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "glossary_cn.json"


@lru_cache(maxsize=1)
def _terms() -> tuple[dict[str, str], re.Pattern | None]:
    terms = json.loads(DATA_FILE.read_text(encoding="utf-8"))["terms"]
    first = {cn: en[0] for cn, en in terms.items() if en}
    # Longest first, so 锂离子电池 is one term, not 锂 + 电池.
    keys = sorted(first, key=len, reverse=True)
    return first, (re.compile("|".join(map(re.escape, keys))) if keys else None)


def to_english(text: str) -> str:
    """`text` with each glossary term replaced by its English words (spaced off); other text kept."""
    first, rx = _terms()
    if rx is None or not re.search(r"[\u3400-\u9fff]", text):
        return text
    return rx.sub(lambda m: f" {first[m[0]]} ", text)
