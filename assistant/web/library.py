"""The corpus tab and adding briefs: the non-chat uses of the shared Assistant.

Tables carry no item-id column; each view keeps its rows' item ids in a gr.State (`RowKeys`) so
a click on any cell still opens the right item.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from . import tracker, ui
from assistant.errors import BriefParseError, BriefsError
from assistant.formats import BRIEF_SUFFIXES

from .runtime import AssistantHolder, NotReady

CORPUS_HEADERS = ["Brief", "Kind", "Date", "Headline", "Issuing bodies"]
ALLOWED_SUFFIXES = set(BRIEF_SUFFIXES)
RowKeys = list[tuple[list[str], str]]  # (row cells, item id) in display order


def _item_for(keys: RowKeys | None, evt: gr.SelectData) -> str | None:
    """The item of a clicked row: by its cells (robust to the table being re-sorted), else by index."""
    keys = keys or []
    row = [str(v) for v in (evt.row_value or [])]
    for cells, item_id in keys:
        if cells == row:
            return item_id
    index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
    return keys[index][1] if isinstance(index, int) and 0 <= index < len(keys) else None


def item_view(holder: AssistantHolder, item_id: str | None) -> str:
    """The item panel for one item id."""
    if not item_id:
        return ui.message_html("Select a row to read the item.", "info")
    try:
        with holder.lock.read():
            item = holder.assistant.item(item_id)
            month = next((b.month for b in holder.assistant.briefs() if b.brief_id == item.brief_id), "")
    except (KeyError, NotReady) as e:
        return ui.message_html(f"Item {item_id} is not available: {e}", "error")
    return ui.item_html(item, month)


# --------------------------------------------------------------------------- all items

def corpus_rows(holder: AssistantHolder, query: str = "") -> tuple[list[list[str]], RowKeys]:
    """Table rows of every indexed item matching the search box (all words must occur), with their ids."""
    if not holder.ready:
        return [], []
    with holder.lock.read():
        briefs = holder.assistant.briefs()
    keyed = [(ui.item_row(item, b.month), item.item_id) for b in briefs for item in b.items
             if ui.item_matches(item, query)]
    return [cells for cells, _ in keyed], keyed


def show_item(holder: AssistantHolder, evt: gr.SelectData, keys: RowKeys | None) -> str:
    """Clicking any cell of a row (items or tracker table) shows that row's item in full."""
    return item_view(holder, _item_for(keys, evt))


# --------------------------------------------------------------------------- policy tracker

def tracker_view(holder: AssistantHolder, issuer: str | None, year: str | None, text: str | None):
    """Tracker table, its row keys, the timeline PNG and its points, the CSV file, and the filter
    choices (kept to what the corpus holds; a chosen value no longer there falls back to All)."""
    if not holder.ready:
        return ([], [], None, [], None, gr.skip(), gr.skip())
    with holder.lock.read():
        rows = tracker.policy_rows(holder.assistant.briefs())
    issuers, years = tracker.issuer_choices(rows), tracker.year_choices(rows)
    issuer = issuer if issuer in issuers else tracker.ALL
    year = year if year in years else tracker.ALL
    shown = tracker.filter_rows(rows, issuer, year, text)
    out = Path(tempfile.mkdtemp(prefix="briefs-tracker-"))
    png = out / "policy-timeline.png"
    points = tracker.timeline_png(shown, png)
    csv_path = out / "policy-tracker.csv"
    csv_path.write_text(tracker.csv_text(shown), encoding="utf-8-sig")  # BOM: spreadsheets read it as UTF-8
    keys = [(r.cells(), r.item_id) for r in shown]
    return ([cells for cells, _ in keys], keys, str(png), points, str(csv_path),
            gr.update(choices=issuers, value=issuer), gr.update(choices=years, value=year))


def show_timeline_item(holder: AssistantHolder, evt: gr.SelectData, points: list | None) -> str:
    """A click on the timeline image opens the policy drawn under it."""
    index = evt.index if isinstance(evt.index, (list, tuple)) and len(evt.index) == 2 else None
    item_id = tracker.point_at(points or [], float(index[0]), float(index[1])) if index else None
    if item_id is None:
        return ui.message_html("Click on a point of the timeline to open its policy.", "info")
    return item_view(holder, item_id)


# --------------------------------------------------------------------------- adding and removing

def check_upload(path: str | None, max_bytes: int) -> Path:
    """Cheap checks before the parser: present, a brief's suffix, within the size limit."""
    if not path:
        raise ValueError("Choose a brief file first.")
    p = Path(path)
    if p.suffix.lower() not in ALLOWED_SUFFIXES:
        raise ValueError(f"{p.name}: only {', '.join(BRIEF_SUFFIXES)} briefs can be added.")
    size = p.stat().st_size
    if size > max_bytes:
        raise ValueError(f"{p.name} is {size:,} bytes; the upload limit is {max_bytes:,} bytes.")
    if size == 0:
        raise ValueError(f"{p.name} is empty.")
    return p


def _add_one(holder: AssistantHolder, path: str | None, progress) -> str:
    try:
        p = check_upload(path, holder.settings.app.max_upload_bytes)
        assistant = holder.assistant
    except (ValueError, NotReady) as e:
        return ui.message_html(str(e), "error")
    progress(0.0, desc=f"Parsing {p.name}")
    try:
        with holder.lock.write():
            replaced = {b.brief_id for b in assistant.briefs()}
            brief = assistant.add_brief(p, progress=lambda msg, frac: progress(frac, desc=msg))
    except BriefParseError as e:
        # The core names the temp upload path; the user knows the file by its name.
        return ui.message_html(f"Not added — {p.name}, line {e.line}: {e.message}", "error")
    except Exception as e:
        return ui.message_html(f"Not added — {p.name}: {type(e).__name__}: {e}", "error")
    verb = "Replaced" if brief.brief_id in replaced else "Added"
    return ui.message_html(
        f"{verb} {p.name}: {ui.brief_label(brief.month)} brief “{brief.title}” ({len(brief.items)} items, "
        f"id {brief.brief_id}). It is searchable in the chat now.", "ok")


def add_briefs(holder: AssistantHolder, paths, progress) -> str:
    """Validate, parse and index each uploaded brief on its own: one bad file costs only itself."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        return ui.message_html("Choose one or more brief files first.", "error")
    return "".join(_add_one(holder, str(p), progress) for p in paths)


def brief_choices(holder: AssistantHolder) -> list[tuple[str, str]]:
    """Remove-dropdown entries: 'November 2021 — <title> (file)' → brief id."""
    if not holder.ready:
        return []
    with holder.lock.read():
        briefs = holder.assistant.briefs()
    return [(f"{ui.brief_label(b.month)} — {b.title} ({Path(b.source).name})"[:110], b.brief_id) for b in briefs]


def remove_brief(holder: AssistantHolder, brief_id: str | None) -> str:
    """Remove one brief from index and corpus folder; says what went."""
    if not brief_id:
        return ui.message_html("Choose a brief to remove first.", "error")
    try:
        with holder.lock.write():
            gone = holder.assistant.remove_brief(brief_id)
    except (BriefsError, NotReady) as e:
        return ui.message_html(f"Not removed — {e}", "error")
    return ui.message_html(f"Removed {gone.brief_id}: {ui.brief_label(gone.month)} brief “{gone.title}” "
                           f"({len(gone.items)} items) is gone from the index and the corpus folder.", "ok")
