"""Streamlit entry point: ``training-app serve`` runs this file."""

from __future__ import annotations

import streamlit as st

from training_app.ui import navigation, topbar
from training_app.ui.feedback import handled
from training_app.ui.state import current_user, sync_cookie

st.set_page_config(page_title="乡村直播学院 Rural Livestream Academy", page_icon="🌾", layout="centered")
topbar.style()
resolved = False
with handled():  # the database down or locked: our translated message with an incident id, not a traceback page
    user = current_user()
    resolved = True
if not resolved:
    st.stop()
sync_cookie()
page = navigation.build(user)
topbar.render(user)
page.run()
