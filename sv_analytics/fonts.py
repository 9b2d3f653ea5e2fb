"""The project's typeface for everything that leaves the app as a file (no Streamlit here).

Why shipped fonts: a PDF or PNG drawn with whatever fonts a machine happens to have differs
between machines (widths, line breaks, even byte-for-byte), and a server without fonts draws
boxes. ``data/fonts`` holds Source Sans 3 (OFL 1.1, see data/README.md), the app's own typeface;
Typst gets it with ``font_paths`` and ``ignore_system_fonts=True``, vl-convert through
:func:`register_vl_convert`.
"""

from __future__ import annotations

import threading
from pathlib import Path

import vl_convert

FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"
FAMILY = "Source Sans 3"
#: The font list for Vega-Lite specs rendered to files: the shipped face first, *quoted*.
#: Why the quotes: "3" is not a CSS identifier, so an unquoted ``Source Sans 3`` makes the
#: whole font-family list invalid for resvg/usvg (the SVG renderer inside vl-convert and the
#: one Typst uses for SVG images); usvg then drops the list and vl-convert 1.9 draws no text at
#: all (linebender/resvg#804). Quoted, fontdb finds the registered face.
VEGA_FONT = f'"{FAMILY}", "Source Sans Pro", Arial, sans-serif'

_registered = threading.Event()
_lock = threading.Lock()


def register_vl_convert() -> None:
    """Make the shipped fonts known to vl-convert, once per process (cheap after the first call)."""
    if _registered.is_set():
        return
    with _lock:
        if not _registered.is_set():
            vl_convert.register_font_directory(str(FONT_DIR))
            _registered.set()
