"""Agency talent pool: filters, the table, CSV/XLSX download, event shortlists."""

from __future__ import annotations

import streamlit as st

from training_app.db.tables import User
from training_app.services import shortlists, talent_pool
from training_app.services.talent_pool import PoolFilter, PoolRow
from training_app.ui.components import cert_common
from training_app.ui.components.course_common import act, run
from training_app.ui.state import lang, tr

STATUSES = ("all", "certified", "in_training")
LANGUAGES = ("zh", "en")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _any(value: object) -> str:
    return tr("talent.any") if value is None else str(value)


def filters(me: User) -> PoolFilter:
    counties = run(lambda s: talent_pool.counties(s, me)) or []
    names = {c.id: c.name for c in counties}
    cols = st.columns(2)
    county = cols[0].selectbox(tr("talent.filter_county"), [None, *names], key="pool_county",
                               format_func=lambda i: _any(None) if i is None else names[i])  # fmt: skip
    status = cols[1].selectbox(tr("talent.filter_status"), STATUSES, key="pool_status",
                               format_func=lambda v: tr(f"talent.status_{v}"))  # fmt: skip
    level = cols[0].selectbox(tr("talent.filter_level"), [None, *cert_common.levels().level_ids], key="pool_level",
                              format_func=lambda v: _any(v) if v is None else cert_common.level_title(v))  # fmt: skip
    product = cols[1].text_input(tr("talent.filter_product"), key="pool_product")
    language = cols[0].selectbox(tr("talent.filter_language"), [None, *LANGUAGES], key="pool_lang", format_func=_any)
    score = cols[1].number_input(tr("talent.filter_min_score"), 0, 100, 0, step=5, key="pool_score")
    search = st.text_input(tr("talent.filter_search"), key="pool_search")
    clean = st.checkbox(tr("talent.filter_clean"), key="pool_clean")
    return PoolFilter(county_id=county, status=status, level=level, product_id=product.strip() or None,
                      language=language, min_score=float(score) or None, clean_only=clean, search=search)  # fmt: skip


def results(me: User, f: PoolFilter) -> list[PoolRow]:
    total = run(lambda s: talent_pool.count_pool(s, me, f))
    rows = run(lambda s: talent_pool.search_pool(s, me, f)) or []
    if not rows:
        st.info(tr("talent.no_match"))
        return []
    total = total or 0
    count = f"{talent_pool.COUNT_CAP}+" if total > talent_pool.COUNT_CAP else str(total)
    st.caption(tr("talent.found", count=count, shown=len(rows)))
    titles = {lv.id: lv.title.get(lang()) for lv in cert_common.levels().levels}
    frame = talent_pool.pool_frame(rows, lang(), titles)
    st.dataframe(frame, hide_index=True, use_container_width=True)
    cols = st.columns(2)
    cols[0].download_button(tr("talent.download_csv"), talent_pool.to_csv(frame), file_name="talent-pool.csv",
                            mime="text/csv", icon="⬇️")  # fmt: skip
    cols[1].download_button(tr("talent.download_xlsx"), talent_pool.to_xlsx(frame), file_name="talent-pool.xlsx",
                            mime=XLSX, icon="⬇️")  # fmt: skip
    return rows


def _add(me: User, shortlist_id: int, trainee_id: int) -> bool:
    return act(lambda s: shortlists.add_to_shortlist(s, me, shortlist_id=shortlist_id, trainee_id=trainee_id))


def shortlist_panel(me: User, rows: list[PoolRow]) -> None:
    st.subheader(tr("talent.shortlist_title"))
    with st.form("shortlist_new", clear_on_submit=True):
        name = st.text_input(tr("talent.shortlist_new"), max_chars=shortlists.NAME_MAX)
        if st.form_submit_button(tr("talent.shortlist_create")) and name.strip():
            act(lambda s: shortlists.create_shortlist(s, me, name=name))
    lists = run(lambda s: shortlists.list_shortlists(s, me)) or []
    if not lists:
        st.info(tr("talent.shortlist_empty"))
        return
    names = {sl.id: sl.name for sl in lists}
    chosen = st.selectbox(tr("talent.shortlist_pick"), list(names), format_func=names.__getitem__, key="sl_pick")
    hosts = {r.trainee_id: r.name for r in rows}
    picked = st.multiselect(tr("talent.shortlist_hosts"), list(hosts), format_func=hosts.__getitem__, key="sl_hosts")
    if st.button(tr("talent.shortlist_add"), key="sl_add") and picked:
        added = sum(_add(me, chosen or 0, trainee_id) for trainee_id in picked)
        st.success(tr("talent.shortlist_added", count=added))
    members = run(lambda s: shortlists.shortlist_members(s, me, shortlist_id=chosen or 0)) or []
    st.caption(tr("talent.shortlist_members"))
    st.text("\n".join(hosts.get(m, f"#{m}") for m in members) or "—")
