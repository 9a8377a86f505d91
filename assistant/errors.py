"""Errors users see: each carries a one-line message fit for a CLI or a UI."""
from __future__ import annotations


class BriefsError(Exception):
    """Base of every error briefs-assistant raises on purpose."""


class QuestionError(BriefsError, ValueError):
    """The question is empty or unusable."""


class BriefParseError(BriefsError):
    """A file is not a brief, or is malformed; names file and line."""

    def __init__(self, source: str, line: int, message: str):
        self.source, self.line, self.message = source, line, message
        super().__init__(f"{source}:{line}: {message}")


class BriefWarning(BriefParseError):
    """A field of a brief could not be read (a bad date, an unknown label): the brief is indexed
    without that field. Reported on the same channel as parse errors, never raised."""
