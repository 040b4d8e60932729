"""Trainer: clips waiting for review in my cohorts, newest first."""

import streamlit as st

from training_app.ui.components import review_queue
from training_app.ui.state import tr, user

me = user()
st.title(tr("review.nav_queue"))
review_queue.render(me)
