"""Markup a web copy of a brief carries (markdown, HTML entities, invisible characters),
removed line by line so the parser sees plain text and line numbers stay the file's."""
from __future__ import annotations

import html
import re

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_MD_RULE = re.compile(r"^\s*([-*_=])(?:\s*\1){2,}\s*$")  # "---", "***", "___"
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")  # [text](url), ![alt](url)
_MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
# Paired only: "__" inside words or code ("window.__xss") is text, not bold.
_MD_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)")
_MD_EM = re.compile(r"(?<![\w*\\])([*_])(?=\S)(.+?)(?<=[^\s\\])\1(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_HTML_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)


_MARKUP_CHARS = re.compile(r"[-*_=\[\]<>&#\\\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_line(line: str) -> str:
    """One line without markdown markup; plain-text briefs pass through unchanged. HTML tags are
    kept: a brief may quote markup, which the UI escapes."""
    if not _MARKUP_CHARS.search(line):  # most lines: nothing to remove (keeps 2 MB files fast)
        return line
    line = line.translate(_INVISIBLE)
    if _MD_RULE.match(line):
        return ""
    line = _HTML_ENTITY.sub(lambda m: html.unescape(m[0]), line)
    if m := _MD_HEADING.match(line):
        line = m[1]
    line = _MD_QUOTE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_REF_LINK.sub(r"\1", line)
    line = _MD_AUTOLINK.sub(r"\1", line)
    line = _MD_STRONG.sub(lambda m: m[1] or m[2], line)
    line = _MD_EM.sub(r"\2", line)
    line = _MD_ESCAPE.sub(r"\1", line)
    return line.rstrip("\\")  # a markdown hard line break
