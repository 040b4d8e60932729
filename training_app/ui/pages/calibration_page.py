"""Trainers: how well the automatic scores match trainers' rubric scores, and where they differ most."""

import streamlit as st

from training_app.ui.components import calibration_view
from training_app.ui.state import tr, user

me = user()
st.title(tr("calibration.nav"))
calibration_view.render(me)
