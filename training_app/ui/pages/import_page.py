"""Trainers: import livestream replays for a trainee of their cohorts, and follow their processing."""

import streamlit as st

from training_app.ui.components import clip_capture, clip_import
from training_app.ui.state import tr, user

me = user()
st.title(tr("clips.nav_import"))
st.caption(tr("clips.import_intro"))
trainee = clip_import.import_form(me)
if trainee is not None:
    st.subheader(tr("clips.takes_of_trainee"))
    clip_capture.takes(me, trainee)
