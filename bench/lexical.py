"""`python -m bench.lexical --briefs 1000`: what adding, replacing or removing one brief costs the lexical side.

Fills a real embedded chroma store with the chunks of a synthetic archive (bench/synth.py) under
dummy 4-d vectors (no model: the lexical side never reads vectors), then times `lexical_for`:
a build from nothing (every chunk read and tokenised: what every change cost before per-brief
parts), then one brief added, one replaced and one removed (only that brief tokenised)."""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from .synth import make_archive


def _store(index, nodes) -> None:
    from llama_index.core.vector_stores.utils import node_to_metadata_dict

    batch = index.client.get_max_batch_size()
    for start in range(0, len(nodes), batch):
        chunk = nodes[start:start + batch]
        index.collection.add(ids=[n.node_id for n in chunk], documents=[n.get_content() for n in chunk],
                             embeddings=[[1.0, 0.0, 0.0, 0.0]] * len(chunk),
                             metadatas=[node_to_metadata_dict(n, remove_text=True) for n in chunk])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.lexical", description=__doc__.splitlines()[0])
    p.add_argument("--briefs", type=int, default=100, help="archive size")
    args = p.parse_args(argv)

    from assistant.index import Index
    from assistant.lexical import lexical_for
    from assistant.parse import load_corpus
    from assistant.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="briefs-lexical-"))
    try:
        make_archive(args.briefs + 1, work / "corpus")
        briefs, _ = load_corpus(work / "corpus")
        extra, briefs = briefs[0], briefs[1:]
        index = Index(Settings(data_dir=work / "data", corpus_dir=work / "corpus"))
        nodes = [n for b in briefs for n in index.nodes_for(b)]
        _store(index, nodes)
        cache = work / "data" / "lexical"

        def timed(label: str) -> None:
            t = time.perf_counter()
            lexical = lexical_for(index, cache)
            print(f"{label}: {time.perf_counter() - t:.1f} s ({len(lexical.nodes)} chunks)", flush=True)

        print(f"{len(briefs)} briefs, {len(nodes)} chunks")
        timed("build from nothing (every chunk tokenised)")
        _store(index, index.nodes_for(extra))
        timed("one brief added")
        old = index.nodes_for(briefs[0])
        index.collection.delete(ids=[n.node_id for n in old])
        edited = replace(briefs[0], content_hash=briefs[0].content_hash + "-edited")  # new node ids
        _store(index, index.nodes_for(edited))
        timed("one brief replaced")
        index.collection.delete(ids=[n.node_id for n in index.nodes_for(edited)])
        timed("one brief removed")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
