"""Admin user management: create, import CSV, list with disable/enable, move, reset password."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from training_app.db.tables import Role, User
from training_app.services import accounts, organisations, user_import
from training_app.services.passwords import generate_password
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.feedback import handled
from training_app.ui.state import lang, tr


def _org_options(me: User) -> dict[str, str]:
    with unit_of_work(context.engine(), write=False) as session:
        return {o.code: f"{o.name} ({o.code})" for o in organisations.list_orgs(session, me)}


def create_form(me: User) -> None:
    orgs = _org_options(me)
    with st.form("create_user", clear_on_submit=True):
        username = st.text_input(tr("users.username"), help=tr("users.username_help"))
        name = st.text_input(tr("users.display_name"))
        role = st.selectbox(tr("users.role"), [r.value for r in Role], format_func=lambda r: tr(f"roles.{r}"))
        org = st.selectbox(tr("users.org"), list(orgs), format_func=orgs.__getitem__, index=None)
        phone = st.text_input(tr("users.phone"))
        submitted = st.form_submit_button(tr("users.create"), type="primary")
    if not submitted:
        return
    password = generate_password()
    with handled(), unit_of_work(context.engine()) as session:
        user = accounts.create_user(
            session,
            me,
            username=username,
            role=Role(role),
            password=password,
            display_name=name or None,
            org_code=org,
            phone=phone or None,
            must_change_password=True,
        )
        st.success(tr("users.created_with_password", username=user.username))
        st.code(password, language=None)


def import_form(me: User) -> None:
    st.caption(tr("users.import_help"))
    upload = st.file_uploader(tr("users.import_file"), type=["csv"], key="import_csv")
    if upload is None or not st.button(tr("users.import_run"), type="primary"):
        return
    with handled(), unit_of_work(context.engine()) as session:
        report = user_import.import_users(session, me, upload.getvalue(), lang=lang())
        if not report.ok:
            st.error(tr("accounts.csv_invalid", count=len(report.errors)))
            rows = [{tr("users.line"): e.line, tr("users.problems"): "; ".join(e.reasons)} for e in report.errors]
            st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)
            return
        st.success(tr("accounts.users_imported", count=len(report.imported)))
        credentials = pd.DataFrame(report.imported, columns=["username", "initial_password"])
        st.download_button(
            tr("users.download_credentials"),
            credentials.to_csv(index=False).encode("utf-8-sig"),
            file_name="initial-passwords.csv",
            mime="text/csv",
        )


def user_table(me: User) -> None:
    search = st.text_input(tr("users.search"), key="user_search")
    with unit_of_work(context.engine(), write=False) as session:
        users = accounts.list_users(session, me, search=search or None)
    if not users:
        st.info(tr("users.none"))
        return
    frame = pd.DataFrame(
        [
            {
                "id": u.id,
                tr("users.username"): u.username,
                tr("users.display_name"): u.display_name,
                tr("users.role"): tr(f"roles.{u.role}"),
                tr("users.active"): u.is_active,
            }
            for u in users
        ]
    )
    st.dataframe(frame, hide_index=True, use_container_width=True)
    by_id = {u.id: u for u in users}
    chosen = st.selectbox(tr("users.pick"), list(by_id), format_func=lambda i: by_id[i].username, index=None)
    if chosen is not None:
        _user_actions(me, by_id[chosen])


def _user_actions(me: User, target: User) -> None:
    cols = st.columns(3)
    label = tr("users.disable") if target.is_active else tr("users.enable")
    if cols[0].button(label, key=f"toggle_{target.id}"):
        with handled(), unit_of_work(context.engine()) as session:
            accounts.set_active(session, me, user_id=target.id or 0, active=not target.is_active)
            st.rerun()
    if cols[1].button(tr("users.reset_password"), key=f"reset_{target.id}"):
        with handled(), unit_of_work(context.engine()) as session:
            password = accounts.reset_password(session, me, user_id=target.id or 0)
            st.success(tr("users.created_with_password", username=target.username))
            st.code(password, language=None)
    orgs = _org_options(me)
    new_org = cols[2].selectbox(
        tr("users.move_to"), list(orgs), format_func=orgs.__getitem__, index=None, key=f"move_{target.id}"
    )
    if new_org and st.button(tr("users.move"), key=f"move_btn_{target.id}"):
        with handled(), unit_of_work(context.engine()) as session:
            accounts.move_user(session, me, user_id=target.id or 0, org_code=new_org)
            st.success(tr("users.moved"))
