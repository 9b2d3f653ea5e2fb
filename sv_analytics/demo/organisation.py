"""Phases 1 and 2, Organisatie: the kern's target groups, facilities, sociale kaart,
agreements and survey.

Pattern 8 is the shape of the sociale kaart itself: villages have a parish and a
shopkeepers' association, city wijken a wijkraad and a cultural group instead.
"""

from __future__ import annotations

from datetime import date

from sv_analytics.demo.common import GeneratorBase, Kern, round_to, split_integer
from sv_analytics.timeline import PROJECT


class OrganisationRows(GeneratorBase):
    """Rows of kern_target_group, facility, organisation(_role), agreement(_party), survey(_result)."""

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
            self.add_kern_row(
                "facility",
                kern,
                "facility_id",
                f"f{i}",
                facility_type=kind,
                name=names[kind],
                **self.near(kern, rng, 0.004, 0.006),
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
            in_project_group = in_group or (key == "huisarts" and kern.network_start is not None)
            ids[key] = self.add_kern_row(
                "organisation",
                kern,
                "org_id",
                f"o{i:02d}",
                name=name,
                sector=sector,
                in_project_group=in_project_group,
                **self.near(kern, rng, 0.006, 0.008),
            )
            for role in (*roles, "projectgroep") if in_project_group else roles:
                self.out.add("organisation_role", org_id=ids[key], role=role)
        return ids

    def agreements(self, kern: Kern, orgs: dict[str, str]) -> None:
        rng = self.rng(kern, "agreements")
        group_start = PROJECT.start.replace(day=rng.randint(10, 31))  # the project's first month
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
            ended = kind != "werkgroep" and not kern.continues and not kern.network_start  # with the subsidy
            agreement_id = self.add_kern_row(
                "agreement",
                kern,
                "agreement_id",
                f"a{i}",
                kind=kind,
                description=description,
                start_date=start,
                end_date=PROJECT.last_day if ended else None,
                status="beeindigd" if ended else "actief",
            )
            for party in parties:
                self.out.add("agreement_party", agreement_id=agreement_id, org_id=orgs[party])

    def survey(self, kern: Kern) -> None:
        rng = self.rng(kern, "survey")
        invited = round_to(kern.inhabitants * 0.45, 5)
        respondents = int(invited * rng.uniform(0.12, 0.35))
        held_on = date(2017, rng.randint(2, 4), rng.randint(1, 28))
        survey_id = self.add_kern_row(
            "survey", kern, "survey_id", "s1", held_on=held_on, invited=invited, respondents=respondents
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
