"""Every prompt the optional local-LLM answerer sends, in one place.

The model sees only the evidence the extractive answerer already retrieved and cited,
numbered [1]..[n] exactly as the extractive citations are numbered."""
from __future__ import annotations

SYSTEM = (
    "You answer questions about MERICS China Industries briefs. "
    "Use ONLY the numbered sources you are given; never add facts, numbers or names that are not in them. "
    "Write two to five plain sentences: no headings, no lists, no code. "
    "End every sentence with the marker of the source it comes from, written exactly like [1] or [2]. "
    "Use every source that helps answer the question. "
    "When sources have different dates, say which year each point is from."
)

SOURCE = "[{n}] {headline} ({label}{date}{issuers})\n{text}"

USER = "Sources:\n\n{sources}\n\nQuestion: {question}"

# One worked example (invented, not from the corpus) shows the marker style better than rules do.
EXAMPLE_SOURCES = [
    "[1] Steel output capped (Top-5 item, 2021-05-01; issued by NDRC)\n"
    "NDRC capped crude steel output at the 2020 level. … Mills must cut emissions by 2025.",
    "[2] Scrap steel imports eased (Policy news, 2022-03-02; issued by MIIT)\nMIIT eased imports of scrap steel.",
]
EXAMPLE_QUESTION = "What did China do about steel?"
EXAMPLE_ANSWER = ("In 2021, NDRC capped crude steel output at the 2020 level and told mills to cut emissions by 2025 [1]. "
                  "In 2022, MIIT eased imports of scrap steel [2].")


def source_block(n: int, headline: str, label: str, date: str, issuers: list[str], text: str) -> str:
    """One numbered source as the model sees it."""
    return SOURCE.format(n=n, headline=headline.strip() or "(untitled)", label=label,
                         date=f", {date}" if date else "",
                         issuers=f"; issued by {', '.join(issuers)}" if issuers else "",
                         text=text.strip())


def messages(question: str, sources: list[str]) -> list[dict[str, str]]:
    """Chat messages for one answer: rules, the worked example, then the real sources and question."""
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": USER.format(sources="\n\n".join(EXAMPLE_SOURCES), question=EXAMPLE_QUESTION)},
        {"role": "assistant", "content": EXAMPLE_ANSWER},
        {"role": "user", "content": USER.format(sources="\n\n".join(sources), question=question.strip())},
    ]
