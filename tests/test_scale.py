"""Scale: nothing reads the whole store in one call; start-up state is cached and reused."""
from __future__ import annotations

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
    saved = [p / "state.pkl" for p in (tmp_path / "idx" / "lexical").iterdir()]
    assert len(saved) == 1
    stamp = saved[0].stat().st_mtime_ns
    question = "What are China's lithium battery measures?"
    expected = first.ask(question)
    again = Assistant(s)
    assert saved[0].stat().st_mtime_ns == stamp  # loaded, not rebuilt
    got = again.ask(question)
    assert (got.text, [c.item_id for c in got.citations]) == (expected.text, [c.item_id for c in expected.citations])
    again.add_brief(fixture)
    assert not saved[0].exists() and len(list((tmp_path / "idx" / "lexical").iterdir())) == 1
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
