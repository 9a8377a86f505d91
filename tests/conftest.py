"""Shared fixtures: one real Assistant over the real corpus, indexed once per test session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("index")


@pytest.fixture(scope="session")
def settings(index_dir):
    from assistant import Settings

    return Settings(data_dir=index_dir, corpus_dir=CORPUS)


@pytest.fixture(scope="session")
def assistant(settings):
    from assistant import Assistant

    return Assistant(settings)


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the real corpus for tests that add or break briefs."""
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst
