"""A module's quiz (?module=ID); without one, the way back to the courses."""

import streamlit as st

from training_app.ui.components import quiz_view
from training_app.ui.components.course_common import COURSES_PAGE
from training_app.ui.state import tr, user

me = user()
module_id = st.query_params.get("module")
if module_id:
    quiz_view.render(me, str(module_id))
else:
    st.title(tr("quiz.nav_quiz"))
    st.info(tr("quiz.pick_module"))
    st.page_link(COURSES_PAGE, label=tr("courses.back"), icon="📚")
