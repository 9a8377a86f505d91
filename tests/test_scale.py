"""Scale: nothing reads the whole store in one call; start-up state is cached and reused."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from llama_index.core.schema import TextNode
from llama_index.core.vector_stores.utils import node_to_metadata_dict

from assistant import Settings
from assistant.index import Index

PAST_SQL_LIMIT = 33_000  # chroma's embedded store fails an unbounded get past ~32k ids


@pytest.fixture(scope="module")
def big_index(tmp_path_factory) -> Index:
    """A real embedded chroma store holding 33,000 tiny records with dummy 4-d vectors (no model)."""
    s = Settings(data_dir=tmp_path_factory.mktemp("big"), index={"page_size": 4000})
    index = Index(s)
    batch = index.client.get_max_batch_size()
    for start in range(0, PAST_SQL_LIMIT, batch):
        nodes = [TextNode(id_=f"n{i:05d}", text=f"chunk {i}", metadata={"brief_id": f"b{i // 40}", "year": 2000 + i % 30})
                 for i in range(start, min(PAST_SQL_LIMIT, start + batch))]
        index.collection.add(ids=[n.node_id for n in nodes], documents=[n.text for n in nodes],
                             embeddings=[[1.0, (i % 7) / 7, 0.5, 0.0] for i in range(len(nodes))],
                             metadatas=[node_to_metadata_dict(n, remove_text=True) for n in nodes])
    return index


def test_an_unpaged_read_fails_past_the_sql_limit(big_index):
    # what this module guards against, so the tests below can fail
    with pytest.raises(Exception, match="too many SQL variables"):
        big_index.collection.get(include=["metadatas"])


def test_paged_reads_return_every_record_once(big_index):
    ids = big_index.stored_ids()
    assert len(ids) == PAST_SQL_LIMIT and ids["n32999"] == "b824"
    nodes = big_index.all_nodes()
    assert len({n.node_id for n in nodes}) == PAST_SQL_LIMIT
    assert nodes[0].get_content() == "chunk 0" and nodes[0].metadata["year"] == 2000


def test_filter_columns_agree_with_filters_matches(assistant):
    from assistant.lexical import vectorised
    from assistant.query import Filters

    r = assistant.retriever
    metas = [n.metadata for n in r.nodes]
    cases = [Filters(), Filters(years=frozenset({2021})), Filters(brief_months=frozenset({"2022-11"})),
             Filters(brief_months=frozenset({"2022-10"})), Filters(date_from=20221101, date_to=20221120),
             Filters(kinds=frozenset({"policy_news", "corporate_news"}), years=frozenset({2022})),
             Filters(item_ids=frozenset({"merics-china-industries-2022-11#top5-2"})),
             Filters(exclude_ids=frozenset({"merics-china-industries-2022-11#top5-2"}), years=frozenset({2022})),
             Filters(ranges=((20211101, 20211115), (20221115, 0))), Filters(ranges=((0, 20211031),))]
    for f in cases:
        assert vectorised(f)
        expected = [f.matches(m) for m in metas]
        assert list(r.lexical.columns.mask(f)) == expected, f
        assert 0 < sum(expected) or f.brief_months == frozenset({"2022-10"})


def test_restart_loads_the_saved_lexical_state_and_a_change_rebuilds_it(corpus_copy, tmp_path):
    from assistant import Assistant

    fixture = Path(__file__).resolve().parent / "fixtures" / "variant-brief.txt"
    s = Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy)
    first = Assistant(s)
    saved = [p / "state.pkl" for p in (tmp_path / "idx" / "lexical").iterdir() if p.name != "parts"]
    assert len(saved) == 1
    stamp = saved[0].stat().st_mtime_ns
    question = "What are China's lithium battery measures?"
    expected = first.ask(question)
    again = Assistant(s)
    assert saved[0].stat().st_mtime_ns == stamp  # loaded, not rebuilt
    got = again.ask(question)
    assert (got.text, [c.item_id for c in got.citations]) == (expected.text, [c.item_id for c in expected.citations])
    again.add_brief(fixture)
    states = [x for x in (tmp_path / "idx" / "lexical").iterdir() if x.name != "parts"]
    assert not saved[0].exists() and len(states) == 1
    assert again.ask("How much did Beta Chips raise?").citations[0].item_id == "variant-brief#corporate_news-2"


def test_a_restart_reparses_only_changed_briefs_and_syncs_only_what_changed(corpus_copy, tmp_path):
    from assistant import Assistant

    s = Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy)
    first = Assistant(s)
    n = first.store.count()
    cache = tmp_path / "idx" / "startup" / "briefs.pkl"
    stamp = cache.stat().st_mtime_ns
    again = Assistant(s)
    assert cache.stat().st_mtime_ns == stamp  # nothing re-parsed, nothing rewritten
    assert (again.last_sync.embedded, again.last_sync.deleted, again.last_sync.kept) == (0, 0, n)
    assert [b.content_hash for b in again.briefs()] == [b.content_hash for b in first.briefs()]
    # one file edited, one removed: only those are re-read and synced
    edited, removed = sorted(corpus_copy.iterdir())
    edited.write_text(edited.read_text(encoding="utf-8").replace("5G user penetration", "5G user uptake"), encoding="utf-8")
    gone = {b.brief_id: b for b in first.briefs()}[removed.stem]
    removed.unlink()
    third = Assistant(s)
    chunks_gone = sum(1 for n_ in first.retriever.nodes if n_.metadata["brief_id"] == gone.brief_id)
    chunks_edited = sum(1 for n_ in first.retriever.nodes if n_.metadata["brief_id"] == edited.stem)
    # node ids hash the whole brief: the edited one is re-embedded whole, the other one's chunks go
    assert third.last_sync.embedded == third.store.count() == chunks_edited
    assert third.last_sync.deleted == chunks_edited + chunks_gone
    assert set(third.store.stored_ids().values()) == {edited.stem}
    assert third.ask("What is the 5G user uptake target?").answerable
    assert not any(b.brief_id == gone.brief_id for b in third.briefs())


def test_add_and_remove_leave_a_start_up_manifest_that_matches_the_store(corpus_copy, tmp_path):
    import pickle

    from assistant import Assistant

    fixture = Path(__file__).resolve().parent / "fixtures" / "variant-brief.txt"
    s = Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy)
    manifest = tmp_path / "idx" / "startup" / "sync.pkl"

    def recorded() -> dict:
        return pickle.loads(manifest.read_bytes())[1]

    a = Assistant(s)
    added = a.add_brief(fixture)
    assert recorded() == {"briefs": {b.brief_id: b.content_hash for b in a.briefs()}, "count": a.store.count()}
    again = Assistant(s)  # the manifest is trusted: nothing to sync, the new brief answers
    assert (again.last_sync.embedded, again.last_sync.deleted) == (0, 0)
    assert again.ask("How much did Beta Chips raise?").citations[0].item_id == "variant-brief#corporate_news-2"
    with_it = again.store.count()
    its_chunks = sum(1 for b in again.store.stored_ids().values() if b == added.brief_id)
    again.remove_brief(added.brief_id)
    assert recorded() == {"briefs": {b.brief_id: b.content_hash for b in again.briefs()}, "count": with_it - its_chunks}
    third = Assistant(s)
    assert added.brief_id not in {b.brief_id for b in third.briefs()}
    assert (third.last_sync.embedded, third.last_sync.deleted, third.store.count()) == (0, 0, with_it - its_chunks)
    assert not any(c.item_id.startswith("variant-brief") for c in third.ask("How much did Beta Chips raise?").citations)


BM25_QUESTIONS = ("lithium battery measures", "How much did Beta Chips raise?", "robot density workers",
                  "cross-border data transfer", "5G user penetration target", "semiconductor subsidies fabs")


def _bm25_scores(bm25, questions=BM25_QUESTIONS) -> list[dict[str, float]]:
    """node id -> BM25 score of every chunk that scores, per question."""
    from llama_index.retrievers.bm25 import BM25Retriever

    from assistant.text import TOKEN_PATTERN

    r = bm25 if isinstance(bm25, BM25Retriever) else BM25Retriever(existing_bm25=bm25, token_pattern=TOKEN_PATTERN)
    r.similarity_top_k = int(r.bm25.scores["num_docs"])
    return [{n.node_id: round(n.score, 5) for n in r.retrieve(q) if n.score > 0} for q in questions]


def _assert_as_full_rebuild(a, fresh_dir: Path) -> None:
    """The lexical state after an update equals one built from scratch, and BM25 scores as
    llama-index's own BM25Retriever over every stored node would."""
    import numpy as np
    from llama_index.retrievers.bm25 import BM25Retriever

    from assistant.lexical import lexical_for
    from assistant.text import TOKEN_PATTERN

    got, full = a.retriever.lexical, lexical_for(a.store, fresh_dir)
    assert list(got.nodes._ids) == list(full.nodes._ids) and sorted(got.nodes._ids) == sorted(a.store.stored_ids())
    assert got.df == full.df
    for field in ("year", "date_int", "kind", "brief_month", "item_id", "lead", "number"):
        assert np.array_equal(getattr(got.columns, field), getattr(full.columns, field)), field
    scores = _bm25_scores(got.bm25)
    assert scores == _bm25_scores(full.bm25)
    reference = BM25Retriever(nodes=a.store.all_nodes(), token_pattern=TOKEN_PATTERN)
    assert scores == _bm25_scores(reference)
    assert all(scores)  # every question scores something: an empty comparison proves nothing


def test_adding_replacing_and_removing_a_brief_update_bm25_as_a_full_rebuild_would(corpus_copy, tmp_path):
    from assistant import Assistant

    fixture = Path(__file__).resolve().parent / "fixtures" / "variant-brief.txt"
    a = Assistant(Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy))
    parts = tmp_path / "idx" / "lexical" / "parts"
    (version,) = parts.iterdir()
    before = {p.name: p.stat().st_mtime_ns for p in version.iterdir()}
    assert len(before) == 2  # one part per brief

    a.add_brief(fixture)
    after = {p.name: p.stat().st_mtime_ns for p in version.iterdir()}
    assert len(after) == 3 and all(after[n] == t for n, t in before.items())  # only the new brief tokenised
    _assert_as_full_rebuild(a, tmp_path / "fresh-add")

    edited = tmp_path / "upload" / fixture.name  # same name, so the same brief id: a replacement
    edited.parent.mkdir()
    edited.write_text(fixture.read_text(encoding="utf-8").replace("Beta Chips", "Gamma Foundry"), encoding="utf-8")
    a.add_brief(edited)
    replaced = {p.name: p.stat().st_mtime_ns for p in version.iterdir()}
    assert len(replaced) == 3 and all(replaced[n] == t for n, t in before.items())
    _assert_as_full_rebuild(a, tmp_path / "fresh-replace")
    assert a.ask("How much did Gamma Foundry raise?").citations[0].item_id == "variant-brief#corporate_news-2"

    a.remove_brief("variant-brief")
    assert {p.name for p in version.iterdir()} == set(before)
    _assert_as_full_rebuild(a, tmp_path / "fresh-remove")


def test_a_damaged_or_deleted_lexical_part_is_rebuilt(corpus_copy, tmp_path):
    from assistant import Assistant

    # small pages: the store is read a page at a time and a brief split by a page boundary makes two parts
    s = Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy, index={"page_size": 40})
    a = Assistant(s)
    expected = _bm25_scores(a.retriever.lexical.bm25)
    lexical = tmp_path / "idx" / "lexical"
    (version,) = (lexical / "parts").iterdir()
    made = sorted(p.name for p in version.iterdir())
    assert len(made) > 2
    damaged, deleted = (version / made[0]), (version / made[-1])
    damaged.write_bytes(b"not a pickle")
    deleted.unlink()
    for state in lexical.iterdir():  # force a rebuild from the parts
        if state.name != "parts":
            shutil.rmtree(state)
    again = Assistant(s)
    assert _bm25_scores(again.retriever.lexical.bm25) == expected
    _assert_as_full_rebuild(again, tmp_path / "fresh")
