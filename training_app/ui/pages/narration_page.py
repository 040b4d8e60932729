"""Trainer: record or upload the spoken narration of a lesson, per language."""

import streamlit as st

from training_app.ui.components import narration_admin
from training_app.ui.state import tr, user

me = user()
st.title(tr("courses.nav_narration"))
st.caption(tr("courses.narration_intro"))
narration_admin.render(me)
