"""Gegevens: download the monitoring workbook, upload it (preview, then confirm), import log."""

from __future__ import annotations

import streamlit as st

from sv_analytics import fmt
from sv_analytics.errors import UserError, ValidationError
from sv_analytics.ingest import presentation, public, workbook
from sv_analytics.texts import t
from sv_analytics.ui import state, uploads

st.title(t("gegevens.title"))
st.write(t("gegevens.intro"))

kernen = state.kernen()
labels = {r.kern_id: f"{r.name} ({r.gemeente})" for r in kernen.itertuples()}

# 1. template -------------------------------------------------------------------------
st.subheader(t("gegevens.template_heading"))
kern_id = st.selectbox(t("gegevens.kern"), list(labels), format_func=labels.get, key="kern_sjabloon")
with_data = st.checkbox(t("gegevens.with_data"), key="met_gegevens")
st.download_button(
    t("gegevens.download"),
    data=state.workbook_bytes(kern_id, with_data),
    file_name=f"sociaal-vitaal-{kern_id}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)

# 2. upload ---------------------------------------------------------------------------
st.subheader(t("gegevens.upload_heading"))
chosen = st.selectbox(t("gegevens.kern"), list(labels), format_func=labels.get, key="kern_upload")
upload = st.file_uploader(t("gegevens.upload"), type=["xlsx"], key="werkboek")
if saved := st.session_state.pop("gegevens_saved", None):
    st.success(saved)
if upload is not None:
    plan_key = (upload.file_id, chosen, state.data_version())
    if st.session_state.get("plan_key") != plan_key:
        with uploads.as_path(upload) as path:
            try:
                st.session_state["plan"] = workbook.plan_import(
                    state.connection(), path, chosen_kern=chosen, display_name=upload.name
                )
                st.session_state["problems"] = None
            except ValidationError as error:
                st.session_state["plan"], st.session_state["problems"] = None, error.problems
            except UserError as error:
                st.session_state["plan"], st.session_state["problems"] = None, []
                st.error(str(error))
        st.session_state["plan_key"] = plan_key
    problems, plan = st.session_state.get("problems"), st.session_state.get("plan")
    if problems:
        st.error(t("gegevens.problems", n=len(problems)))
        st.dataframe(presentation.problems_table(problems), hide_index=True, width="stretch")
    elif plan is not None:
        period = fmt.period(plan.info.period_start, plan.info.period_end)
        st.info(t("gegevens.preview", kern=labels.get(plan.info.kern_id, plan.info.kern_id), period=period))
        changes = presentation.changes_table(plan)
        st.dataframe(changes, hide_index=True, width="content", height=36 * (len(changes) + 1) + 2)
        removed = sum(change.removed for change in plan.sheet_changes().values())
        if removed:
            st.warning(t("gegevens.removing", n=fmt.number(removed)))
        for warning in plan.warnings:
            st.warning(warning)
        if plan.unchanged:
            st.success(t("gegevens.unchanged"))
        elif st.button(t("gegevens.confirm"), type="primary", key="bevestig"):
            summary = workbook.apply_import(state.connection(), plan)
            rows = fmt.number(sum(summary.rows.values()))
            st.session_state["gegevens_saved"] = t(
                "gegevens.saved", rows=rows, kern=labels[plan.info.kern_id]
            )
            st.rerun()

# 3. public data ----------------------------------------------------------------------
st.subheader(t("gegevens.public_heading"))
st.write(t("gegevens.public_intro"))
public_file = st.file_uploader(
    t("gegevens.public_upload"), type=["csv", "xlsx", "geojson", "json", "topojson"], key="publiek"
)
year = st.number_input(
    t("gegevens.public_year"), min_value=2000, max_value=2030, value=None, step=1, key="jaar"
)
if public_file is not None and st.button(t("gegevens.public_import"), key="publiek_inlezen"):
    with uploads.as_path(public_file) as path:
        try:
            summary = public.import_public_file(
                state.connection(), path, year=int(year) if year else None, display_name=public_file.name
            )
        except ValidationError as error:
            st.error(t("gegevens.problems", n=len(error.problems)))
            st.dataframe(presentation.problems_table(error.problems), hide_index=True, width="stretch")
        except UserError as error:
            st.error(str(error))
        else:
            if summary.unchanged:
                st.info(t("gegevens.public_unchanged"))
            else:
                rows = fmt.number(sum(summary.rows.values()))
                st.success(t("gegevens.public_saved", file=public_file.name, rows=rows))
            for warning in summary.warnings:
                st.caption(warning)

# 4. import log -----------------------------------------------------------------------
st.subheader(t("gegevens.log_heading"))
log = state.import_log()
if log.empty:
    st.info(t("gegevens.log_empty"))
else:
    st.dataframe(presentation.log_table(log), hide_index=True, width="stretch")
