"""Staff: a trainee's checklist per level; trainers sign off, agency officers issue, renew and revoke."""

import streamlit as st

from training_app.db.tables import Role
from training_app.ui.components import certificates_admin
from training_app.ui.state import tr, user

me = user()
st.title(tr("certification.nav_certificates"))
if me.role == Role.TRAINER:
    certificates_admin.issue_tab(me)
else:
    issue_tab, manage_tab = st.tabs([tr("certification.tab_issue"), tr("certification.tab_manage")])
    with issue_tab:
        certificates_admin.issue_tab(me)
    with manage_tab:
        certificates_admin.manage_tab(me)
