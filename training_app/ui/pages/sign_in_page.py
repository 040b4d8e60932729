"""Sign in (the only page for signed-out visitors besides public pages)."""

import streamlit as st

from training_app.ui.components import sign_in
from training_app.ui.state import pop_notice, tr

st.title(tr("app.title"))
st.caption(tr("app.tagline"))
notice = pop_notice()
if notice:
    st.info(tr(notice))
sign_in.form()
