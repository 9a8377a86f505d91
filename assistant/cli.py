"""`python -m assistant index|ask|briefs`: the command-line face of the Python API."""
from __future__ import annotations

import argparse
import json
import os
import sys

from .settings import force_offline

force_offline()


def _progress(msg: str, frac: float) -> None:
    print(f"\r[{frac * 100:5.1f}%] {msg}".ljust(60), end="" if frac < 1 else "\n", file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m assistant", description="Cited answers about MERICS China Industries briefs.")
    p.add_argument("--data-dir", help="index location (default: ./data or BRIEFS_DATA_DIR)")
    p.add_argument("--corpus-dir", help="brief folder (default: ./corpus or BRIEFS_CORPUS_DIR)")
    p.add_argument("--preset", default="default", help="settings preset (default, dense, bm25, hybrid, hybrid+filters, llm)")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("index", help="parse the corpus and (re)index what changed")
    ask = sub.add_parser("ask", help="ask one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--year", type=int, help="only items of this year")
    ask.add_argument("--brief", help="only this brief month (YYYY-MM)")
    ask.add_argument("--kind", action="append", choices=["top5", "policy_news", "corporate_news"], help="item kinds")
    sub.add_parser("briefs", help="list indexed briefs and their items")
    remove = sub.add_parser("remove", help="remove a brief: its chunks from the index, its file from the corpus")
    remove.add_argument("brief_id", help="the brief's id, as `briefs` lists it (its file name without suffix)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Runs a command; a reader that closes the pipe early (`| head -1`) ends it quietly."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # a closed pipe shows up here, inside the try
        return code
    except BrokenPipeError:
        # Python would report the failed flush at exit again: point stdout at /dev/null first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    from .errors import BriefsError, QuestionError
    from .settings import Settings

    overrides = {k: v for k, v in {"data_dir": args.data_dir, "corpus_dir": args.corpus_dir}.items() if v}
    settings = Settings(**overrides).with_preset(args.preset)
    if args.cmd == "ask" and not args.question.strip():
        print("error: empty question: ask something about the briefs", file=sys.stderr)
        return 2
    from . import render
    from .assistant import Assistant

    try:
        # Removing needs no sync first: that would embed what is about to go.
        assistant = Assistant(settings, progress=_progress if args.cmd == "index" else None,
                              sync=args.cmd != "remove")
    except BriefsError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for err in assistant.errors:
        print(f"warning: {err}", file=sys.stderr)
    if args.cmd == "index":
        print(f"{assistant.last_sync}; {assistant.store.count()} chunks in {settings.data_dir}")
        return 0
    if args.cmd == "remove":
        try:
            gone = assistant.remove_brief(args.brief_id)
        except BriefsError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        print(f"removed {gone.brief_id} ({gone.month}, {len(gone.items)} items); "
              f"{assistant.store.count()} chunks left")
        return 0
    if args.cmd == "briefs":
        for b in assistant.briefs():
            print(f"{b.month}  {b.brief_id}  {b.title}")
            for i in b.items:
                print(f"   {i.item_id:45} {i.date}  {i.headline[:70]}")
        return 0
    try:
        ans = assistant.ask(args.question, year=args.year, brief=args.brief, kinds=args.kind)
    except QuestionError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(render.terminal(ans))
    return 0
