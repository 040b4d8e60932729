"""Trainee: my practice tasks — assigned, due and done — with attempts compared."""

import streamlit as st

from training_app.ui.components import task_list
from training_app.ui.state import tr, user

me = user()
st.title(tr("tasks.nav_tasks"))
task_list.render(me)
