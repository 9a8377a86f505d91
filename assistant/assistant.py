"""The public facade: Assistant().ask(q) and Assistant().session().ask(q)."""
from __future__ import annotations

import re
import shutil
from dataclasses import replace
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .settings import Settings, force_offline

force_offline()

from .answer import Scorer, compose, compose_comparison, compose_overview  # noqa: E402
from .dates import MONTHS  # noqa: E402
from .errors import BriefParseError, QuestionError  # noqa: E402
from .index import Index, SyncReport  # noqa: E402
from .models import Answer, Brief, Item  # noqa: E402
from .parse import load_corpus, read_brief  # noqa: E402
from .query import CorpusInfo, QueryPlan, find_aliases, find_initialisms, plan  # noqa: E402
from .shared import BriefRegistry, merge  # noqa: E402
from .startup import StartupCache  # noqa: E402
from .text import content_terms, tokens  # noqa: E402

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

            self._llm = LLMAnswerer(self.settings)
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
        self._registry_seen = theirs
        with self._lock:
            self._briefs = sorted(merge(self._briefs, self._registry), key=lambda b: b.month, reverse=True)
            self._retriever.refresh()
            self._refresh_info()

    # --- corpus -------------------------------------------------------------------------
    def _load_briefs(self) -> None:
        briefs, self.errors = load_corpus(self.settings.corpus_dir, self.settings.index.max_brief_bytes,
                                          read=self._startup.read_brief)
        self._startup.save_briefs()
        seen: dict[str, str] = {}
        unique = []
        for b in briefs:  # the same brief saved twice under two names is indexed once
            if b.content_hash in seen:
                self.errors.append(BriefParseError(b.source, 1, f"duplicate of {seen[b.content_hash]}; skipped"))
                continue
            seen[b.content_hash] = b.source
            unique.append(b)
        if self._registry is not None:
            unique = merge(unique, self._registry)
        self._briefs = sorted(unique, key=lambda b: b.month, reverse=True)

    def index(self, progress: Progress | None = None) -> SyncReport:
        """Sync the index with the corpus folder (only new/changed chunks are embedded)."""
        with self._lock:
            self._load_briefs()
            self.last_sync = self._startup.sync(self.store, self._briefs, progress)
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
        self.info = self._startup.corpus_info(self._briefs, lambda: self._corpus_info(items))

    def _corpus_info(self, items: list[Item]) -> CorpusInfo:
        texts = [i.full_text() for i in items]
        return CorpusInfo(
            brief_months=tuple(sorted({b.month for b in self._briefs})),
            years=tuple(sorted({i.year for i in items if i.year})),
            aliases=find_aliases(texts, [x for i in items for x in i.issuers]),
            vocabulary=frozenset(t for text in texts for t in tokens(text)),
            initialisms=find_initialisms(texts),
        )

    def briefs(self) -> list[Brief]:
        """Parsed briefs currently indexed, newest first."""
        return list(self._briefs)

    def item(self, item_id: str) -> Item:
        """One item by id (KeyError if unknown)."""
        return self._items[item_id]

    def add_brief(self, path: Path, progress: Progress | None = None) -> Brief:
        """Validate, copy into the corpus folder and index one brief file.

        Raises BriefParseError (and changes nothing) if the file is not a valid brief."""
        path = Path(path)
        if path.suffix.lower() not in (".txt", ".md"):
            raise BriefParseError(path.name, 1, "only .txt or .md briefs can be added")
        brief = read_brief(path, self.settings.index.max_brief_bytes)
        with self._lock:
            for b in self._briefs:
                if b.content_hash == brief.content_hash:
                    raise BriefParseError(path.name, 1, f"this brief is already indexed as {Path(b.source).name}")
            target = self.settings.corpus_dir / path.name
            if target.exists() and target.resolve() != path.resolve():
                raise BriefParseError(path.name, 1, f"a different brief named {path.name} is already in the corpus")
            self.settings.corpus_dir.mkdir(parents=True, exist_ok=True)
            if target.resolve() != path.resolve():
                shutil.copyfile(path, target)
            brief = read_brief(target, self.settings.index.max_brief_bytes)
            self.store.sync([brief], progress, prune=False)
            self._briefs = sorted([*self._briefs, brief], key=lambda b: b.month, reverse=True)
            self._startup.record_sync(self.settings, self._briefs, self.store.count())
            if self._registry is not None:
                self._registry.register([brief])
            self._retriever.refresh()
            self._refresh_info()
        return brief

    # --- asking -------------------------------------------------------------------------
    def _clean(self, question: str) -> str:
        if question is None or not str(question).strip():
            raise QuestionError("empty question: ask something about the briefs")
        q = re.sub(r"\s+", " ", str(question)).strip()
        limit = self.settings.answer.max_question_chars
        # A pasted document is not a question; keep the start, which states what is asked.
        return q[:limit]

    def ask(self, question: str, *, year: int | None = None, brief: str | None = None,
            kinds: list[str] | None = None) -> Answer:
        """Stateless question → cited Answer. Raises QuestionError on an empty question."""
        q = self._clean(question)
        return self.answer_plan(plan(q, self.info, year=year, brief=brief, kinds=kinds))

    def answer_plan(self, p: QueryPlan) -> Answer:
        t0 = time.perf_counter()
        s = self.settings.answer
        r = self.retriever
        dense = self.settings.retrieval.mode != "bm25"
        scorer = Scorer(content_terms(p.topic), r.df, len(r.nodes), dense_known=dense,
                        similarity=self._similarity(p.topic) if dense and s.sentence_similarity else None)
        if p.intent == "overview" and not p.uncovered:
            hits = r.item_leads(p.filters)
            t1 = time.perf_counter()
            ans = compose_overview(p, hits, {b.brief_id: b.title for b in self._briefs})
        elif p.compare and not p.uncovered:
            per_period = []
            for y in p.compare:
                per_period.append((y, r.retrieve(p, filters=replace(p.filters, years=frozenset({y})))))
            t1 = time.perf_counter()
            ans = compose_comparison(p, per_period, scorer, s, self.info.years)
        else:
            hits = r.retrieve(p)
            t1 = time.perf_counter()
            ans = compose(p, hits, scorer, s)
            if self._time_filters_inferred(p):
                ans = self._maybe_wider(p, ans, hits, scorer)
        t2 = time.perf_counter()
        ans.timings_ms = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        if self._llm is not None:  # rewrites from the same evidence; falls back to the extractive answer
            ans = self._llm.answer(ans)
        return ans

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

    @staticmethod
    def _time_filters_inferred(p: QueryPlan) -> bool:
        f = p.filters
        return not p.explicit and not p.uncovered and bool(f.years or f.brief_months or f.date_from or f.date_to)

    def _maybe_wider(self, p: QueryPlan, ans: Answer, hits: list, scorer: Scorer) -> Answer:
        """A year in the text may describe the content ("GDP share in 2021" in a 2022 brief), not
        the brief. Answer from outside the period only if that is clearly better, and say so."""
        from .answer import group_items, item_coverage

        s = self.settings.answer
        wider = replace(p.filters, years=frozenset(), brief_months=frozenset(), date_from=0, date_to=0)
        wide_hits = self.retriever.retrieve(p, filters=wider)
        retry = compose(p, wide_hits, scorer, s, strict=True)
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
        retry.text = (f"Nothing dated {p.filters.describe()} answers this; the closest items come from "
                      f"other dates:\n\n{retry.text}")
        return retry

    def session(self) -> "Session":
        """A chat session that keeps history for follow-ups."""
        from .session import Session

        return Session(self)

