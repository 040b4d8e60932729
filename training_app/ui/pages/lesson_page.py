"""A lesson (?lesson=ID), or the one I was reading last."""

from training_app.ui.components import lesson_view
from training_app.ui.state import user

me = user()
lesson_view.render(me)
