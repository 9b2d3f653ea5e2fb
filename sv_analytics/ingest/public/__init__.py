"""Importers for real public statistics and geodata: CBS, RIVM/GGD and PDOK/Kadaster.

One module per source format (``rivm``, ``kwb``, ``pc4``, ``geo``, ``top10nl``, ``wsjg``), shared
reading and writing in ``base``, recognition and the entry points in ``dispatch`` and
downloading in ``fetch``. Reading a kern's statistics is the read side's
(``sv_analytics.kernprofiel.kern_statistics``). No Streamlit here.

Rules every importer follows:

* one file = one transaction with one ``dataset`` row (kind cbs | rivm | pdok | vng; id
  ``{kind}-{sha256[:12]}``, plus ``-{year}`` when the year was given by the caller); the
  same file again changes nothing (``ImportSummary.unchanged``);
* rows with the same key from an earlier file of the same source are replaced;
* bad input raises one ValidationError with every problem, and nothing is written;
* a missing or secret value (``.``, ``x``, ``-99996``, ``-99997``, ``-99999999``, empty) is stored as
  NULL; an indicator that has no value at all for a year and age group in a file (not
  published) is not stored, and the warnings name it;
* region codes are stripped and upper-cased (``GM0141``; NL00/NL01 → ``NL01``), the level
  comes from the prefix; geometries are stored as GeoJSON in WGS84 with 6 decimals.

``INDICATORS`` lists every indicator code written to ``statistic`` with its unit.
"""

from __future__ import annotations

from sv_analytics.ingest.public.catalogue import INDICATORS, PublicIndicator
from sv_analytics.ingest.public.dispatch import (
    FORMATS,
    ImportBatch,
    PublicPlan,
    apply_public_plan,
    detect,
    import_public_file,
    import_reference_dir,
    plan_public_file,
    supported_formats,
)
from sv_analytics.ingest.public.fetch import fetch_public

#: File name endings an upload of a public file may have (what detect_bytes recognises).
UPLOAD_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".json", ".geojson", ".topojson")

__all__ = [
    "FORMATS",
    "INDICATORS",
    "UPLOAD_SUFFIXES",
    "ImportBatch",
    "PublicIndicator",
    "PublicPlan",
    "apply_public_plan",
    "detect",
    "fetch_public",
    "import_public_file",
    "import_reference_dir",
    "plan_public_file",
    "supported_formats",
]
