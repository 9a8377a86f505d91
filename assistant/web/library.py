"""Corpus browsing and adding a brief: the non-chat uses of the shared Assistant."""
from __future__ import annotations

from pathlib import Path

import gradio as gr

from . import ui
from assistant.errors import BriefParseError

from .runtime import AssistantHolder, NotReady

CORPUS_HEADERS = ["Brief", "Kind", "Date", "Headline", "Issuing bodies", "Item id"]
ALLOWED_SUFFIXES = {".txt", ".md"}


def corpus_rows(holder: AssistantHolder, query: str = "") -> list[list[str]]:
    """Table rows of every indexed item matching the search box (all words must occur)."""
    if not holder.ready:
        return []
    with holder.lock.read():
        briefs = holder.assistant.briefs()
    return [ui.item_row(item, b.month) for b in briefs for item in b.items
            if ui.item_matches(item, query)]


def show_item(holder: AssistantHolder, evt: gr.SelectData) -> str:
    """Clicking any cell of a row shows that row's item in full (the id is the last column)."""
    row = evt.row_value or []
    if not row:
        return ui.message_html("Select a row to read the item.", "info")
    item_id = row[-1]
    try:
        with holder.lock.read():
            item = holder.assistant.item(item_id)
            month = next((b.month for b in holder.assistant.briefs() if b.brief_id == item.brief_id), "")
    except (KeyError, NotReady) as e:
        return ui.message_html(f"Item {item_id} is not available: {e}", "error")
    return ui.item_html(item, month)


def check_upload(path: str | None, max_bytes: int) -> Path:
    """Cheap checks before the parser: present, a text brief's suffix, within the size limit."""
    if not path:
        raise ValueError("Choose a brief file (.txt or .md) first.")
    p = Path(path)
    if p.suffix.lower() not in ALLOWED_SUFFIXES:
        raise ValueError(f"{p.name}: only .txt or .md briefs can be added.")
    size = p.stat().st_size
    if size > max_bytes:
        raise ValueError(f"{p.name} is {size:,} bytes; the upload limit is {max_bytes:,} bytes.")
    if size == 0:
        raise ValueError(f"{p.name} is empty.")
    return p


def add_brief(holder: AssistantHolder, path: str | None, progress) -> str:
    """Validate, parse and index one uploaded brief; on any failure the index is unchanged."""
    try:
        p = check_upload(path, holder.settings.app.max_upload_bytes)
        assistant = holder.assistant
    except (ValueError, NotReady) as e:
        return ui.message_html(str(e), "error")
    progress(0.0, desc=f"Parsing {p.name}")
    try:
        with holder.lock.write():
            brief = assistant.add_brief(p, progress=lambda msg, frac: progress(frac, desc=msg))
    except BriefParseError as e:
        # The core names the temp upload path; the user knows the file by its name.
        return ui.message_html(f"Not added — {p.name}, line {e.line}: {e.message}", "error")
    except Exception as e:
        return ui.message_html(f"Not added — {p.name}: {type(e).__name__}: {e}", "error")
    return ui.message_html(
        f"Added {p.name}: {ui.brief_label(brief.month)} brief “{brief.title}” ({len(brief.items)} items, "
        f"id {brief.brief_id}). It is searchable in the chat now.", "ok")
