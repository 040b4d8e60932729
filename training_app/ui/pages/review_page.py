"""Trainer: review one clip (``?clip=ID``, optionally ``&review=ID`` for another trainer's review of it)."""

import streamlit as st

from training_app.ui.components import review_screen
from training_app.ui.components.review_common import QUEUE_PAGE, query_int
from training_app.ui.state import tr, user

me = user()
st.title(tr("review.nav_review"))
clip_id = query_int("clip")
if clip_id is None:
    st.info(tr("review.pick_from_queue"))
    st.page_link(QUEUE_PAGE, label=tr("review.nav_queue"), icon="🗂️")
else:
    review_screen.render(me, clip_id, query_int("review"))
