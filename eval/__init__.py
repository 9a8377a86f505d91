"""Evaluation of briefs-assistant: question sets, runner, metrics, report, gate.

CLI: python -m eval run|report|gate  (see eval/README.md).
"""
from .metrics import METRICS, score_record, summarize, summarize_by_type
from .questions import FollowupCase, Question, QuestionFileError, load_followups, load_questions

__all__ = ["METRICS", "FollowupCase", "Question", "QuestionFileError", "load_followups",
           "load_questions", "score_record", "summarize", "summarize_by_type"]
