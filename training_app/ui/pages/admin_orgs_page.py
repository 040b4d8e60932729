"""Admin: organisation tree (agency → county → cohort) and trainer assignments."""

import streamlit as st

from training_app.ui.components import orgs_admin
from training_app.ui.state import tr, user

me = user()
st.title(tr("nav.orgs"))
orgs_admin.tree(me)
orgs_admin.create_form(me)
orgs_admin.assign_form(me)
