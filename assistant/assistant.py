"""The public facade: Assistant().ask(q) and Assistant().session().ask(q)."""
from __future__ import annotations

import re
from dataclasses import replace
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .settings import Settings, force_offline

force_offline()

from .agencies import Agencies  # noqa: E402
from .companies import Companies  # noqa: E402
from .answertypes import Names  # noqa: E402
from .answer import abstain, compose, compose_comparison, compose_item_comparison, compose_overview, compose_table  # noqa: E402
from .evidence import ItemHits, Scorer, group_items  # noqa: E402
from .judge import Reason, answerable, item_coverage  # noqa: E402
from .table import TableQuery, build_rows, select  # noqa: E402
from .dates import MONTHS  # noqa: E402
from .lexicon import COMMON_ACRONYMS, QUOTED_PHRASE  # noqa: E402
from .corpus import discard, safe_name, store  # noqa: E402
from .errors import BriefParseError, BriefsError, BriefWarning, QuestionError  # noqa: E402
from .index import Index, SyncReport  # noqa: E402
from .kept import FOLDER, KeptBriefs  # noqa: E402
from .models import Answer, Brief, Hit, Item  # noqa: E402
from .parse import BRIEF_SUFFIXES, load_corpus, read_brief  # noqa: E402
from .query import CorpusInfo, Filters, QueryPlan, find_acronyms, find_aliases, find_initialisms, plan  # noqa: E402
from .shared import BriefRegistry, consistent, merge  # noqa: E402
from .startup import StartupCache  # noqa: E402
from .text import alternatives, content_terms, mostly_chinese, normalize, sentences, stem, tokens  # noqa: E402
from . import thesaurus  # noqa: E402

if TYPE_CHECKING:
    from .session import Session

Progress = Callable[[str, float], None]  # (message, fraction 0..1)


def _configure_llama_index(settings: Settings) -> None:
    """llama-index's defaults reach for OpenAI; pin both globals to local/none."""
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core.llms import MockLLM

    from .embed import embed_model

    LlamaSettings.embed_model = embed_model(settings.embedding)
    LlamaSettings.llm = MockLLM()


class Assistant:
    """Opens (and on first use builds) the index over settings.corpus_dir."""

    def __init__(self, settings: Settings | None = None, progress: Progress | None = None, sync: bool = True):
        self.settings = settings or Settings()
        self._llm = None
        if self.settings.answer.answerer == "llm":
            # Optional extra (make install-llm); BriefsError here if it is not installed.
            from .llm import LLMAnswerer

            self._llm = LLMAnswerer(self.settings, item_text=lambda item_id: self.item(item_id).full_text())
        _configure_llama_index(self.settings)
        self._lock = threading.RLock()
        self._sentence_vectors: dict = {}
        self.errors: list[BriefParseError] = []
        self._briefs: list[Brief] = []
        self.store = Index(self.settings)
        self._startup = StartupCache(self.settings.data_dir / "startup")
        # Server mode: other processes may add briefs to the same store.
        self._registry = BriefRegistry(self.store) if self.settings.index.chroma_host else None
        self._store_checked = time.monotonic()
        self._registry_seen: dict[str, str] = {}
        self._unsettled_since: float | None = None
        self.last_sync: SyncReport | None = None
        if sync:
            self.index(progress)
        else:
            self._load_briefs()
        from .retrieve import Retriever

        self._retriever = Retriever(self.store, self.settings)
        self._refresh_info()

    @property
    def retriever(self):
        """The retriever, first caught up with briefs other processes added to a shared store."""
        self._follow_store()
        return self._retriever

    def _follow_store(self) -> None:
        if self._registry is None or not hasattr(self, "_retriever"):
            return
        now = time.monotonic()
        if now - self._store_checked < self.settings.index.store_check_s:
            return
        self._store_checked = now
        theirs = self._registry.hashes()
        if theirs == self._registry_seen:
            return
        with self._lock:
            briefs = sorted(merge(self._briefs, self._registry), key=lambda b: b.month, reverse=True)
            lexical = self._retriever.load_lexical()
            if not self._settled(theirs, lexical.briefs, now):
                return  # another process is mid-sync: answer from the last consistent state, look again later
            self._registry_seen, self._briefs = theirs, briefs
            self._retriever.refresh(lexical)
            self._refresh_info()

    def _settled(self, theirs: dict[str, str], stored: dict[str, frozenset[str]], now: float) -> bool:
        """Did the registry stay as read while we loaded, and does the store hold exactly the registered
        briefs? Waits at most index.store_settle_s for that (a process may have died mid-sync)."""
        if self._registry.hashes() == theirs and consistent(stored, theirs):
            self._unsettled_since = None
            return True
        if self._unsettled_since is None:
            self._unsettled_since = now
        return now - self._unsettled_since >= self.settings.index.store_settle_s

    # --- corpus -------------------------------------------------------------------------
    def _kept(self) -> KeptBriefs:
        return KeptBriefs(self.settings.data_dir / FOLDER, self.settings.index.max_brief_bytes)

    def _load_briefs(self) -> list[str]:
        """Parse the corpus into self._briefs and self.errors (warnings included). A brief file
        that fails to parse is served in the version last indexed, if one was kept; the ids of
        those without one are returned: sync keeps whatever chunks of them it has."""
        briefs, errors = load_corpus(self.settings.corpus_dir, self.settings.index.max_brief_bytes,
                                     read=self._startup.read_brief)
        self._startup.save_briefs()
        kept, held, self.errors = self._kept(), [], []
        for e in errors:
            failed = not isinstance(e, BriefWarning) and Path(e.source).suffix.lower() in BRIEF_SUFFIXES
            old = kept.load(e.source) if failed else None
            if old is not None:
                briefs.append(old)
                e = BriefParseError(e.source, e.line, f"{e.message}; the version indexed before is kept")
            elif failed:
                held.append(Path(e.source).stem)
            self.errors.append(e)
        seen: dict[str, str] = {}
        unique = []
        for b in briefs:  # the same brief saved twice under two names is indexed once
            if b.content_hash in seen:
                self.errors.append(BriefParseError(b.source, 1, f"duplicate of {seen[b.content_hash]}; skipped"))
                continue
            if b.brief_id in seen:  # x.txt and x.pdf: one id, so one of them is indexed
                self.errors.append(BriefParseError(b.source, 1, f"same brief id as {seen[b.brief_id]}; skipped"))
                continue
            seen[b.content_hash] = seen[b.brief_id] = b.source
            unique.append(b)
        if self._registry is not None:
            unique = merge(unique, self._registry)
        self._briefs = sorted(unique, key=lambda b: b.month, reverse=True)
        return held

    def index(self, progress: Progress | None = None) -> SyncReport:
        """Sync the index with the corpus folder (only new/changed chunks are embedded)."""
        with self._lock:
            held = self._load_briefs()
            self.last_sync = self._startup.sync(self.store, self._briefs, progress, keep=held)
            self.errors = [BriefParseError(e.source, e.line, f"{e.message}; its chunks indexed before are kept")
                           if Path(e.source).stem in self.last_sync.held and not isinstance(e, BriefWarning) else e
                           for e in self.errors]
            kept = self._kept()
            for b in self._briefs:
                kept.save(b)
            kept.prune({Path(x.source).name for x in [*self._briefs, *self.errors]})
            if self._registry is not None:
                self._registry.register(self._briefs)
                self._registry_seen = self._registry.hashes()
            if hasattr(self, "_retriever"):
                self._retriever.refresh()
                self._refresh_info()
            return self.last_sync

    def _refresh_info(self) -> None:
        items = [i for b in self._briefs for i in b.items]
        self._items = {i.item_id: i for i in items}
        # Cached per set of briefs: aliases, acronyms and the table rows cost seconds on a large archive.
        self.info, self.rows, self.synonyms = self._startup.corpus_info(self._briefs, lambda: self._corpus_views(items))

    def _corpus_views(self, items: list[Item]) -> tuple[CorpusInfo, list, list]:
        """What questions are read against: corpus info, table rows, the briefs' acronym synonyms."""
        texts = [i.full_text() for i in items]
        aliases = find_aliases(texts, [x for i in items for x in i.issuers])
        agencies = Agencies(aliases)
        companies = Companies()
        acronyms = {**COMMON_ACRONYMS, **find_acronyms(texts)}
        info = CorpusInfo(
            brief_months=tuple(sorted({b.month for b in self._briefs})),
            years=tuple(sorted({i.year for i in items if i.year})),
            aliases=aliases,
            vocabulary=frozenset(t for text in texts for t in tokens(text)),
            lowercase=frozenset(stem(w) for text in texts for w in re.findall(r"(?<![\w-])[a-z][a-z'’-]*[a-z]", text)),
            initialisms=find_initialisms(texts),
            agencies=agencies,
            companies=companies,
            corpus_companies=frozenset(n for t in texts for n in companies.find(t)),
            acronyms=acronyms,
            cn_names={i.item_id: i.policy_cn for i in items if i.policy_cn},
        )
        # "High-Tech Industrial Development Zones (HIDZ)": the briefs' own acronyms, as stemmed pairs
        # An acronym's plural is its own stem ("SMEs" → smes, "SME" → sme): both stand for the words.
        synonyms = [(short, frozenset(content_terms(name)))
                    for acr, names in acronyms.items() for name in names
                    if content_terms(acr) and len(content_terms(name)) >= 2
                    for short in dict.fromkeys((content_terms(acr)[0], *content_terms(acr + "s")))]
        # a company the briefs name is found under its other one-word names ("VW" for Volkswagen)
        for name in sorted(info.corpus_companies):
            company = companies.by_name[name]
            for alias in (company.name, *company.aliases):
                short, full = content_terms(alias), frozenset(content_terms(name))
                if len(short) == 1 and full and short[0] not in full:
                    synonyms.append((short[0], full))
        return info, build_rows(self._briefs, agencies, companies), synonyms

    def briefs(self) -> list[Brief]:
        """Parsed briefs currently indexed, newest first."""
        return list(self._briefs)

    @property
    def writer(self):
        """The LLM writer (an llm.LLMAnswerer) when answer.answerer is "llm", else None."""
        return self._llm

    def item(self, item_id: str) -> Item:
        """One item by id (KeyError if unknown)."""
        return self._items[item_id]

    def add_brief(self, path: Path, progress: Progress | None = None, name: str | None = None) -> Brief:
        """Validate, copy into the corpus folder and index one brief file (.txt, .md, .html, .pdf).

        It is stored under a safe, visible version of `name` (default: the file's name), whose
        stem is the brief id; a brief already indexed under that id is replaced (re-upload of an
        edited brief). Raises BriefParseError, changing nothing, if the file is not a valid brief."""
        path = Path(path)
        target_name = safe_name(name or path.name)
        brief = read_brief(path, self.settings.index.max_brief_bytes)
        with self._lock:
            for b in self._briefs:
                if b.content_hash == brief.content_hash:
                    raise BriefParseError(path.name, 1, f"this brief is already indexed as {Path(b.source).name}")
            folder = self.settings.corpus_dir
            target = folder / target_name
            if target.resolve() != path.resolve():
                store(path, folder, target_name)
            brief = read_brief(target, self.settings.index.max_brief_bytes)
            old = next((b for b in self._briefs if b.brief_id == brief.brief_id), None)
            # Node ids hash every stored field, so this sync replaces an old version of the brief
            # whole: its new chunks are stored before the stale ones are deleted.
            self.store.sync([brief], progress, prune=False)
            self._kept().save(brief)
            self.errors += brief.warnings
            self._briefs = sorted([*(b for b in self._briefs if b.brief_id != brief.brief_id), brief],
                                  key=lambda b: b.month, reverse=True)
            if old is not None and Path(old.source).resolve() != target.resolve():
                discard(Path(old.source), folder)  # same id, other format: the new file replaces it
                self._kept().prune({Path(b.source).name for b in self._briefs})
            self._record_sync()
            if self._registry is not None:
                self._registry.register([brief])
            self._retriever.refresh()
            self._refresh_info()
        return brief

    def remove_brief(self, brief_id: str) -> Brief:
        """Remove a brief: its chunks leave the store and BM25, its file leaves the corpus folder.
        Raises BriefsError if no indexed brief has this id."""
        with self._lock:
            brief = next((b for b in self._briefs if b.brief_id == brief_id), None)
            if brief is None:
                known = ", ".join(b.brief_id for b in self._briefs) or "none"
                raise BriefsError(f"no indexed brief with id {brief_id!r} (indexed: {known})")
            self.store.remove(brief_id)
            discard(Path(brief.source), self.settings.corpus_dir)
            self._briefs = [b for b in self._briefs if b.brief_id != brief_id]
            self._kept().prune({Path(b.source).name for b in self._briefs})
            self._record_sync()
            if self._registry is not None:  # gone for the other processes too
                self._registry.forget(brief_id)
            self._retriever.refresh()
            self._refresh_info()
        return brief

    def _record_sync(self) -> None:
        """After an add or a removal, the start-up manifest describes the store as it now is (only
        if this process synced it: a store opened without syncing may differ from the corpus)."""
        if self.last_sync is not None:
            self._startup.record_sync(self.settings, self._briefs, self.store.count(), self.last_sync.held)

    # --- asking -------------------------------------------------------------------------
    def _clean(self, question: str) -> str:
        from .hygiene import clean_question  # the one boundary where user text is normalised

        return clean_question(question, self.settings.answer.max_question_chars)

    def ask(self, question: str, *, year: int | None = None, brief: str | None = None,
            kinds: list[str] | None = None) -> Answer:
        """Stateless question → cited Answer. Raises QuestionError on an empty question."""
        q = self._clean(question)
        return self.answer_plan(plan(q, self.info, year=year, brief=brief, kinds=kinds))

    def scorer(self, terms: list[str], text: str = "", members: list | None = None, similarity=None) -> Scorer:
        """Judges passages by `terms` with this corpus's term frequencies, acronym pairs and
        equivalent forms (thesaurus.py); `text` is where the terms came from (its "A or B" pairs
        count either way)."""
        r = self.retriever
        return Scorer(list(terms), r.df, len(r.nodes), dense_known=self.settings.retrieval.mode != "bm25",
                      similarity=similarity, synonyms=self.synonyms, alternatives=alternatives(text) if text else None,
                      members=members, related=thesaurus.groups(set(terms)))

    def answer_plan(self, p: QueryPlan) -> Answer:
        t0 = time.perf_counter()
        s = self.settings.answer
        r = self.retriever
        dense = self.settings.retrieval.mode != "bm25"
        scorer = self.scorer(_scored_terms(p), p.topic, self.members(p),
                             similarity=self._similarity(p.topic) if dense and s.sentence_similarity else None)
        if p.enumerate and not p.uncovered:
            ans = self._answer_table(p, scorer)
            t1 = time.perf_counter()
        elif p.intent == "overview" and not p.uncovered:
            hits = r.item_leads(p.filters)
            t1 = time.perf_counter()
            ans = compose_overview(p, hits, {b.brief_id: b.title for b in self._briefs})
        elif p.item_sides and not p.compare and not p.uncovered and (sides := self._side_items(p)):
            t1 = time.perf_counter()
            ans = compose_item_comparison(p, sides, scorer, s)
        elif p.compare and not p.uncovered:
            per_period, scorers = [], {}
            for i, y in enumerate(p.compare):
                own = p.period_topics[i] if p.period_topics else None  # this side's own subject, if it has one
                if own and p.issuers and self.info.agencies is not None and not self.info.agencies.find(own):
                    # "MIIT's 2021 notice against what it issued a year on": a body named on one side
                    # and pointed back to on the other is the subject of both
                    own = f"{own} {' '.join(p.issuers)}"
                per_period.append((y, r.retrieve(p, filters=replace(p.filters, years=frozenset({y})), topic=own)))
                if own:
                    scorers[y] = self.scorer(content_terms(own), own, self.members(p))
            t1 = time.perf_counter()
            ans = compose_comparison(p, per_period, scorer, s, self.info.years, self._items.get, scorers)
        else:
            hits = r.retrieve(p)
            t1 = time.perf_counter()
            ans = compose(p, hits, scorer, s, lookup=self._items.get, agencies=self.info.agencies, names=self._names())
            if self._time_filters_inferred(p):
                ans = self._maybe_wider(p, ans, hits, scorer)
            ans = self._of_kind_asked(p, ans, scorer)
        t2 = time.perf_counter()
        ans.timings_ms = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        if self._llm is not None:  # rewrites from the same evidence; falls back to the extractive answer
            ans = self._llm.answer(ans)
        return ans

    def _answer_table(self, p: QueryPlan, scorer: Scorer) -> Answer:
        """Structured questions: the item table filtered exactly by the plan's constraints, then, if
        the question has a topic, only the rows the topic is relevant to; every such row is listed.
        A list of "A or B" lists the rows of either side, each once."""
        picked = [self._table_rows(side) for side in p.either] or [self._table_rows(p)]
        found = [x for x in picked if not isinstance(x, Answer)]
        if not found:
            return picked[0]
        rows = list({r.item_id: r for rows, _, _ in found for r in rows}.values())
        if len(rows) == 1 and not p.count and p.table_topic:
            # a list of one ("everything about the HIDZ plan"): that item, answered in full
            one = replace(p, enumerate=False, either=(), filters=replace(p.filters, item_ids=frozenset({rows[0].item_id})))
            ans = self.answer_plan(one)
            if ans.answerable:
                return ans
        # what every side shares is said once, then each side's own constraints
        common = [x for x in found[0][1] if all(x in steps for _, steps, _ in found)]
        own = [", ".join(x for x in steps if x not in common) for _, steps, _ in found]
        either = " or ".join(x for x in dict.fromkeys(own) if x)
        scope = ", ".join(common + ([either] if either else []))
        hits = [h for _, _, hs in found for h in hs]
        leads = len(rows) <= self.settings.answer.table_leads
        matched = self._matched_sentences(p, rows) if leads else {}
        return compose_table(p, rows, scope, self.info.agencies.label, leads=leads, retrieved=hits, matched=matched)

    def _of_kind_asked(self, p: QueryPlan, ans: Answer, scorer: Scorer) -> Answer:
        """"Which overseas firm quit?" asks for a company of a kind: when no item found names
        one, the items involving companies of that kind are asked, whatever words their news uses
        ("ends its presence")."""
        if (ans.answerable or p.answer_type != "organisation" or not p.company_kinds or p.filters.item_ids
                or p.enumerate or p.uncovered):
            return ans
        rows = select(self.rows, TableQuery(company_kinds=p.company_kinds), self.info.agencies).rows
        if not rows:
            return ans
        narrowed = replace(p, filters=replace(p.filters, item_ids=frozenset(r.item_id for r in rows)))
        kind = compose(narrowed, self.retriever.retrieve(narrowed), scorer, self.settings.answer, lookup=self._items.get,
                       agencies=self.info.agencies, names=self._names())
        return kind if kind.answerable and kind.citations else ans

    def _matched_sentences(self, p: QueryPlan, rows: list) -> dict[str, str]:
        """For a list with a topic, each Top-5 row's sentence closest in meaning to that topic, where
        it is closer than the item's first sentence: the row's lead says what the policy is, this
        says why it is on the list ("which rules make battery makers fund research?" → the R&D bullet)."""
        if not p.table_topic or p.sets_targets or self.settings.retrieval.mode == "bm25":
            return {}
        sims = self._similarity(p.table_topic)
        words = self.scorer(content_terms(p.table_topic), p.table_topic)
        out = {}
        for row in rows:
            item = self.item(row.item_id)
            if item.kind != "top5":
                continue  # a news item is one sentence: its lead is all of it
            candidates = [x for x in [*sentences(item.glance), *item.bullets] if x != row.lead]
            if not candidates:
                continue
            # meaning and the topic's own words (a bullet writing "R&D" for "research") both count
            scores = [x + words.coverage(t) for x, t in zip(sims([row.lead, *candidates]), [row.lead, *candidates])]
            best = max(range(len(candidates)), key=lambda k: scores[k + 1])
            if scores[best + 1] > scores[0]:
                out[row.item_id] = candidates[best]
        return out

    def _table_rows(self, p: QueryPlan) -> tuple[list, list[str], list[Hit]] | Answer:
        """The rows a structured question asks for, the constraints that chose them in words, and
        the topic's hits; or the abstention saying which constraint left nothing."""
        f = p.filters
        open_range = ((f.date_from, f.date_to),) if f.date_from or f.date_to else ()
        tq = TableQuery(ranges=f.ranges or p.month_ranges or open_range, years=f.years,
                        brief_months=frozenset() if p.month_ranges and not f.ranges else f.brief_months,
                        kinds=f.kinds, issuers=p.issuer_keys, all_issuers=p.all_issuers, joint_first=p.joint_first,
                        multi_issuer=p.multi_issuer, item_ids=f.item_ids, exclude_ids=f.exclude_ids,
                        company_kinds=p.company_kinds, sets_targets=p.sets_targets)
        if f.ranges or open_range:
            tq = replace(tq, brief_months=frozenset())
        agencies = self.info.agencies
        sel = select(self.rows, tq, agencies)
        steps = [label for label, _ in sel.steps]
        scope = ", ".join(steps)
        if not sel.rows:
            return abstain(p, [], f"None: no item in the briefs is {sel.emptied_by}.", Reason.EMPTY_SELECTION)
        rows, hits = sel.rows, []
        if p.table_topic:
            topic = p.table_topic
            relevant, hits = self._on_topic(p, rows, topic)
            if not relevant and p.table_focus:
                # "the items behind the push on batteries": the words framing the topic may match
                # nothing; what the list is "on" still names it
                topic = p.table_focus
                relevant, hits = self._on_topic(p, rows, topic)
            if not relevant:
                return abstain(p, hits, f"The briefs have {len(rows)} item{'s' if len(rows) != 1 else ''} "
                                        f"{scope or 'in all'}, but none about {p.table_topic}.", Reason.NONE_ON_TOPIC)
            rows = [r for r in rows if r.item_id in relevant]
            steps.append(f"about {topic}")
        return rows, steps, hits

    def _side_items(self, p: QueryPlan) -> list[tuple[str, ItemHits]]:
        """Each item a comparison names, found as if asked about alone (in the question's period);
        [] unless both sides find a different item."""
        chosen: list[tuple[str, ItemHits]] = []
        alone = [plan(side, self.info) for side in p.item_sides]
        for side, sp in zip(p.item_sides, alone):
            # the question's period is each side's, unless it is another side's own ("the 2021 draft
            # against “…”": 2021 is the draft's)
            if sp.filters == Filters() and all(o.filters == Filters() for o in alone):
                sp = replace(sp, filters=replace(p.filters, item_ids=frozenset()))
            sc = self.scorer(_scored_terms(sp), sp.topic, self.members(sp))
            taken = {it.item_id for _, it in chosen}
            items = [it for it in group_items(self.retriever.retrieve(sp), self._items.get) if it.item_id not in taken]
            best = next((it for it in items[:self.settings.answer.judge_depth] if answerable(it, sc, self.settings.answer)), None)
            if best is None:
                return []
            chosen.append((side, best))
        return chosen

    def _on_topic(self, p: QueryPlan, rows: list, topic: str) -> tuple[set[str], list[Hit]]:
        """The rows about a list question's topic, and the topic's hits among them."""
        ids = frozenset(r.item_id for r in rows)
        hits = self.retriever.retrieve(p, filters=Filters(item_ids=ids), topic=topic)
        topic_scorer = self.scorer(content_terms(topic), topic)
        by_item = {g.item_id: g for g in group_items(hits)}
        a = self.settings.answer
        # close in meaning: absolutely, and next to the closest row (a topic's own items set the bar)
        relative_bar = a.table_dense_relative * max((g.dense for g in by_item.values()), default=0.0)
        dense_bar = max(a.table_min_dense, relative_bar)
        relevant = set()
        min_coverage = a.table_min_coverage_kind if p.company_kinds else a.table_min_coverage
        # a phrase the question quotes ("'specialized and sophisticated' firms") is the topic, verbatim
        quoted = [normalize(x[0][1:-1]) for x in QUOTED_PHRASE.finditer(p.question)]
        quoted = [x for x in quoted if len(x.split()) >= 2]
        for r in rows:
            if quoted:
                if any(x in normalize(self.item(r.item_id).full_text()) for x in quoted):
                    relevant.add(r.item_id)
                continue
            group = by_item.get(r.item_id)
            full = Hit(node_id=r.item_id, item_id=r.item_id, text=self.item(r.item_id).full_text(labels=False), section="all",
                       metadata=group.meta if group else {}, score=0.0, dense=group.dense if group else 0.0)
            # Within rows the constraints already chose, half the topic's weight will do, or a
            # meaning close to it ("solar power" for the photovoltaic items): a list should rather be
            # complete. "A or B" lists were split into their sides by the planner.
            # The relevance test passes a row whose meaning is only near the topic ("a carbon
            # capture deal" for "carbon peaking plans"): it too must come near the closest row.
            if (topic_scorer.coverage(full.text + "\n" + r.headline) >= min_coverage
                    or full.dense >= dense_bar
                    or (full.dense >= relative_bar
                        and answerable(ItemHits(r.item_id, full.metadata, [full]), topic_scorer, a))):
                relevant.add(r.item_id)
        return relevant, hits

    def _names(self) -> Names:
        return Names(self.info.agencies, self.info.companies, self.info.lowercase)

    def _similarity(self, question: str):
        """Cosine similarity of the question to candidate sentences. Sentence vectors are cached:
        the corpus has a finite set of sentences, so after warm-up only the question is embedded."""
        import numpy as np

        from .embed import embed_model

        model = embed_model(self.settings.embedding)
        cache = self._sentence_vectors


        def sims(sentences: list[str]) -> list[float]:
            qvec = np.asarray(self.retriever.query_vector(question))  # the one retrieval used
            new = [t for t in dict.fromkeys(sentences) if t not in cache]
            if new:
                for t, v in zip(new, model.get_text_embedding_batch(new)):
                    cache[t] = np.asarray(v)
            return [float(cache[t] @ qvec) for t in sentences]

        return sims

    def members(self, p: QueryPlan) -> list[tuple[str, frozenset[str]]]:
        """The companies the briefs name of each kind the question asks about ("carmakers" → BMW, GM…)."""
        out = []
        for key, written in p.company_kinds:
            names = self.info.members_named(key)
            for term in content_terms(written):
                out += [(term, frozenset(content_terms(name))) for name in names if content_terms(name)]
        return out

    @staticmethod
    def _time_filters_inferred(p: QueryPlan) -> bool:
        f = p.filters
        return not p.explicit and not p.uncovered and bool(f.years or f.brief_months or f.date_from or f.date_to)

    def _maybe_wider(self, p: QueryPlan, ans: Answer, hits: list, scorer: Scorer) -> Answer:
        """A year in the text may describe the content ("GDP share in 2021" in a 2022 brief), not
        the brief. Answer from outside the period only if that is clearly better, and say so."""
        s = self.settings.answer
        wider = replace(p.filters, years=frozenset(), brief_months=frozenset(), date_from=0, date_to=0)
        wide_hits = self.retriever.retrieve(p, filters=wider)
        retry = compose(p, wide_hits, scorer, s, strict=True, lookup=self._items.get, agencies=self.info.agencies,
                        names=self._names())
        if not retry.answerable or not retry.citations:
            return ans
        wide_items = group_items(wide_hits)
        f = p.filters
        # "BYD's February sales" are news dated March 1: a named period may describe the content.
        # An item that never mentions the period cannot be what the question's period describes.
        asked = {str(y) for y in f.years} | {MONTHS[int(m[5:7]) - 1] for m in f.brief_months}
        text = wide_items[0].text().lower()
        if asked and not any(a.lower() in text for a in asked):
            return ans
        if ans.answerable:
            narrow_items = group_items(hits)
            if wide_items[0].item_id == narrow_items[0].item_id:
                return ans
            if item_coverage(wide_items[0], scorer) - item_coverage(narrow_items[0], scorer) < s.widen_margin:
                return ans
        notice = f"Nothing dated {p.filters.describe()} answers this; the closest items come from other dates:"
        return retry.with_notice(notice)

    def session(self) -> "Session":
        """A chat session that keeps history for follow-ups."""
        from .session import Session

        return Session(self)


def _scored_terms(p: QueryPlan) -> list[str]:
    """The question's terms to judge English passages by. A question in Chinese is judged by the
    names it holds as the briefs write them (companies, acronyms: added to its topic by the
    planner); its characters match only Chinese policy names, which the planner resolves exactly."""
    terms = content_terms(p.topic)
    if mostly_chinese(p.question):
        latin = [t for t in terms if not re.search(r"[\u3400-\u9fff]", t)]
        return latin or terms
    return terms
