"""``python -m training_app.cli`` — the same as the ``training-app`` console script."""

from training_app.cli import run

run()
