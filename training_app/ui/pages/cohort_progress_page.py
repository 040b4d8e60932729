"""Trainer: my cohorts' progress, stuck trainees, CSV export; which modules train which standard function."""

import streamlit as st

from training_app.ui.components import cohort_table
from training_app.ui.state import tr, user

me = user()
st.title(tr("progress.nav_cohorts"))
cohort_table.table(me)
cohort_table.standard_map(me)
