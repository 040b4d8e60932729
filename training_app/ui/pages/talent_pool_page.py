"""Agency: the talent pool of certified and in-training hosts, filters, export, event shortlists."""

import streamlit as st

from training_app.ui.components import talent_view
from training_app.ui.state import tr, user

me = user()
st.title(tr("talent.nav_talent"))
rows = talent_view.results(me, talent_view.filters(me))
talent_view.shortlist_panel(me, rows)
