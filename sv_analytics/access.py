"""Who is looking: roles, scope and what each role may do (no Streamlit here).

Why this module exists: one definition of the four roles and their rights, used by the login
gate (``ui/auth.py``), the scoped data layer (:mod:`sv_analytics.scope`), the pages, the
exports and the CLI, so that "may this person see or change this kern" has one answer.

- **beheerder**: every kern; uploads and undo for every kern, public data, user management.
- **evaluator**: every kern, read (and exports, reports).
- **gemeente**: the kernen of one gemeente, read (and exports, reports).
- **projectleider**: one kern, read, upload and undo for that kern only.

Identity is issuer + subject of the identity provider's token (the e-mail address is shown,
never trusted as identity: a provider may let users change it). Role and scope come from the
app's own database (``app_user``), never from token claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Role(StrEnum):
    BEHEERDER = "beheerder"
    EVALUATOR = "evaluator"
    GEMEENTE = "gemeente"
    PROJECTLEIDER = "projectleider"


#: Roles that see every kern (their scope is always "all").
ALL_KERNEN_ROLES = frozenset({Role.BEHEERDER, Role.EVALUATOR})
#: Roles that may switch "exacte aantallen" on for the screen (exports stay protected).
EXACT_SWITCH_ROLES = frozenset({Role.BEHEERDER, Role.EVALUATOR})


@dataclass(frozen=True)
class Scope:
    """The kernen a person may see: all (both None), one gemeente, or one kern."""

    gemeente_code: str | None = None
    kern_id: str | None = None

    def __post_init__(self) -> None:
        if self.gemeente_code is not None and self.kern_id is not None:
            raise ValueError("een scope is één gemeente óf één kern, niet beide")

    @property
    def is_all(self) -> bool:
        return self.gemeente_code is None and self.kern_id is None

    @property
    def key(self) -> str:
        """A stable text for cache keys and logs: ``alle``, ``gemeente:GM0150``, ``kern:bathmen``."""
        if self.kern_id is not None:
            return f"kern:{self.kern_id}"
        if self.gemeente_code is not None:
            return f"gemeente:{self.gemeente_code}"
        return "alle"


ALL = Scope()


def scope_for(role: Role, *, gemeente_code: str | None = None, kern_id: str | None = None) -> Scope:
    """The scope a role has, checked: beheerder/evaluator all, gemeente one gemeente,
    projectleider one kern. Raises ValueError (Dutch) for a combination that does not fit."""
    if role in ALL_KERNEN_ROLES:
        if gemeente_code or kern_id:
            raise ValueError(f"een {role} ziet alle kernen; geef geen gemeente of kern op")
        return ALL
    if role is Role.GEMEENTE:
        if not gemeente_code or kern_id:
            raise ValueError("een gemeente-gebruiker hoort bij precies één gemeente (en geen kern)")
        return Scope(gemeente_code=gemeente_code)
    if not kern_id or gemeente_code:
        raise ValueError("een projectleider hoort bij precies één kern (en geen gemeente)")
    return Scope(kern_id=kern_id)


@dataclass(frozen=True)
class Viewer:
    """The person of this session, as the app's database knows them.

    ``exact`` is whether *the screen* shows exact counts in this run: always for a
    projectleider (their scope is their own kern), for a beheerder or evaluator only while
    they switch it on, never for a gemeente. Exports, PNGs, reports and decks are always
    protected, whatever ``exact`` says.
    """

    role: Role
    scope: Scope
    issuer: str
    subject: str
    email: str | None = None
    name: str | None = None
    local: bool = False
    exact: bool = False
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        """How the import log and revisions name this person: e-mail, else name, else subject."""
        if self.local:
            return LOCAL_LABEL
        return self.email or self.name or self.subject

    @property
    def protected(self) -> bool:
        """True when the screen must show protected counts (the opposite of ``exact``)."""
        return not self.exact

    def with_exact(self, wanted: bool) -> Viewer:
        """This viewer with the screen's exact counts switched as ``wanted`` allows."""
        if self.role is Role.PROJECTLEIDER:
            return replace(self, exact=True)
        return replace(self, exact=bool(wanted) and self.role in EXACT_SWITCH_ROLES)

    def sees_kern(self, kern_id: str, gemeente_code: str | None) -> bool:
        """Whether ``kern_id`` (of ``gemeente_code``) is inside this viewer's scope."""
        if self.scope.is_all:
            return True
        if self.scope.kern_id is not None:
            return kern_id == self.scope.kern_id
        return gemeente_code == self.scope.gemeente_code

    def may_upload(self, kern_id: str) -> bool:
        """Upload a workbook (and undo an import) for ``kern_id``."""
        if self.role is Role.BEHEERDER:
            return True
        return self.role is Role.PROJECTLEIDER and kern_id == self.scope.kern_id

    @property
    def may_upload_any(self) -> bool:
        return self.role in (Role.BEHEERDER, Role.PROJECTLEIDER)

    @property
    def may_import_public(self) -> bool:
        return self.role is Role.BEHEERDER

    @property
    def may_manage_users(self) -> bool:
        return self.role is Role.BEHEERDER


#: How the import log and revisions name the one user of local mode.
LOCAL_LABEL = "lokaal"
#: The one user of local mode (no ``[auth]`` configured, app bound to 127.0.0.1).
LOCAL = Viewer(
    role=Role.BEHEERDER, scope=ALL, issuer="lokaal", subject="lokaal", name="Lokale beheerder", local=True
)
