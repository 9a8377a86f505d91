"""Layout and event wiring of the gradio app (tabs: Chat, Corpus, Add a brief, Evaluation)."""
from __future__ import annotations

import gradio as gr
from starlette.middleware import Middleware

from . import chat, evaltab, library, tracker, ui
from .auth import Access
from .runtime import AssistantHolder
from .security import SecurityHeaders

CHAT_API_NAME = "chat"  # stable: gradio_client calls Client.predict(..., api_name="/chat")

# System fonts only: the default theme would pull Google Fonts, and the app runs offline.
THEME = gr.themes.Default(
    font=["system-ui", "Segoe UI", "Noto Sans", "WenQuanYi Zen Hei", "sans-serif"],
    font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"],
)

CSS = """
.index-status { padding: 6px 10px; border-radius: 6px; font-size: 0.9em; }
.index-status[data-state=indexing] { background: #fff7e0; }
.index-status[data-state=ready] { background: #eef8ee; }
.index-status[data-state=error] { background: #fdecec; color: #8a1c1c; }
.index-status progress { vertical-align: middle; width: 160px; }
.sources-panel { font-size: 0.92em; max-height: 75vh; overflow-y: auto; }
.src-question { font-weight: 600; margin-bottom: 6px; }
.src-card { border: 1px solid #d9dde3; border-radius: 8px; padding: 8px 10px; margin: 0 0 8px 0; }
.src-card.flash { outline: 3px solid #f5b400; }
.src-n { font-weight: 700; color: #1d4ed8; }
.src-headline { font-weight: 600; }
.src-tags { color: #555; font-size: 0.9em; margin: 2px 0 4px 0; }
.src-key { color: #555; }
.src-quote { margin: 6px 0 0 0; padding: 4px 8px; border-left: 3px solid #c7cdd6; white-space: pre-line; }
.src-quote mark { background: #fde68a; padding: 0 1px; }
.src-none, .src-empty { color: #555; font-style: italic; }
.item-view .item-text p { margin: 0 0 8px 0; white-space: pre-wrap; }
.cmp-cols { display: flex; gap: 14px; align-items: flex-start; }
.cmp-col { flex: 1 1 0; min-width: 0; border-left: 3px solid #c7cdd6; padding-left: 10px; }
.msg { padding: 6px 10px; border-radius: 6px; }
.msg-error { background: #fdecec; color: #8a1c1c; }
.msg-ok { background: #eef8ee; }
.msg-info { background: #eef3fb; }
"""

# [n] links in answers: scroll the sources panel to the card (opening folded earlier
# answers) instead of following the href, which the chatbot would open in a new tab.
HEAD = """
<script>
document.addEventListener('click', function (e) {
  var a = e.target && e.target.closest ? e.target.closest('a[href^="#src-"]') : null;
  if (!a) return;
  e.preventDefault(); e.stopPropagation();
  var el = document.getElementById(a.getAttribute('href').slice(1));
  if (!el) return;
  var d = el.closest('details'); if (d) d.open = true;
  el.scrollIntoView({behavior: 'smooth', block: 'center'});
  el.classList.add('flash'); setTimeout(function () { el.classList.remove('flash'); }, 1600);
}, true);
</script>
"""


def build(holder: AssistantHolder, access: Access | None = None) -> gr.Blocks:
    settings = holder.settings
    access = access or Access()

    def require_editor(request: gr.Request | None, what: str) -> None:
        """Corpus changes and eval runs: the API refuses readers, not only the hidden tabs."""
        if not access.may_edit(getattr(request, "username", None)):
            raise gr.Error(f"{what} needs the editor role; you are signed in as a reader.")

    # Closures, not functools.partial: gradio reads the handlers' own signatures and type
    # hints to inject gr.SelectData / gr.Progress and to detect generators.
    def respond(message, history, scope, kinds, state):
        yield from chat.respond(holder, message, history, scope, kinds, state)

    def corpus_rows(query: str):
        return library.corpus_rows(holder, query)

    def show_item(keys, evt: gr.SelectData):
        return library.show_item(holder, evt, keys)

    def add_brief(paths, request: gr.Request, progress=gr.Progress()):
        require_editor(request, "Adding a brief")
        return library.add_briefs(holder, paths, progress)

    def remove_brief(brief_id, request: gr.Request):
        require_editor(request, "Removing a brief")
        return library.remove_brief(holder, brief_id)

    def tracker_view(issuer, year, text):
        return library.tracker_view(holder, issuer, year, text)

    def show_timeline_item(points, evt: gr.SelectData):
        return library.show_timeline_item(holder, evt, points)

    def corpus_refresh(query: str, issuer, year, text):
        """After start-up, an upload or a removal: item table, remove choices, tracker."""
        if not holder.ready:
            return (gr.skip(),) * 10
        rows, keys = library.corpus_rows(holder, query)
        return (rows, keys, gr.update(choices=library.brief_choices(holder), value=None),
                *library.tracker_view(holder, issuer, year, text))

    def run_eval(uploaded, configs, request: gr.Request):
        require_editor(request, "Running an evaluation")
        yield from evaltab.run_eval(settings, uploaded, configs)

    def editor_controls(request: gr.Request):
        """Readers never see the controls that change the corpus or load the CPU."""
        show = access.may_edit(getattr(request, "username", None))
        return gr.Tab(visible=show), gr.Tab(visible=show), gr.Column(visible=show)

    def status():
        return ui.progress_html(holder.message, holder.fraction, holder.ready, holder.error)

    def refresh_lists():
        """Scope dropdown from the current index (after start-up, an upload or a removal)."""
        if not holder.ready:
            return gr.skip()
        with holder.lock.read():
            briefs = holder.assistant.briefs()
        return gr.update(choices=chat.scope_choices(briefs))

    def tick():
        """Timer while indexing: banner progress; once done, fill the lists, stop polling and stamp
        the tab with the index it shows. Ticks queued before the timer stopped return the same
        stamp, so the corpus views (filled on a stamp change) are not refilled with filter values
        read before the user's latest pick."""
        if not holder.done:
            return status(), gr.skip(), gr.Timer(active=True), gr.skip()
        return (status(), refresh_lists(), gr.Timer(active=False), holder.ready_since)

    with gr.Blocks(title="MERICS briefs assistant", fill_width=True) as demo:
        gr.Markdown("## MERICS China Industries briefs assistant\n"
                    "Ask about the briefs; every claim cites the brief item it comes from.")
        index_status = gr.HTML(status(), elem_id="index-status", js_on_load=None)
        timer = gr.Timer(1.0)
        index_stamp = gr.State(None)  # per tab: when the index it shows was built (see tick)

        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row():
                    scope = gr.Dropdown(choices=[("All briefs", chat.ALL)], value=chat.ALL,
                                        label="Year / brief", elem_id="scope-filter", scale=2,
                                        # The real choices arrive once the index is built;
                                        # API callers may pass "year:2021"/"brief:<id>" anyway.
                                        allow_custom_value=True)
                    kinds = gr.CheckboxGroup(choices=chat.KIND_CHOICES,
                                             value=[k for _, k in chat.KIND_CHOICES],
                                             label="Item kinds", elem_id="kind-filter", scale=3)
                session_state = gr.State(None)  # per tab: a ChatState holding the core Session
                # Rendered beside the chat below; created first because the chat outputs to them.
                sources = gr.HTML(ui.sources_html([]), elem_id="sources-panel", render=False,
                                  js_on_load=None)
                answer_json = gr.JSON(label="Answer (JSON)", elem_id="answer-json", render=False)
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        gr.ChatInterface(
                            fn=respond,
                            chatbot=gr.Chatbot(elem_id="chatbot", height=560, label="Chat",
                                               placeholder="Ask about the MERICS China Industries briefs."),
                            textbox=gr.Textbox(placeholder="Ask a question…", elem_id="question",
                                               submit_btn=True, stop_btn=True, show_label=False),
                            additional_inputs=[scope, kinds, session_state],
                            additional_outputs=[sources, answer_json, session_state],
                            examples=[[q] for q in chat.EXAMPLES],
                            api_name=CHAT_API_NAME,
                            api_description="Ask a question; returns the answer markdown, the "
                                            "sources panel HTML and the answer as JSON (citations).",
                            fill_height=False,
                            autofocus=False,
                            # Asks share the index (a read lock): run them side by side.
                            concurrency_limit=settings.app.chat_concurrency,
                        )
                    with gr.Column(scale=2):
                        gr.Markdown("### Sources")
                        sources.render()
                        with gr.Accordion("Take this answer away (Markdown with footnoted sources)", open=False):
                            export_md = gr.Textbox(show_label=False, lines=6, max_lines=14, buttons=["copy"],
                                                   elem_id="answer-markdown", interactive=False)
                            export_file = gr.DownloadButton("Download answer (.md)", elem_id="answer-download",
                                                            size="sm")
                        with gr.Accordion("Answer data (JSON)", open=False):
                            answer_json.render()

            with gr.Tab("Corpus", id="corpus"):
                corpus_keys = gr.State([])
                tracker_keys = gr.State([])
                tracker_points = gr.State([])
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        gr.Markdown("### Policy tracker\nEvery Top-5 policy; click a row or a point "
                                    "of the timeline to read it.")
                        with gr.Row():
                            tr_issuer = gr.Dropdown(choices=["All"], value="All", label="Issuing body",
                                                    elem_id="tracker-issuer", allow_custom_value=True)
                            tr_year = gr.Dropdown(choices=["All"], value="All", label="Year",
                                                  elem_id="tracker-year", allow_custom_value=True)
                            tr_text = gr.Textbox(label="Search policies", placeholder="e.g. battery",
                                                 elem_id="tracker-search")
                            tr_csv = gr.DownloadButton("Export CSV", elem_id="tracker-csv", size="sm")
                        tr_plot = gr.Image(label="Policies over time (click a point)", type="filepath",
                                           interactive=False, elem_id="tracker-timeline", buttons=[])
                        tr_table = gr.Dataframe(headers=tracker.HEADERS, value=[], datatype="str",
                                                interactive=False, wrap=True, elem_id="tracker-table",
                                                max_height=420,
                                                column_widths=["12%", "36%", "22%", "12%", "9%", "9%"])
                        gr.Markdown("### All items")
                        search = gr.Textbox(label="Search items", placeholder="e.g. battery MIIT",
                                            elem_id="corpus-search")
                        table = gr.Dataframe(headers=library.CORPUS_HEADERS, value=[],
                                             datatype="str", interactive=False, wrap=True,
                                             elem_id="corpus-table", max_height=600,
                                             column_widths=["13%", "12%", "12%", "45%", "18%"])
                        with gr.Column(visible=not access.required) as remove_box:
                            gr.Markdown("### Remove a brief\nIts chunks leave the index and its file "
                                        "leaves the corpus folder.")
                            with gr.Row():
                                # Custom values: API callers name a brief id the page never listed for them;
                                # the core checks it against the indexed briefs.
                                rm_choice = gr.Dropdown(choices=[], label="Brief", elem_id="remove-choice",
                                                        scale=3, allow_custom_value=True)
                                rm_btn = gr.Button("Remove brief", variant="stop", elem_id="remove-brief",
                                                   scale=1)
                            rm_status = gr.HTML("", elem_id="remove-status", js_on_load=None)
                    with gr.Column(scale=2):
                        item_view = gr.HTML(ui.message_html("Click an item to read it.", "info"),
                                            elem_id="item-view", js_on_load=None)

            with gr.Tab("Add a brief", id="add", visible=not access.required) as add_tab:
                gr.Markdown("Upload MERICS China Industries briefs: text or markdown (.txt, .md), a "
                            "saved web page (.html) or a PDF, one or several at once, each at most "
                            f"{settings.app.max_upload_bytes:,} bytes. Each is checked, parsed and "
                            "indexed on its own; a file that fails changes nothing already indexed. "
                            "A brief with the same file name replaces the indexed one.")
                upload = gr.File(label="Brief files", file_types=sorted(library.ALLOWED_SUFFIXES),
                                 file_count="multiple", elem_id="brief-upload")
                add_btn = gr.Button("Add briefs", variant="primary", elem_id="add-brief")
                add_status = gr.HTML("", elem_id="add-status", js_on_load=None)

            with gr.Tab("Evaluation", id="eval", visible=not access.required) as eval_tab:
                gr.Markdown("Run the question set (or upload a JSONL question file) through "
                            "`python -m eval run`, then read the report's metrics and plots.")
                with gr.Row():
                    eval_file = gr.File(label="Question file (optional, .jsonl)",
                                        file_types=[".jsonl"], elem_id="eval-questions")
                    eval_configs = gr.CheckboxGroup(choices=evaltab.CONFIG_CHOICES, value=["default"],
                                                    label="Configurations", elem_id="eval-configs")
                eval_btn = gr.Button("Run evaluation", variant="primary", elem_id="run-eval")
                eval_status = gr.HTML("", elem_id="eval-status", js_on_load=None)
                eval_report = gr.Markdown(elem_id="eval-report")
                eval_plots = gr.Gallery(label="Plots", columns=2, elem_id="eval-plots", object_fit="contain",
                                        height=480)
                with gr.Accordion("Log", open=False):
                    eval_log = gr.Textbox(lines=12, max_lines=30, show_label=False, elem_id="eval-log")

        corpus_outputs = [table, corpus_keys, rm_choice, tr_table, tracker_keys, tr_plot, tracker_points, tr_csv,
                          tr_issuer, tr_year]
        corpus_inputs = [search, tr_issuer, tr_year, tr_text]
        for trigger in (timer.tick, demo.load):
            trigger(tick, inputs=None, outputs=[index_status, scope, timer, index_stamp],
                    api_visibility="private", show_progress="hidden")
        # Every event that redraws the tracker runs in one queue, one at a time, in the order the
        # picks were made: two quick picks (issuer, then year) otherwise finish in either order, and
        # the first one's table and filter values, read before the second pick, would win.
        tracker_queue = dict(concurrency_id="tracker", concurrency_limit=1)
        index_stamp.change(corpus_refresh, inputs=corpus_inputs, outputs=corpus_outputs,
                           api_visibility="private", show_progress="hidden", **tracker_queue)
        if access.required:
            demo.load(editor_controls, inputs=None, outputs=[add_tab, eval_tab, remove_box],
                      api_visibility="private", show_progress="hidden")
        search.change(corpus_rows, inputs=[search], outputs=[table, corpus_keys],
                      api_visibility="private", show_progress="hidden")
        table.select(show_item, inputs=[corpus_keys], outputs=[item_view],
                     api_visibility="private")
        tracker_outputs = [tr_table, tracker_keys, tr_plot, tracker_points, tr_csv, tr_issuer, tr_year]
        for control in (tr_issuer, tr_year):
            control.input(tracker_view, inputs=[tr_issuer, tr_year, tr_text], outputs=tracker_outputs,
                          api_visibility="private", show_progress="hidden", **tracker_queue)
        tr_text.change(tracker_view, inputs=[tr_issuer, tr_year, tr_text], outputs=tracker_outputs,
                       api_visibility="private", show_progress="hidden", **tracker_queue)
        tr_table.select(show_item, inputs=[tracker_keys], outputs=[item_view], api_visibility="private")
        tr_plot.select(show_timeline_item, inputs=[tracker_points], outputs=[item_view], api_visibility="private")
        add_btn.click(add_brief, inputs=[upload], outputs=[add_status],
                      api_name="add_brief", concurrency_limit=1).then(
            refresh_lists, inputs=None, outputs=[scope], api_visibility="private").then(
            corpus_refresh, inputs=corpus_inputs, outputs=corpus_outputs, api_visibility="private", **tracker_queue)
        # A native confirm() first: removal deletes the file. Cancel sends no id, which removes nothing.
        rm_btn.click(remove_brief, inputs=[rm_choice], outputs=[rm_status], api_name="remove_brief",
                     concurrency_limit=1,
                     js="(b) => (b && confirm('Remove this brief from the index and the corpus folder?')) ? b : null").then(
            refresh_lists, inputs=None, outputs=[scope], api_visibility="private").then(
            corpus_refresh, inputs=corpus_inputs, outputs=corpus_outputs, api_visibility="private", **tracker_queue)
        answer_json.change(chat.answer_export, inputs=[session_state], outputs=[export_md, export_file],
                           api_visibility="private", show_progress="hidden")
        eval_btn.click(run_eval, inputs=[eval_file, eval_configs],
                       outputs=[eval_log, eval_report, eval_plots, eval_status],
                       api_name="run_eval", concurrency_limit=1)
    return demo


def launch_kwargs(holder: AssistantHolder, access: Access | None = None) -> dict:
    """launch() arguments that belong to this app (theme/css/head moved there in gradio 6)."""
    settings = holder.settings
    access = access or Access()
    return dict(
        theme=THEME, css=CSS, head=HEAD,
        app_kwargs={"middleware": [Middleware(SecurityHeaders)]},  # CSP: no outside origin
        auth=access.login if access.required else None,
        auth_message="MERICS briefs assistant: sign in." if access.required else None,
        ssr_mode=False,  # no node server: plain Python serving, nothing fetched at run time
        footer_links=["api", "settings"],
        # Gradio's own cap sits above ours so an oversize brief gets our clear message.
        max_file_size=4 * settings.app.max_upload_bytes,
        allowed_paths=[str(settings.data_dir / "eval-runs")],
    )
