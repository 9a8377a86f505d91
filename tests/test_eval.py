"""Tests of the eval package: pure functions on hand-made records, the CLI's input checks,
the report, and one end-to-end run against the real corpus."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the project is not pip-installed; run from anywhere
    sys.path.insert(0, str(ROOT))

from eval import gate, metrics  # noqa: E402
from eval.questions import QuestionFileError, load_followups, load_questions  # noqa: E402
from eval.report import build_report  # noqa: E402
from eval.runner import make_record, meta_path, read_results, skip_reason  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# ---------- helpers: hand-made records ----------

def hit(item_id, rank, headline="", policy="", issuers="", text="", score=1.0):
    return {"item_id": item_id, "rank": rank, "headline": headline, "policy": policy,
            "issuers": issuers, "text": text, "score": score}


def cite(n, item_id, headline="", policy="", issuers=(), quote=""):
    return {"n": n, "brief": "b", "item_id": item_id, "kind": "top5", "headline": headline,
            "policy": policy, "issuers": list(issuers), "date": "", "quote": quote}


def record(**kw):
    base = {
        "id": "q1", "type": "lookup", "config": "default", "question": "q?",
        "answer": "Batteries [1].", "answerable": True,
        "citations": [cite(1, "A", headline="Battery supply chain")],
        "expected_sources": ["battery supply chain"], "expected_facts": [["batteries"]],
        "expected_answerable": True,
        "retrieved": [hit("A", 1, headline="Battery supply chain")],
        "timings_ms": {"total": 100.0}, "error": None,
    }
    base.update(kw)
    return base


def write_lines(path: Path, lines: list) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
                    encoding="utf-8")
    return path


def q(id="q1", **kw):
    base = {"id": id, "question": "What about batteries?", "type": "lookup",
            "expected_sources": ["battery"], "expected_facts": [["lithium"]], "answerable": True}
    base.update(kw)
    return base


def run_cli(*args, env=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "eval", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


# ---------- normalization and matching ----------

def test_normalize_ignores_case_quotes_and_space():
    assert metrics.normalize("“14th Five-Year”  Special\nPlan") == metrics.normalize("14th five-year special plan")


def test_normalize_unifies_dashes():
    assert metrics.normalize("lithium–ion") == metrics.normalize("Lithium-ion")


def test_normalize_keeps_other_punctuation():
    assert metrics.normalize("S&T") != metrics.normalize("ST")


def test_matches_substring():
    assert metrics.matches("battery supply", ["Greater oversight of China’s BATTERY  supply chain"])


def test_matches_no_match():
    assert not metrics.matches("semiconductor", ["battery supply chain", ""])


def test_matches_empty_expected_never_matches():
    assert not metrics.matches("  ", ["anything"])


def test_hit_issuers_string_matches_each_issuer():
    assert metrics.matches("SAMR", metrics.hit_texts(hit("A", 1, issuers="MIIT, SAMR")))


def test_citation_texts_include_policy_issuers_quote():
    texts = metrics.citation_texts(cite(1, "A", policy="Notice on Batteries", issuers=["MOST"], quote="5 trillion CNY"))
    assert metrics.matches("notice on batteries", texts)
    assert metrics.matches("most", texts)
    assert metrics.matches("5 trillion", texts)


def test_chinese_policy_name_matches_in_citations_and_hits():
    c = {**cite(1, "A", policy="Battery notice"), "policy_cn": "锂离子电池产业链供应链协同稳定发展"}
    assert metrics.matches("锂离子电池产业链", metrics.citation_texts(c))
    assert metrics.matches("锂离子电池产业链", metrics.hit_texts({**hit("A", 1), "policy_cn": "锂离子电池产业链"}))


# ---------- retrieval metrics ----------

def test_distinct_items_fold_chunks_in_rank_order():
    items = metrics.distinct_items([hit("B", 3), hit("A", 1), hit("A", 2), hit("C", 4)])
    assert [(i.item_id, i.rank) for i in items] == [("A", 1), ("B", 2), ("C", 3)]


def test_recall_at_k_counts_items_not_chunks():
    retrieved = [hit("A", 1, text="x"), hit("A", 2, text="y"), hit("A", 3, text="z"), hit("B", 4, text="gold")]
    items = metrics.distinct_items(retrieved)
    assert metrics.recall_at_k(["gold"], items, 1) == 0
    assert metrics.recall_at_k(["gold"], items, 3) == 1.0  # B is the 2nd item, though the 4th chunk


def test_recall_at_k_partial():
    items = metrics.distinct_items([hit("A", 1, headline="one"), hit("B", 2), hit("C", 3), hit("D", 4, policy="two")])
    assert metrics.recall_at_k(["one", "two"], items, 1) == 0.5
    assert metrics.recall_at_k(["one", "two"], items, 3) == 0.5
    assert metrics.recall_at_k(["one", "two"], items, 5) == 1.0


def test_recall_none_without_expected_sources():
    assert metrics.recall_at_k([], metrics.distinct_items([hit("A", 1)]), 5) is None


def test_reciprocal_rank_first_gold_item():
    items = metrics.distinct_items([hit("A", 1), hit("A", 2), hit("B", 3, headline="gold"), hit("C", 4, headline="gold")])
    assert metrics.reciprocal_rank(["gold"], items) == 0.5


def test_reciprocal_rank_zero_when_missing():
    assert metrics.reciprocal_rank(["gold"], metrics.distinct_items([hit("A", 1)])) == 0.0


# ---------- markers and citations ----------

def test_marker_numbers_forms():
    assert metrics.marker_numbers("a [1] b [2, 3] c [4-5] d [1]") == [1, 2, 3, 4, 5, 1]


def test_dangling_markers_counted():
    assert metrics.dangling_markers("x [1] y [3] z [3]", [cite(1, "A")]) == 2


def test_no_dangling_markers():
    assert metrics.dangling_markers("x [1] y [2]", [cite(1, "A"), cite(2, "B")]) == 0


def test_unused_citations():
    assert metrics.unused_citations("x [1]", [cite(1, "A"), cite(2, "B")]) == 1


def test_citations_cover_all_sources():
    cites = [cite(1, "A", headline="battery"), cite(2, "B", policy="SME plan")]
    assert metrics.citations_cover(["battery", "sme plan"], cites) is True
    assert metrics.citations_cover(["battery", "chips"], cites) is False
    assert metrics.citations_cover([], cites) is None


def test_citation_precision_per_distinct_item():
    cites = [cite(1, "A", headline="battery"), cite(2, "A", headline="battery"), cite(3, "B", headline="chips")]
    assert metrics.citation_precision(["battery"], cites) == 0.5


def test_citation_precision_undefined_without_citations():
    assert metrics.citation_precision(["battery"], []) is None


# ---------- facts, percentiles ----------

def test_fact_coverage_groups_with_alternatives():
    facts = [["5 trillion", "five trillion"], ["2025"]]
    assert metrics.fact_coverage(facts, "Five  trillion CNY") == 0.5
    assert metrics.fact_coverage(facts, "5 trillion by 2025") == 1.0
    assert metrics.fact_coverage([], "x") is None


def test_missing_facts_lists_unsatisfied_groups():
    assert metrics.missing_facts([["a"], ["zzz", "yyy"]], "a b") == [["zzz", "yyy"]]


def test_percentile_interpolates():
    assert metrics.percentile([5, 1, 3, 2, 4], 50) == 3
    assert metrics.percentile([1, 2, 3, 4, 5], 95) == pytest.approx(4.8)
    assert metrics.percentile([], 50) is None


# ---------- per-question scores and summaries ----------

def test_score_record_perfect():
    s = metrics.score_record(record())
    assert (s.recall_at_1, s.reciprocal_rank, s.citation_covered, s.citation_precision) == (1.0, 1.0, True, 1.0)
    assert (s.fact_coverage, s.abstention_correct, s.false_abstention, s.false_answer) == (1.0, True, False, None)
    assert s.latency_ms == 100.0


def test_score_unanswerable_answered_is_false_answer():
    s = metrics.score_record(record(expected_answerable=False, expected_sources=[], expected_facts=[]))
    assert s.false_answer is True and s.abstention_correct is False and s.false_abstention is None
    assert s.citation_covered is None and s.recall_at_5 is None


def test_score_false_abstention():
    s = metrics.score_record(record(answerable=False, citations=[], answer="Not in the briefs."))
    assert s.false_abstention is True and s.citation_covered is False and s.citation_precision is None


def test_score_error_record_is_never_correct():
    s = metrics.score_record(record(expected_answerable=False, answerable=False, error="Boom"))
    assert s.error and not s.abstention_correct


def test_referent_of_an_answer_is_what_it_cites():
    assert metrics.score_record(record()).referent_correct is True
    wrong = record(citations=[cite(1, "B", headline="Steel capacity")])
    assert metrics.score_record(wrong).referent_correct is False


def test_referent_of_a_near_miss_is_the_related_item_else_the_best_hit():
    near = dict(expected_answerable=False, expected_sources=[], expected_facts=[], answerable=False,
                citations=[], answer="The brief does not give it.", refers_to=["steel capacity"])
    hits = [hit("A", 1, headline="Battery supply chain"), hit("B", 2, headline="Steel capacity")]
    assert metrics.score_record(record(**near, retrieved=hits, related=["B"])).referent_correct is True
    assert metrics.score_record(record(**near, retrieved=hits, related=[])).referent_correct is False
    steel_first = [hit("B", 1, headline="Steel capacity"), hit("A", 2, headline="Battery supply chain")]
    assert metrics.score_record(record(**near, retrieved=steel_first)).referent_correct is True


def test_referent_unscored_without_a_subject():
    off = dict(expected_answerable=False, expected_sources=[], expected_facts=[], answerable=False, citations=[])
    assert metrics.score_record(record(**off)).referent_correct is None
    assert metrics.score_record(record(**off, refers_to=[])).referent_correct is None
    assert metrics.summarize([metrics.score_record(record(**off))])["referent_accuracy"] is None


def test_load_followups_reads_refers_to(tmp_path):
    turn = {k: v for k, v in q().items() if k not in ("id", "type")}
    f = write_lines(tmp_path / "f.jsonl", [{"id": "c1", "turns": [turn, {**turn, "refers_to": ["x y"]}]}])
    (case,) = load_followups(f)
    assert case.turns[0].refers_to is None and case.turns[1].refers_to == ["x y"]
    bad = write_lines(tmp_path / "g.jsonl", [{"id": "c1", "turns": [{**turn, "refers_to": "x y"}]}])
    with pytest.raises(QuestionFileError, match="refers_to"):
        load_followups(bad)


def test_summarize_means_skip_not_applicable():
    scores = [metrics.score_record(record(id="a")),
              metrics.score_record(record(id="b", type="unanswerable", answerable=False, answer="No.", citations=[],
                                          expected_answerable=False, expected_sources=[], expected_facts=[],
                                          timings_ms={"total": 300.0}))]
    s = metrics.summarize(scores)
    assert s["n"] == 2 and s["recall_at_5"] == 1.0 and s["abstention_accuracy"] == 1.0
    assert s["false_answer_rate"] == 0.0 and s["false_abstention_rate"] == 0.0
    assert s["latency_p50_ms"] == 200.0


def test_summarize_counts_dangling_markers():
    s = metrics.summarize([metrics.score_record(record(answer="x [1] [2]")) for _ in range(2)])
    assert s["dangling_markers"] == 2


def test_summarize_counts_errors_and_unused_citations():
    s = metrics.summarize([metrics.score_record(record(error="RuntimeError: x")),
                           metrics.score_record(record(citations=[cite(1, "A"), cite(2, "B")]))])
    assert s["errors"] == 1 and s["unused_citations"] == 1


def test_summarize_by_type_groups():
    by_type = metrics.summarize_by_type([metrics.score_record(record(id="a", type="numeric")),
                                         metrics.score_record(record(id="b", type="news", retrieved=[]))])
    assert list(by_type) == ["numeric", "news"]
    assert by_type["numeric"]["recall_at_5"] == 1.0 and by_type["news"]["recall_at_5"] == 0.0


# ---------- question file validation ----------

def test_load_questions_ok_with_blank_lines(tmp_path):
    f = write_lines(tmp_path / "q.jsonl", [q("a"), "", q("b", type="unanswerable", answerable=False,
                                                       expected_sources=[], expected_facts=[])])
    qs = load_questions(f)
    assert [x.id for x in qs] == ["a", "b"] and qs[1].answerable is False and qs[1].line == 3


@pytest.mark.parametrize("bad, needle", [
    ('{"id": "x", ', "invalid JSON"),
    ('["not", "an", "object"]', "expected a JSON object"),
    (json.dumps({k: v for k, v in q("x").items() if k != "expected_facts"}), "missing key(s): expected_facts"),
    (json.dumps(q("x", answerable="false")), "'answerable' must be true or false"),
    (json.dumps(q("x", expected_sources="battery")), "'expected_sources' must be a list"),
    (json.dumps(q("x", expected_facts=["lithium"])), "expected_facts[0] must be a list"),
    (json.dumps(q("x", expected_facts=[[]])), "empty group"),
    (json.dumps(q("x", expected_sources=[" "])), "expected_sources[0] is empty"),
    (json.dumps(q("x", question="")), "'question' is empty"),
    (json.dumps(q(3)), "'id' must be a string"),
    (json.dumps(q("x", type="unanswerable")), "'answerable' is true"),
])
def test_load_questions_rejects_bad_line_with_line_number(tmp_path, bad, needle):
    f = write_lines(tmp_path / "q.jsonl", [q("a"), bad])
    with pytest.raises(QuestionFileError) as e:
        load_questions(f)
    assert e.value.line == 2 and str(e.value).startswith(f"{f}:2: ") and needle in str(e.value)


def test_load_questions_duplicate_id_names_both_lines(tmp_path):
    f = write_lines(tmp_path / "q.jsonl", [q("a"), q("b"), q("a")])
    with pytest.raises(QuestionFileError, match=r":3: duplicate id 'a' \(first on line 1\)"):
        load_questions(f)


def test_load_questions_empty_file(tmp_path):
    (tmp_path / "q.jsonl").write_text("\n")
    with pytest.raises(QuestionFileError, match="no questions"):
        load_questions(tmp_path / "q.jsonl")


def test_load_questions_missing_file(tmp_path):
    with pytest.raises(QuestionFileError, match="cannot read"):
        load_questions(tmp_path / "nope.jsonl")


def test_load_followups_turn_ids_and_type(tmp_path):
    turn = {k: v for k, v in q().items() if k not in ("id", "type")}
    f = write_lines(tmp_path / "f.jsonl", [{"id": "c1", "turns": [turn, turn]}])
    (case,) = load_followups(f)
    assert [t.id for t in case.turns] == ["c1#1", "c1#2"] and {t.type for t in case.turns} == {"followup"}
    assert case.turns[1].case == "c1" and case.turns[1].turn == 2


def test_load_followups_bad_turn_names_line(tmp_path):
    turn = {k: v for k, v in q().items() if k not in ("id", "type")}
    bad = {k: v for k, v in turn.items() if k != "answerable"}
    f = write_lines(tmp_path / "f.jsonl", [{"id": "c1", "turns": [turn]}, {"id": "c2", "turns": [turn, bad]}])
    with pytest.raises(QuestionFileError, match=r":2: turns\[1\]: missing key\(s\): answerable"):
        load_followups(f)


def test_cli_run_rejects_malformed_file_exit_2_no_traceback(tmp_path):
    f = write_lines(tmp_path / "mine.jsonl", [q("a"), q("b"), '{"id": "c", "question": oops}'])
    r = run_cli("run", "--questions", f, "--out", tmp_path / "r.jsonl")
    assert r.returncode == 2
    assert f"{f}:3: invalid JSON" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "r.jsonl").exists()


def test_cli_run_rejects_unknown_config(tmp_path):
    f = write_lines(tmp_path / "q.jsonl", [q("a")])
    r = run_cli("run", "--questions", f, "--out", tmp_path / "r.jsonl", "--config", "nonsense")
    assert r.returncode == 2 and "unknown config(s) nonsense" in r.stderr and "Traceback" not in r.stderr


# ---------- runner pieces (real Settings / model classes, no assistant needed) ----------

def test_skip_reason_llm_missing_file(tmp_path):
    from assistant.settings import Settings

    s = Settings(llm={"model_path": str(tmp_path / "none.gguf")}).with_preset("llm")
    reason = skip_reason("llm", s)  # no runtime, or no model file: either way a note, not a crash
    assert reason.startswith("skipped:") and ("none.gguf" in reason or "llama-cpp-python" in reason)


def test_skip_reason_none_for_retrieval_configs():
    from assistant.settings import Settings

    assert skip_reason("hybrid", Settings(llm={"model_path": ""}).with_preset("hybrid")) is None


def test_make_record_from_answer_sorts_hits_and_times():
    from assistant.models import Answer, Citation, Hit
    from eval.questions import Question

    hits = [Hit("n2", "B", "t2", "news", {"headline": "hb", "issuers": "MIIT, SAMR"}, 0.5, rank=2),
            Hit("n1", "A", "t1", "glance", {"headline": "ha"}, 0.9, rank=1)]
    ans = Answer("q?", "x [1]", True, [Citation(1, "b", "A", "top5", "ha", "", [], "", "t1")], hits, {"retrieve": 3.0})
    r = make_record(Question("q1", "q?", "lookup", ["ha"], [], True), "dense", ans, 12.345)
    assert [h["item_id"] for h in r["retrieved"]] == ["A", "B"] and r["retrieved"][1]["issuers"] == "MIIT, SAMR"
    assert r["timings_ms"] == {"retrieve": 3.0, "total": 12.35} and r["config"] == "dense"
    assert r["answer"] == "x [1]" and r["citations"][0]["n"] == 1 and r["expected_answerable"] is True
    assert r["related"] == [] and r["refers_to"] is None


def test_make_record_error():
    from eval.questions import Question

    r = make_record(Question("q1", "q?", "lookup"), "default", None, 5.0, "RuntimeError: x")
    assert r["error"] == "RuntimeError: x" and r["answerable"] is False and r["retrieved"] == []


def test_read_results_rejects_garbage(tmp_path):
    (tmp_path / "r.jsonl").write_text(json.dumps(record()) + "\n{bad\n")
    with pytest.raises(ValueError, match=r"r.jsonl:2: invalid JSON"):
        read_results(tmp_path / "r.jsonl")


# ---------- thresholds and gate ----------

def test_repo_thresholds_file_loads():
    names = {t.metric for t in gate.load_thresholds()}
    assert {"recall_at_5", "fact_coverage", "abstention_accuracy", "dangling_markers"} <= names


def test_thresholds_unknown_metric_rejected(tmp_path):
    (tmp_path / "t.toml").write_text("[min]\nrecal_at_5 = 0.9\n")
    with pytest.raises(gate.ThresholdsError, match="recal_at_5: unknown metric"):
        gate.load_thresholds(tmp_path / "t.toml")


def test_thresholds_invalid_toml_rejected(tmp_path):
    (tmp_path / "t.toml").write_text("[min\n")
    with pytest.raises(gate.ThresholdsError, match="invalid TOML"):
        gate.load_thresholds(tmp_path / "t.toml")


def _gate_on(records, toml_text, tmp_path):
    (tmp_path / "t.toml").write_text(toml_text)
    summary = metrics.summarize([metrics.score_record(r) for r in records])
    return gate.check(summary, gate.load_thresholds(tmp_path / "t.toml"))


def test_gate_passes_good_records(tmp_path):
    checks = _gate_on([record()], "[min]\nrecall_at_5 = 0.9\n[max]\ndangling_markers = 0\n", tmp_path)
    assert gate.failures(checks) == []


def test_gate_fails_each_metric_below_threshold(tmp_path):
    bad = record(answer="x [2]", retrieved=[])
    checks = _gate_on([bad], "[min]\nrecall_at_5 = 0.9\nfact_coverage = 0.5\n[max]\ndangling_markers = 0\n", tmp_path)
    assert [c.threshold.metric for c in gate.failures(checks)] == ["recall_at_5", "fact_coverage", "dangling_markers"]


def test_gate_not_applicable_metric_does_not_fail(tmp_path):
    (check,) = _gate_on([record()], "[max]\nfalse_answer_rate = 0.1\n", tmp_path)
    assert check.passed and not check.applicable and "n/a" in check.describe()


def test_cli_gate_bad_thresholds_exit_2(tmp_path):
    (tmp_path / "t.toml").write_text("[min]\nbogus = 1\n")
    r = run_cli("gate", "--questions", write_lines(tmp_path / "q.jsonl", [q("a")]), "--thresholds",
                tmp_path / "t.toml", "--out-dir", tmp_path / "out")
    assert r.returncode == 2 and "bogus: unknown metric" in r.stderr and "Traceback" not in r.stderr


# ---------- report ----------

def _two_config_records():
    return [record(id="a", config="dense"), record(id="b", config="dense", type="numeric", retrieved=[]),
            record(id="a", config="hybrid"), record(id="b", config="hybrid", type="numeric")]


def test_report_writes_markdown_and_pngs(tmp_path):
    meta = {"configs": ["dense", "hybrid", "llm"], "skipped": {"llm": "skipped: no LLM configured"}}
    rep = build_report(_two_config_records(), tmp_path, meta)
    text = (tmp_path / "report.md").read_text()
    assert "| metric | dense | hybrid |" in text and "skipped: no LLM configured" in text
    assert {p.name for p in rep.plots} == {"metrics_by_config.png", "metrics_by_type_dense.png",
                                           "metrics_by_type_hybrid.png", "latency.png"}
    for p in rep.plots:
        assert p.read_bytes()[:8] == PNG_MAGIC and f"]({p.name})" in text


def test_report_per_type_and_overall_values(tmp_path):
    rep = build_report(_two_config_records(), tmp_path)
    assert rep.overall["dense"]["recall_at_5"] == 0.5 and rep.overall["hybrid"]["recall_at_5"] == 1.0
    assert "## Per question type: dense" in rep.markdown and "| numeric |" in rep.markdown


def test_report_compares_configs_per_type(tmp_path):
    rep = build_report(_two_config_records(), tmp_path)
    section = rep.markdown.split("## Per question type, configs side by side")[1]
    assert "| type | dense | hybrid |" in section and "| numeric | 0.000 | 1.000 |" in section


def test_report_lists_questions_that_lost_points(tmp_path):
    rep = build_report([record(id="bad1", answer="Nothing about it [3].", retrieved=[])], tmp_path)
    assert "`bad1` (lookup)" in rep.markdown and "missing facts: batteries" in rep.markdown
    assert "1 [n] without citation" in rep.markdown


def test_report_config_name_with_plus_is_safe_file_name(tmp_path):
    rep = build_report([record(config="hybrid+filters")], tmp_path)
    assert (tmp_path / "metrics_by_type_hybrid_filters.png").is_file() and rep.path.is_file()


def test_cli_report_from_results_file(tmp_path):
    results = tmp_path / "res" / "results.jsonl"
    results.parent.mkdir()
    write_lines(results, _two_config_records())
    meta_path(results).write_text(json.dumps({"configs": ["dense", "hybrid"], "skipped": {}}))
    r = run_cli("report", results)
    assert r.returncode == 0, r.stderr
    assert (results.parent / "report.md").is_file() and (results.parent / "latency.png").is_file()
    assert "| metric | dense | hybrid |" in r.stdout


# ---------- end to end: the real assistant on the real corpus ----------

def test_end_to_end_run_on_real_corpus(tmp_path):
    questions = write_lines(tmp_path / "e2e.jsonl", [
        q("battery", question="What did MIIT and SAMR announce about the lithium-ion battery supply chain?",
          expected_sources=["Lithium-ion Battery"], expected_facts=[["battery"]]),
        q("tech", question="What value of technology transfer contracts does MOST target by 2025?",
          type="numeric", expected_sources=["Technology Factors Market"], expected_facts=[["5 trillion"]]),
        q("off", question="Who won the 2018 FIFA World Cup final in Moscow?", type="unanswerable",
          expected_sources=[], expected_facts=[], answerable=False),
    ])
    out = tmp_path / "out" / "results.jsonl"
    env = {**os.environ, "BRIEFS_DATA_DIR": str(tmp_path / "data"),
           "BRIEFS_LLM__MODEL_PATH": str(tmp_path / "no-such-model.gguf")}
    r = run_cli("run", "--questions", questions, "--out", out, "--config", "default", "--config", "llm",
                env=env, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    records = read_results(out)
    assert [x["id"] for x in records] == ["battery", "tech", "off"] and {x["config"] for x in records} == {"default"}
    for x in records:
        assert {"question", "answer", "answerable", "citations", "type", "retrieved", "timings_ms"} <= set(x)
        assert x["error"] is None and x["timings_ms"]["total"] > 0
        assert [h["rank"] for h in x["retrieved"]] == sorted(h["rank"] for h in x["retrieved"])
    assert metrics.score_record(records[0]).recall_at_5 == 1.0  # the battery item is retrieved
    report = (out.parent / "report.md").read_text()
    assert "**llm**: skipped:" in report
    assert (out.parent / "latency.png").read_bytes()[:8] == PNG_MAGIC
    assert (out.parent / "metrics_by_type_default.png").is_file()


def test_cli_gate_exits_1_when_a_metric_drops(tmp_path, settings):
    """The real assistant, a real question: the same run passes a bar it meets and fails one it misses."""
    import os

    questions = write_lines(tmp_path / "q.jsonl", [q("a", question="What are China's lithium battery measures?",
                                                     expected_sources=["battery"], expected_facts=[["lithium"]])])
    env = {**os.environ, "BRIEFS_DATA_DIR": str(settings.data_dir), "BRIEFS_CORPUS_DIR": str(settings.corpus_dir)}
    (tmp_path / "ok.toml").write_text("[min]\nfact_coverage = 0.9\n")
    ok = run_cli("gate", "--questions", questions, "--thresholds", tmp_path / "ok.toml", "--out-dir", tmp_path / "o1",
                 env=env, timeout=300)
    assert ok.returncode == 0, ok.stderr[-800:]
    (tmp_path / "bad.toml").write_text("[max]\nlatency_p50_ms = 0.001\n")  # no answer is that fast
    bad = run_cli("gate", "--questions", questions, "--thresholds", tmp_path / "bad.toml", "--out-dir", tmp_path / "o2",
                  env=env, timeout=300)
    assert bad.returncode == 1 and "GATE FAILED" in bad.stderr and "latency_p50_ms" in bad.stderr
