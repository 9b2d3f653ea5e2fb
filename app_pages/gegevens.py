"""Gegevens: download the kern's workbook, upload it (row-level preview, then confirm), the
kern's revisions with undo, public files (preview, then confirm), import log.

What a viewer may do here comes from ``viewer.current()``: the workbook with data, upload and
undo only for a kern they may upload for (``may_upload``), public files only for the
beheerder. The workbook's own kern (its Toelichting) is checked against ``may_upload`` before
the preview and again before saving (``uploads.workbook_refusal``, ``uploads.plan_refusal``).
"""

from __future__ import annotations

import streamlit as st

from sv_analytics import db, fmt, lookups
from sv_analytics.errors import DatabaseError, UserError, ValidationError
from sv_analytics.ingest import presentation, public, revisions, template, workbook
from sv_analytics.texts import t
from sv_analytics.ui import filters, state, uploads, viewer

st.title(t("gegevens.title"))
uploads.hide_english_hints()
st.write(t("gegevens.intro"))

read_only = state.read_only()
if not read_only:
    state.warm_up_readers()  # the first upload then does not wait for the readers to start
if read_only:
    st.info(t("gegevens.read_only"), icon=":material/lock:")

kern_id = filters.kern_filter(where="main", key="kern_gegevens", label=t("gegevens.kern"))
kernen = state.run(lookups.kernen)
labels = {r.kern_id: f"{r.name} ({r.gemeente})" for r in kernen.itertuples()}
names = dict(zip(kernen["kern_id"], kernen["name"], strict=True))
who = viewer.current()
#: May this viewer upload (and undo) for the kern shown? Without a kern: whoever may upload at all.
may_upload = who.may_upload(kern_id) if kern_id else who.may_upload_any

# 1. download ---------------------------------------------------------------------------
st.subheader(t("gegevens.template_heading"))
if kern_id:
    left, right = st.columns(2)
    if may_upload:
        left.download_button(
            t("gegevens.download_data", kern=names[kern_id]),
            data=state.run(template.build_workbook, kern_id=kern_id, with_data=True),
            file_name=f"sociaal-vitaal-{kern_id}-gegevens.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            type="primary",
            help=t("gegevens.download_data_help"),
            key="download_gegevens",
        )
    else:
        left.caption(t("scope.download_data_not_allowed", kern=labels[kern_id]))
    right.download_button(
        t("gegevens.download_empty"),
        data=state.run(template.build_workbook, kern_id=kern_id, with_data=False),
        file_name=f"sociaal-vitaal-{kern_id}-leeg-sjabloon.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/draft:",
        help=t("gegevens.download_empty_help"),
        key="download_leeg",
    )

# 2. upload ---------------------------------------------------------------------------
st.subheader(t("gegevens.upload_heading"))
if saved := st.session_state.pop("gegevens_saved", None):
    st.success(saved, icon=":material/check_circle:")
if failed := st.session_state.pop("gegevens_failed", None):
    st.error(failed)
generation = st.session_state.setdefault("werkboek_generatie", 0)
upload = None
if may_upload:
    upload = st.file_uploader(
        t("gegevens.upload", limit=uploads.limit_text()),
        key=f"werkboek_{generation}",
        help=t("gegevens.upload_help"),
        disabled=read_only,
    )
else:
    st.info(t("scope.upload_not_allowed", kern=labels.get(kern_id, kern_id)), icon=":material/lock:")


def _clear_upload() -> None:
    """A new uploader key empties the file chooser: the saved file is not checked again, and
    the next file starts in the safe mode (aanvullen) with an empty confirmation field."""
    st.session_state["werkboek_generatie"] = generation + 1
    for key in ("plan", "problems", "plan_key", "plan_error", "werkboek_modus", "vervang_bevestiging"):
        st.session_state.pop(key, None)


if upload is not None and not read_only:
    refusal = uploads.refusal(upload, (".xlsx",), "gegevens.wrong_type")
    mode = st.radio(
        t("gegevens.mode"),
        ["merge", "replace"],
        format_func=lambda m: t(f"gegevens.mode_{m}"),
        key="werkboek_modus",
        help=t("gegevens.mode_help"),
        horizontal=True,
    )
    plan_key = (upload.file_id, mode, state.data_version(), kern_id, who.role, who.scope.key, who.label)
    if refusal:
        st.error(refusal)
    elif st.session_state.get("plan_key") != plan_key:
        with st.spinner(t("gegevens.checking")), uploads.as_path(upload) as path:
            for stale in ("plan", "problems", "plan_error"):
                st.session_state[stale] = None
            try:
                # planned on the viewer's scope: another kern's stored rows never reach the preview
                with state.scoped_cursor(who.scope) as cursor:
                    planned = workbook.plan_import(
                        cursor,
                        path,
                        chosen_kern=kern_id,
                        display_name=upload.name,
                        replace_all=mode == "replace",
                    )
            except ValidationError as error:
                denied = uploads.workbook_refusal(error, who)
                st.session_state["plan_error" if denied else "problems"] = denied or error.problems
            except (UserError, DatabaseError) as error:
                st.session_state["plan_error"] = str(error)
            else:
                denied = uploads.plan_refusal(planned, who)
                st.session_state["plan_error" if denied else "plan"] = denied or planned
        st.session_state["plan_key"] = plan_key
    problems, plan = st.session_state.get("problems"), st.session_state.get("plan")
    if refusal:
        pass
    elif st.session_state.get("plan_error"):
        st.error(st.session_state["plan_error"])
    elif problems:
        n = len(problems)
        st.error(t("gegevens.problems_1") if n == 1 else t("gegevens.problems_n", n=fmt.number(n)))
        st.dataframe(presentation.problems_table(problems), hide_index=True, width="stretch")
    elif plan is not None:
        workbook_kern = labels.get(plan.info.kern_id, plan.info.kern_id)
        if plan.kern_mismatch:
            st.warning(t("gegevens.mismatch", workbook=workbook_kern, chosen=labels.get(kern_id, kern_id)))
        period = fmt.period(plan.info.period_start, plan.info.period_end)
        st.info(t("gegevens.preview", kern=workbook_kern, period=period), icon=":material/fact_check:")
        if plan.unchanged:
            st.success(t("gegevens.unchanged"))
        else:
            counts = presentation.changes_table(plan)
            st.caption(t("gegevens.preview_counts"))
            st.dataframe(counts, hide_index=True, width="content", height=36 * (len(counts) + 1) + 2)
            st.markdown(f"**{t('gegevens.preview_rows')}**")
            changed_sheets = [s for s, c in plan.sheet_changes().items() if c.any]
            for tab, sheet_name in zip(st.tabs(changed_sheets), changed_sheets, strict=True):
                with tab:
                    rows = presentation.change_rows(plan, sheet_name)
                    st.dataframe(rows, hide_index=True, width="stretch")
                    change = plan.sheet_changes()[sheet_name]
                    total = change.new + change.changed + change.removed
                    if len(rows) < total:
                        st.caption(
                            t("gegevens.preview_more", shown=fmt.number(len(rows)), total=fmt.number(total))
                        )
            totals = plan.totals()
            allowed = True
            if plan.replace_all:
                name = names.get(plan.info.kern_id, plan.info.kern_id)
                st.warning(
                    t(
                        "gegevens.replace_warning",
                        removed=fmt.number(totals.removed),
                        kern=workbook_kern,
                        name=name,
                    )
                )
                typed = st.text_input(t("gegevens.replace_confirm"), key="vervang_bevestiging")
                allowed = typed.strip().casefold() == name.casefold()
            label = t(
                "gegevens.confirm", kern=names.get(plan.info.kern_id), action=workbook.action_sentence(totals)
            )
            if st.button(label, type="primary", key="bevestig", disabled=not allowed):
                try:
                    if denied := uploads.plan_refusal(plan, viewer.current()):  # again, right before writing
                        raise UserError(denied)
                    summary = workbook.apply_import(state.connection(), plan, user=viewer.current().label)
                except (UserError, DatabaseError) as error:
                    st.session_state["gegevens_failed"] = t("gegevens.not_saved", reason=str(error))
                    st.session_state.pop("plan_key", None)  # check the file again against the new data
                else:
                    st.session_state["gegevens_saved"] = t(
                        "gegevens.saved",
                        kern=workbook_kern,
                        action=workbook.action_sentence(totals, done=True),
                        revision=summary.revision_id,
                    )
                    filters.choose_kern(plan.info.kern_id)
                    _clear_upload()
                st.rerun()

# 3. history of the kern --------------------------------------------------------------
if kern_id:
    st.subheader(t("gegevens.history_heading", kern=names[kern_id]))
    history = state.run(revisions.list_revisions, kern_id=kern_id)
    if history.empty:
        st.caption(t("gegevens.history_empty"))
    else:
        st.dataframe(presentation.revisions_table(history), hide_index=True, width="stretch")
        latest = state.run(revisions.latest_revision, kern_id=kern_id)
        if latest is not None and not read_only and may_upload:
            asking = st.session_state.get("undo_vraag") == latest
            if not asking and st.button(t("gegevens.undo", kern=names[kern_id]), key="undo"):
                st.session_state["undo_vraag"] = latest
                st.rerun()
            if asking:
                row = history[history["revision_id"] == latest].iloc[0]
                st.warning(
                    t("gegevens.undo_question", revision=latest, kern=names[kern_id], summary=row["summary"])
                )
                yes, no = st.columns(2)
                if yes.button(t("gegevens.undo_yes"), type="primary", key="undo_ja"):
                    st.session_state.pop("undo_vraag", None)
                    try:
                        if not viewer.current().may_upload(kern_id):  # again, right before writing
                            raise UserError(t("scope.upload_not_allowed", kern=labels[kern_id]))
                        result = revisions.undo(state.connection(), latest, kern_id=kern_id, user=who.label)
                    except (UserError, DatabaseError) as error:
                        st.session_state["undo_melding"] = (
                            "error",
                            t("gegevens.not_saved", reason=str(error)),
                        )
                    else:
                        done = state.run(revisions.list_revisions, kern_id=kern_id)
                        text = done[done["revision_id"] == result.revision_id].iloc[0]["summary"]
                        st.session_state["undo_melding"] = ("success", t("gegevens.undone", summary=text))
                    st.rerun()
                if no.button(t("gegevens.undo_no"), key="undo_nee"):
                    st.session_state.pop("undo_vraag", None)
                    st.rerun()
    if message := st.session_state.pop("undo_melding", None):
        (st.success if message[0] == "success" else st.error)(message[1])

# 4. public data ----------------------------------------------------------------------
st.subheader(t("gegevens.public_heading"))
st.write(t("gegevens.public_intro"))
if not who.may_import_public:
    st.info(t("scope.public_only_beheerder"), icon=":material/lock:")
else:
    public_file = st.file_uploader(
        t("gegevens.public_upload", limit=uploads.limit_text()), key="publiek", disabled=read_only
    )
    year = st.number_input(
        t("gegevens.public_year"),
        min_value=2000,
        max_value=2030,
        value=None,
        step=1,
        key="jaar",
        placeholder=t("gegevens.public_year_placeholder"),
    )
    if public_file is None:
        st.session_state.pop("publiek_plan", None)
    elif not read_only:
        refusal = uploads.refusal(public_file, public.UPLOAD_SUFFIXES, "gegevens.public_wrong_type")
        public_key = (public_file.file_id, year, who.label)
        if refusal:
            st.error(refusal)
        elif st.button(t("gegevens.public_import"), key="publiek_inlezen"):
            st.session_state.pop("publiek_plan", None)
            with st.spinner(t("gegevens.checking")), uploads.as_path(public_file) as path:
                try:
                    planned = public.plan_public_file(
                        state.connection(),
                        path,
                        year=int(year) if year else None,
                        display_name=public_file.name,
                    )
                except ValidationError as error:
                    n = len(error.problems)
                    st.error(
                        t("gegevens.public_problems_1") if n == 1 else t("gegevens.public_problems_n", n=n)
                    )
                    st.dataframe(
                        presentation.problems_table(error.problems), hide_index=True, width="stretch"
                    )
                except (UserError, DatabaseError) as error:
                    st.error(str(error))
                else:
                    st.session_state["publiek_plan"] = (public_key, planned)
        kept = st.session_state.get("publiek_plan")
        planned = kept[1] if kept and kept[0] == public_key else None
        if planned is not None and planned.preview.already_imported:
            st.info(t("gegevens.public_unchanged"))
            st.session_state.pop("publiek_plan", None)
        elif planned is not None:
            uploads.show_public_preview(planned)
            confirm, cancel = st.columns(2)
            if cancel.button(t("scope.public_cancel"), key="publiek_annuleer"):
                st.session_state.pop("publiek_plan", None)
                st.rerun()
            if confirm.button(t("scope.public_confirm"), type="primary", key="publiek_bevestig"):
                st.session_state.pop("publiek_plan", None)
                try:
                    if not viewer.current().may_import_public:  # again, right before writing
                        raise UserError(t("scope.public_only_beheerder"))
                    with db.exclusive_write():
                        summary = public.apply_public_plan(
                            state.connection(), planned, user=viewer.current().label
                        )
                except (UserError, DatabaseError) as error:
                    st.error(t("gegevens.not_saved", reason=str(error)))
                else:
                    if summary.unchanged:
                        st.info(t("gegevens.public_unchanged"))
                    else:
                        rows = fmt.number(sum(summary.rows.values()))
                        st.success(t("gegevens.public_saved", file=summary.file_name, rows=rows))
                    for warning in summary.warnings:
                        st.caption(warning)

# 5. import log -----------------------------------------------------------------------
st.subheader(t("gegevens.log_heading"))
log = state.run(lookups.import_log)
if log.empty:
    st.info(t("gegevens.log_empty"))
else:
    st.dataframe(uploads.log_table(log), hide_index=True, width="stretch")
