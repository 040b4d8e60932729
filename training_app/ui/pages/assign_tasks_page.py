"""Trainer: assign practice tasks to my cohorts or trainees; the assignments I manage."""

import streamlit as st

from training_app.ui.components import assign_form
from training_app.ui.components.task_list import task_catalog
from training_app.ui.state import tr, user

me = user()
st.title(tr("tasks.nav_assign"))
catalog = task_catalog()
if catalog is not None:
    assign_form.form(me, catalog)
    assign_form.assignments(me, catalog)
