"""My progress: how far I am in each track, and my quiz scores over time."""

import streamlit as st

from training_app.ui.components import progress_view
from training_app.ui.state import tr, user

me = user()
st.title(tr("progress.nav_progress"))
progress_view.render(me)
