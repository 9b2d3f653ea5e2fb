"""Gebruikers (section Beheer): who may log in, with which role and scope; add, change,
remove (with confirmation). Only for a beheerder; the writing is done by sv_analytics.users."""

from __future__ import annotations

import hashlib

import streamlit as st

from sv_analytics import lookups, users
from sv_analytics.access import Role
from sv_analytics.errors import UserError
from sv_analytics.texts import t
from sv_analytics.ui import auth, state, viewer

_FLASH = "beheer_flash"
NONE = ""

me = viewer.current()
st.title(t("beheer.title"))
if not me.may_manage_users:  # navigation hides the page; a typed URL still lands here
    st.error(t("beheer.no_right"), icon=":material/block:")
    st.stop()

st.write(t("beheer.intro"))
st.markdown(t("beheer.rights"))
if me.local:
    st.info(t("beheer.local_note"), icon=":material/computer:")
read_only = state.read_only()
if read_only:
    st.info(t("beheer.read_only"), icon=":material/lock:")
if flash := st.session_state.pop(_FLASH, None):
    st.success(flash, icon=":material/check_circle:")

conn = state.connection()
gemeenten = state.run(lookups.gemeenten)
kernen = state.run(lookups.kernen)
gemeente_labels = dict(zip(gemeenten["gemeente_code"], gemeenten["name"], strict=True))
kern_labels = {r.kern_id: f"{r.name} ({r.gemeente})" for r in kernen.itertuples()}
roles = [str(r) for r in Role]


def _done(message: str) -> None:
    """Show ``message`` after the rerun that redraws the list with the change."""
    st.session_state[_FLASH] = message
    st.rerun()


def _scope_inputs(role: str, prefix: str, gemeente: str | None = None, kern: str | None = None) -> tuple:
    """The gemeente (role gemeente) or kern (role projectleider) chooser that the role needs."""
    if role == Role.GEMEENTE:
        options = [NONE, *gemeente_labels]
        chosen = st.selectbox(
            t("beheer.gemeente"),
            options,
            index=options.index(gemeente) if gemeente in options else 0,
            format_func=lambda code: gemeente_labels.get(code, "—"),
            key=f"{prefix}_gemeente",
            placeholder=t("gegevens.choose_option"),
        )
        return chosen or None, None
    if role == Role.PROJECTLEIDER:
        options = [NONE, *kern_labels]
        chosen = st.selectbox(
            t("beheer.kern"),
            options,
            index=options.index(kern) if kern in options else 0,
            format_func=lambda kern_id: kern_labels.get(kern_id, "—"),
            key=f"{prefix}_kern",
            placeholder=t("gegevens.choose_option"),
        )
        return None, chosen or None
    return None, None


# 1. the list ---------------------------------------------------------------------------
st.subheader(t("beheer.list"))
listed = users.list_users(conn)
if listed.empty:
    st.info(t("beheer.none"))
else:
    shown = listed.assign(
        who=[users.display_name(r) for r in listed.to_dict("records")],
    )[["who", "email", "role", "scope", "issuer", "subject", "created_at", "created_by", "updated_at"]]
    shown.columns = [
        t("beheer.col.name"),
        t("beheer.col.email"),
        t("beheer.col.role"),
        t("beheer.col.scope"),
        t("beheer.col.issuer"),
        t("beheer.col.subject"),
        t("beheer.col.created"),
        t("beheer.col.created_by"),
        t("beheer.col.updated"),
    ]
    st.dataframe(shown, hide_index=True, width="stretch", key="beheer_lijst")

# 2. add --------------------------------------------------------------------------------
st.subheader(t("beheer.add"))
left, right = st.columns(2)
issuer = left.text_input(t("beheer.issuer"), help=t("beheer.issuer_help"), key="beheer_add_issuer")
subject = right.text_input(t("beheer.subject"), help=t("beheer.subject_help"), key="beheer_add_subject")
email = left.text_input(t("beheer.email"), key="beheer_add_email")
name = right.text_input(t("beheer.name"), key="beheer_add_name")
role = left.selectbox(
    t("beheer.role"),
    roles,
    index=roles.index(Role.EVALUATOR),
    key="beheer_add_role",
    placeholder=t("gegevens.choose_option"),
)
with right:
    gemeente, kern = _scope_inputs(role, "beheer_add")
if st.button(t("beheer.add_button"), type="primary", disabled=read_only, key="beheer_add"):
    try:
        added = users.add_user(
            conn,
            issuer=issuer,
            subject=subject,
            role=role,
            email=email,
            name=name,
            gemeente_code=gemeente,
            kern_id=kern,
            by=me.label,
        )
    except UserError as error:
        st.error(str(error))
    else:
        for key in ("beheer_add_issuer", "beheer_add_subject", "beheer_add_email", "beheer_add_name"):
            st.session_state.pop(key, None)
        _done(
            t(
                "beheer.added",
                who=users.display_name(added),
                role=added.role,
                scope=users.scope_label(added),
            )
        )

# 3. change or remove -------------------------------------------------------------------
if not listed.empty:
    st.subheader(t("beheer.change"))
    records = {f"{r['issuer']}\n{r['subject']}": r for r in listed.to_dict("records")}
    picked = st.selectbox(
        t("beheer.choose_user"),
        list(records),
        format_func=lambda k: (
            f"{users.display_name(records[k])} — {records[k]['role']}, {records[k]['scope']}"
        ),
        key="beheer_user",
        placeholder=t("gegevens.choose_option"),
    )
    row = records[picked]
    who = users.display_name(row)
    uid = hashlib.sha256(picked.encode()).hexdigest()[:12]  # widgets start from this user's values
    left, right = st.columns(2)
    new_role = left.selectbox(
        t("beheer.role"),
        roles,
        index=roles.index(row["role"]),
        key=f"beheer_role_{uid}",
        placeholder=t("gegevens.choose_option"),
    )
    with right:
        new_gemeente, new_kern = _scope_inputs(
            new_role, f"beheer_change_{uid}", row["gemeente_code"], row["kern_id"]
        )
    if st.button(t("beheer.change_button"), disabled=read_only, key="beheer_change"):
        try:
            changed = users.change_user(
                conn,
                row["issuer"],
                row["subject"],
                role=new_role,
                gemeente_code=new_gemeente,
                kern_id=new_kern,
                by=me.label,
            )
        except UserError as error:
            st.error(str(error))
        else:
            _done(
                t(
                    "beheer.changed",
                    who=users.display_name(changed),
                    role=changed.role,
                    scope=users.scope_label(changed),
                )
            )
    sure = st.checkbox(t("beheer.confirm_remove", who=auth.plain(who)), key=f"beheer_confirm_{uid}")
    if st.button(t("beheer.remove_button"), disabled=read_only or not sure, key="beheer_remove"):
        try:
            users.remove_user(conn, row["issuer"], row["subject"], by=me.label)
        except UserError as error:
            st.error(str(error))
        else:
            _done(t("beheer.removed", who=who))

st.caption(t("beheer.cli_hint"))
