"""Typos and run-together compounds read as the corpus words they stand for (spelling.py)."""
from assistant.spelling import is_english, known_forms, one_edit

VOCAB = frozenset("factory lithium batteries taxis chip makers rate along spending backing".split())


def test_one_edit_covers_deletion_swap_replacement_insertion():
    edits = one_edit("fatcory")
    assert {"factory", "fatory", "fatcorey", "fatcorys"} <= edits


def test_a_non_english_word_one_edit_from_a_corpus_word_is_that_word():
    assert known_forms("the new fatcory", VOCAB) == ["factory"]
    assert known_forms("lithum batteries", VOCAB) == ["lithium"]


def test_a_compound_reads_as_its_corpus_parts():
    assert known_forms("chipmakers", VOCAB) == ["chip", "makers"]
    assert known_forms("minitaxis", VOCAB) == ["taxis"]  # a long known word after a short prefix


def test_real_english_words_are_never_corrected():
    assert is_english("alone") and is_english("corporate") and not is_english("fatcory")
    # "alone" is one edit from "along", "sending" from "spending", "corporate" ends in "rate"
    assert known_forms("alone sending corporate jacking", VOCAB) == []


def test_capitalised_words_are_names_not_typos():
    assert known_forms("Fatcory", VOCAB) == []


def test_a_misspelled_question_finds_its_item(assistant):
    ans = assistant.ask("What did Baidu get for its minitaxis?")
    assert ans.answerable and "self-driving taxis" in ans.text
    ans = assistant.ask("What does the 2022 notice say about the lithum battery supply chian?")
    assert ans.answerable and "supply chain" in ans.text
