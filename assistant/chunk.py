"""Items → llama-index TextNodes, one per item section, with metadata and a context header.

Chunks follow the brief's structure (glance+bullets, comment, source note, news item) rather
than fixed windows, so a hit always maps to one item and one kind of text."""
from __future__ import annotations

import hashlib
import json

from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import Document, MetadataMode, TextNode

from .models import KIND_LABELS, Brief, Item

# Only these metadata keys go into the embedded / BM25 text: the context header.
HEADER_KEYS = ["source", "headline", "policy", "policy_cn", "issuers"]


def item_sections(item: Item) -> list[tuple[str, str]]:
    """(section, verbatim text) pairs of an item."""
    if item.kind != "top5":
        return [("news", item.text)]
    glance = "\n".join([item.glance, *("• " + b for b in item.bullets)])
    sections = [("glance", glance)]
    if item.comment:
        sections.append(("comment", item.comment))
    if item.source_note:
        sections.append(("meta", item.source_note))
    return sections


def item_metadata(brief: Brief, item: Item) -> dict:
    """Flat scalar metadata (chroma stores no lists)."""
    d = item.date
    month_label = d.strftime("%B %Y") if d else brief.month
    return {
        "item_id": item.item_id,
        "brief_id": brief.brief_id,
        "brief_month": brief.month,
        "brief_hash": brief.content_hash,
        "kind": item.kind,
        "number": item.number or 0,
        "headline": item.headline,
        "policy": item.policy,
        "policy_cn": item.policy_cn,
        "issuers": ", ".join(item.issuers),
        "date": d.isoformat() if d else "",
        "date_int": int(d.strftime("%Y%m%d")) if d else 0,
        "year": d.year if d else brief.year,
        "source": f"{KIND_LABELS[item.kind]}, {month_label} (brief {brief.month})",
    }


def node_id(node: TextNode) -> str:
    """Content-derived id over everything the store keeps of a chunk: its body, every metadata
    field and the embedded text (header included). Re-indexing the same brief yields the same
    ids (idempotent upserts); any edit of what is stored or embedded yields new ones, so it is
    re-embedded rather than left stale. The metadata carry the brief's content hash, so an edited
    brief is re-indexed whole."""
    payload = json.dumps([node.get_content(metadata_mode=MetadataMode.NONE), node.metadata,
                          node.get_content(metadata_mode=MetadataMode.EMBED)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def brief_nodes(brief: Brief, count_tokens, max_tokens: int = 256, chunk_tokens: int = 200) -> list[TextNode]:
    """All chunks of a brief; sections too long for the model are split at sentence boundaries."""
    splitter = SentenceSplitter(chunk_size=min(chunk_tokens, max_tokens - 8), chunk_overlap=0,
                                tokenizer=count_tokens, paragraph_separator="\n")  # split between bullets/paragraphs first
    nodes: list[TextNode] = []
    for item in brief.items:
        meta = item_metadata(brief, item)
        for section, text in item_sections(item):
            doc = Document(text=text, metadata={**meta, "section": section},
                           excluded_embed_metadata_keys=[k for k in meta if k not in HEADER_KEYS] + ["section"],
                           excluded_llm_metadata_keys=[k for k in meta if k not in HEADER_KEYS] + ["section"])
            parts = splitter.get_nodes_from_documents([doc]) if _too_long(doc, count_tokens, max_tokens) else [doc]
            for k, part in enumerate(parts):
                node = TextNode(
                    text=part.get_content(metadata_mode=MetadataMode.NONE),
                    metadata={**meta, "section": section, "part": k},
                    excluded_embed_metadata_keys=doc.excluded_embed_metadata_keys + ["part"],
                    excluded_llm_metadata_keys=doc.excluded_llm_metadata_keys + ["part"],
                )
                node.id_ = node_id(node)
                nodes.append(node)
    return nodes


def _too_long(doc: Document, count_tokens, max_tokens: int) -> bool:
    return len(count_tokens(doc.get_content(metadata_mode=MetadataMode.EMBED))) > max_tokens - 2
