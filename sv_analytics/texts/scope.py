"""Dutch texts: scope — what a viewer may see and change (see texts/__init__.py).

The refusals of the shared filters (``ui/filters.py``) and the rights on the page Gegevens
(upload, undo, the workbook with data, public files and their confirm step).
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # filters: a link or a choice outside the viewer's scope
    "scope.no_access": "Geen toegang tot {name}. Met uw account ziet u alleen {own}.",
    "scope.own_kern": "kern {kern}",
    "scope.own_gemeente": "de kernen van gemeente {gemeente}",
    "scope.gemeente_name": "gemeente {gemeente}",
    # Gegevens: who may download the data, upload and undo
    "scope.download_data_not_allowed": (
        "Het werkboek met de huidige gegevens van {kern} kunnen alleen de projectleider van de kern "
        "en de beheerder downloaden."
    ),
    "scope.upload_not_allowed": (
        "Gegevens van {kern} aanleveren en een import ongedaan maken kunnen alleen de projectleider "
        "van de kern en de beheerder. U kunt de gegevens hier wel bekijken."
    ),
    "scope.upload_refused": (
        "Geen toegang: {file}, tabblad '{sheet}', {where}: dit werkboek is van {kern}. U mag alleen "
        "gegevens aanleveren van {own}. Er is niets opgeslagen."
    ),
    "scope.cell": "cel {cell}",
    "scope.field": "veld '{field}'",
    # Gegevens: public files, with a confirm step
    "scope.public_only_beheerder": "Publieke bestanden leest alleen de beheerder in.",
    "scope.public_preview": (
        "Gecontroleerd: {file} ({source}). Inlezen schrijft {values} waarden: {new} nieuw, {changed} "
        "gewijzigd, {same} gelijk aan wat al is opgeslagen. Er is nog niets opgeslagen."
    ),
    "scope.public_largest": "Grootste relatieve wijzigingen van opgeslagen waarden:",
    "scope.public_difference": "Verschil",
    "scope.public_confirm": "Bevestigen",
    "scope.public_cancel": "Annuleren",
}
