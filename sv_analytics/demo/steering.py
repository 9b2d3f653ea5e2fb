"""Steering and evaluation: the werkplan, targets, evaluation moments with their sub-goal
scores and factors, and kennisplein items (pattern 2's stall and pattern 5's continuity show
here too). The factors and kennisplein texts are data: data/demo_factoren.csv and
data/demo_kennisplein.csv."""

from __future__ import annotations

import random
from collections import namedtuple
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import ClassVar

from sv_analytics import vocab
from sv_analytics.demo.common import GeneratorBase, Kern, round_to
from sv_analytics.demo.datafiles import coded, data_file, read_keyed
from sv_analytics.timeline import PROJECT

#: A werkplan action as planned, by the columns of table werkplan_action.
Step = namedtuple("Step", "werkplan_year phase description planned_start planned_end")


@dataclass(frozen=True)
class Factor:
    """A success or failure factor an evaluation can name (the columns of evaluation_factor)."""

    kind: str = coded(vocab.FACTOR_KIND)
    category: str = coded(vocab.FACTOR_CATEGORY)
    phase: int = coded(vocab.PHASE)
    description: str
    context: str | None
    mechanism: str | None
    outcome: str | None


@dataclass(frozen=True)
class KnowledgeItem:
    """A kennisplein item a kern can publish; ``{kern}`` in the title stands for its name."""

    kind: str = coded(vocab.KENNIS_KIND)
    title: str
    body: str
    theme: str = coded({**vocab.BRAVO_THEME, **vocab.FACTOR_CATEGORY})
    phase: int = coded(vocab.PHASE)
    doelgroepen: tuple[str, ...] = coded(vocab.DOELGROEP)


class SteeringRows(GeneratorBase):
    """Rows of werkplan_action, target, evaluation(_subgoal, _factor), kennisplein_item(_target_group)."""

    WERKPLAN = (
        Step(2017, 1, "Projectgroep samenstellen", date(2016, 10, 1), date(2017, 1, 31)),
        Step(
            2017, 1, "Inventarisatie bestaand aanbod en accommodaties", date(2016, 11, 1), date(2017, 2, 28)
        ),
        Step(2017, 1, "Sociale kaart opstellen", date(2016, 12, 1), date(2017, 2, 28)),
        Step(2017, 2, "Enquête wensen en behoeften uitzetten", date(2017, 2, 1), date(2017, 3, 31)),
        Step(2017, 2, "Resultaten enquête bespreken in projectgroep", date(2017, 4, 1), date(2017, 4, 30)),
        Step(2017, 2, "Samenwerkingsafspraken maken met partners", date(2017, 3, 1), date(2017, 5, 31)),
        Step(2017, 2, "Werkplan uitvoering vaststellen", date(2017, 5, 1), date(2017, 5, 31)),
        Step(2017, 3, "Nieuw aanbod starten (eerste ronde)", date(2017, 5, 1), date(2017, 9, 30)),
        Step(2017, 3, "Communicatie via dorpskrant en sociale media", date(2017, 6, 1), date(2017, 12, 31)),
        Step(2017, 3, "Doorverwijsafspraken met huisarts en POH", date(2017, 6, 1), date(2017, 10, 31)),
        Step(2017, 4, "Tussentijdse evaluatie", date(2017, 11, 1), date(2017, 12, 31)),
        Step(2018, 3, "Aanbod uitbreiden (tweede ronde)", date(2018, 1, 1), date(2018, 6, 30)),
        Step(2018, 3, "Vrijwilligers werven en trainen", date(2018, 2, 1), date(2018, 5, 31)),
        Step(2018, 3, "Beweegdag organiseren", date(2018, 5, 1), date(2018, 6, 30)),
        Step(2018, 4, "Borging: afspraken over voortzetting na 2018", date(2018, 6, 1), date(2018, 10, 31)),
        Step(2018, 4, "Goede praktijken delen op het kennisplein", date(2018, 10, 1), date(2018, 12, 31)),
        Step(2018, 4, "Eindevaluatie", date(2018, 11, 1), date(2018, 12, 31)),
    )
    FACTORS: ClassVar[dict[str, Factor]] = read_keyed(data_file("demo_factoren.csv"), Factor)
    KENNISPLEIN: ClassVar[dict[str, KnowledgeItem]] = read_keyed(
        data_file("demo_kennisplein.csv"), KnowledgeItem
    )
    #: The evaluation moments and the day each was held.
    MOMENTS = (("tussentijds_2017", date(2017, 11, 28)), ("eind_2018", date(2018, 11, 27)))

    def werkplan(self, kern: Kern) -> None:
        rng = self.rng(kern, "werkplan")
        for i, step in enumerate(self.WERKPLAN, start=1):
            status = self.werkplan_status(kern, step, rng)
            completed = (
                step.planned_end + timedelta(days=rng.choice([-10, 0, 5, 14, 30, 45]))
                if status == "gereed"
                else None
            )
            self.add_kern_row(
                "werkplan_action",
                kern,
                "action_id",
                f"wp{step.werkplan_year}-{i:02d}",
                **step._asdict(),
                status=status,
                completed_on=completed,
            )

    @staticmethod
    def werkplan_status(kern: Kern, step: Step, rng: random.Random) -> str:
        """Done, unless the kern stalled (pattern 2), has no referral network or does not go on."""
        if kern.stalled and (
            step.phase == 3 or step.description.startswith(("Samenwerking", "Werkplan", "Borging"))
        ):
            return "bezig" if step.phase == 2 else "gepland"
        if step.description.startswith("Doorverwijs") and kern.network_start is None:
            return "vervallen"
        if step.description.startswith("Borging") and not kern.continues:
            return rng.choice(["bezig", "vervallen"])
        return "vervallen" if rng.random() < 0.05 else "gereed"

    def targets(self, kern: Kern) -> None:
        rng = self.rng(kern, "targets")
        for year, share in zip(PROJECT.years, (0.02, 0.03), strict=True):
            values = {
                "nieuwe_deelnemers": round_to(kern.inhabitants * share * rng.uniform(0.9, 1.3), 5),
                "nieuwe_activiteiten": 2 if year == PROJECT.start.year else 3,
                "vrijwilligers_actief": round(max(4, kern.inhabitants / 120) * 1.2),
            }
            if kern.network_start or rng.random() < 0.3:
                values["doorverwijzingen"] = 10 if year == PROJECT.start.year else 25
            for code, value in values.items():
                self.out.add(
                    "target", kern_id=kern.kern_id, year=year, indicator_code=code, value=float(value)
                )

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
        for moment, held_on in self.MOMENTS:
            final = moment == "eind_2018"
            self.out.add(
                "evaluation",
                kern_id=kern.kern_id,
                moment=moment,
                held_on=held_on,
                structure=self.structure(kern, final),
                continues_after_subsidy=kern.continues if final else None,
                summary=self.summary(kern, final),
            )
            for subgoal, score in self.subgoal_scores(kern, final).items():
                self.out.add(
                    "evaluation_subgoal",
                    kern_id=kern.kern_id,
                    moment=moment,
                    subgoal=subgoal,
                    score=max(1, score),
                    explanation=None,
                )
            for k, key in enumerate(self.factor_keys(kern, moment), start=1):
                self.add_kern_row(
                    "evaluation_factor",
                    kern,
                    "factor_id",
                    f"{moment}-{k}",
                    moment=moment,
                    **asdict(self.FACTORS[key]),
                )

    @staticmethod
    def structure(kern: Kern, final: bool) -> str:
        if kern.continues:
            return "bestaand_uitgebreid"
        return "nieuw" if final and not kern.stalled else "geen"

    @staticmethod
    def summary(kern: Kern, final: bool) -> str:
        if not final:
            return "Tussenstand besproken in de projectgroep."
        if kern.continues:
            return "Sociaal Vitaal gaat door binnen de bestaande vereniging."
        return "Voortzetting na 2018 is onzeker."

    @staticmethod
    def subgoal_scores(kern: Kern, final: bool) -> dict[int, int]:
        """Scores per sub-goal: low where the kern stalled (pattern 2), high where it goes on (5)."""
        return {
            1: 2 if kern.stalled else 4,
            2: 1 if kern.stalled else (4 if kern.network_start else 2) - (0 if final else 1),
            3: 1 if kern.stalled else ((4 if kern.continues else 2) if final else 2),
        }

    @staticmethod
    def kennisplein_keys(kern: Kern) -> list[str]:
        """A good practice of the referral network and of going on, or the lesson of not going on."""
        return (["doorverwijzen"] if kern.network_start else []) + (
            ["vereniging"] if kern.continues else ["borging"]
        )

    def kennisplein(self, kern: Kern) -> None:
        for i, key in enumerate(self.kennisplein_keys(kern), start=1):
            item = self.KENNISPLEIN[key]
            item_id = self.add_kern_row(
                "kennisplein_item",
                kern,
                "item_id",
                f"k{i}",
                kind=item.kind,
                title=item.title.format(kern=kern.name),
                body=item.body,
                theme=item.theme,
                phase=item.phase,
                published_on=date(2018, 12, 10 + i),
            )
            for group in item.doelgroepen:
                self.out.add("kennisplein_target_group", item_id=item_id, doelgroep=group)
