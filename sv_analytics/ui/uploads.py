"""Uploaded files: checked in Dutch before any reader sees them, then as temporary paths.

Streamlit's own uploader checks (``type=``, ``server.maxUploadSize``) answer in English
("text/csv files are not allowed", "File must be 50.0MB or smaller"). The uploaders are
therefore created without ``type`` and with a browser limit above the importers' limit
(.streamlit/config.toml), and :func:`refusal` says in Dutch what is wrong. Only files
larger than the browser limit still meet Streamlit's English message.

It also holds the page Gegevens' checks of *whose* data a file is: a workbook is refused, in
Dutch with file, sheet and cell, when its own kern (the Toelichting's Kern-id) is one the
viewer may not upload for (:func:`workbook_refusal`, :func:`plan_refusal`); and the preview
of a public file before its confirm (:func:`show_public_preview`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from sv_analytics import fmt
from sv_analytics.access import Viewer
from sv_analytics.errors import ValidationError
from sv_analytics.ingest import cells, common, limits, presentation, public, workbook
from sv_analytics.ingest.workbook_spec import INFO_FIELDS, INFO_SHEET
from sv_analytics.texts import t
from sv_analytics.ui import state

#: Streamlit 1.67's uploader has no parameter for its own texts: the button "Upload", the hint
#: "200MB per file" (the browser limit, not the importers' one) and, while a file is dragged over
#: it, "Drag and drop a file here" are English and fixed in the frontend (FileUploader.*.js). So a
#: page style hides those texts and shows the catalogue's Dutch ones in their place (CSS
#: ``content``); the selectors use the widget's test ids and the element structure, not
#: Streamlit's generated class names, which change with every release. Checked in chromium on
#: /gegevens (tests/e2e/test_dutch_chrome_browser.py); if a Streamlit upgrade changes the
#: structure, the English text shows again and that test fails.
_ZONE = '[data-testid="stFileUploaderDropzone"]'
_HINTS = '[data-testid="stFileUploaderDropzoneInstructions"]'
_DUTCH_UPLOADER_CSS = """<style>
{zone} button [data-testid="stMarkdownContainer"] p {{font-size: 0; line-height: 0;}}
{zone} button [data-testid="stMarkdownContainer"] p::after {{
  content: "{button}"; font-size: 0.875rem; line-height: 1.6;
}}
{hints} > div > span {{display: none;}}
{hints} > div::after {{content: "{hint}"; font-size: 0.875rem; opacity: 0.7;}}
{zone} > div:not([data-testid]) > * {{font-size: 0;}}
{zone} > div:not([data-testid]) > *::after {{content: "{drop}"; font-size: 1rem;}}
</style>"""


def css_string(text: str) -> str:
    """``text`` as the inside of a CSS string: backslashes, quotes and line ends escaped, and no
    ``<`` (which could end the style element)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return escaped.replace("<", "\\3c ")


def dutch_uploader_css() -> str:
    """The page style that puts the catalogue's Dutch texts in Streamlit's uploaders."""
    return _DUTCH_UPLOADER_CSS.format(
        zone=_ZONE,
        hints=_HINTS,
        button=css_string(t("gegevens.uploader.button")),
        hint=css_string(t("gegevens.uploader.hint", limit=limits.MAX_FILE_TEXT)),
        drop=css_string(t("gegevens.uploader.drop")),
    )


def hide_english_hints() -> None:
    """Dutch instead of the uploaders' English texts on this page (see :data:`_DUTCH_UPLOADER_CSS`)."""
    st.html(dutch_uploader_css())


def limit_text() -> str:
    return limits.MAX_FILE_TEXT


def refusal(upload: UploadedFile, suffixes: tuple[str, ...], wrong_type_key: str) -> str | None:
    """A Dutch reason to refuse the upload before reading it (type, size, empty), or None."""
    name = common.safe_file_name(upload.name)
    if Path(upload.name).suffix.lower() not in suffixes:
        return t(wrong_type_key, file=name)
    if upload.size == 0:
        return t("gegevens.empty_file", file=name)
    if upload.size > limits.MAX_FILE_BYTES:
        size = f"{fmt.number(upload.size / limits.MIB, 1)} MB"
        return t("gegevens.too_big", file=name, size=size, limit=limits.MAX_FILE_TEXT)
    return None


@contextmanager
def as_path(upload: UploadedFile) -> Iterator[Path]:
    """The upload's bytes in a temporary file (keeping its suffix), removed afterwards."""
    suffix = Path(upload.name).suffix
    with tempfile.TemporaryDirectory(prefix="sv-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(upload.getvalue())
        yield path


# ------------------------------------------------------------------ whose workbook is it?
def _kern_label(kern_id: str) -> str:
    """ "Aadorp (Almelo)" for any kern of the registry (names only), else the id."""
    frame = state.place_names().kernen
    rows = frame[frame["kern_id"] == kern_id]
    return f"{rows.iloc[0]['name']} ({rows.iloc[0]['gemeente']})" if len(rows) else kern_id


def _own_kernen(who: Viewer) -> str:
    """The kernen ``who`` may upload for, in words (a projectleider: their kern)."""
    if who.scope.kern_id is not None:
        return t("scope.own_kern", kern=_kern_label(who.scope.kern_id))
    return t("scope.own_kern", kern="–")


def _refusal(file: str, where: str, kern_id: str, who: Viewer) -> str:
    return t(
        "scope.upload_refused",
        file=markdown_safe(file),
        sheet=INFO_SHEET,
        where=where,
        kern=_kern_label(kern_id),
        own=_own_kernen(who),
    )


def workbook_refusal(error: ValidationError, who: Viewer) -> str | None:
    """The refusal when a rejected workbook names, in its Toelichting, a kern of the registry
    that ``who`` may not upload for; None when the problems are the workbook's own.

    The page plans a workbook on a cursor of the viewer's scope, so such a kern is "unknown"
    there and its stored rows are never read. This turns that problem into what it is — no
    access — naming file, sheet and cell, and drops the other problems (they would be about
    another kern's workbook).
    """
    registry = set(state.place_names().kernen["kern_id"])
    for problem in error.problems:
        if problem.sheet != INFO_SHEET or problem.column != "B" or problem.value is None:
            continue
        kern_id, bad = cells.identifier(problem.value)
        if bad is None and kern_id in registry and not who.may_upload(kern_id):
            where = t("scope.cell", cell=f"B{problem.row}") if problem.row else t("scope.field", field="B")
            return _refusal(problem.file, where, kern_id, who)
    return None


def plan_refusal(plan: workbook.ImportPlan, who: Viewer) -> str | None:
    """The refusal when the planned workbook's own kern is one ``who`` may not upload for."""
    if who.may_upload(plan.info.kern_id):
        return None
    return _refusal(plan.file_name, t("scope.field", field=INFO_FIELDS["kern_id"]), plan.info.kern_id, who)


# ------------------------------------------------------------------ public files and the log
def show_public_preview(plan: public.PublicPlan) -> None:
    """What a checked public file would change, before its confirm: counts and the largest
    relative changes of stored figures ("Deventer, inwoners 2017: 99.295 → 1")."""
    preview = plan.preview
    st.info(
        t(
            "scope.public_preview",
            file=markdown_safe(plan.file_name),
            source=markdown_safe(plan.parsed.source),
            values=fmt.number(sum(len(f) for f in plan.parsed.frames.values())),
            new=fmt.number(preview.total("new")),
            changed=fmt.number(preview.total("changed")),
            same=fmt.number(preview.total("same")),
        ),
        icon=":material/fact_check:",
    )
    if preview.largest:
        st.caption(t("scope.public_largest"))
        rows = pd.DataFrame(
            {
                t("col.change"): [c.sentence() for c in preview.largest],
                t("scope.public_difference"): [_relative(c.relative) for c in preview.largest],
            }
        )
        st.dataframe(rows, hide_index=True, width="stretch")
    for warning in plan.parsed.warnings:
        st.caption(markdown_safe(warning))


def _relative(value: float | None) -> str:
    if value is None:
        return ""
    if value == float("inf"):
        return "nieuw t.o.v. 0"
    return f"{fmt.number(100 * value, 1)} %"


def log_table(log: pd.DataFrame) -> pd.DataFrame:
    """The import log for people, with who did each import (``user_name``) when the query gives it."""
    shown = presentation.log_table(log)
    if "user_name" in log.columns:
        shown.insert(3, t("col.who"), log["user_name"].fillna("").to_list())
    return shown


#: Characters that start markdown (emphasis, code, links, Streamlit's :color[…] and math) inside a
#: sentence; ``.``, ``-`` and ``#`` only do so at the start of a line, where a file name never is.
_MARKDOWN = frozenset("\\`*_[]<>$~|")


def markdown_safe(text: str) -> str:
    """``text`` (a file name, a source) shown literally where Streamlit renders markdown."""
    return "".join(f"\\{ch}" if ch in _MARKDOWN else ch for ch in str(text))
