"""Reading a chroma collection page by page.

Chroma's embedded store turns an unbounded `get` into one SQL statement with a variable per
id and fails past ~32k ids ("too many SQL variables"); every read of the whole store goes
through here instead, `page_size` records at a time."""
from __future__ import annotations

from typing import Iterator

from llama_index.core.schema import BaseNode
from llama_index.core.vector_stores.utils import metadata_dict_to_node


def pages(collection, page_size: int, include: list[str], where: dict | None = None) -> Iterator[dict]:
    """Successive `collection.get` results of at most page_size records each."""
    page_size = max(1, page_size)
    offset = 0
    while True:
        got = collection.get(include=include, where=where, limit=page_size, offset=offset)
        if got["ids"]:
            yield got
        if len(got["ids"]) < page_size:
            return
        offset += page_size


def nodes_in(got: dict) -> list[BaseNode]:
    """llama-index nodes of one `get` page (documents + metadatas), as ChromaVectorStore builds them."""
    return [metadata_dict_to_node(meta, text=text) for meta, text in zip(got["metadatas"], got["documents"])]


def all_nodes(collection, page_size: int, where: dict | None = None) -> list[BaseNode]:
    """Every node of the collection (or of those matching `where`), read page by page."""
    return [n for got in pages(collection, page_size, ["metadatas", "documents"], where) for n in nodes_in(got)]


def stored_ids(collection, page_size: int) -> list[str]:
    """Every id in the collection (ids only, page by page)."""
    return [i for got in pages(collection, page_size, []) for i in got["ids"]]


def digest(ids: list[str]) -> str:
    """Digest of a set of node ids: node ids are content hashes, so equal digests mean equal content."""
    import hashlib

    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()


def nodes_by_id(collection, ids: list[str], page_size: int) -> list[BaseNode]:
    """The nodes with these ids, read page by page (one SQL variable per id)."""
    size = max(1, page_size)
    return [n for start in range(0, len(ids), size)
            for n in nodes_in(collection.get(ids=ids[start:start + size], include=["metadatas", "documents"]))]
