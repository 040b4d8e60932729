"""Agency: pass rates, score trend, most frequent confirmed violations, training hours (chart, table, export)."""

import streamlit as st

from training_app.ui.components import dashboard_view
from training_app.ui.state import tr, user

me = user()
st.title(tr("talent.nav_dashboard"))
dashboard_view.render(me)
