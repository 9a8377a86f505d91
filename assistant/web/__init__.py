"""The gradio web app of briefs-assistant: layout (blocks), chat logic, corpus/upload, eval tab.

HTML rendering lives in ui.py (pure, unit-tested); this package wires it to gradio.
"""
