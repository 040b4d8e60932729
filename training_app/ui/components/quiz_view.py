"""A module's quiz: intro and start, the questions (one choice: radio; several: tick boxes), the score with an
explanation for every option, and retry when attempts are left."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import User
from training_app.services import quizzes
from training_app.ui.components.course_common import COURSES_PAGE, PROGRESS_PAGE, act, run
from training_app.ui.state import lang, tr


def _question_inputs(sheet: quizzes.QuizSheet) -> dict[str, list[str]]:
    answers: dict[str, list[str]] = {}
    for n, question in enumerate(sheet.questions, start=1):
        st.markdown(f"**{n}. {question.prompt}**")  # our own reviewed course text
        texts = {o.id: o.text for o in question.options}
        key = f"q_{sheet.attempt_id}_{question.id}"
        if question.kind == "single":
            st.caption(tr("quiz.choose_one"))
            choice = st.radio(
                question.prompt,
                list(texts),
                format_func=texts.__getitem__,
                index=None,
                key=key,
                label_visibility="collapsed",
            )
            answers[question.id] = [choice] if choice else []
        else:
            st.caption(tr("quiz.choose_many"))
            answers[question.id] = [o for o in texts if st.checkbox(texts[o], key=f"{key}_{o}")]
    return answers


def _sheet(me: User, sheet: quizzes.QuizSheet) -> None:
    with st.form(f"quiz_{sheet.attempt_id}"):
        answers = _question_inputs(sheet)
        submitted = st.form_submit_button(tr("quiz.submit"), type="primary", use_container_width=True)
    if not submitted:
        return
    result = run(
        lambda s: quizzes.submit_quiz(s, me, attempt_id=sheet.attempt_id, answers=answers, lang=lang()), write=True
    )
    if result is not None:
        st.rerun()


def _result(result: quizzes.QuizResult) -> None:
    percent, mark = round(result.score * 100), round(result.pass_mark * 100)
    st.metric(
        tr("quiz.score"), f"{percent}%", help=tr("quiz.score_help", correct=result.correct_count, total=result.total)
    )
    if result.passed:
        st.success(tr("quiz.passed"))
    else:
        st.warning(tr("quiz.failed", mark=mark))
    for n, question in enumerate(result.questions, start=1):
        with st.container(border=True):
            st.markdown(f"{'✅' if question.is_correct else '❌'} **{n}. {question.prompt}**")
            for option in question.options:
                sign = "✅" if option.correct else ("❌" if option.chosen else "▫️")
                chosen = f" {tr('quiz.your_choice')}" if option.chosen else ""
                st.markdown(f"{sign} {option.text}{chosen}")
                st.caption(option.explanation)


def _retry(me: User, status: quizzes.QuizStatus) -> None:
    if status.max_attempts is not None:
        st.caption(tr("quiz.attempts_left", count=status.max_attempts - status.attempts_used))
    if not status.can_start:
        st.info(tr("quiz.no_attempts_info"))
        return
    label = tr("quiz.retry") if status.attempts_used else tr("quiz.start")
    if st.button(label, type="primary", use_container_width=True, key=f"start_{status.module_id}"):
        if act(lambda s: quizzes.start_quiz(s, me, module_id=status.module_id, lang=lang())):
            st.rerun()


def render(me: User, module_id: str) -> None:
    status = run(lambda s: quizzes.quiz_status(s, me, module_id=module_id, lang=lang()))
    if status is None:
        st.page_link(COURSES_PAGE, label=tr("courses.back"), icon="📚")
        return
    st.header(tr("quiz.title", module=status.module_title))
    st.caption(tr("quiz.intro", count=status.question_count, mark=round(status.pass_mark * 100)))
    if status.open_attempt_id is not None:
        open_id = status.open_attempt_id
        sheet = run(lambda s: quizzes.get_quiz_sheet(s, me, attempt_id=open_id, lang=lang()))
        if sheet is not None:
            _sheet(me, sheet)
        return
    if status.last_submitted_id is not None:
        last_id = status.last_submitted_id
        result = run(lambda s: quizzes.quiz_result(s, me, attempt_id=last_id, lang=lang()))
        if result is not None:
            _result(result)
    _retry(me, status)
    st.page_link(PROGRESS_PAGE, label=tr("quiz.see_progress"), icon="📈")
    st.page_link(COURSES_PAGE, label=tr("courses.back"), icon="📚")
