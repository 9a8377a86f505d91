"""Scale: nothing reads the whole store in one call; start-up state is cached and reused."""
from __future__ import annotations

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
