"""Trainee: the simulated live room for one task (?task=ID); without one, the way to the task list."""

import streamlit as st

from training_app.ui.components import live_room_view, privacy
from training_app.ui.components.task_list import TASKS_PAGE
from training_app.ui.state import tr, user

me = user()
task_id = st.query_params.get("task")
if task_id:
    if not privacy.consent_gate(me):
        st.stop()
    live_room_view.render(me, str(task_id))
else:
    st.title(tr("tasks.nav_live_room"))
    st.info(tr("live_room.pick_task"))
    st.page_link(TASKS_PAGE, label=tr("tasks.nav_tasks"), icon="📋")
