"""Trainee: what each certification level still needs, and my certificates (PDF download)."""

import streamlit as st

from training_app.ui.components import certification_view
from training_app.ui.state import tr, user

me = user()
st.title(tr("certification.nav_my_certificate"))
certification_view.render_mine(me)
