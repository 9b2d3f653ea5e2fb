"""Texts of the PDF reports (sv_analytics/report/pdf.py and its template report.typ)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "pdf.contents": "Inhoud",
    "pdf.page_of": "Pagina {page} van {total}",
    "pdf.demo_short": "Demo — fictieve gegevens",
    "pdf.source": "Bron: {source}",
    "pdf.appendix": "Bronnen, definities en kanttekeningen",
    "pdf.sources": "Bronnen",
    "pdf.definitions": "Definities",
    "pdf.caveats": "Kanttekeningen",
    "pdf.cover_scope": "Rapport over",
    "pdf.cover_moment": "Rapportagemoment",
    "pdf.cover_period": "Periode",
    "pdf.cover_data_version": "Gegevensversie",
    "pdf.cover_peildatum": "Peildatum",
    "pdf.cover_generated": "Gemaakt op",
    "pdf.scope_kern": "Kern {name}",
    "pdf.scope_gemeente": "Gemeente {name}",
    "pdf.scope_programma": "{name}",
    "pdf.generated_at": "{day}, {time} uur",
}
