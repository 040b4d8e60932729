"""Public: verify a certificate (no sign-in). The QR code on a certificate opens this page with ``?code=``."""

import streamlit as st

from training_app.ui.components import verify_view
from training_app.ui.state import tr

st.title(tr("verify.nav_verify"))
verify_view.render()
