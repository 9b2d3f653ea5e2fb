"""Uploaded files: checked in Dutch before any reader sees them, then as temporary paths.

Streamlit's own uploader checks (``type=``, ``server.maxUploadSize``) answer in English
("text/csv files are not allowed", "File must be 50.0MB or smaller"). The uploaders are
therefore created without ``type`` and with a browser limit above the importers' limit
(.streamlit/config.toml), and :func:`refusal` says in Dutch what is wrong. Only files
larger than the browser limit still meet Streamlit's English message.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from sv_analytics import fmt
from sv_analytics.ingest import common, limits
from sv_analytics.texts import t

#: Streamlit's own hint in the drop zone ("Drag and drop file here", "Limit 200MB per file")
#: is English and names the browser limit, not the importers' one; the labels say it in Dutch.
_HIDE_HINTS = '<style>[data-testid="stFileUploaderDropzoneInstructions"] {display: none;}</style>'


def hide_english_hints() -> None:
    """Hide the uploader's English hint on this page (the widget labels carry the Dutch one)."""
    st.html(_HIDE_HINTS)


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
