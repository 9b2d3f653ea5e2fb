"""The demo's activity templates, read from data/demo_activiteiten.csv.

A row's ``group`` says its role: ``bestaand`` (every kern has them from before the project),
``nieuw`` (a kern picks a few in phase 3) or ``evenement`` (the yearly Beweegdag).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sv_analytics import vocab
from sv_analytics.demo.datafiles import coded, data_file, from_columns, read_rows

TEMPLATES_CSV = data_file("demo_activiteiten.csv")
#: Columns of the age weights, in the order of vocab.AGE_BAND.
AGE_COLUMNS = ("age_0_17", "age_18_44", "age_45_64", "age_65_74", "age_75_plus")
GROUPS = ("bestaand", "nieuw", "evenement")


@dataclass(frozen=True)
class ActivityTemplate:
    """One row of the CSV: an activity the generator can give a kern, and who it reaches."""

    group: str = coded(GROUPS)
    name: str
    kind: str = coded(vocab.ACTIVITY_KIND)
    membership_form: str = coded(vocab.MEMBERSHIP_FORM)
    bravo: tuple[str, ...] = coded(vocab.BRAVO_THEME)
    doelgroepen: tuple[str, ...] = coded(vocab.DOELGROEP)
    rate: float  # participants per 1,000 inhabitants once established
    male_share: float
    age_weights: tuple[float, ...] = from_columns(*AGE_COLUMNS)  # by vocab.AGE_BAND
    months: int | None  # fixed duration (courses, events); None = recurring
    walking: bool  # a walking sport of pattern 1
    #: The (fictional) Loket Gezond Leven intervention the activity carries out, and its
    #: recognition level; both None for most activities.
    intervention: str | None
    recognition_level: str | None = coded(vocab.RECOGNITION_LEVEL)

    @property
    def location(self) -> str:
        if self.walking and self.membership_form == "kortdurend":
            return "Beweegtuin"
        return "Sportpark" if self.kind == "sport" else "Dorpshuis / wijkcentrum"


def load_templates(path: Path = TEMPLATES_CSV) -> dict[str, tuple[ActivityTemplate, ...]]:
    """The templates by group, in file order; raises ValueError naming a wrong row."""
    templates = read_rows(path, ActivityTemplate)
    for number, template in enumerate(templates, start=2):
        if template.recognition_level and not template.intervention:
            raise ValueError(f"{path.name}, rij {number}: een erkenningsniveau hoort bij een interventie")
    groups = {group: tuple(t for t in templates if t.group == group) for group in GROUPS}
    if len(groups["evenement"]) != 1:
        raise ValueError(f"{path.name}: er hoort precies één evenement in te staan")
    return groups


_TEMPLATES = load_templates()
#: Activities every kern had before the project (the 2016 baseline).
EXISTING = _TEMPLATES["bestaand"]
#: Activities a kern may start in phase 3.
NEW = _TEMPLATES["nieuw"]
#: The yearly Beweegdag.
(EVENT,) = _TEMPLATES["evenement"]
