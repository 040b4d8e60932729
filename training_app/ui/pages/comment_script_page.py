"""Trainer: write viewer-comment scripts for the live room and preview their timeline."""

import streamlit as st

from training_app.ui.components import script_editor
from training_app.ui.components.task_list import task_catalog
from training_app.ui.state import tr, user

me = user()
st.title(tr("tasks.nav_scripts"))
catalog = task_catalog()
if catalog is not None:
    script_editor.editor(me, catalog)
    script_editor.saved(me)
