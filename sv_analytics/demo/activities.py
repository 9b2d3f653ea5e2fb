"""Phase 3, Uitvoering: activities, monthly participation and its breakdown, referrals and
volunteers, with patterns 1 and 3 to 7 and 9 planted (knobs in ``patterns``)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

from sv_analytics import vocab
from sv_analytics.demo import patterns
from sv_analytics.demo.common import GeneratorBase, Kern, split_integer
from sv_analytics.demo.templates import EVENT, EXISTING, NEW, ActivityTemplate
from sv_analytics.timeline import BASELINE, FOLLOW_UP, MONITORING, PROJECT, month_end, months_between


class ActivityRows(GeneratorBase):
    """Rows of activity(_theme, _target_group), participation(_breakdown), referral, volunteer."""

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
            # a start 0–10 months after the first new activities; a course ends with its last month
            start = months_between(patterns.NEW_ACTIVITIES_FROM, PROJECT.end)[rng.randint(0, 10)]
            if template.months:
                end = month_end(months_between(start, MONITORING.end)[template.months - 1])
            elif kern.continues:
                end = None
            else:
                end = PROJECT.last_day  # the subsidy ends
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
        for year in PROJECT.years if not kern.stalled else PROJECT.years[:1]:
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
                location=template.location,
                intervention_name=template.intervention,
                recognition_level=template.recognition_level,
            )
            for theme in template.bravo:
                self.out.add("activity_theme", activity_id=plan["id"], bravo_theme=theme)
            for group in template.doelgroepen:
                self.out.add("activity_target_group", activity_id=plan["id"], doelgroep=group)
        return plans

    def activity_size(self, kern: Kern, template: ActivityTemplate, rng: random.Random) -> float:
        boost = patterns.WALKING_BOOST if template.walking and kern.ageing else 1.0
        return max(
            patterns.MIN_GROUP, kern.inhabitants / 1000 * template.rate * boost * rng.uniform(0.85, 1.15)
        )

    def monthly_counts(self, kern: Kern, plan: dict, rng: random.Random) -> list[tuple[date, int]]:
        template: ActivityTemplate = plan["template"]
        size = self.activity_size(kern, template, rng)
        first = max(plan["start"].replace(day=1), MONITORING.start)
        counts = []
        for month in MONITORING.months:
            if month < first or (plan["end"] and month > plan["end"]):
                continue
            factor = 1.0
            if plan["novelty"] != "bestaand" and template.months is None:
                elapsed = (month.year - first.year) * 12 + month.month - first.month
                factor *= min(1.0, (elapsed + 1) / 4)
            if template is not EVENT and month.month in (7, 8):
                factor *= patterns.SUMMER_FACTOR
            if month in FOLLOW_UP:
                factor *= patterns.CONTINUE_2019 if kern.continues else patterns.FALLBACK_EXISTING_2019
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
                share = patterns.INACTIVE_SHARE[template.membership_form] * rng.uniform(0.8, 1.2)
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
            for month in MONITORING.months:
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
        for year in MONITORING.years:
            for quarter_month in (1, 4, 7, 10):
                if year in BASELINE.years:
                    level = base
                elif year in PROJECT.years:
                    step = (year - PROJECT.start.year) * 4 + quarter_month // 3
                    level = base * (1 + (patterns.VOLUNTEER_GROWTH if not kern.stalled else 0.0) * step)
                else:
                    level = base * (
                        patterns.VOLUNTEERS_2019_CONTINUING
                        if kern.continues
                        else patterns.VOLUNTEERS_2019_OTHERS
                    )
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
