"""Uploaded files to temporary paths, so the importers read them like any file."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from streamlit.runtime.uploaded_file_manager import UploadedFile


@contextmanager
def as_path(upload: UploadedFile) -> Iterator[Path]:
    """The upload's bytes in a temporary file (keeping its suffix), removed afterwards."""
    suffix = Path(upload.name).suffix
    with tempfile.TemporaryDirectory(prefix="sv-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(upload.getvalue())
        yield path
