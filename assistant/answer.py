"""Extractive answerer: composes a cited answer from the retrieved items' own sentences.

No LLM: every sentence in the answer is a verbatim sentence/bullet of a retrieved item (or a
template line over its verbatim metadata), followed by the [n] of that item."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from .models import KIND_LABELS, Answer, AnswerRow, Block, Citation, Hit, Item
from .dates import month_label
from .query import QueryPlan
from .settings import AnswerSettings
from .evidence import ItemHits, Scorer, candidate_units, group_items, header_text
from .table import targets_line
from .judge import (Reason, answerable, subject_scorer, writes_quoted, existence_verdict, giving_value, item_coverage, named_issuers_verdict,
                    names_company, names_list, stands_out, targets_verdict, topic_verdict, value_verdict)
from .lexicon import ASKS_ORDER, ASKS_DOCUMENT, ASKS_POLICY, ASSESSMENT_MARKERS, INSTRUMENT, POLAR, PRO_ONE, STATES_OBLIGATION
from .answertypes import GATE_ONLY, Names, answer_type, asks_several, holds
from .text import content_terms, sentences

_NUMBER = re.compile(r"\d")


class Citations:
    """Numbers items in order of first use; an item cited twice keeps its number."""

    def __init__(self) -> None:
        self.by_item: dict[str, Citation] = {}
        self.quotes: dict[str, list[str]] = {}

    def mark(self, item: ItemHits, quote: str) -> str:
        if item.item_id not in self.by_item:
            m = item.meta
            self.by_item[item.item_id] = Citation(
                n=len(self.by_item) + 1, brief=m.get("brief_id", ""), item_id=item.item_id, kind=m.get("kind", ""),
                headline=m.get("headline", ""), policy=m.get("policy", ""),
                issuers=[s.strip() for s in str(m.get("issuers", "")).split(",") if s.strip()],
                date=m.get("date", ""), quote="", policy_cn=m.get("policy_cn", ""))
            self.quotes[item.item_id] = []
        if quote and quote not in self.quotes[item.item_id]:
            self.quotes[item.item_id].append(quote)
        return f"[{self.by_item[item.item_id].n}]"

    def finish(self) -> list[Citation]:
        for item_id, c in self.by_item.items():
            c.quote = " … ".join(self.quotes[item_id])
        return sorted(self.by_item.values(), key=lambda c: c.n)


def pick_sentences(item: ItemHits, scorer: Scorer, intent: str, limit: int,
                   s: AnswerSettings | None = None, ranked: bool = False) -> list[str]:
    """The item's `limit` sentences that match the question best, in source order (best first
    if `ranked`)."""
    w = s or AnswerSettings()
    # the words naming the item ("the HIDZ plan") chose it, and its lead repeats them; among its
    # sentences, the question's other words say which one answers, if it has two or more ("the
    # battery policy" has one, "policy", which names the instrument)
    named = scorer.terms_in(header_text(item.meta))
    beyond = scorer.restricted(lambda t: t not in named)
    scorer = beyond if len(beyond.weights) >= 2 else scorer
    units = candidate_units(item, intent)
    if intent == "comment" and any(sec == "comment" for sec, _ in units):
        units = [u for u in units if u[0] == "comment"]  # MERICS's view is asked for: the comment answers
    sims = scorer.similarity([u[1] for u in units]) if scorer.similarity and units else [0.0] * len(units)
    scored = []
    for pos, (section, sent) in enumerate(units):
        # words shared with the question, plus meaning for paraphrases ("accumulator makers")
        score = scorer.coverage(sent) + sims[pos]
        if intent == "numeric" and _NUMBER.search(sent):
            score += w.numeric_bonus
        if intent == "comment":
            score += w.first_comment_bonus if pos == 0 else 0.0
            score += w.assessment_bonus if ASSESSMENT_MARKERS.search(sent) else 0.0
        elif section == "comment":
            score -= w.comment_penalty  # the factual "at a glance" part answers first; analysis comes after
        if pos == 0 and section in ("glance", "news"):
            score += w.lead_bonus  # the item's lead sentence says what the policy is
        if section == "bullet" and intent in ("general", "numeric", "measures"):
            score += w.bullet_bonus  # bullets carry the measures and targets themselves
        scored.append((score, pos, sent))
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:limit]
    # Bullets are targets without their frame; "Key goals for 2027 include:" carries the target
    # year (or baseline) that every bullet's figure refers to, so it comes along with them.
    if any(units[pos][0] == "bullet" for _, pos, _ in best):
        lead = [(0.0, pos, sent) for pos, (section, sent) in enumerate(units)
                if section == "glance" and sent.rstrip().endswith(":") and _NUMBER.search(sent)]
        if lead and lead[-1][1] not in {pos for _, pos, _ in best}:
            best.append(lead[-1])
    if ranked:
        return [sent for _, _, sent in best]
    return [sent for _, _, sent in sorted(best, key=lambda x: x[1])]


def _when(meta: dict) -> str:
    from datetime import date as _date

    try:
        d = _date.fromisoformat(meta.get("date", ""))
        return f"{d.strftime('%B')} {d.day}, {d.year}"
    except ValueError:
        return meta.get("brief_month", "")


def _label(item: ItemHits) -> str:
    m = item.meta
    bits = [KIND_LABELS.get(m.get("kind", ""), m.get("kind", "")), _when(m)]
    if m.get("issuers"):
        bits.append(m["issuers"])
    return "; ".join(bits)


def _meta_line(item: ItemHits, prefix: str) -> str:
    """The verbatim source-note line ('Issuing bodies: ...') of a Top-5 item, if retrieved or known."""
    for h in item.hits:
        if h.section == "meta":
            for line in h.text.split("\n"):
                if line.lower().startswith(prefix):
                    return line
    return ""


def _issuers_as_written(note_line: str, issuers: str) -> str:
    """The issuers as the source note writes them ("MIIT, MOE and GASC"), else the item's list."""
    _, colon, written = note_line.partition(":")
    return written.strip().rstrip(".") if colon and written.strip() else issuers


def _whole_facet(it: Item, intent: str, s: AnswerSettings) -> list[str]:
    """The part of a Top-5 item a facet is made of, whole: its bullet list (measures, or the
    numeric bullets for targets) after the lead sentence and the lead-in that frames the bullets
    ("Key goals for 2025 include:"). A question about the item as a whole gets the same."""
    if it.kind == "top5" and intent == "comment" and it.comment:
        return sentences(it.comment)[:s.max_comment_sentences]  # MERICS's view is the whole comment
    if it.kind != "top5" or not it.bullets or intent not in ("measures", "numeric", "general"):
        return []
    glance = sentences(it.glance)
    frame = [glance[0]] if glance else []
    if intent in ("measures", "general"):  # "companies must obtain approval" is a measure, stated in prose
        frame += [g for g in glance[1:-1] if STATES_OBLIGATION.search(g)]
    if len(glance) > 1 and glance[-1].rstrip().endswith(":"):
        frame.append(glance[-1])
    bullets = it.bullets[:s.max_measures]
    if intent == "numeric":
        bullets = [b for b in bullets if _NUMBER.search(b)] or bullets
    return [*frame, *bullets]


def _source_order(it: Item, picked: list[str]) -> list[str]:
    order = {x: i for i, x in enumerate([*sentences(it.glance), *it.bullets, *sentences(it.comment)])}
    return sorted(dict.fromkeys(picked), key=lambda x: order.get(x, len(order)))


def render_item(item: ItemHits, scorer: Scorer, plan: QueryPlan, cites: Citations, limit: int,
                s: AnswerSettings | None = None, whole: bool = True) -> str:
    """One item's part of an answer. `whole`: the asked facet in full (the main item); else the
    `limit` sentences that match the question best (items cited beside it)."""
    s = s or AnswerSettings()
    m = item.meta
    head = m.get("headline", "")
    if plan.intent == "issuer" and m.get("kind") == "top5" and m.get("issuers"):
        quote = _meta_line(item, "issu") or ""
        return (f"**{head}** ({_when(m)}) was issued by {_issuers_as_written(quote, m['issuers'])}. {cites.mark(item, quote)}"
                + _support(item, scorer, cites))
    if plan.intent == "date+issuer" and m.get("kind") == "top5" and m.get("issuers"):
        cites.mark(item, _meta_line(item, "date"))
        quote = _meta_line(item, "issu")
        return (f"**{head}** is dated {_when(m)} and was issued by {_issuers_as_written(quote, m['issuers'])}. "
                f"{cites.mark(item, quote)}" + _support(item, scorer, cites))
    if plan.intent == "date" and m.get("kind") == "top5":
        quote = _meta_line(item, "date") or ""
        return f"**{head}** is dated {_when(m)}. {cites.mark(item, quote)}" + _support(item, scorer, cites)
    if plan.intent == "policy_name" and m.get("policy"):
        quote = _meta_line(item, "policy") or _meta_line(item, "article") or ""
        cn = f" ({m['policy_cn']})" if m.get("policy_cn") else ""
        name = m["policy"] if m["policy"][:1] in "“\"" else f"“{m['policy']}”"  # some names carry their own quotes
        return f"**{head}**: the policy is {name}{cn}. {cites.mark(item, quote)}"
    if m.get("kind") != "top5":  # a news item is one sentence: its own line, no headline echo
        body = item.hits[0].text.strip()
        return f"**{KIND_LABELS.get(m.get('kind', ''), 'News')}, {_when(m)}:** {body} {cites.mark(item, body)}" if body else ""
    cn = f" ({m['policy_cn']})" if m.get("policy_cn") and re.search(r"[\u3400-\u9fff]", plan.question) else ""
    # the item answered sees its policy's official name (the headline is MERICS's); so does each
    # item of a question asking which documents or naming an instrument
    named = (f" — {m['policy']}" if m.get("policy") and (whole or ASKS_DOCUMENT.search(plan.question)
                                                         or ASKS_POLICY.search(plan.question)) else "")
    lines = [f"**{head}**{named}{cn} ({_label(item)})"]  # a question in Chinese sees the Chinese name it may know
    it = item.item
    # The whole facet when the question asks about it; a question after one value gets the
    # sentences that best match it instead.
    facet = (_whole_facet(it, plan.intent, s) if whole and it is not None
             and (not plan.answer_type or plan.answer_type in GATE_ONLY) else [])
    # a yes/no question: the sentence that says yes or no comes first; so does the one naming the
    # party or place asked for
    says = _yes_or_no(it, scorer, plan.question) if it is not None and POLAR.search(plan.question) else ""
    if not says and it is not None and plan.answer_type in ("organisation", "place"):
        says = _naming(it, scorer, plan)
    first = [says] if says else []
    if not says and it is not None:
        # the sentences writing a phrase the question quotes are what the question is about
        first = [u for u in [*sentences(it.glance), *it.bullets, *sentences(it.comment)] if writes_quoted(plan.question, u)]
    if plan.intent == "measures" and facet:
        for sent in first + [x for x in facet if x not in first]:
            lines.append(f"- {sent} {cites.mark(item, sent)}")
        return "\n".join(lines)
    picked = pick_sentences(item, scorer, plan.intent, limit, s, ranked=bool(facet))
    if facet:  # the whole facet in source order, then what else matches the question best
        extra = [x for x in picked if x not in facet][:s.facet_extra_sentences]
        picked = _source_order(it, facet + extra)
    picked = [*first, *(x for x in picked if x not in first)]
    for sent in picked:
        lines.append(f"- {sent} {cites.mark(item, sent)}")
    if len(lines) == 1:
        return ""
    return "\n".join(lines)


def _naming(it: Item, scorer: Scorer, plan: QueryPlan) -> str:
    """The item's sentence that names the kind of party or place asked for, best on topic first."""
    units = [*sentences(it.glance), *it.bullets, *sentences(it.comment)]
    named = [u for u in units if holds(u, plan.answer_type, plan.question)]
    return max(named, key=scorer.coverage, default="")


def _yes_or_no(it: Item, scorer: Scorer, question: str) -> str:
    """The sentence of the item that holds most of what a yes/no question asks beyond the item's
    name ("binding" of "are the battery conditions binding?"); "" if none does."""
    asked = set(content_terms(question)) - scorer.terms_in(" ".join([it.headline, it.policy, *it.issuers]))
    if not asked:
        return ""
    units = [*sentences(it.glance), *it.bullets, *sentences(it.comment)]
    # the rarest asked words weigh most: "binding" says more than "regulation"
    best = max(units, key=lambda u: sum(scorer.weights.get(t, 1.0) for t in asked & scorer.terms_in(u)), default="")
    return best if best and asked & scorer.terms_in(best) else ""


def render_parts(item: ItemHits, scorer: Scorer, plan: QueryPlan, cites: Citations, limit: int,
                 s: AnswerSettings) -> str:
    """The main item for a question asking two different things (its issuer and its targets, say):
    each part's facet in turn, read with that part's words, without repeated lines."""
    lines: list[str] = []
    for part, intent in plan.part_intents:
        sub = replace(plan, question=part, intent=intent,
                      answer_type="" if intent in ("issuer", "date", "date+issuer", "policy_name") else answer_type(part))
        block = render_item(item, scorer.restricted(set(content_terms(part)).__contains__), sub, cites, limit, s,
                            whole=True)
        for j, line in enumerate(block.split("\n")):
            if lines and j == 0 and line.startswith("**") and line.endswith(")"):
                continue  # the item's header, already said by the first part
            if line and line not in lines:
                lines.append(line)
    return "\n".join(lines)


def compose_overview(plan: QueryPlan, hits: list[Hit], titles: dict[str, str]) -> Answer:
    """A brief as a whole: its topics line, then each Top-5 item's headline and lead sentence."""
    items = group_items(hits)
    if not items:
        return abstain(plan, hits)
    cites = Citations()
    blocks: list[Block] = []
    for brief_id in dict.fromkeys(it.meta.get("brief_id", "") for it in items):
        month = next(it.meta.get("brief_month", "") for it in items if it.meta.get("brief_id") == brief_id)
        title = titles.get(brief_id, "")
        lines = [f"**{month_label(month)} brief**" + (f" ({title})" if title else "") + ":"]
        for it in (x for x in items if x.meta.get("brief_id") == brief_id):
            if it.meta.get("kind") != "top5":  # a news item is one sentence: quoted whole
                body = it.hits[0].text.strip()
                lines.append(f"- *{KIND_LABELS.get(it.meta.get('kind', ''), 'News')}, {_when(it.meta)}:* {body} "
                             f"{cites.mark(it, body)}")
                continue
            lead = next(iter(sentences(it.hits[0].text)), "")
            who = f"; {it.meta['issuers']}" if it.meta.get("issuers") else ""
            lines.append(f"- **{it.meta.get('headline', '')}** (Top-5 item; {_when(it.meta)}{who}): {lead} "
                         f"{cites.mark(it, lead)}")
        blocks.append(Block("text", "\n".join(lines)))
    return Answer(question=plan.question, text="", blocks=blocks, answerable=True, citations=cites.finish(),
                  retrieved=hits)


def _issued_by(item: ItemHits, issuers: tuple[str, ...]) -> bool:
    """Top-5 items list their issuers; a news item only names them in its text."""
    listed = {x.strip() for x in str(item.meta.get("issuers", "")).split(",") if x.strip()}
    if listed:
        return all(i in listed for i in issuers)
    return all(re.search(r"\b" + re.escape(i) + r"\b", item.text()) for i in issuers)


def _support(item: ItemHits, scorer: Scorer, cites: Citations) -> str:
    """The item's sentence closest to the question, under a who/when line: "which agency will
    run the bureau?" reads like an issuer question but is answered in the text."""
    best = pick_sentences(item, scorer, "general", 1)
    if not best or scorer.coverage(best[0]) == 0:
        return ""
    return f"\n- {best[0]} {cites.mark(item, best[0])}"


def select_items(items: list[ItemHits], scorer: Scorer, s: AnswerSettings, intent: str = "general",
                 issuers: tuple[str, ...] = (), policy_asked: bool = False, by_name: bool = True) -> list[ItemHits]:
    """The top item plus others nearly as relevant, at most s.max_items. Issuers named in the
    question ("the MIIT and SAMR notice") rule out further items they did not all issue; a
    question about a policy instrument (plan, notice, rules…) rules out company news beside it."""
    if not items:
        return []
    top = items[0]
    if issuers and _issued_by(top, issuers):
        items = [top] + [it for it in items[1:] if _issued_by(it, issuers)]
    top_cover = item_coverage(top, scorer)
    named = _named_terms(top, scorer, s.named_item_coverage) if by_name else set()
    chosen = [top]
    for it in items[1:]:
        if len(chosen) >= s.max_items:
            break
        if named and not named <= scorer.terms_in(_name_text(it)):
            continue  # the question names the top item by words another item's name lacks: that one is something else
        if policy_asked and it.meta.get("kind") == "corporate_news":
            continue
        close = it.score >= s.related_ratio * top.score
        if intent in ("general", "numeric", "comment", "measures"):  # metadata questions are about one named item
            close = close or item_coverage(it, scorer) >= s.related_coverage * top_cover
        # an item holding as much of the question as the answered one holds is as much about it,
        # however differently its sentence reads
        if close and (answerable(it, scorer, s)
                      or (top_cover >= s.min_term_coverage and item_coverage(it, scorer) >= top_cover)):
            chosen.append(it)
    return chosen


def _best_fitting(items: list[ItemHits], scorer: Scorer) -> list[ItemHits]:
    """The items whose text covers the question's words as well as the best one does; the first
    alone (ranked by meaning too) when none holds any of them."""
    best = max((item_coverage(it, scorer) for it in items), default=0.0)
    return [it for it in items if item_coverage(it, scorer) >= best] if best > 0 else items[:1]


def _kind_named_first(items: list[ItemHits], scorer: Scorer) -> list[ItemHits]:
    """Items whose name holds a company of the kind asked for ("carmakers": Tesla's news) before
    items that mention the kind in passing (a battery plan's comment on carmakers)."""
    kinds = {t for t, _ in scorer.members}
    if not kinds:
        return items
    return sorted(items, key=lambda it: not (kinds & scorer.terms_in(_name_text(it))))


def _dominant_first(items: list[ItemHits], scorer: Scorer, s: AnswerSettings) -> list[ItemHits]:
    """The item both far closer in meaning and about as close in wording as the first, first."""
    top = items[0]
    cover = item_coverage(top, scorer)
    better = [it for it in items[1:s.judge_depth]
              if it.dense >= top.dense + s.dominant_dense_margin
              and item_coverage(it, scorer) >= s.dominant_coverage_ratio * cover]
    if not better:
        return items
    best = max(better, key=lambda it: it.dense)
    return [best, *(x for x in items if x is not best)]


def _by_named_issuer(it: ItemHits, plan: QueryPlan) -> bool:
    """Was the item issued by a body the question names ("what the CAC put out in 2021 and 2022":
    each of its items that year is part of the answer)?"""
    names = {n.lower() for n in (*plan.issuer_keys, *plan.issuers)}
    issuers = {x.strip().lower() for x in str(it.meta.get("issuers", "")).split(",")}
    return bool(names & issuers) or any(re.search(rf"\b{re.escape(n)}\b", it.text(), re.I) for n in names)


def _issuers_first(plan: QueryPlan, items: list[ItemHits], subject: Scorer, s: AnswerSettings) -> list[ItemHits] | None:
    """The items with the best one from a body the question names first ("did the CAC publish anything
    on batteries?" is not answered by MIIT's battery notice); None if no item on the `subject` (the
    question without that body's name) is theirs."""
    if not plan.issuers or plan.filters.item_ids or plan.named_items or not items or _by_named_issuer(items[0], plan):
        return items
    theirs = next((it for it in items[1:s.judge_depth] if _by_named_issuer(it, plan) and answerable(it, subject, s)), None)
    return None if theirs is None else [theirs, *(x for x in items if x is not theirs)]


def _company_named_first(items: list[ItemHits], names: tuple[str, ...]) -> list[ItemHits]:
    """Items that name the company the question names before those that do not: a question about
    one company's factory is about that company's news, not about a plan on its industry."""
    if not names:
        return items
    return sorted(items, key=lambda it: not names_company(it.text() + "\n" + header_text(it.meta), names))


def _named_terms(top: ItemHits, scorer: Scorer, min_coverage: float) -> set[str]:
    """The question's terms that the top item's name (a Top-5 item's headline, policy and
    issuers; a news item's sentence) holds: words by which the question names that item ("the
    MIIT/SAMR supply chain notice"). Words the briefs never write are phrasing, not a name."""
    name = _name_text(top)
    if scorer.known_coverage(name) < min_coverage:
        return set()  # the question does not name the item; it only shares a word with its name
    return scorer.terms_in(name) & scorer.known


def _topic_named_first(items: list[ItemHits], plan: QueryPlan, scorer: Scorer) -> list[ItemHits]:
    """With an issuer named, items whose name holds the question's topic words first: the issuer's
    name, spelled out in every item it issued, tells none of them apart ("MIIT's item on drugs")."""
    topic = set(content_terms(plan.table_topic))
    if not (plan.issuers and topic) or len(items) < 2:
        return items
    if topic & scorer.terms_in(items[0].text() + "\n" + header_text(items[0].meta)):
        return items  # the first already speaks of the topic
    return sorted(items, key=lambda it: not (_issued_by(it, plan.issuers) and topic & scorer.terms_in(_name_text(it))))


def _name_text(it: ItemHits) -> str:
    """What names an item: a Top-5 item's headline, policy and issuers; a news item's sentence."""
    return header_text(it.meta) if it.meta.get("kind") == "top5" else it.text() + "\n" + header_text(it.meta)


def compose(plan: QueryPlan, hits: list[Hit], scorer: Scorer, s: AnswerSettings, strict: bool = False,
            lookup: Callable[[str], Item | None] | None = None, agencies=None, names: Names | None = None) -> Answer:
    """One-topic answer (no comparison). `names` tells names from capitalised words (judge.py)."""
    items = group_items(hits, lookup)
    standout = None
    subject = subject_scorer(plan, scorer)  # an issuing body the question names is no part of its subject
    if items and not strict and not answerable(items[0], subject, s):
        # The lexical best may share only common words; an item close in meaning a few ranks down is
        # the answer to a paraphrase, if it passes the same test (or stands out by meaning alone: not
        # when the question names an issuer, whose name alone brings its items close).
        passing = [it for it in items[1:s.judge_depth] if answerable(it, subject, s)]
        best = (max(passing, key=lambda it: it.dense) if passing
                else None if plan.issuers else (standout := stands_out(items, scorer, s)))
        if best is not None:
            items = [best, *(x for x in items if x is not best)]
    elif items and not plan.named_items:
        items = _dominant_first(items, scorer, s)
    verdict = topic_verdict(plan, items, scorer, s, strict, standout)
    if not verdict.answerable:
        return abstain(plan, hits, verdict.message, verdict.reason)
    theirs = _issuers_first(plan, items, subject, s)
    if theirs is None:
        return abstain(plan, hits, f"The briefs have nothing from {names_list(plan.issuers)} on this.", Reason.NOTHING_RELEVANT)
    items = _company_named_first(theirs, plan.company_names)
    items = _topic_named_first(items, plan, scorer)
    cites = Citations()
    # a news line's name is all its words: a bare subject it shares ("quantum?", a word or two)
    # names no item unless the question names an instrument or a company
    subject_only = (bool(items) and items[0].meta.get("kind") != "top5" and not plan.company_names and not plan.company_kinds
                    and plan.intent == "general" and not plan.answer_type
                    and len(content_terms(plan.table_topic)) <= s.bare_subject_terms
                    and not ASKS_POLICY.search(plan.question) and not PRO_ONE.search(plan.question))
    # "which carmakers …?" asks for every company that did it: no one item's name is the question's
    chosen = select_items(items, scorer, s, plan.intent, plan.issuers, bool(ASKS_POLICY.search(plan.question)),
                          by_name=not asks_several(plan.question) and not subject_only)
    if plan.choose:  # "which of them is about solar?": those that fit its words best, else the closest in meaning
        if plan.intent == "comment":  # MERICS's view is asked of the items that carry one
            items = [it for it in items if it.item is not None and it.item.comment] or items
        if plan.issuer_keys and agencies is not None:
            # "which of these did the market regulator co-sign?": the items that body issued or names
            theirs = [it for it in items if set(plan.issuer_keys) & set(agencies.find(f"{it.text()}\n{header_text(it.meta)}"))]
            items, scorer = (theirs, subject) if theirs else (items, scorer)
        # "which of them came out first?" is answered by their dates: all of them, in date order
        chosen = sorted(items, key=lambda it: str(it.meta.get("date") or "")) if ASKS_ORDER.search(plan.question) else _best_fitting(items, scorer)
        one = PRO_ONE.search(plan.question)
        if len(chosen) > 1 and one and not one[0].lower().endswith("ones"):
            # "the IP one" is one item: of those that fit, the one whose name says it
            chosen = [max(chosen, key=lambda it: scorer.coverage(_name_text(it)))]
    elif len(plan.named_items) > 1:  # the question names each of these policies exactly: each is answered
        chosen = [it for it in items if it.item_id in plan.named_items] or chosen
    elif plan.stated_items > len(chosen):  # "the two plans": as many as it says, if that many are about it
        more = [it for it in items if it not in chosen and answerable(it, scorer, s)
                and not (plan.issuers and not _issued_by(it, plan.issuers))]
        more.sort(key=lambda it: -item_coverage(it, scorer))
        chosen = chosen + more[:plan.stated_items - len(chosen)]
    verdict = value_verdict(plan, chosen, scorer, s, names)
    if verdict.answerable:
        verdict = existence_verdict(plan, chosen, scorer, s)
    if verdict.answerable:
        verdict = named_issuers_verdict(plan, chosen, agencies)
    if verdict.answerable:
        verdict = targets_verdict(plan, chosen, scorer, s)
    if not verdict.answerable:
        return replace(abstain(plan, hits, verdict.message, verdict.reason), related=[it.item_id for it in chosen[:1]])
    if plan.answer_type:  # a value question: the items that state such a value answer it, the others are noise
        chosen = giving_value(plan, chosen, scorer, s, names) or chosen
    if len(chosen) > 1 and all(it.meta.get("kind") != "top5" for it in chosen):
        # news lines, each whole in one sentence, are a dated list: in the brief's order, as "the first one" expects
        chosen.sort(key=lambda it: (str(it.meta.get("date") or ""), str(it.meta.get("kind")), int(it.meta.get("number") or 0)))
    per_item = max(1, s.max_sentences // len(chosen))
    blocks = [render_parts(it, scorer, plan, cites, per_item + 1, s) if i == 0 and plan.part_intents else
              render_item(it, scorer, plan, cites, per_item + (1 if i == 0 else 0), s, whole=i == 0)
              for i, it in enumerate(chosen)]
    return Answer(question=plan.question, text="", blocks=[Block("text", b) for b in blocks if b], answerable=True,
                  citations=cites.finish(), retrieved=hits, facet=plan.intent)


def compose_comparison(plan: QueryPlan, per_period: list[tuple[int, list[Hit]]], scorer: Scorer,
                       s: AnswerSettings, covered_years: tuple[int, ...],
                       lookup: Callable[[str], Item | None] | None = None,
                       scorers: dict[int, Scorer] | None = None) -> Answer:
    """Side by side: one section per period, each with its own citations, a table of the main
    item's fields per period, and what changed, computed from the differences of those fields.
    `scorers`: a period's own topic, when the question gives each side its own subject."""
    cites = Citations()
    sections: list[Block] = []
    covered: list[tuple[int, ItemHits]] = []
    all_hits = interleave([hits for _, hits in per_period])
    groups = {year: group_items(hits, lookup) for year, hits in per_period}
    own = scorers or {}
    # A period is judged on its own restricted search, and relative to the periods that answer:
    # the same theme, mentioned in passing or written differently in another year, still belongs
    # side by side if it holds the theme's most specific word.
    strong = [(year, items[0]) for year, items in groups.items() if items and year in covered_years
              and answerable(items[0], own.get(year, scorer), s)]
    bar = max((item_coverage(it, own.get(y, scorer)) for y, it in strong), default=0.0) * s.compare_relative
    for year, _ in per_period:
        items = groups[year]
        sc = own.get(year, scorer)
        if year not in covered_years:
            sections.append(Block("section", f"The briefs don't cover {year}.", str(year)))
            continue
        relevant = items and (answerable(items[0], sc, s) or (
            strong and not own and item_coverage(items[0], sc) >= bar
            and sc.has_rarest(items[0].text() + "\n" + header_text(items[0].meta), known_only=True)))
        if not relevant:
            sections.append(Block("section", f"The briefs don't say anything about this for {year}.", str(year)))
            continue
        if INSTRUMENT.search(plan.question):
            # "that year's notice on X": a question naming a kind of instrument compares policies, and a
            # company's news is none, whatever words it shares
            items = [it for it in items if it.meta.get("kind") != "corporate_news"] or items
        # Neighbours on the theme stay, unless the question names the side's item by words theirs lack.
        chosen = select_items(_kind_named_first(items, sc), sc, s, plan.intent, by_name=True)[:s.compare_side_items]
        if plan.issuer_keys:  # what a named body put out that year: its items ranked as high are its answer too
            chosen += [it for it in items[1:s.judge_depth] if it not in chosen and _by_named_issuer(it, plan)
                       and it.score >= s.related_ratio * items[0].score][:s.compare_side_items - len(chosen)]
        # a neighbour stays beside the side's item only if it is nearly as much about the theme
        chosen = chosen[:1] + [it for it in chosen[1:]
                               if item_coverage(it, sc) >= s.compare_neighbour_coverage * item_coverage(chosen[0], sc)]
        body = [render_item(it, sc, plan, cites, 3, s, whole=j == 0) for j, it in enumerate(chosen)]
        sections.append(Block("section", "\n\n".join(b for b in body if b), str(year)))
        covered.append((year, chosen[0]))
    if not covered:
        return abstain(plan, all_hits)
    if len(covered) >= 2:
        sections.append(Block("table", _fields_table(covered, cites)))
        sections.append(Block("summary", "**What changed:** " + _changes(covered)))
    else:
        missing = [str(y) for y, _ in per_period if y not in {c[0] for c in covered}]
        sections.append(Block("summary", f"**What changed:** only {covered[0][0]} is covered; the briefs don't say "
                                         f"anything about this for {', '.join(missing)}."))
    return Answer(question=plan.question, text="", blocks=sections, answerable=True, citations=cites.finish(), retrieved=all_hits,
                  facet=plan.intent, periods=[str(y) for y, _ in per_period])


def compose_item_comparison(plan: QueryPlan, sides: list[tuple[str, ItemHits]], scorer: Scorer,
                            s: AnswerSettings) -> Answer:
    """Two items the question names, side by side: what each says on the question's words, and
    their fields (issuers, instrument, date, targets) in a table."""
    cites = Citations()
    sections = []
    # each side's sentences are chosen by what is compared (a target, a date), not by the words
    # naming the sides
    compared = set(content_terms(plan.question)) - set(content_terms(" ".join(label for label, _ in sides)))
    sc = scorer.restricted(compared.__contains__)
    for label, it in sides:
        body = render_item(it, sc, plan, cites, s.compare_side_sentences, s, whole=False)
        sections.append(Block("section", body, label[:1].upper() + label[1:]))
    sections.append(Block("table", _fields_table(sides, cites)))
    sections.append(Block("summary", "**What differs:** " + _differences(sides)))
    hits = [h for _, it in sides for h in it.hits]
    return Answer(question=plan.question, text="", blocks=sections, answerable=True, citations=cites.finish(),
                  retrieved=hits, facet=plan.intent)


def _fields(it: ItemHits) -> dict[str, str]:
    """What a comparison sets side by side, from the item's own fields."""
    m, item = it.meta, it.item
    policy = m.get("policy", "")
    kinds = [k.lower() for k in INSTRUMENT.rx.findall(policy)]
    instrument = (kinds[-1] if kinds else KIND_LABELS.get(m.get("kind", ""), "")).lower()
    if re.search(r"\bdraft\b", policy, re.I):
        instrument = f"draft {instrument}"
    bullets = item.bullets if item is not None else []
    targets = [b for b in bullets if _NUMBER.search(b)]
    frame = next((x for x in sentences(item.glance) if x.rstrip().endswith(":")), "") if item is not None else ""
    target_year = re.search(r"\b(20\d{2})\b", frame)
    return {"item": m.get("headline", ""), "issuers": m.get("issuers", "") or "—", "instrument": instrument or "—",
            "date": _when(m), "measures": str(len(bullets)) if bullets else "—",
            "targets": (f"{len(targets)} numeric, for {target_year[1]}" if target_year else f"{len(targets)} numeric")
            if targets else "none stated"}


def _fields_table(covered: list[tuple[int | str, ItemHits]], cites: Citations) -> str:
    """The compared items' fields side by side, one column per period or named item."""
    cols = [(year, _fields(it), cites.mark(it, "")) for year, it in covered]
    head = "| | " + " | ".join(f"{y} {marker}" for y, _, marker in cols) + " |"
    lines = [head, "|---|" + "---|" * len(cols)]
    for key, label in [("item", "Item"), ("issuers", "Issued by"), ("instrument", "Instrument"), ("date", "Date"),
                       ("measures", "Measures listed"), ("targets", "Targets")]:
        lines.append(f"| {label} | " + " | ".join(_cell(f[key]) for _, f, _ in cols) + " |")
    return "\n".join(lines)


def _differences(sides: list[tuple[str, ItemHits]]) -> str:
    """How two items named side by side differ: which came first, who issued them, what they are."""
    (l1, a), (l2, b) = sides[0], sides[-1]
    fa, fb = _fields(a), _fields(b)
    out = []
    da, db = str(a.meta.get("date", "")), str(b.meta.get("date", ""))
    if da and db and da != db:
        (first, ff), (then, ft) = ((l1, fa), (l2, fb)) if da < db else ((l2, fb), (l1, fa))
        out.append(f"{first} came first ({ff['date']}; {then}: {ft['date']})")
    elif da and da == db:
        out.append(f"both are dated {fa['date']}")
    out.append(f"the same issuer{'s' if ',' in fa['issuers'] else ''} ({fa['issuers']})" if fa["issuers"] == fb["issuers"]
               else f"issued by {fa['issuers']} ({l1}) and by {fb['issuers']} ({l2})")
    if fa["instrument"] != fb["instrument"]:
        out.append(f"instruments: {fa['instrument']} ({l1}), {fb['instrument']} ({l2})")
    return "; ".join(out) + "."


def _changes(covered: list[tuple[int, ItemHits]]) -> str:
    """The differences of the compared items' fields, first period to last."""
    (y1, a), (y2, b) = covered[0], covered[-1]
    fa, fb = _fields(a), _fields(b)
    i1 = {x.strip() for x in fa["issuers"].split(",") if x.strip() and x.strip() != "—"}
    i2 = {x.strip() for x in fb["issuers"].split(",") if x.strip() and x.strip() != "—"}
    out = []
    if not (i1 and i2):
        pass  # a news item states no issuer field: nothing to compare, and no change to claim
    elif i1 != i2:
        added, dropped = sorted(i2 - i1), sorted(i1 - i2)
        bits = ([f"{', '.join(added)} joined" ] if added else []) + ([f"{', '.join(dropped)} no longer" ] if dropped else [])
        out.append(f"issuers {'; '.join(bits)} ({y1}: {fa['issuers']}; {y2}: {fb['issuers']})")
    else:
        out.append(f"the same issuer{'s' if len(i1) > 1 else ''} ({fa['issuers']})")
    if fa["instrument"] != fb["instrument"]:
        out.append(f"instrument: {fa['instrument']} ({y1}) → {fb['instrument']} ({y2})")
    if fa["targets"] != fb["targets"]:
        out.append(f"targets: {fa['targets']} in {y1}, {fb['targets']} in {y2}")
    if not out:
        return f"the same kind of instrument ({fa['instrument']}), with targets {fa['targets']} in both."
    return "; ".join(out) + "."


def interleave(ranked: list[list[Hit]]) -> list[Hit]:
    """Merge per-period rankings round-robin by item, so each period's best items rank high."""
    groups = [[list(g.hits) for g in group_items(hits)] for hits in ranked]
    out: list[Hit] = []
    for i in range(max((len(g) for g in groups), default=0)):
        for g in groups:
            if i < len(g):
                out.extend(g[i])
    for rank, h in enumerate(out, 1):
        h.rank = rank
    return out


def abstain(plan: QueryPlan, hits: list[Hit], why: str = "", reason: Reason = Reason.NOTHING_RELEVANT) -> Answer:
    text = why or "The briefs don't say: nothing in the indexed briefs answers this question."
    if plan.unknown_names and not why:
        text += f" They never mention {names_list(plan.unknown_names)}."
    if plan.filters.describe() and not why:
        text += f" (searched with filters: {plan.filters.describe()})"
    return Answer(question=plan.question, text=text, answerable=False, citations=[], retrieved=hits,
                  facet=plan.intent, reason=reason.value)


# ── Multi-item answers from the item table ───────────────────────────────────────────────
def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "/").strip()


def _row_date(row) -> str:
    """As the briefs write dates ('November 18, 2022'), so a quoted date matches the source."""
    return f"{row.date.strftime('%B')} {row.date.day}, {row.date.year}" if row.date else month_label(row.brief_month)


def _backing_line(row, intent: str) -> str:
    """The source-note line that backs the column a who/when list asks for ('Issuing bodies: …')."""
    prefix = {"issuer": "issu", "date": "date", "date+issuer": "issu"}.get(intent)
    if not prefix:
        return ""
    return next((ln for ln in row.source_note.split("\n") if ln.lower().startswith(prefix)), "")


def compose_table(plan: QueryPlan, rows: list, scope: str, label, leads: bool, retrieved: list[Hit],
                  matched: dict[str, str] | None = None) -> Answer:
    """Every matching item as a table row (date, kind, item, issuers) with its citation, and the count.

    `label` turns an agency key into its display name; `leads` adds each Top-5 item's first sentence
    (what the policy is) when the list is short enough to read, and `matched` the sentence that puts
    a row on a list with a topic."""
    matched = matched or {}
    cites = Citations()
    out_rows: list[AnswerRow] = []
    listed: list[Hit] = []  # what the answer rests on, in its order: the rows themselves
    lines = ["| Date | Kind | Item | Issued by | Source |", "|---|---|---|---|---|"]
    for rank, row in enumerate(rows, 1):
        quote = _backing_line(row, plan.intent) or row.lead
        if leads and row.item_id in matched:
            quote += " … " + matched[row.item_id]
        meta = {"brief_id": row.brief_id, "kind": row.kind, "headline": row.headline, "policy": row.policy,
                "issuers": ", ".join(label(i) for i in row.issuers), "policy_cn": row.policy_cn,
                "date": row.date.isoformat() if row.date else ""}
        marker = cites.mark(ItemHits(row.item_id, meta), quote)
        listed.append(Hit(node_id=row.item_id, item_id=row.item_id, text=quote, section="row", metadata=meta,
                          score=1.0, rank=rank))
        if row.kind == "top5":
            item = f"**{row.headline}**"
            if row.policy:
                item += f" — {row.policy}" + (f" ({row.policy_cn})" if row.policy_cn else "")
            if leads:  # what the policy is; for a list of target setters, its targets
                item += ": " + (targets_line(row.targets) if plan.sets_targets and row.targets else row.lead)
                if row.item_id in matched:
                    item += " … " + matched[row.item_id]
        else:
            item = row.lead
        who = ", ".join(label(i) for i in row.issuers)
        lines.append(f"| {_row_date(row)} | {KIND_LABELS.get(row.kind, row.kind)} | {_cell(item)} | {_cell(who)} | {marker} |")
        out_rows.append(AnswerRow(n=int(marker[1:-1]), date=meta["date"], kind=row.kind, headline=row.headline,
                                  policy=row.policy, policy_cn=row.policy_cn,
                                  issuers=[label(i) for i in row.issuers], brief=row.brief_id))
    n = len(rows)
    head = f"**{n} item{'s' if n != 1 else ''}**" + (f" {scope}" if scope else "") + ":"
    return Answer(question=plan.question, text="", blocks=[Block("text", head), Block("table", "\n".join(lines))],
                  answerable=True, citations=cites.finish(), rows=out_rows,
                  facet="list",
                  retrieved=listed + [h for h in retrieved if h.item_id not in {r.item_id for r in rows}])
