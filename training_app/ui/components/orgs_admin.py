"""Admin organisation tree: list, create, assign trainers to cohorts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from training_app.db.tables import OrgKind, Role, User
from training_app.services import accounts, organisations
from training_app.services.uow import unit_of_work
from training_app.ui import context
from training_app.ui.feedback import handled
from training_app.ui.state import tr


def tree(me: User) -> None:
    with unit_of_work(context.engine(), write=False) as session:
        orgs = organisations.list_orgs(session, me)
    depth = {o.id: o.path.count("/") - 2 for o in orgs}
    rows = [
        {
            tr("orgs.name"): "　" * depth[o.id] + o.name,
            tr("orgs.code"): o.code,
            tr("orgs.kind"): tr(f"orgs.kind_{o.kind}"),
        }
        for o in orgs
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)


def create_form(me: User) -> None:
    st.subheader(tr("orgs.create"))
    with unit_of_work(context.engine(), write=False) as session:
        parents = {o.code: o.name for o in organisations.list_orgs(session, me) if o.kind != OrgKind.COHORT}
    with st.form("create_org", clear_on_submit=True):
        name = st.text_input(tr("orgs.name"))
        code = st.text_input(tr("orgs.code"), help=tr("orgs.code_help"))
        kind = st.selectbox(tr("orgs.kind"), [k.value for k in OrgKind], format_func=lambda k: tr(f"orgs.kind_{k}"))
        parent = st.selectbox(tr("orgs.parent"), list(parents), format_func=parents.__getitem__, index=None)
        submitted = st.form_submit_button(tr("orgs.create"), type="primary")
    if submitted:
        with handled(), unit_of_work(context.engine()) as session:
            organisations.create_org(session, me, name=name, code=code.strip(), kind=OrgKind(kind), parent_code=parent)
            st.success(tr("orgs.created"))


def assign_form(me: User) -> None:
    st.subheader(tr("orgs.assign_trainer"))
    with unit_of_work(context.engine(), write=False) as session:
        trainers = {u.id or 0: u.display_name for u in accounts.list_users(session, me, role=Role.TRAINER)}
        cohorts = {o.code: o.name for o in organisations.list_orgs(session, me, kind=OrgKind.COHORT)}
    if not trainers or not cohorts:
        st.info(tr("orgs.assign_empty"))
        return
    with st.form("assign_trainer"):
        trainer = st.selectbox(tr("roles.trainer"), list(trainers), format_func=trainers.__getitem__)
        cohort = st.selectbox(tr("orgs.kind_cohort"), list(cohorts), format_func=cohorts.__getitem__)
        submitted = st.form_submit_button(tr("orgs.assign"), type="primary")
    if submitted:
        with handled(), unit_of_work(context.engine()) as session:
            organisations.assign_trainer(session, me, trainer_id=trainer, cohort_code=cohort)
            st.success(tr("orgs.assigned"))
