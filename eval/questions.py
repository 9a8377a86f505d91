"""Load and validate question files (JSONL), failing with file:line on the first bad line.

Two formats share one validator:
- questions:  {"id", "question", "type", "expected_sources", "expected_facts", "answerable"}
- follow-ups: {"id", "turns": [{"question", "expected_sources", "expected_facts", "answerable"}, ...]}
Either may add "refers_to": the item(s) a question is about in the asker's mind, even when it is
unanswerable (a detail the item does not give); [] when its subject is not in the briefs. Without it,
an answerable question is about its expected sources and an unanswerable one is not scored for it.
A user's own question file goes through the same checks, so errors must be precise enough to
fix the file without reading this code.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .metrics import normalize

QUESTION_KEYS = ("id", "question", "type", "expected_sources", "expected_facts", "answerable")
TURN_KEYS = ("question", "expected_sources", "expected_facts", "answerable")
FOLLOWUP_TYPE = "followup"


class QuestionFileError(Exception):
    """A question file is unreadable or malformed; str() is 'file:line: message'."""

    def __init__(self, path: str | Path, line: int, message: str):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


@dataclass
class Question:
    """One question to score. Follow-up turns are Questions too (type 'followup')."""

    id: str
    question: str
    type: str
    expected_sources: list[str] = field(default_factory=list)
    expected_facts: list[list[str]] = field(default_factory=list)
    answerable: bool = True
    refers_to: list[str] | None = None  # what it is about; None = its expected sources if answerable
    line: int = 0  # where it came from, for messages
    case: str = ""  # follow-ups: the case id this turn belongs to
    turn: int = 0  # follow-ups: 1-based turn number


@dataclass
class FollowupCase:
    """A conversation: all turns run through one session, in order."""

    id: str
    turns: list[Question]
    line: int = 0


def _type_name(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean",
            type(None): "null"}.get(type(value), type(value).__name__)


def _check_string_list(value: object, key: str) -> list[str]:
    """A list of non-blank strings (blank ones would match every text after normalization)."""
    if not isinstance(value, list):
        raise ValueError(f"{key!r} must be a list of strings, got {_type_name(value)}")
    for i, s in enumerate(value):
        if not isinstance(s, str):
            raise ValueError(f"{key}[{i}] must be a string, got {_type_name(s)}")
        if not normalize(s):
            raise ValueError(f"{key}[{i}] is empty (it would match any text)")
    return list(value)


def _check_facts(value: object) -> list[list[str]]:
    """A list of groups, each a non-empty list of alternative strings."""
    if not isinstance(value, list):
        raise ValueError(f"'expected_facts' must be a list of lists of strings, got {_type_name(value)}")
    groups = []
    for i, group in enumerate(value):
        if not isinstance(group, list):
            raise ValueError(f"expected_facts[{i}] must be a list of alternative strings, "
                             f"got {_type_name(group)} (write [\"x\"] for a single fact)")
        if not group:
            raise ValueError(f"expected_facts[{i}] is an empty group (it could never be satisfied)")
        groups.append(_check_string_list(group, f"expected_facts[{i}]"))
    return groups


def _check_fields(obj: dict, keys: tuple[str, ...]) -> dict:
    """Type-check the shared fields; returns them ready for Question(...)."""
    missing = [k for k in keys if k not in obj]
    if missing:
        raise ValueError(f"missing key(s): {', '.join(missing)}")
    out: dict = {}
    for key in ("id", "question", "type"):
        if key in keys:
            value = obj[key]
            if not isinstance(value, str):
                raise ValueError(f"{key!r} must be a string, got {_type_name(value)}")
            if not value.strip():
                raise ValueError(f"{key!r} is empty")
            out[key] = value.strip() if key != "question" else value
    out["expected_sources"] = _check_string_list(obj["expected_sources"], "expected_sources")
    out["expected_facts"] = _check_facts(obj["expected_facts"])
    if not isinstance(obj["answerable"], bool):  # "false" as a string is a classic slip
        raise ValueError(f"'answerable' must be true or false, got {_type_name(obj['answerable'])}")
    out["answerable"] = obj["answerable"]
    if "refers_to" in obj:
        out["refers_to"] = _check_string_list(obj["refers_to"], "refers_to")
    if out.get("type") == "unanswerable" and out["answerable"]:
        raise ValueError("type is 'unanswerable' but 'answerable' is true")
    return out


def _read_objects(path: Path):
    """Yield (line number, dict) for each non-blank line; raise QuestionFileError otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise QuestionFileError(path, 0, f"cannot read file: {e.strerror or e}") from None
    for n, line in enumerate(raw.splitlines(), start=1):
        try:
            text = line.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError:
            raise QuestionFileError(path, n, "not valid UTF-8") from None
        if not text.strip():
            continue  # blank lines are harmless; the trailing newline makes one
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            raise QuestionFileError(path, n, f"invalid JSON: {e.msg} (column {e.colno})") from None
        if not isinstance(obj, dict):
            raise QuestionFileError(path, n, f"expected a JSON object, got {_type_name(obj)}")
        yield n, obj


def load_questions(path: str | Path) -> list[Question]:
    """All questions of a JSONL file; QuestionFileError names the first bad line."""
    path = Path(path)
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for n, obj in _read_objects(path):
        try:
            fields = _check_fields(obj, QUESTION_KEYS)
        except ValueError as e:
            raise QuestionFileError(path, n, str(e)) from None
        if fields["id"] in seen:
            raise QuestionFileError(path, n, f"duplicate id {fields['id']!r} (first on line {seen[fields['id']]})")
        seen[fields["id"]] = n
        questions.append(Question(**fields, line=n))
    if not questions:
        raise QuestionFileError(path, 0, "contains no questions")
    return questions


def load_followups(path: str | Path) -> list[FollowupCase]:
    """All follow-up cases of a JSONL file; turn ids are '<case id>#<turn>'."""
    path = Path(path)
    cases: list[FollowupCase] = []
    seen: dict[str, int] = {}
    for n, obj in _read_objects(path):
        try:
            missing = [k for k in ("id", "turns") if k not in obj]
            if missing:
                raise ValueError(f"missing key(s): {', '.join(missing)}")
            case_id = obj["id"]
            if not isinstance(case_id, str) or not case_id.strip():
                raise ValueError(f"'id' must be a non-empty string, got {_type_name(case_id)}")
            case_id = case_id.strip()
            turns = obj["turns"]
            if not isinstance(turns, list) or not turns:
                raise ValueError("'turns' must be a non-empty list of objects")
            parsed = []
            for t, turn in enumerate(turns, start=1):
                if not isinstance(turn, dict):
                    raise ValueError(f"turns[{t - 1}] must be an object, got {_type_name(turn)}")
                try:
                    fields = _check_fields(turn, TURN_KEYS)
                except ValueError as e:
                    raise ValueError(f"turns[{t - 1}]: {e}") from None
                parsed.append(Question(id=f"{case_id}#{t}", type=FOLLOWUP_TYPE, line=n,
                                       case=case_id, turn=t, **fields))
        except ValueError as e:
            raise QuestionFileError(path, n, str(e)) from None
        if case_id in seen:
            raise QuestionFileError(path, n, f"duplicate id {case_id!r} (first on line {seen[case_id]})")
        seen[case_id] = n
        cases.append(FollowupCase(id=case_id, turns=parsed, line=n))
    if not cases:
        raise QuestionFileError(path, 0, "contains no follow-up cases")
    return cases
