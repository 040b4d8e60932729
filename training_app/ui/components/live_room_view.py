"""The live-room page body: the task brief, the room (component), and saving a take with its comment timeline.

"已保存 / Saved" is shown only after the take and its timeline are committed. The component keeps returning its
last take on every rerun, so takes are remembered by their id and saved once.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from training_app.db.tables import User
from training_app.services import clips, live_room
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.components.course_common import run
from training_app.ui.components.live_room import live_room as live_room_component
from training_app.ui.components.task_list import TASKS_PAGE, task_catalog
from training_app.ui.feedback import handled
from training_app.ui.state import lang, tr

_SAVED = "live_room_saved"  # {take_id: clip_id}


def _brief(brief: live_room.LiveRoomBrief) -> None:
    spec = brief.task.spec
    st.title(spec.title.get(lang()))  # reviewed task text
    st.write(spec.goal.get(lang()))
    d = spec.duration
    st.caption(tr("live_room.duration", target=d.target_s, low=d.min_s, high=d.max_s))
    st.caption(tr("live_room.attempts_left", left=brief.view.attempts_left, limit=brief.view.attempt_limit))


def _save(me: User, task_id: str, take: dict[str, Any]) -> int | None:
    settings = context.settings()
    from training_app.worker.queue import dispatcher

    intake = clips.make_intake(settings, long_form=False, dispatch=dispatcher(settings))
    catalog = task_catalog()
    if catalog is None:
        return None
    with handled(), unit_of_work(context.engine()) as session:
        audio, shown = live_room.decode_take(take, max_bytes=intake.max_bytes)
        clip = live_room.submit_live_take(
            session, me, catalog=catalog, task_id=task_id, audio=audio, shown=shown, intake=intake
        )
        return clip.id
    return None


def _after_take(me: User, task_id: str, take: dict[str, Any]) -> None:
    saved: dict[str, int] = st.session_state.setdefault(_SAVED, {})
    take_id = str(take.get("take_id", ""))
    if take_id not in saved:
        clip_id = _save(me, task_id, take)
        if clip_id is None:
            return
        saved[take_id] = clip_id
    st.success(tr("live_room.saved", clip=saved[take_id], shown=len(take.get("timeline") or [])))
    st.page_link(TASKS_PAGE, label=tr("live_room.see_results"), icon="📋")
    if st.button(tr("live_room.again"), key=f"again_{take_id}"):
        st.session_state[f"lr_n_{task_id}"] = st.session_state.get(f"lr_n_{task_id}", 0) + 1
        st.rerun()


def render(me: User, task_id: str) -> None:
    catalog = task_catalog()
    if catalog is None:
        return
    brief = run(lambda s: live_room.live_room_brief(s, me, catalog=catalog, task_id=task_id, lang=lang()))
    if brief is None:
        return
    _brief(brief)
    n = st.session_state.get(f"lr_n_{task_id}", 0)
    if brief.view.attempts_left <= 0 and not st.session_state.get(_SAVED):
        st.info(tr("tasks.no_attempts_info"))
        return
    st.caption(tr("live_room.hint"))
    spec = brief.task.spec
    take = live_room_component(
        comments=brief.component_comments(),
        product=brief.product,
        target_s=spec.duration.target_s,
        max_s=spec.duration.max_s,
        key=f"lr_{task_id}_{n}",
    )
    if take is not None:
        _after_take(me, task_id, take)
