"""Corpus management through the core: PDF/HTML briefs indexed and answerable, replace, remove."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.errors import BriefsError

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "tests" / "fixtures" / "web"
B21, B22 = "merics-china-industries-2021-11", "merics-china-industries-2022-11"
BATTERY = "What are China's lithium battery measures?"
DRAFT = "Lithium-ion Battery Industry Regulatory Conditions (2021)"


def _battery_citation(a: Assistant):
    ans = a.ask(BATTERY, year=2021)
    assert ans.answerable
    return next((c for c in ans.citations if DRAFT in c.policy), None)


@pytest.fixture()
def web_corpus(tmp_path) -> Path:
    """The Nov 2021 brief as a PDF print, the Nov 2022 brief as a saved web page."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(WEB / f"{B21}.pdf", corpus)
    shutil.copy(WEB / f"{B22}.html", corpus)
    return corpus


def test_pdf_and_html_briefs_index_and_answer_like_the_txt(web_corpus, tmp_path):
    a = Assistant(Settings(data_dir=tmp_path / "idx", corpus_dir=web_corpus))
    assert not a.errors
    counts = {b.brief_id: len(b.items) for b in a.briefs()}
    assert counts == {B21: 19, B22: 20}  # as many items as the .txt briefs
    cite = _battery_citation(a)  # from the PDF
    assert cite is not None and cite.issuers == ["MIIT"] and cite.brief == B21

    # Re-uploading the brief as HTML replaces the PDF: same id, same chunks count, PDF file gone.
    chunks = a.store.count()
    brief = a.add_brief(WEB / f"{B21}.html")
    assert brief.brief_id == B21 and len(brief.items) == 19
    assert sorted(p.name for p in web_corpus.iterdir()) == [f"{B21}.html", f"{B22}.html"]
    assert len(a.briefs()) == 2 and a.store.count() == chunks
    cite = _battery_citation(a)  # from the HTML
    assert cite is not None and cite.issuers == ["MIIT"]


def test_remove_brief_takes_its_chunks_from_store_and_bm25_and_its_file(corpus_copy, tmp_path):
    a = Assistant(Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy))
    before = a.store.count()
    gone = a.remove_brief(B22)
    assert gone.brief_id == B22 and not (corpus_copy / f"{B22}.txt").exists()
    assert a.store.collection.get(where={"brief_id": B22})["ids"] == []
    assert 0 < a.store.count() < before
    assert all(n.metadata["brief_id"] != B22 for n in a.retriever.nodes)  # BM25 rebuilt without it
    assert [b.brief_id for b in a.briefs()] == [B21]
    ans = a.ask("What does the 2022 battery supply chain notice say?")
    assert all(c.brief == B21 for c in ans.citations)
    with pytest.raises(BriefsError, match="no indexed brief"):
        a.remove_brief(B22)
    # A restart does not bring it back, and the other brief is intact.
    b = Assistant(Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy))
    assert [x.brief_id for x in b.briefs()] == [B21] and b.store.count() == a.store.count()

    # Added back under a hidden name: stored visibly, so the next start still sees it.
    hidden = tmp_path / f".{B22}-web.html"
    shutil.copy(WEB / f"{B22}.html", hidden)
    assert b.add_brief(hidden).brief_id == f"{B22}-web"
    assert (corpus_copy / f"{B22}-web.html").is_file()
    again = Assistant(Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy), sync=False)
    assert {x.brief_id for x in again.briefs()} == {B21, f"{B22}-web"}


def test_edited_brief_upload_replaces_the_old_version(corpus_copy, tmp_path):
    a = Assistant(Settings(data_dir=tmp_path / "idx", corpus_dir=corpus_copy))
    edited = tmp_path / "upload" / f"{B21}.txt"
    edited.parent.mkdir()
    text = (corpus_copy / f"{B21}.txt").read_text(encoding="utf-8")
    edited.write_text(text.replace("MIIT pushes battery makers to double down on innovation",
                                   "MIIT tells battery makers to innovate harder"), encoding="utf-8")
    a.add_brief(edited)
    assert len(a.briefs()) == 2
    assert "innovate harder" in (corpus_copy / f"{B21}.txt").read_text(encoding="utf-8")
    headlines = {c.headline for c in a.ask(BATTERY, year=2021).citations}
    assert "MIIT tells battery makers to innovate harder" in headlines
    assert "MIIT pushes battery makers to double down on innovation" not in headlines


def test_cli_remove(corpus_copy, tmp_path):
    env_args = ["--data-dir", str(tmp_path / "idx"), "--corpus-dir", str(corpus_copy)]
    run = lambda *args: subprocess.run([sys.executable, "-m", "assistant", *env_args, *args], cwd=ROOT,
                                       capture_output=True, text=True, timeout=600)
    assert run("index").returncode == 0
    done = run("remove", B22)
    assert done.returncode == 0 and f"removed {B22}" in done.stdout
    assert not (corpus_copy / f"{B22}.txt").exists()
    listed = run("briefs")
    assert B22 not in listed.stdout and B21 in listed.stdout
    missing = run("remove", "no-such-brief")
    assert missing.returncode == 2 and "no indexed brief" in missing.stderr
