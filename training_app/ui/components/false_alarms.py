"""Rule maintainers: per-rule false alarms from trainers' dismissals, as a table and a CSV file."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from training_app.db.tables import User
from training_app.services import flag_report
from training_app.ui.components.course_common import run
from training_app.ui.state import lang, tr


def render(me: User) -> None:
    rows = run(lambda s: flag_report.false_alarm_report(s, me))
    if rows is None:
        return
    if not rows:
        st.info(tr("review.false_alarms_empty"))
        return
    st.caption(tr("review.false_alarms_help"))
    frame = pd.DataFrame(flag_report.false_alarm_table(rows, lang()))
    st.dataframe(frame, hide_index=True, width="stretch")
    st.download_button(
        tr("review.download_csv"), flag_report.false_alarm_csv(rows, lang()), file_name="false-alarms.csv",
        mime="text/csv", icon="⬇️",
    )  # fmt: skip
