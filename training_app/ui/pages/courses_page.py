"""Courses: every track and module with my progress; locked modules say what to finish first."""

import streamlit as st

from training_app.ui.components import course_catalogue
from training_app.ui.state import tr, user

me = user()
st.title(tr("courses.nav_courses"))
course_catalogue.render(me)
