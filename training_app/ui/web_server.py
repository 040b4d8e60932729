"""What ``training-app serve`` runs: the Streamlit app (``app.py``) plus the sign-in cookie route.

``streamlit run`` finds ``app`` below (an ``st.App``) and serves it with uvicorn, honouring the usual
``--server.*`` flags.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from training_app.ui import session_cookie

app = st.App(Path(__file__).with_name("app.py"), routes=session_cookie.routes())
