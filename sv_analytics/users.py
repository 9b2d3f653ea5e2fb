"""The people who may log in, with their role and scope (table ``app_user``). No Streamlit.

Why this module exists: who sees what is the app's own decision, never a token claim. The
login gate (``ui/auth.py``) asks :func:`find_viewer` on every run, so a removed or changed
user loses access on their next click; the page Beheer and ``python -m sv_analytics users``
manage the table through the same functions, which check everything the schema cannot say
in Dutch (the gemeente or kern exists, the scope fits the role, the last beheerder stays) and
write in one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from sv_analytics import access, db
from sv_analytics.access import Role, Viewer
from sv_analytics.errors import Problem, ValidationError
from sv_analytics.texts import t

_LOG = logging.getLogger(__name__)

#: How problems with a user are located (errors.Problem needs a "file").
_WHAT = "gebruiker"


@dataclass
class UserValidationError(ValidationError):
    """A user's data refused: every problem at once, as plain Dutch sentences."""

    def __str__(self) -> str:
        return " ".join([*(p.message for p in self.problems), t("users.nothing_changed")])


def _refuse(*messages: str) -> UserValidationError:
    return UserValidationError([Problem(_WHAT, m) for m in messages])


# ---------------------------------------------------------------------------- reading


_SELECT = """
    SELECT u.issuer, u.subject, u.email, u.name, u.role, u.gemeente_code, g.name AS gemeente,
           u.kern_id, k.name AS kern, kg.name AS kern_gemeente,
           u.created_at, u.created_by, u.updated_at
    FROM app_user AS u
    LEFT JOIN gemeente AS g ON g.gemeente_code = u.gemeente_code
    LEFT JOIN kern AS k ON k.kern_id = u.kern_id
    LEFT JOIN gemeente AS kg ON kg.gemeente_code = k.gemeente_code
"""


def find_viewer(conn: duckdb.DuckDBPyConnection, issuer: str, subject: str) -> Viewer | None:
    """The viewer the database knows for this identity (role and scope from ``app_user``), or
    None for an unknown one. Not cached on purpose: the gate calls it on every run."""
    rows = _rows(conn.cursor(), "WHERE u.issuer = ? AND u.subject = ?", [issuer, subject])
    return _viewer(rows[0]) if rows else None


def list_users(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every user with role, scope (codes, names and a Dutch label ``scope``) and bookkeeping,
    beheerders first, then by name."""
    order = "ORDER BY list_position(?, u.role), lower(coalesce(u.name, u.email, u.subject)), u.issuer"
    cursor = conn.cursor()
    rows = _rows(cursor, order, [[str(r) for r in Role]])
    columns = [d[0] for d in cursor.description]
    frame = pd.DataFrame([{**row, "scope": _scope_label(row)} for row in rows], columns=[*columns, "scope"])
    for column in ("email", "name", "gemeente_code", "gemeente", "kern_id", "kern", "kern_gemeente"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _rows(cursor: duckdb.DuckDBPyConnection, where: str, params: list[object]) -> list[dict]:
    """Rows of app_user (with place names) as dicts, read on ``cursor`` itself: inside a write
    transaction that is the transaction's own view."""
    cursor.execute(f"{_SELECT} {where}", params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _viewer(row: dict) -> Viewer:
    role = Role(row["role"])
    scope = access.scope_for(role, gemeente_code=row["gemeente_code"], kern_id=row["kern_id"])
    return Viewer(
        role=role,
        scope=scope,
        issuer=row["issuer"],
        subject=row["subject"],
        email=row["email"],
        name=row["name"],
        extra={"scope_label": _scope_label(row)},
    )


def _scope_label(row: dict) -> str:
    """ "alle kernen", "gemeente Deventer" or "kern Bathmen (Deventer)"."""
    if row.get("kern_id"):
        return t(
            "auth.scope.kern",
            name=row.get("kern") or row["kern_id"],
            gemeente=row.get("kern_gemeente") or "?",
        )
    if row.get("gemeente_code"):
        return t("auth.scope.gemeente", name=row.get("gemeente") or row["gemeente_code"])
    return t("auth.scope.all")


def scope_label(viewer: Viewer) -> str:
    """The Dutch label of a viewer's scope (as :func:`find_viewer` stored it, else from codes)."""
    return viewer.extra.get("scope_label") or _scope_label(
        {"gemeente_code": viewer.scope.gemeente_code, "kern_id": viewer.scope.kern_id}
    )


# ---------------------------------------------------------------------------- writing


def add_user(
    conn: duckdb.DuckDBPyConnection,
    *,
    issuer: str,
    subject: str,
    role: Role | str,
    email: str | None = None,
    name: str | None = None,
    gemeente_code: str | None = None,
    kern_id: str | None = None,
    by: str,
) -> Viewer:
    """Give ``issuer`` + ``subject`` a role and scope. ``gemeente_code`` may be a CBS code
    (GM0150) or a gemeente's name (Deventer), ``kern_id`` a kern id (or its name when that is
    unique). Refused with every problem at once; nothing is written then."""
    issuer, subject, by = _text(issuer), _text(subject), _text(by)
    problems = _identity_problems(issuer, subject, by)
    email, name = _optional(email), _optional(name)
    problems += _email_problems(email)
    chosen, role_problems = _role(role)
    problems += role_problems
    gemeente, kern, place_problems = _places(conn, gemeente_code, kern_id)
    problems += place_problems
    if chosen is not None and not place_problems:
        problems += _scope_problems(chosen, gemeente, kern)
    if problems:
        raise _refuse(*problems)
    with db.exclusive_write(), db.writing(t("users.what_add")):
        cursor = conn.cursor()
        with db.transaction(cursor):
            if _exists(cursor, issuer, subject):
                raise _refuse(t("users.duplicate", issuer=issuer, subject=subject))
            cursor.execute(
                "INSERT INTO app_user (issuer, subject, email, name, role, gemeente_code, kern_id,"
                " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [issuer, subject, email, name, str(chosen), gemeente, kern, datetime.now(), by],
            )
    _LOG.info("gebruiker %s / %s toegevoegd als %s door %s", issuer, subject, chosen, by)
    return _must_find(conn, issuer, subject)


def change_user(
    conn: duckdb.DuckDBPyConnection,
    issuer: str,
    subject: str,
    *,
    role: Role | str | None = None,
    gemeente_code: str | None = None,
    kern_id: str | None = None,
    email: str | None = None,
    name: str | None = None,
    by: str,
) -> Viewer:
    """Change a user's role, scope, e-mail or name; None keeps what is stored.

    The scope follows the role: with a new role the scope is exactly the gemeente/kern given
    now (none for beheerder and evaluator); with the same role a given gemeente or kern
    replaces the scope. An e-mail or name of ``""`` clears it. The last beheerder cannot be
    made anything else.
    """
    issuer, subject, by = _text(issuer), _text(subject), _text(by)
    problems = _identity_problems(issuer, subject, by)
    new_role, role_problems = _role(role) if role is not None else (None, [])
    problems += role_problems
    email_given, name_given = email is not None, name is not None
    email, name = _optional(email), _optional(name)
    problems += _email_problems(email)
    gemeente, kern, place_problems = _places(conn, gemeente_code, kern_id)
    problems += place_problems
    if problems:
        raise _refuse(*problems)
    with db.exclusive_write(), db.writing(t("users.what_change")):
        cursor = conn.cursor()
        with db.transaction(cursor):
            old = _stored(cursor, issuer, subject)
            old_role = Role(old["role"])
            target = new_role or old_role
            if target is old_role and gemeente is None and kern is None:
                gemeente, kern = old["gemeente_code"], old["kern_id"]
            scope_problems = _scope_problems(target, gemeente, kern)
            if scope_problems:
                raise _refuse(*scope_problems)
            if old_role is Role.BEHEERDER and target is not Role.BEHEERDER:
                _keep_one_beheerder(cursor, old)
            cursor.execute(
                "UPDATE app_user SET role = ?, gemeente_code = ?, kern_id = ?, email = ?, name = ?,"
                " updated_at = ? WHERE issuer = ? AND subject = ?",
                [
                    str(target),
                    gemeente,
                    kern,
                    email if email_given else old["email"],
                    name if name_given else old["name"],
                    datetime.now(),
                    issuer,
                    subject,
                ],
            )
    _LOG.info("gebruiker %s / %s gewijzigd (%s) door %s", issuer, subject, target, by)
    return _must_find(conn, issuer, subject)


def remove_user(conn: duckdb.DuckDBPyConnection, issuer: str, subject: str, *, by: str) -> None:
    """Remove a user: they see "nog geen toegang" from their next run on. The last beheerder
    cannot be removed (nobody could manage users in the app any more)."""
    issuer, subject, by = _text(issuer), _text(subject), _text(by)
    problems = _identity_problems(issuer, subject, by)
    if problems:
        raise _refuse(*problems)
    with db.exclusive_write(), db.writing(t("users.what_remove")):
        cursor = conn.cursor()
        with db.transaction(cursor):
            old = _stored(cursor, issuer, subject)
            if old["role"] == Role.BEHEERDER:
                _keep_one_beheerder(cursor, old)
            cursor.execute("DELETE FROM app_user WHERE issuer = ? AND subject = ?", [issuer, subject])
    _LOG.info("gebruiker %s / %s verwijderd door %s", issuer, subject, by)


def display_name(row: dict | Viewer) -> str:
    """How messages name a user: name, else e-mail, else subject."""
    get = row.get if isinstance(row, dict) else lambda key: getattr(row, key)
    return get("name") or get("email") or get("subject")


# ---------------------------------------------------------------------------- checks


def _text(value: object) -> str:
    return str(value).strip() if value is not None else ""


def _optional(value: str | None) -> str | None:
    text = _text(value)
    return text or None


def _identity_problems(issuer: str, subject: str, by: str) -> list[str]:
    problems = []
    if not _text(issuer):
        problems.append(t("users.missing_issuer"))
    if not _text(subject):
        problems.append(t("users.missing_subject"))
    if not by:
        problems.append(t("users.missing_by"))
    return problems


def _email_problems(email: str | None) -> list[str]:
    if email is None or ("@" in email and " " not in email):
        return []
    return [t("users.bad_email", value=email)]


def _role(value: Role | str) -> tuple[Role | None, list[str]]:
    try:
        return Role(_text(value).lower()), []
    except ValueError:
        return None, [t("users.bad_role", value=value)]


def _places(
    conn: duckdb.DuckDBPyConnection, gemeente: str | None, kern: str | None
) -> tuple[str | None, str | None, list[str]]:
    """The gemeente code and kern id meant by what was typed (None when nothing was)."""
    problems: list[str] = []
    code = kern_id = None
    if _text(gemeente):
        code = _gemeente_code(conn, _text(gemeente))
        if code is None:
            problems.append(t("users.unknown_gemeente", value=_text(gemeente)))
    if _text(kern):
        kern_id, problem = _kern_id(conn, _text(kern))
        if problem:
            problems.append(problem)
    return code, kern_id, problems


def _gemeente_code(conn: duckdb.DuckDBPyConnection, value: str) -> str | None:
    row = (
        conn.cursor()
        .execute(
            "SELECT gemeente_code FROM gemeente WHERE gemeente_code = upper(?) OR lower(name) = lower(?)",
            [value, value],
        )
        .fetchone()
    )
    return row[0] if row else None


def _kern_id(conn: duckdb.DuckDBPyConnection, value: str) -> tuple[str | None, str | None]:
    cursor = conn.cursor()
    row = cursor.execute("SELECT kern_id FROM kern WHERE kern_id = lower(?)", [value]).fetchone()
    if row:
        return row[0], None
    ids = [
        r[0]
        for r in cursor.execute("SELECT kern_id FROM kern WHERE lower(name) = lower(?)", [value]).fetchall()
    ]
    if len(ids) == 1:
        return ids[0], None
    if ids:
        return None, t("users.ambiguous_kern", value=value, ids=", ".join(sorted(ids)))
    return None, t("users.unknown_kern", value=value)


def _scope_problems(role: Role, gemeente: str | None, kern: str | None) -> list[str]:
    """Whether the scope fits the role, by access.scope_for (the one rule), said in Dutch."""
    try:
        access.scope_for(role, gemeente_code=gemeente, kern_id=kern)
    except ValueError:
        if role in access.ALL_KERNEN_ROLES:
            return [t("users.scope_all", role=role)]
        return [t("users.scope_gemeente" if role is Role.GEMEENTE else "users.scope_kern")]
    return []


def _exists(cursor: duckdb.DuckDBPyConnection, issuer: str, subject: str) -> bool:
    row = cursor.execute(
        "SELECT 1 FROM app_user WHERE issuer = ? AND subject = ?", [issuer, subject]
    ).fetchone()
    return row is not None


def _stored(cursor: duckdb.DuckDBPyConnection, issuer: str, subject: str) -> dict:
    rows = _rows(cursor, "WHERE u.issuer = ? AND u.subject = ?", [issuer, subject])
    if not rows:
        raise _refuse(t("users.unknown_user", issuer=issuer, subject=subject))
    return rows[0]


def _keep_one_beheerder(cursor: duckdb.DuckDBPyConnection, old: dict) -> None:
    """Refuse when ``old`` is the only beheerder (checked inside the write transaction)."""
    count = cursor.execute("SELECT count(*) FROM app_user WHERE role = ?", [str(Role.BEHEERDER)]).fetchone()[
        0
    ]
    if count <= 1:
        raise _refuse(t("users.last_beheerder", who=display_name(old)))


def _must_find(conn: duckdb.DuckDBPyConnection, issuer: str, subject: str) -> Viewer:
    found = find_viewer(conn, issuer, subject)
    assert found is not None  # just written in a committed transaction
    return found
