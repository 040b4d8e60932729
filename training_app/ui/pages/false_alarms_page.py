"""Rule maintainers: which claim rules trainers dismiss most, and why."""

import streamlit as st

from training_app.ui.components import false_alarms
from training_app.ui.state import tr, user

me = user()
st.title(tr("review.nav_false_alarms"))
false_alarms.render(me)
