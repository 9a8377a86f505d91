"""Index: idempotent, incremental, survives a half-finished run, chunks fit the model."""
from pathlib import Path

from llama_index.core.schema import MetadataMode

from assistant import Assistant, Settings
from assistant.embed import count_tokens
from assistant.index import Index
from assistant.parse import load_corpus


def test_index_twice_same_count_and_nothing_reembedded(assistant, settings):
    n = assistant.store.count()
    assert n > 50
    again = Index(settings).sync(assistant.briefs())
    assert again.embedded == 0 and again.deleted == 0 and again.kept == n
    assert Index(settings).count() == n


def test_chunks_fit_the_model_and_carry_metadata(assistant, settings):
    count = count_tokens(settings.embedding)
    nodes = assistant.store.all_nodes()
    assert max(len(count(n.get_content(metadata_mode=MetadataMode.EMBED))) for n in nodes) <= 254
    battery = [n for n in nodes if n.metadata["item_id"].endswith("2022-11#top5-2")]
    assert {n.metadata["section"] for n in battery} == {"glance", "comment", "meta"}
    m = battery[0].metadata
    assert (m["year"], m["kind"], m["issuers"], m["date"]) == (2022, "top5", "MIIT, SAMR", "2022-11-18")
    # the embedded text names the item, so a chunk about "the notice" knows which notice
    assert "Greater regulatory oversight" in battery[0].get_content(metadata_mode=MetadataMode.EMBED)


def test_incremental_add_change_remove_and_killed_run(corpus_copy: Path, tmp_path):
    s = Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy)
    index = Index(s)
    briefs, _ = load_corpus(corpus_copy)
    first = index.sync(briefs[:1])
    total_first = index.count()
    assert first.embedded == total_first
    # a run killed after some chunks: simulate by deleting part of what was stored
    ids = list(index.stored_ids())[:5]
    index.collection.delete(ids=ids)
    resumed = index.sync(briefs[:1])
    assert resumed.embedded == 5 and index.count() == total_first
    # edit one brief: only its changed chunks are re-embedded, stale ones removed
    path = Path(briefs[0].source)
    path.write_text(path.read_text(encoding="utf-8").replace("5G user penetration", "5G user uptake"), encoding="utf-8")
    briefs, _ = load_corpus(corpus_copy)
    edited = index.sync(briefs)
    assert edited.deleted == 1 and 1 <= edited.embedded < index.count()
    # remove a brief from the corpus: its chunks go
    path.unlink()
    briefs, _ = load_corpus(corpus_copy)
    pruned = index.sync(briefs)
    assert pruned.deleted == total_first
    assert set(index.stored_ids().values()) == {briefs[0].brief_id}


def test_a_bad_file_in_corpus_does_not_block_indexing(corpus_copy: Path, tmp_path):
    (corpus_copy / "broken.txt").write_text("MERICS Top 5\n\n1. A headline only\n", encoding="utf-8")
    (corpus_copy / "blob.txt").write_bytes(bytes(range(256)))
    a = Assistant(Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy))
    assert len(a.briefs()) == 2
    assert {Path(e.source).name for e in a.errors} == {"broken.txt", "blob.txt"}
    assert a.ask("What are China's lithium battery measures?").answerable


def test_add_brief_is_answerable_at_once_and_failures_change_nothing(corpus_copy: Path, tmp_path):
    from assistant.errors import BriefParseError

    fixture = Path(__file__).resolve().parent / "fixtures" / "variant-brief.txt"
    a = Assistant(Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy))
    before = a.store.count()
    junk = tmp_path / "junk.txt"
    junk.write_text("not a brief at all\n")
    try:
        a.add_brief(junk)
        raise AssertionError("a non-brief was accepted")
    except BriefParseError as e:
        assert "junk.txt:1" in str(e)
    assert a.store.count() == before and not (corpus_copy / "junk.txt").exists()
    brief = a.add_brief(fixture)
    assert brief.month == "2023-01" and (corpus_copy / fixture.name).exists()
    assert a.store.count() > before
    ans = a.ask("How much did Beta Chips raise?")
    assert ans.answerable and ans.citations[0].item_id == "variant-brief#corporate_news-2"
    assert a.ask("What are China's lithium battery measures?").answerable  # old briefs still there
    try:
        a.add_brief(fixture)
        raise AssertionError("the same brief was added twice")
    except BriefParseError as e:
        assert "already" in str(e)
