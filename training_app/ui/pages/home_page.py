"""Home: what to do next, per role."""

import streamlit as st

from training_app.ui.components import home
from training_app.ui.feedback import md_escape
from training_app.ui.state import tr, user

me = user()
st.title(tr("home.welcome", name=md_escape(me.display_name)))
home.render(me)
