"""Two processes on one real `chroma run` server: a brief indexed by one is answered by the other."""
import os
import time
import shutil
import subprocess
import sys
from pathlib import Path

from test_chroma_server import chroma_server  # noqa: F401  (the real server fixture)

from assistant import Assistant, Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "variant-brief.txt"
QUESTION = "How much did Beta Chips raise?"


def test_a_brief_indexed_by_another_process_becomes_answerable(chroma_server, tmp_path):  # noqa: F811
    server = {"chroma_host": "127.0.0.1", "chroma_port": chroma_server}
    corpus_b = tmp_path / "corpus-b"
    shutil.copytree(ROOT / "corpus", corpus_b)
    b = Assistant(Settings(data_dir=tmp_path / "b", corpus_dir=corpus_b, index={**server, "store_check_s": 0}))
    before = b.ask(QUESTION)
    assert not any(c.item_id.startswith("variant-brief") for c in before.citations)

    # process A: its own corpus folder (the real briefs + one more), indexed by the CLI into the same server
    corpus_a = tmp_path / "corpus-a"
    shutil.copytree(ROOT / "corpus", corpus_a)
    shutil.copy(FIXTURE, corpus_a)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFS_INDEX__CHROMA_HOST": "127.0.0.1",
           "BRIEFS_INDEX__CHROMA_PORT": str(chroma_server)}
    def cli_a(*args: str) -> None:
        out = subprocess.run([sys.executable, "-m", "assistant", "--corpus-dir", str(corpus_a), "--data-dir",
                              str(tmp_path / "a"), *args], env=env, capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr

    cli_a("index")

    after = b.ask(QUESTION)  # B catches up with the store before answering
    assert after.answerable and after.citations[0].item_id == "variant-brief#corporate_news-2"
    assert "variant-brief" in {x.brief_id for x in b.briefs()}
    assert not (corpus_b / FIXTURE.name).exists()

    # B restarting with its own folder (which lacks that brief) must not prune it from the shared store
    b2 = Assistant(Settings(data_dir=tmp_path / "b", corpus_dir=corpus_b, index=server))
    assert b2.last_sync.deleted == 0
    assert b2.ask(QUESTION).citations[0].item_id == "variant-brief#corporate_news-2"

    # A removes it on purpose: it leaves the store and the registry, so B drops it as well
    cli_a("remove", "variant-brief")
    gone = b.ask(QUESTION)
    assert "variant-brief" not in {x.brief_id for x in b.briefs()}
    assert not any(c.item_id.startswith("variant-brief") for c in gone.citations)


def test_a_sync_in_progress_elsewhere_is_waited_for_not_loaded_half_way(chroma_server, tmp_path):  # noqa: F811
    from assistant.index import Index
    from assistant.parse import read_brief
    from assistant.shared import BriefRegistry

    server = {"chroma_host": "127.0.0.1", "chroma_port": chroma_server}
    corpus_b = tmp_path / "corpus-b"
    shutil.copytree(ROOT / "corpus", corpus_b)
    b = Assistant(Settings(data_dir=tmp_path / "b", corpus_dir=corpus_b,
                           index={**server, "store_check_s": 0, "store_settle_s": 2}))

    def state() -> tuple[set[str], set[str]]:
        """(briefs B knows, briefs whose chunks B's BM25 holds)"""
        return {x.brief_id for x in b.briefs()}, {n.metadata["brief_id"] for n in b.retriever.nodes}

    # process A, mid-sync: two new briefs' chunks stored, only the first registered so far
    # (what its real sync does, stopped between the steps: chunks first, registry last)
    a = Index(Settings(data_dir=tmp_path / "a", corpus_dir=tmp_path / "corpus-a", index=server))
    first, second = read_brief(FIXTURE), read_brief(ROOT / "tests" / "fixtures" / "markdown-brief.md")
    a.sync([first, second], prune=False)
    registry = BriefRegistry(a)
    registry.register([first])

    b.ask(QUESTION)  # the registry changed: B looks, finds the store half-way, keeps its consistent state
    known, held = state()
    assert held == known and first.brief_id not in known and second.brief_id not in known

    registry.register([second])  # A's sync ends
    after = b.ask(QUESTION)
    known, held = state()
    assert held == known and {first.brief_id, second.brief_id} <= known
    assert after.citations[0].item_id == "variant-brief#corporate_news-2"

    # a process that died mid-sync (chunks stored, never registered) is waited for only store_settle_s
    third_path = tmp_path / "orphan-brief.txt"
    third_path.write_text(FIXTURE.read_text(encoding="utf-8").replace("Beta Chips", "Delta Wafers"), encoding="utf-8")
    orphan = read_brief(third_path)
    a.sync([orphan], prune=False)
    registry.forget(first.brief_id)  # any registry change makes B look
    b.ask(QUESTION)
    assert state()[0] == known  # waiting
    time.sleep(2.1)
    b.ask(QUESTION)
    known, held = state()
    assert orphan.brief_id in held and first.brief_id not in known  # loaded as it is
