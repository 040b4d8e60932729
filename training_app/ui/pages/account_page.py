"""My account: change password (required after a reset or first start), language."""

import streamlit as st

from training_app.ui.components import account, privacy
from training_app.ui.state import tr, user

me = user()
st.title(tr("nav.account"))
if me.must_change_password:
    st.warning(tr("account.must_change"))
account.password_form(me)
privacy.my_data(me)
