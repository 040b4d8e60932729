"""Trainer: write a comment script in a table, preview its timeline, save it; my saved scripts.

Comment text is user content: the preview shows it in a data table and with ``st.text``, never as Markdown.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from training_app.catalog.task_schemas import COMMENT_KINDS, ScriptSpec
from training_app.catalog.tasks import TaskCatalog
from training_app.db.tables import User
from training_app.services import comment_scripts
from training_app.ui.components.course_common import act, run
from training_app.ui.feedback import handled
from training_app.ui.state import lang, tr

_EMPTY = {"at_s": None, "user": "", "text_zh": "", "text_en": "", "kind": None, "expects": "", "forbidden": ""}


def _columns() -> dict[str, Any]:
    cc = st.column_config
    return {
        "at_s": cc.NumberColumn(tr("tasks.s_at"), min_value=0, max_value=600, step=1),
        "user": cc.TextColumn(tr("tasks.s_user"), max_chars=40),
        "text_zh": cc.TextColumn(tr("tasks.s_text_zh"), max_chars=200),
        "text_en": cc.TextColumn(tr("tasks.s_text_en"), max_chars=200),
        "kind": cc.SelectboxColumn(tr("tasks.s_kind"), options=list(COMMENT_KINDS)),
        "expects": cc.TextColumn(tr("tasks.s_expects")),
        "forbidden": cc.TextColumn(tr("tasks.s_forbidden")),
    }


def preview(spec: ScriptSpec) -> None:
    """Timeline preview: when each comment appears, who writes it, what kind it is."""
    rows = [
        {tr("tasks.s_at"): c.at_s, tr("tasks.s_user"): c.user, tr("tasks.s_text"): c.text.get(lang()), "kind": c.kind}
        for c in spec.comments
    ]
    frame = pd.DataFrame(rows)
    st.scatter_chart(frame, x=tr("tasks.s_at"), y="kind", height=220)
    st.dataframe(frame, hide_index=True, use_container_width=True)


def editor(me: User, catalog: TaskCatalog) -> None:
    st.caption(tr("tasks.s_help"))
    with st.expander(tr("tasks.s_cues_title")):
        st.text("\n".join(f"{c.id}: {c.label.get(lang())}" for c in catalog.kinds.cues))
        st.caption(tr("tasks.s_categories"))
    title_zh = st.text_input(tr("tasks.s_title_zh"), max_chars=100)
    title_en = st.text_input(tr("tasks.s_title_en"), max_chars=100)
    table = st.data_editor(
        pd.DataFrame([_EMPTY] * 4), column_config=_columns(), num_rows="dynamic", hide_index=True, key="script_rows"
    )
    rows = table.astype(object).where(table.notna(), None).to_dict("records")
    if not title_zh.strip() or not any(str(v or "").strip() for r in rows for v in r.values()):
        st.info(tr("tasks.s_start"))
        return
    spec = None
    with handled():
        spec = comment_scripts.script_from_rows(
            script_id="trainer-script", title_zh=title_zh, title_en=title_en, rows=rows, catalog=catalog
        )
    if spec is None:
        return
    st.subheader(tr("tasks.s_preview"))
    preview(spec)
    if st.button(tr("tasks.s_save"), type="primary") and act(lambda s: comment_scripts.create_script(s, me, spec=spec)):
        st.success(tr("tasks.s_saved"))


def saved(me: User) -> None:
    rows = run(lambda s: comment_scripts.list_scripts(s, me)) or []
    st.subheader(tr("tasks.s_mine"))
    if not rows:
        st.info(tr("tasks.s_none"))
    for row in rows:
        with st.expander(row.title):
            preview(comment_scripts.stored_spec(row))
            if st.button(tr("tasks.s_retire"), key=f"retire_{row.id}"):
                if act(partial(comment_scripts.retire_script, actor=me, script_id=row.id or 0)):
                    st.rerun()
