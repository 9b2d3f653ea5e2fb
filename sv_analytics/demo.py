"""Deterministic fictional demo data for all 22 kernen, 2016 (baseline) to 2019 (follow-up).

Why a generator and not a fixture: every table gets plausible content of a realistic size,
and the patterns a good dashboard must reveal are *planted* on purpose (documented in
data/README.md and checked in tests/test_demo_patterns.py). The same seed always gives
the same content: all randomness comes from ``random.Random`` seeded with a string per
kern, whose algorithm Python keeps stable across versions.

Everything written here is flagged as demo (``dataset.is_demo``); the kern registry itself
(data/kernen.csv) is loaded as its own, non-demo dataset.
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import duckdb
import pandas as pd

from sv_analytics import db, registry, vocab
from sv_analytics.errors import DatabaseError
from sv_analytics.ingest.public import import_reference_dir

GENERATOR_VERSION = 1
DEFAULT_SEED = 2017
FIRST_YEAR, LAST_YEAR = 2016, 2019
MONTHS = [date(y, m, 1) for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]
PROJECT_START = date(2017, 5, 1)  # phase 3 Uitvoering: new activities start from here
PROJECT_END = date(2018, 12, 31)  # the subsidy ends
DEMO_SOURCE = "Demo (fictief)"

# --------------------------------------------------------------------------- planted roles
#: Kernen whose 65+ share is high (pattern: walking sports reach more people there).
AGEING = frozenset(
    {"zenderen", "hertme", "daarle", "diepenheim", "wesepe", "boskamp", "luttenberg", "markelo", "lutten"}
)
#: Kernen that keep their activities after the subsidy ends (pattern: continuity in 2019).
CONTINUES = frozenset(
    {
        "aadorp",
        "bathmen",
        "diepenveen",
        "markelo",
        "diepenheim",
        "daarle",
        "de-lutte",
        "overdinkel",
        "heeten",
        "luttenberg",
        "berkum",
    }
)
#: Start of the referral network with care partners (pattern: referrals only after it).
REFERRAL_NETWORK_START = {
    "bathmen": date(2017, 4, 1),
    "markelo": date(2017, 6, 1),
    "heeten": date(2017, 5, 1),
    "kamperpoort-veerallee": date(2017, 7, 1),
    "diepenveen": date(2017, 9, 1),
    "berkum": date(2017, 10, 1),
    "luttenberg": date(2017, 11, 1),
    "overdinkel": date(2018, 1, 1),
    "aadorp": date(2018, 3, 1),
}
#: The kern that stalls in phase 2 Organisatie.
STALLED = "boskamp"

MIN_GROUP = 5.0  # an activity needs a handful of people to exist at all
SUMMER_FACTOR = 0.55  # July and August (pattern: summer dip)
WALKING_BOOST = 2.2  # reach of walking sports in ageing kernen, relative to others
FALLBACK_EXISTING_2019 = 0.7
CONTINUE_2019 = 0.97

#: Share of new participants who were previously inactive, by membership form.
INACTIVE_SHARE = {"regulier": 0.15, "omni": 0.25, "flexibel": 0.5, "kortdurend": 0.55}


@dataclass(frozen=True)
class ActivityTemplate:
    name: str
    kind: str
    membership_form: str
    bravo: tuple[str, ...]
    doelgroepen: tuple[str, ...]
    rate: float  # participants per 1,000 inhabitants once established
    male_share: float = 0.45
    age_weights: tuple[float, float, float, float, float] = (0.1, 0.25, 0.3, 0.2, 0.15)
    months: int | None = None  # fixed duration (courses, events); None = recurring
    walking: bool = False


EXISTING = (
    ActivityTemplate(
        "Voetbal senioren", "sport", "regulier", ("bewegen",), (), 14, 0.85, (0.15, 0.6, 0.2, 0.05, 0.0)
    ),
    ActivityTemplate(
        "Gymnastiek 55+",
        "sport",
        "regulier",
        ("bewegen",),
        ("senioren",),
        6,
        0.3,
        (0.0, 0.0, 0.25, 0.45, 0.3),
    ),
)

NEW = (
    ActivityTemplate(
        "Wandelvoetbal",
        "bewegen",
        "flexibel",
        ("bewegen", "ontspanning"),
        ("senioren",),
        5,
        0.8,
        (0.0, 0.02, 0.28, 0.45, 0.25),
        walking=True,
    ),
    ActivityTemplate(
        "Walking netball",
        "bewegen",
        "flexibel",
        ("bewegen",),
        ("senioren",),
        4,
        0.15,
        (0.0, 0.05, 0.35, 0.4, 0.2),
        walking=True,
    ),
    ActivityTemplate(
        "Beweegtuin-ochtend",
        "bewegen",
        "kortdurend",
        ("bewegen", "veiligheid"),
        ("senioren", "chronisch"),
        4,
        0.4,
        (0.0, 0.05, 0.25, 0.4, 0.3),
        walking=True,
    ),
    ActivityTemplate(
        "Fietsmaatjes",
        "bewegen",
        "flexibel",
        ("bewegen", "ontspanning"),
        ("senioren", "psychisch"),
        3,
        0.45,
        (0.0, 0.05, 0.2, 0.4, 0.35),
        walking=True,
    ),
    ActivityTemplate(
        "Bootcamp buiten",
        "sport",
        "kortdurend",
        ("bewegen",),
        ("overgewicht",),
        6,
        0.4,
        (0.05, 0.55, 0.35, 0.05, 0.0),
    ),
    ActivityTemplate(
        "Yoga voor iedereen",
        "sport",
        "flexibel",
        ("bewegen", "ontspanning"),
        ("psychisch",),
        5,
        0.2,
        (0.02, 0.4, 0.35, 0.18, 0.05),
    ),
    ActivityTemplate(
        "Leefstijlcursus Gezond Gewicht",
        "leefstijl",
        "kortdurend",
        ("bewegen", "alcohol"),
        ("overgewicht", "chronisch"),
        3,
        0.35,
        (0.0, 0.35, 0.45, 0.15, 0.05),
        months=5,
    ),
    ActivityTemplate(
        "Valpreventie In Balans",
        "korte_cursus",
        "kortdurend",
        ("bewegen", "veiligheid"),
        ("senioren", "chronisch"),
        3,
        0.3,
        (0.0, 0.0, 0.1, 0.5, 0.4),
        months=4,
    ),
    ActivityTemplate(
        "Stoppen met roken",
        "workshop",
        "kortdurend",
        ("roken",),
        ("chronisch",),
        2,
        0.5,
        (0.0, 0.45, 0.45, 0.1, 0.0),
        months=3,
    ),
    ActivityTemplate(
        "Sport en taal voor nieuwkomers",
        "sport",
        "omni",
        ("bewegen",),
        ("statushouders",),
        3,
        0.6,
        (0.35, 0.55, 0.1, 0.0, 0.0),
    ),
    ActivityTemplate(
        "Mindful wandelen",
        "leefstijl",
        "flexibel",
        ("ontspanning", "bewegen"),
        ("psychisch",),
        3,
        0.3,
        (0.0, 0.35, 0.4, 0.2, 0.05),
    ),
    ActivityTemplate(
        "Omnisport jeugd", "sport", "omni", ("bewegen",), (), 8, 0.55, (1.0, 0.0, 0.0, 0.0, 0.0)
    ),
)

EVENT = ActivityTemplate(
    "Beweegdag",
    "evenement",
    "kortdurend",
    ("bewegen", "alcohol"),
    (),
    40,
    0.5,
    (0.3, 0.3, 0.2, 0.12, 0.08),
    months=1,
)


@dataclass
class Frames:
    """Rows per table, collected as lists of dicts and turned into DataFrames at the end."""

    rows: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))

    def add(self, table: str, **row: object) -> None:
        self.rows[table].append(row)

    def to_frames(self, dataset_id: str) -> dict[str, pd.DataFrame]:
        frames = {}
        for table, rows in self.rows.items():
            frame = pd.DataFrame(rows)
            frame["dataset_id"] = dataset_id
            frames[table] = frame
        return frames


# --------------------------------------------------------------------------- helpers
def split_integer(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` that add up exactly."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return add_months(day, 1) - timedelta(days=1)


def round_to(value: float, step: int) -> int:
    return int(step * round(value / step))


def kern_rng(seed: int, kern_id: str, topic: str) -> random.Random:
    """An independent, reproducible stream per kern and topic."""
    return random.Random(f"sv-demo/{seed}/{kern_id}/{topic}")


@dataclass(frozen=True)
class Kern:
    kern_id: str
    name: str
    gemeente_code: str
    gemeente_name: str
    kern_type: str
    wijk_code: str
    lat: float
    lon: float
    inhabitants: int

    @property
    def ageing(self) -> bool:
        return self.kern_id in AGEING

    @property
    def continues(self) -> bool:
        return self.kern_id in CONTINUES

    @property
    def stalled(self) -> bool:
        return self.kern_id == STALLED

    @property
    def network_start(self) -> date | None:
        return REFERRAL_NETWORK_START.get(self.kern_id)


def kernen_from_registry(frame: pd.DataFrame) -> list[Kern]:
    return [
        Kern(
            r.kern_id,
            r.name,
            r.gemeente_code,
            r.gemeente_name,
            r.kern_type,
            r.cbs_wijk_2017,
            float(r.lat),
            float(r.lon),
            int(r.inhabitants),
        )
        for r in frame.itertuples(index=False)
    ]


# --------------------------------------------------------------------------- generator
class DemoGenerator:
    """Builds every table's demo rows for a list of kernen and one seed."""

    def __init__(self, kernen: list[Kern], seed: int) -> None:
        self.kernen = kernen
        self.seed = seed
        self.out = Frames()

    def rng(self, kern: Kern | str, topic: str) -> random.Random:
        kern_id = kern if isinstance(kern, str) else kern.kern_id
        return kern_rng(self.seed, kern_id, topic)

    def build(self) -> Frames:
        for kern in self.kernen:
            self.target_groups(kern)
            self.facilities(kern)
            orgs = self.organisations(kern)
            self.agreements(kern, orgs)
            self.survey(kern)
            activities = self.activities(kern, orgs)
            self.participation(kern, activities)
            self.referrals(kern, activities, orgs)
            self.volunteers(kern)
            self.werkplan(kern)
            self.targets(kern)
            self.evaluation(kern)
            self.kennisplein(kern)
            self.geometry(kern)
        self.statistics()
        return self.out

    # ---- kern profile
    def chosen_groups(self, kern: Kern) -> list[str]:
        rng = self.rng(kern, "doelgroepen")
        if kern.ageing:
            return ["senioren", rng.choice(["chronisch", "overgewicht"])]
        if kern.kern_type == "wijk":
            return [rng.choice(["statushouders", "psychisch"]), "overgewicht"]
        return sorted(rng.sample(["senioren", "chronisch", "overgewicht", "psychisch"], 2))

    def target_groups(self, kern: Kern) -> None:
        for group in self.chosen_groups(kern):
            self.out.add("kern_target_group", kern_id=kern.kern_id, doelgroep=group)

    def facilities(self, kern: Kern) -> None:
        if kern.kern_type == "wijk":
            kinds = ["dorpshuis", "openbare_beweegruimte", "gymzaal"]
        else:
            kinds = ["sportpark", "dorpshuis"] + (["sporthal"] if kern.inhabitants > 2500 else ["gymzaal"])
        names = {
            "sportpark": f"Sportpark {kern.name}",
            "dorpshuis": f"{'Wijkcentrum' if kern.kern_type == 'wijk' else 'Dorpshuis'} {kern.name}",
            "sporthal": f"Sporthal {kern.name}",
            "gymzaal": f"Gymzaal basisschool {kern.name}",
            "openbare_beweegruimte": f"Beweegtuin {kern.name}",
        }
        rng = self.rng(kern, "facilities")
        for i, kind in enumerate(kinds, start=1):
            self.out.add(
                "facility",
                facility_id=f"{kern.kern_id}-f{i}",
                kern_id=kern.kern_id,
                facility_type=kind,
                name=names[kind],
                lat=round(kern.lat + rng.uniform(-0.004, 0.004), 5),
                lon=round(kern.lon + rng.uniform(-0.006, 0.006), 5),
            )

    def organisations(self, kern: Kern) -> dict[str, str]:
        """Sociale kaart; returns org_id by role key ('club', 'huisarts', …)."""
        village = kern.kern_type != "wijk"
        plan: list[tuple[str, str, str, tuple[str, ...], bool]] = [
            ("club", f"Sportvereniging {kern.name}", "sport", ("aanbieder", "accommodatie"), True),
            ("fitness", f"Beweegcentrum {kern.name}", "sport", ("aanbieder",), False),
            ("huisarts", f"Huisartsenpraktijk {kern.name}", "gezondheidszorg", ("doorverwijzer",), False),
            ("fysio", f"Fysiotherapie {kern.name}", "gezondheidszorg", ("aanbieder", "doorverwijzer"), False),
            ("thuiszorg", f"Thuiszorg {kern.gemeente_name}", "zorg", ("doorverwijzer",), False),
            ("welzijn", f"Welzijn {kern.gemeente_name}", "welzijn", ("aanbieder", "doorverwijzer"), True),
            ("school", f"Basisschool {kern.name}", "onderwijs", ("accommodatie",), False),
            ("gemeente", f"Gemeente {kern.gemeente_name}", "gemeente", ("sponsor",), True),
        ]
        if village:
            plan += [
                ("dorpsbelangen", f"Dorpsbelangen {kern.name}", "dorpsbelangen", (), True),
                ("kerk", f"Parochie {kern.name}", "kerk", ("accommodatie",), False),
                ("middenstand", f"Ondernemersvereniging {kern.name}", "middenstand", ("sponsor",), False),
            ]
        else:
            plan += [
                ("dorpsbelangen", f"Wijkraad {kern.name}", "dorpsbelangen", (), True),
                ("cultuur", f"Buurthuis-cultuurgroep {kern.name}", "cultuur", ("aanbieder",), False),
            ]
        rng = self.rng(kern, "organisations")
        ids: dict[str, str] = {}
        for i, (key, name, sector, roles, in_group) in enumerate(plan, start=1):
            org_id = f"{kern.kern_id}-o{i:02d}"
            ids[key] = org_id
            in_project_group = in_group or (key == "huisarts" and kern.network_start is not None)
            self.out.add(
                "organisation",
                org_id=org_id,
                kern_id=kern.kern_id,
                name=name,
                sector=sector,
                in_project_group=in_project_group,
                lat=round(kern.lat + rng.uniform(-0.006, 0.006), 5),
                lon=round(kern.lon + rng.uniform(-0.008, 0.008), 5),
            )
            all_roles = (*roles, "projectgroep") if in_project_group else roles
            for role in all_roles:
                self.out.add("organisation_role", org_id=org_id, role=role)
        return ids

    def agreements(self, kern: Kern, orgs: dict[str, str]) -> None:
        rng = self.rng(kern, "agreements")
        group_start = date(2017, 1, rng.randint(10, 31))
        items: list[tuple[str, str, date, list[str]]] = [
            (
                "werkgroep",
                f"Projectgroep Sociaal Vitaal {kern.name}",
                group_start,
                ["club", "welzijn", "gemeente", "dorpsbelangen"],
            ),
        ]
        if not kern.stalled:
            items.append(
                (
                    "afspraak",
                    "Gebruik accommodatie voor nieuw beweegaanbod",
                    date(2017, rng.randint(4, 7), rng.randint(1, 28)),
                    ["club", "school"],
                )
            )
            items.append(
                (
                    "convenant",
                    "Convenant sport en welzijn",
                    date(2017, rng.randint(8, 12), rng.randint(1, 28)),
                    ["club", "welzijn", "gemeente"],
                )
            )
        if kern.network_start:
            items.append(
                (
                    "doorverwijsnetwerk",
                    "Doorverwijzen naar beweegaanbod (huisarts, POH, fysio)",
                    kern.network_start,
                    ["huisarts", "fysio", "welzijn"],
                )
            )
        for i, (kind, description, start, parties) in enumerate(items, start=1):
            agreement_id = f"{kern.kern_id}-a{i}"
            ended = kind != "werkgroep" and not kern.continues and not kern.network_start
            self.out.add(
                "agreement",
                agreement_id=agreement_id,
                kern_id=kern.kern_id,
                kind=kind,
                description=description,
                start_date=start,
                end_date=PROJECT_END if ended else None,
                status="beeindigd" if ended else "actief",
            )
            for party in parties:
                self.out.add("agreement_party", agreement_id=agreement_id, org_id=orgs[party])

    def survey(self, kern: Kern) -> None:
        rng = self.rng(kern, "survey")
        survey_id = f"{kern.kern_id}-s1"
        invited = round_to(kern.inhabitants * 0.45, 5)
        respondents = int(invited * rng.uniform(0.12, 0.35))
        self.out.add(
            "survey",
            survey_id=survey_id,
            kern_id=kern.kern_id,
            held_on=date(2017, rng.randint(2, 4), rng.randint(1, 28)),
            invited=invited,
            respondents=respondents,
        )
        old = 0.5 if kern.ageing else 0.3
        answers = {
            "leeftijd": {"18-44": 0.9 - old, "45-64": 0.4, "65+": old + 0.1},
            "wens_activiteit": {
                "wandelvoetbal": 0.3 if kern.ageing else 0.1,
                "fietsen": 0.35,
                "yoga": 0.2,
                "bootcamp": 0.1 if kern.ageing else 0.25,
                "zwemmen": 0.2,
                "dansen": 0.15,
            },
            "voorkeursmoment": {"ochtend": old, "middag": 0.2, "avond": 0.8 - old, "weekend": 0.2},
            "belemmering": {
                "geen tijd": 0.3,
                "kosten": 0.15,
                "gezondheid": 0.3 if kern.ageing else 0.1,
                "niemand om mee te gaan": 0.2,
                "aanbod past niet": 0.25,
                "vervoer": 0.1,
            },
        }
        for question, options in answers.items():
            weights = [w * rng.uniform(0.8, 1.2) for w in options.values()]
            if question == "leeftijd":
                counts = split_integer(respondents, weights)
            else:  # several answers per respondent allowed
                counts = [int(respondents * w) for w in weights]
            for answer, n in zip(options, counts, strict=True):
                self.out.add("survey_result", survey_id=survey_id, question=question, answer=answer, n=n)

    # ---- activities and participation
    def pick_new_templates(self, kern: Kern) -> list[ActivityTemplate]:
        if kern.stalled:
            return []
        rng = self.rng(kern, "aanbod")
        walking = [t for t in NEW if t.walking]
        others = [t for t in NEW if not t.walking]
        groups = set(self.chosen_groups(kern))
        picks = [walking[rng.randrange(len(walking))]]
        matching = [t for t in others if groups & set(t.doelgroepen)]
        rest = [t for t in others if t not in matching]
        rng.shuffle(matching)
        rng.shuffle(rest)
        small = kern.inhabitants < 1000  # tiny kernen start fewer activities
        picks += matching[: 1 if small else 2] + rest[: 0 if small else rng.randint(1, 2)]
        if kern.ageing:  # ageing kernen add a second walking sport
            second = [t for t in walking if t not in picks]
            picks.append(second[rng.randrange(len(second))])
        return picks

    def activities(self, kern: Kern, orgs: dict[str, str]) -> list[dict]:
        """Create the activities; returns their plans for the participation step."""
        rng = self.rng(kern, "activities")
        plans: list[dict] = []
        for i, template in enumerate(EXISTING, start=1):
            plans.append(
                dict(
                    template=template,
                    id=f"{kern.kern_id}-act{i:02d}",
                    novelty="bestaand",
                    start=date(2009 + i, 9, 1),
                    end=None,
                    provider="club",
                )
            )
        for j, template in enumerate(self.pick_new_templates(kern), start=len(plans) + 1):
            start = add_months(PROJECT_START, rng.randint(0, 10))
            if template.months:
                end = month_end(add_months(start, template.months - 1))
            elif kern.continues:
                end = None
            else:
                end = PROJECT_END
            provider = {"leefstijl": "welzijn", "korte_cursus": "fysio", "workshop": "thuiszorg"}.get(
                template.kind, "club" if template.membership_form != "flexibel" else "fitness"
            )
            plans.append(
                dict(
                    template=template,
                    id=f"{kern.kern_id}-act{j:02d}",
                    novelty="nieuw" if rng.random() < 0.8 else "vernieuwd",
                    start=start,
                    end=end,
                    provider=provider,
                )
            )
        for year in (2017, 2018) if not kern.stalled else (2017,):
            plans.append(
                dict(
                    template=EVENT,
                    id=f"{kern.kern_id}-dag{year}",
                    novelty="nieuw",
                    start=date(year, 6, 1),
                    end=date(year, 6, 30),
                    provider="dorpsbelangen",
                )
            )
        for plan in plans:
            template: ActivityTemplate = plan["template"]
            name = f"{template.name} {plan['start'].year}" if template is EVENT else template.name
            self.out.add(
                "activity",
                activity_id=plan["id"],
                kern_id=kern.kern_id,
                name=name,
                provider_org_id=orgs[plan["provider"]],
                kind=template.kind,
                novelty=plan["novelty"],
                membership_form=template.membership_form,
                start_date=plan["start"],
                end_date=plan["end"],
                fee_eur=0.0 if template is EVENT else float(rng.choice([2, 2.5, 3, 4, 5, 7.5])),
                location=(
                    "Beweegtuin"
                    if template.walking and template.membership_form == "kortdurend"
                    else "Sportpark"
                    if template.kind == "sport"
                    else "Dorpshuis / wijkcentrum"
                ),
            )
            for theme in template.bravo:
                self.out.add("activity_theme", activity_id=plan["id"], bravo_theme=theme)
            for group in template.doelgroepen:
                self.out.add("activity_target_group", activity_id=plan["id"], doelgroep=group)
        return plans

    def activity_size(self, kern: Kern, template: ActivityTemplate, rng: random.Random) -> float:
        boost = WALKING_BOOST if template.walking and kern.ageing else 1.0
        return max(MIN_GROUP, kern.inhabitants / 1000 * template.rate * boost * rng.uniform(0.85, 1.15))

    def monthly_counts(self, kern: Kern, plan: dict, rng: random.Random) -> list[tuple[date, int]]:
        template: ActivityTemplate = plan["template"]
        size = self.activity_size(kern, template, rng)
        first = max(plan["start"].replace(day=1), MONTHS[0])
        counts = []
        for month in MONTHS:
            if month < first or (plan["end"] and month > plan["end"]):
                continue
            factor = 1.0
            if plan["novelty"] != "bestaand" and template.months is None:
                elapsed = (month.year - first.year) * 12 + month.month - first.month
                factor *= min(1.0, (elapsed + 1) / 4)
            if template is not EVENT and month.month in (7, 8):
                factor *= SUMMER_FACTOR
            if month.year == LAST_YEAR:
                factor *= CONTINUE_2019 if kern.continues else FALLBACK_EXISTING_2019
            counts.append((month, max(0, round(size * factor * rng.uniform(0.92, 1.08)))))
        return counts

    def participation(self, kern: Kern, plans: list[dict]) -> None:
        for plan in plans:
            rng = self.rng(kern, f"deelname/{plan['id']}")
            template: ActivityTemplate = plan["template"]
            previous = 0
            for month, participants in self.monthly_counts(kern, plan, rng):
                churn = 0 if template.months else round(previous * rng.uniform(0.03, 0.09))
                new = (
                    participants
                    if template.months == 1 or previous == 0
                    else max(0, participants - previous) + churn
                )
                new = min(new, participants)
                share = INACTIVE_SHARE[template.membership_form] * rng.uniform(0.8, 1.2)
                inactive = min(new, round(new * share))
                self.out.add(
                    "participation",
                    activity_id=plan["id"],
                    month=month,
                    participants=participants,
                    new_participants=new,
                    previously_inactive=inactive,
                )
                self.breakdown(kern, plan["id"], template, month, participants, rng)
                previous = participants

    def breakdown(
        self,
        kern: Kern,
        activity_id: str,
        template: ActivityTemplate,
        month: date,
        participants: int,
        rng: random.Random,
    ) -> None:
        ages = list(template.age_weights)
        if kern.ageing:
            ages[3] *= 1.3
            ages[4] *= 1.3
        age_counts = split_integer(participants, [w * rng.uniform(0.9, 1.1) for w in ages])
        male = min(participants, round(participants * template.male_share * rng.uniform(0.9, 1.1)))
        rows = [("leeftijd", band, n) for band, n in zip(vocab.AGE_BAND, age_counts, strict=True)]
        rows += [("geslacht", "man", male), ("geslacht", "vrouw", participants - male)]
        base = {"chronisch": 0.25, "overgewicht": 0.35, "psychisch": 0.08, "statushouders": 0.02}
        group_counts = {"senioren": age_counts[3] + age_counts[4]}
        for group, share in base.items():
            if group in template.doelgroepen:
                share += 0.3
            group_counts[group] = min(participants, round(participants * share * rng.uniform(0.8, 1.2)))
        rows += [("doelgroep", g, group_counts[g]) for g in vocab.DOELGROEP]
        for dimension, category, n in rows:
            self.out.add(
                "participation_breakdown",
                activity_id=activity_id,
                month=month,
                dimension=dimension,
                category=category,
                n=n,
            )

    def referrals(self, kern: Kern, plans: list[dict], orgs: dict[str, str]) -> None:
        """Referrals happen only once the care partners signed the referral network."""
        start = kern.network_start
        if start is None:
            return
        rng = self.rng(kern, "referrals")
        new_by_key = {
            (row["activity_id"], row["month"]): row["new_participants"]
            for row in self.out.rows["participation"]
            if row["activity_id"].startswith(f"{kern.kern_id}-")
        }
        sectors = {
            "huisarts": "huisarts",
            "poh": "huisarts",
            "fysiotherapeut": "fysio",
            "welzijn": "welzijn",
            "wijkteam": "welzijn",
            "thuiszorg": "thuiszorg",
        }
        eligible = [
            p
            for p in plans
            if p["template"].kind in {"bewegen", "leefstijl", "korte_cursus"} or p["template"].doelgroepen
        ]
        totals: dict[tuple, int] = defaultdict(int)
        for plan in eligible:
            groups = plan["template"].doelgroepen or ("chronisch",)
            for month in MONTHS:
                room = new_by_key.get((plan["id"], month), 0)
                if month < start or room == 0:
                    continue
                count = min(room, rng.choice([0, 1, 1, 2, 2, 3]))
                for _ in range(count):
                    sector = rng.choice(list(sectors))
                    totals[(month, sector, plan["id"], rng.choice(groups))] += 1
        for (month, sector, activity_id, group), n in sorted(totals.items()):
            self.out.add(
                "referral",
                kern_id=kern.kern_id,
                month=month,
                from_sector=sector,
                from_org_id=orgs[sectors[sector]],
                to_activity_id=activity_id,
                doelgroep=group,
                n=n,
            )

    def volunteers(self, kern: Kern) -> None:
        rng = self.rng(kern, "volunteers")
        base = max(4.0, kern.inhabitants / 120)
        previous = round(base)
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for quarter_month in (1, 4, 7, 10):
                if year == FIRST_YEAR:
                    level = base
                elif year in (2017, 2018):
                    step = (year - 2017) * 4 + quarter_month // 3
                    level = base * (1 + (0.04 if not kern.stalled else 0.0) * step)
                else:
                    level = base * (1.35 if kern.continues else 0.8)
                active = max(1, round(level * rng.uniform(0.93, 1.07)))
                new = min(active, max(0, active - previous) + round(active * rng.uniform(0.0, 0.06)))
                self.out.add(
                    "volunteer",
                    kern_id=kern.kern_id,
                    quarter=date(year, quarter_month, 1),
                    active=active,
                    new=new,
                )
                previous = active

    # ---- steering and evaluation
    WERKPLAN = (
        (2017, 1, "Projectgroep samenstellen", date(2016, 10, 1), date(2017, 1, 31)),
        (2017, 1, "Inventarisatie bestaand aanbod en accommodaties", date(2016, 11, 1), date(2017, 2, 28)),
        (2017, 1, "Sociale kaart opstellen", date(2016, 12, 1), date(2017, 2, 28)),
        (2017, 2, "Enquête wensen en behoeften uitzetten", date(2017, 2, 1), date(2017, 3, 31)),
        (2017, 2, "Resultaten enquête bespreken in projectgroep", date(2017, 4, 1), date(2017, 4, 30)),
        (2017, 2, "Samenwerkingsafspraken maken met partners", date(2017, 3, 1), date(2017, 5, 31)),
        (2017, 2, "Werkplan uitvoering vaststellen", date(2017, 5, 1), date(2017, 5, 31)),
        (2017, 3, "Nieuw aanbod starten (eerste ronde)", date(2017, 5, 1), date(2017, 9, 30)),
        (2017, 3, "Communicatie via dorpskrant en sociale media", date(2017, 6, 1), date(2017, 12, 31)),
        (2017, 3, "Doorverwijsafspraken met huisarts en POH", date(2017, 6, 1), date(2017, 10, 31)),
        (2017, 4, "Tussentijdse evaluatie", date(2017, 11, 1), date(2017, 12, 31)),
        (2018, 3, "Aanbod uitbreiden (tweede ronde)", date(2018, 1, 1), date(2018, 6, 30)),
        (2018, 3, "Vrijwilligers werven en trainen", date(2018, 2, 1), date(2018, 5, 31)),
        (2018, 3, "Beweegdag organiseren", date(2018, 5, 1), date(2018, 6, 30)),
        (2018, 4, "Borging: afspraken over voortzetting na 2018", date(2018, 6, 1), date(2018, 10, 31)),
        (2018, 4, "Goede praktijken delen op het kennisplein", date(2018, 10, 1), date(2018, 12, 31)),
        (2018, 4, "Eindevaluatie", date(2018, 11, 1), date(2018, 12, 31)),
    )

    def werkplan(self, kern: Kern) -> None:
        rng = self.rng(kern, "werkplan")
        for i, (year, phase, description, start, end) in enumerate(self.WERKPLAN, start=1):
            status = "gereed"
            if kern.stalled and (
                phase == 3 or description.startswith(("Samenwerking", "Werkplan", "Borging"))
            ):
                status = "bezig" if phase == 2 else "gepland"
            elif description.startswith("Doorverwijs") and kern.network_start is None:
                status = "vervallen"
            elif description.startswith("Borging") and not kern.continues:
                status = rng.choice(["bezig", "vervallen"])
            elif rng.random() < 0.05:
                status = "vervallen"
            completed = (
                end + timedelta(days=rng.choice([-10, 0, 5, 14, 30, 45])) if status == "gereed" else None
            )
            self.out.add(
                "werkplan_action",
                action_id=f"{kern.kern_id}-wp{year}-{i:02d}",
                kern_id=kern.kern_id,
                werkplan_year=year,
                phase=phase,
                description=description,
                planned_start=start,
                planned_end=end,
                status=status,
                completed_on=completed,
            )

    def targets(self, kern: Kern) -> None:
        rng = self.rng(kern, "targets")
        for year, share in ((2017, 0.02), (2018, 0.03)):
            values = {
                "nieuwe_deelnemers": round_to(kern.inhabitants * share * rng.uniform(0.9, 1.3), 5),
                "nieuwe_activiteiten": 2 if year == 2017 else 3,
                "vrijwilligers_actief": round(max(4, kern.inhabitants / 120) * 1.2),
            }
            if kern.network_start or rng.random() < 0.3:
                values["doorverwijzingen"] = 10 if year == 2017 else 25
            for code, value in values.items():
                self.out.add(
                    "target", kern_id=kern.kern_id, year=year, indicator_code=code, value=float(value)
                )

    FACTORS: ClassVar[dict[str, tuple]] = {
        "bestaande_vereniging": (
            "succes",
            "samenwerking",
            2,
            "Aansluiten bij de bestaande sportvereniging",
            "Kern met een actieve vereniging en een eigen accommodatie",
            "De vereniging neemt het nieuwe aanbod op in haar eigen structuur",
            "Het aanbod loopt door na afloop van de subsidie",
        ),
        "doorverwijzing": (
            "succes",
            "doelgroepbereik",
            3,
            "Huisarts en POH verwijzen actief door",
            "Doorverwijsnetwerk met de eerstelijnszorg ondertekend",
            "Een vertrouwde zorgverlener raadt bewegen persoonlijk aan",
            "Meer voorheen inactieve deelnemers in het beweegaanbod",
        ),
        "enquete": (
            "succes",
            "draagvlak",
            2,
            "Enquête met hoge respons gaf draagvlak",
            "Inwoners werden vooraf gevraagd wat zij willen",
            None,
            None,
        ),
        "persoonlijk": (
            "succes",
            "communicatie",
            3,
            "Persoonlijke uitnodiging via sleutelfiguren",
            "Kleine kern waar men elkaar kent",
            "Mensen komen mee met iemand die zij kennen",
            "Snelle groei van nieuwe groepen",
        ),
        "vrijwilligers": (
            "faal",
            "vrijwilligers",
            3,
            "Te weinig vrijwilligers; bestuur overbelast",
            "Kleine kern met een vergrijsd verenigingsbestuur",
            "Taken stapelen zich op bij enkele mensen",
            "Activiteiten stoppen na de subsidie",
        ),
        "financiering": (
            "faal",
            "financiering",
            4,
            "Geen structurele financiering na 2018",
            "Aanbod draaide op projectgeld",
            None,
            "Aanbod stopt of wordt duurder",
        ),
        "projectleider": (
            "faal",
            "projectleiding",
            2,
            "Wisseling van projectleider halverwege",
            "Projectleider met 0,1 fte vertrekt in fase 2",
            "Kennis en contacten gaan verloren",
            "Werkplan loopt maanden vertraging op",
        ),
        "zorgpartners": (
            "faal",
            "samenwerking",
            2,
            "Zorgpartners moeilijk te bereiken",
            "Geen huisarts in de kern zelf",
            None,
            "Geen doorverwijzingen",
        ),
        "accommodatie": ("faal", "accommodatie", 3, "Gymzaal alleen overdag beschikbaar", None, None, None),
    }

    def factor_keys(self, kern: Kern, moment: str) -> list[str]:
        if kern.stalled:
            return ["projectleider", "zorgpartners"] + (["vrijwilligers"] if moment == "eind_2018" else [])
        keys = ["enquete", "persoonlijk"] if moment == "tussentijds_2017" else []
        keys.append("doorverwijzing" if kern.network_start else "zorgpartners")
        if moment == "eind_2018":
            keys += ["bestaande_vereniging"] if kern.continues else ["vrijwilligers", "financiering"]
        if self.rng(kern, f"factor/{moment}").random() < 0.3:
            keys.append("accommodatie")
        return keys

    def evaluation(self, kern: Kern) -> None:
        for moment, held_on in (("tussentijds_2017", date(2017, 11, 28)), ("eind_2018", date(2018, 11, 27))):
            final = moment == "eind_2018"
            if kern.continues:
                structure = "bestaand_uitgebreid"
            elif kern.stalled:
                structure = "geen"
            else:
                structure = "nieuw" if final else "geen"
            self.out.add(
                "evaluation",
                kern_id=kern.kern_id,
                moment=moment,
                held_on=held_on,
                structure=structure,
                continues_after_subsidy=kern.continues if final else None,
                summary=(
                    "Sociaal Vitaal gaat door binnen de bestaande vereniging."
                    if final and kern.continues
                    else "Voortzetting na 2018 is onzeker."
                    if final
                    else "Tussenstand besproken in de projectgroep."
                ),
            )
            scores = {
                1: 2 if kern.stalled else 4,
                2: 1 if kern.stalled else (4 if kern.network_start else 2) - (0 if final else 1),
                3: 1 if kern.stalled else ((4 if kern.continues else 2) if final else 2),
            }
            for subgoal, score in scores.items():
                self.out.add(
                    "evaluation_subgoal",
                    kern_id=kern.kern_id,
                    moment=moment,
                    subgoal=subgoal,
                    score=max(1, score),
                    explanation=None,
                )
            for k, key in enumerate(self.factor_keys(kern, moment), start=1):
                kind, category, phase, description, context, mechanism, outcome = self.FACTORS[key]
                self.out.add(
                    "evaluation_factor",
                    factor_id=f"{kern.kern_id}-{moment}-{k}",
                    kern_id=kern.kern_id,
                    moment=moment,
                    kind=kind,
                    category=category,
                    phase=phase,
                    description=description,
                    context=context,
                    mechanism=mechanism,
                    outcome=outcome,
                )

    def kennisplein(self, kern: Kern) -> None:
        items = []
        if kern.network_start:
            items.append(
                (
                    "goede_praktijk",
                    f"Doorverwijzen vanuit de huisartsenpraktijk in {kern.name}",
                    "Huisarts, POH en fysiotherapeut verwijzen inwoners met een chronische aandoening "
                    "naar het beweegaanbod in de kern; de projectleider belt na de eerste les.",
                    "bewegen",
                    3,
                    ("chronisch", "overgewicht"),
                )
            )
        if kern.continues:
            items.append(
                (
                    "goede_praktijk",
                    f"{kern.name}: nieuw aanbod onder de vleugels van de vereniging",
                    "Het nieuwe beweegaanbod is ondergebracht bij de sportvereniging, die het na 2018 "
                    "zelf voortzet met een flexibel lidmaatschap.",
                    "samenwerking",
                    4,
                    ("senioren",),
                )
            )
        else:
            items.append(
                (
                    "les",
                    f"Lessen uit {kern.name}: borg op tijd",
                    "Zonder vaste organisatie en genoeg vrijwilligers stopt het aanbod na de subsidie. "
                    "Begin in fase 2 al met afspraken over voortzetting.",
                    "vrijwilligers",
                    4,
                    (),
                )
            )
        for i, (kind, title, body, theme, phase, groups) in enumerate(items, start=1):
            item_id = f"{kern.kern_id}-k{i}"
            self.out.add(
                "kennisplein_item",
                item_id=item_id,
                kern_id=kern.kern_id,
                kind=kind,
                title=title,
                body=body,
                theme=theme,
                phase=phase,
                published_on=date(2018, 12, 10 + i),
            )
            for group in groups:
                self.out.add("kennisplein_target_group", item_id=item_id, doelgroep=group)

    def geometry(self, kern: Kern) -> None:
        """A rough fictional contour (polygon) around the kern, sized by inhabitants."""
        radius_km = 0.25 + math.sqrt(kern.inhabitants) / 90
        ring = []
        for k in range(17):
            angle = 2 * math.pi * (k % 16) / 16
            dlat = radius_km / 111.2 * math.sin(angle)
            dlon = radius_km / (111.2 * math.cos(math.radians(kern.lat))) * math.cos(angle)
            ring.append(f"[{kern.lon + dlon:.5f}, {kern.lat + dlat:.5f}]")
        self.out.add(
            "geometry",
            region_code=kern.kern_id,
            region_level="kern",
            year=2017,
            name=kern.name,
            geojson='{"type": "Polygon", "coordinates": [[' + ", ".join(ring) + "]]}",
            source=DEMO_SOURCE,
        )

    # ---- fictional public context
    def statistics(self) -> None:
        add = self.out.add

        def stat(
            code: str, level: str, year: int, age: str, indicator: str, value: float | None, unit: str
        ) -> None:
            add(
                "statistic",
                region_code=code,
                region_level=level,
                year=year,
                age_group=age,
                indicator=indicator,
                value=value,
                unit=unit,
                source=DEMO_SOURCE,
            )

        by_wijk: dict[str, list[Kern]] = defaultdict(list)
        for kern in self.kernen:
            by_wijk[kern.wijk_code].append(kern)
        for wijk, kernen in sorted(by_wijk.items()):
            rng = self.rng(wijk, "kwb")
            ageing = any(k.ageing for k in kernen)
            city = all(k.kern_type == "wijk" for k in kernen)
            size = sum(k.inhabitants for k in kernen) * rng.uniform(1.05, 1.3)
            growth = -0.012 if ageing else 0.015 if city else 0.002
            old = rng.uniform(0.26, 0.31) if ageing else rng.uniform(0.14, 0.21)
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                total = round_to(size * (1 + growth) ** (year - 2017), 5)
                young = 1 - old - (year - 2017) * 0.004 * ageing
                shares = [young * 0.2, young * 0.13, young * 0.3, young * 0.37, 1 - young]
                stat(wijk, "wijk", year, "totaal", "inwoners", total, "aantal")
                for age, n in zip(
                    ("0-14", "15-24", "25-44", "45-64", "65+"), split_integer(total, shares), strict=True
                ):
                    stat(wijk, "wijk", year, age, "inwoners", n, "aantal")
                stat(wijk, "wijk", year, "totaal", "huishoudens", round_to(total / 2.35, 5), "aantal")
            self.health(stat, wijk, "wijk", rng, ageing, city)
        gemeenten = sorted({(k.gemeente_code, k.gemeente_name) for k in self.kernen})
        for code, _name in gemeenten:
            rng = self.rng(code, "kwb")
            size = rng.uniform(18_000, 120_000)
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                total = round_to(size * 1.003 ** (year - 2017), 5)
                stat(code, "gemeente", year, "totaal", "inwoners", total, "aantal")
                stat(code, "gemeente", year, "65+", "inwoners", round_to(total * 0.2, 5), "aantal")
            self.health(stat, code, "gemeente", rng, False, False)
        self.health(stat, registry.OVERIJSSEL_CODE, "provincie", self.rng("PV23", "kwb"), False, False)
        self.health(stat, "NL01", "land", self.rng("NL01", "kwb"), False, False)
        for kern in self.kernen:  # refugees/status holders: a number the gemeente provides
            rng = self.rng(kern, "statushouders")
            if kern.kern_type == "wijk" or rng.random() < 0.4:
                for year in (2017, 2018):
                    stat(
                        kern.kern_id,
                        "kern",
                        year,
                        "totaal",
                        "statushouders",
                        float(rng.randint(4, 40) if kern.kern_type == "wijk" else rng.randint(0, 12)),
                        "aantal",
                    )

    HEALTH: ClassVar[
        dict[str, tuple[float, float, float]]
    ] = {  # indicator: (18+, 18-64, 65+) baseline percentages
        "wekelijks_sporter_pct": (50.0, 54.0, 38.0),
        "beweegrichtlijn_pct": (47.0, 48.0, 42.0),
        "overgewicht_pct": (50.0, 46.0, 60.0),
        "ernstig_overgewicht_pct": (14.0, 13.0, 16.0),
        "chronisch_pct": (50.0, 42.0, 76.0),
        "angst_depressie_risico_pct": (41.0, 43.0, 35.0),
        "eenzaam_pct": (43.0, 41.0, 48.0),
        "roker_pct": (19.0, 22.0, 11.0),
        "zware_drinker_pct": (9.0, 9.5, 7.0),
        "vrijwilligerswerk_pct": (30.0, 28.0, 35.0),
        "mantelzorger_pct": (15.0, 15.0, 15.0),
        "moeite_rondkomen_pct": (16.0, 18.0, 10.0),
    }

    def health(self, stat, code: str, level: str, rng: random.Random, ageing: bool, city: bool) -> None:
        """Fictional RIVM-like 2016 small-area estimates (percent of the age group)."""
        for indicator, values in self.HEALTH.items():
            shift = 0.0
            if indicator == "wekelijks_sporter_pct":
                shift = -4.0 if ageing else 0.0
            elif indicator in ("moeite_rondkomen_pct", "angst_depressie_risico_pct") and city:
                shift = 7.0
            elif indicator == "eenzaam_pct" and ageing:
                shift = 3.0
            noise = rng.uniform(-3, 3) if level in ("wijk", "gemeente") else 0.0
            for age, value in zip(("18+", "18-64", "65+"), values, strict=True):
                stat(code, level, 2016, age, indicator, round(value + shift + noise, 1), "%")


# --------------------------------------------------------------------------- entry points
def demo_dataset_id(seed: int) -> str:
    return f"demo-seed-{seed}"


#: With real context data, the only fictional figure kept is the one no public source has.
KEPT_WITH_REAL_CONTEXT = ("statushouders",)


def generate(
    seed: int = DEFAULT_SEED, kernen: pd.DataFrame | None = None, *, real_context: bool = False
) -> dict[str, pd.DataFrame]:
    """All demo rows as DataFrames by table name (no database needed).

    With ``real_context`` the fictional public statistics and contours are left out, because
    real CBS/RIVM/PDOK files supply them (the status-holder counts stay: no public source).
    """
    frame = registry.load_kernen() if kernen is None else kernen
    frames = DemoGenerator(kernen_from_registry(frame), seed).build().to_frames(demo_dataset_id(seed))
    if real_context:
        statistic = frames["statistic"]
        frames["statistic"] = statistic[statistic["indicator"].isin(KEPT_WITH_REAL_CONTEXT)]
        frames.pop("geometry")
    return frames


@dataclass
class DemoBuild:
    """What a demo build wrote: rows per table, and the real files imported beside it."""

    rows: dict[str, int]
    reference: list = field(default_factory=list)  # ImportSummary per real file
    skipped: list[str] = field(default_factory=list)


def write_registry(conn: duckdb.DuckDBPyConnection, kernen: pd.DataFrame) -> dict[str, int]:
    """Load the kern registry as its own (non-demo) dataset; call inside a transaction."""
    digest = hashlib.sha256(kernen.to_csv(index=False).encode()).hexdigest()
    conn.execute(
        "INSERT INTO dataset VALUES (?, 'registry', ?, 2017, 'data/kernen.csv', ?, ?, false, ?)",
        [
            registry.REGISTRY_DATASET_ID,
            "sv-analytics kernregister (illustratieve selectie)",
            digest,
            datetime.now(),
            "Illustratieve selectie van 22 kernen, niet de echte programmalijst",
        ],
    )
    return db.insert_frames(conn, registry.registry_frames(kernen))


def build_demo(
    conn: duckdb.DuckDBPyConnection, seed: int = DEFAULT_SEED, *, real_context: bool = False
) -> dict[str, int]:
    """Write registry and demo data into an empty database, all in one transaction."""
    kernen = registry.load_kernen()
    frames = generate(seed, kernen, real_context=real_context)
    dataset_id = demo_dataset_id(seed)
    digest = hashlib.sha256(f"sv-demo v{GENERATOR_VERSION} seed {seed}".encode()).hexdigest()
    with db.transaction(conn):
        written = write_registry(conn, kernen)
        conn.execute(
            "INSERT INTO dataset VALUES (?, 'demo', ?, NULL, NULL, ?, ?, true, ?)",
            [
                dataset_id,
                DEMO_SOURCE,
                digest,
                datetime.now(),
                f"Fictieve demogegevens, generator v{GENERATOR_VERSION}, seed {seed}"
                + (" (contextcijfers uit echte bestanden)" if real_context else ""),
            ],
        )
        written |= db.insert_frames(conn, frames)
        db.log_import(
            conn,
            action="demo",
            status="ok",
            dataset_id=dataset_id,
            rows=written,
            message=f"Demodatabase gebouwd (seed {seed})",
        )
        db.bump_data_version(conn)
    return written


def create_demo_database(
    path: Path | str, seed: int = DEFAULT_SEED, *, replace: bool = False, reference: Path | None = None
) -> DemoBuild:
    """Build a complete demo database file at ``path``.

    With ``reference`` (a folder of real CBS/RIVM/PDOK files) the context figures and shapes
    come from those files; the monitoring data stays fictional and flagged as demo. The file
    is built beside the target and renamed into place only when complete, so a crash (or a
    second process) never leaves a half-built database at ``path``.
    """
    if reference is not None and not Path(reference).is_dir():
        raise DatabaseError(f"Map met referentiebestanden '{reference}' bestaat niet.")
    target = Path(path)
    if target.exists() and not replace:
        raise DatabaseError(
            f"Database '{target}' bestaat al. Kies een ander bestand of gebruik --force om te vervangen."
        )
    if not target.parent.is_dir():
        raise DatabaseError(f"Map '{target.parent}' bestaat niet; maak die eerst aan.")
    db.ensure_not_in_use(target)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".bouw", dir=target.parent)
    os.close(fd)
    temp = Path(temp_name)
    temp.unlink()  # DuckDB wants to create the file itself
    try:
        conn = db.connect(temp)
        try:
            result = DemoBuild(build_demo(conn, seed, real_context=reference is not None))
            if reference is not None:
                batch = import_reference_dir(conn, reference)
                result.reference, result.skipped = list(batch), batch.skipped
            conn.execute("CHECKPOINT")
        finally:
            conn.close()
        os.replace(temp, target)
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return result
