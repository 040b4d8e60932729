"""Admin: users — create one, import a CSV, find, disable, move, reset password."""

import streamlit as st

from training_app.ui.components import users_admin
from training_app.ui.state import tr, user

me = user()
st.title(tr("nav.users"))
create_tab, import_tab, list_tab = st.tabs([tr("users.tab_create"), tr("users.tab_import"), tr("users.tab_list")])
with create_tab:
    users_admin.create_form(me)
with import_tab:
    users_admin.import_form(me)
with list_tab:
    users_admin.user_table(me)
