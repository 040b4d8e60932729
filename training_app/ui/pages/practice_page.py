"""Practice: choose the product, record or upload a take, watch it being processed, open its report."""

import streamlit as st

from training_app.ui.components import clip_capture, privacy
from training_app.ui.state import tr, user

me = user()
st.title(tr("clips.nav_practice"))
st.caption(tr("clips.practice_intro"))
if privacy.consent_gate(me):
    clip_capture.capture(me)
st.subheader(tr("clips.takes"))
clip_capture.takes(me, me.id or 0)
