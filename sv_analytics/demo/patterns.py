"""The planted patterns' knobs: which kernen play which role, and by how much.

Why one module: data/README.md documents ten patterns the dashboard must reveal and
tests/test_demo_patterns.py checks them in the generated data; a reader who wants to know
(or change) what is planted finds every role and every number here, by pattern number.
The rest of the package only applies them. Programme dates come from ``timeline``.
"""

from __future__ import annotations

from datetime import date

# --------------------------------------------------------------------------- roles of kernen
#: Pattern 1 (and 10): kernen whose 65+ share is high; walking sports reach more people there.
AGEING = frozenset(
    {"zenderen", "hertme", "daarle", "diepenheim", "wesepe", "boskamp", "luttenberg", "markelo", "lutten"}
)
#: Pattern 2: the kern that stalls in phase 2 Organisatie.
STALLED = "boskamp"
#: Pattern 3: start of the referral network with care partners (referrals only after it).
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
#: Pattern 5 (and 9): kernen that keep their activities after the subsidy ends.
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

# --------------------------------------------------------------------------- participation
#: Pattern 6: new activities start from this month on (2016 stays a true baseline). A demo
#: choice, not a programme date: phase 3 Uitvoering begins while phase 2 closes
#: (``timeline.PHASE2_DUE``, end of May 2017), as in the demo werkplan.
NEW_ACTIVITIES_FROM = date(2017, 5, 1)
#: An activity needs a handful of people to exist at all (see the README's note on size).
MIN_GROUP = 5.0
#: Pattern 1: reach of walking sports in ageing kernen, relative to others.
WALKING_BOOST = 2.2
#: Pattern 4: participation in July and August relative to the other months (events excepted).
SUMMER_FACTOR = 0.55
#: Pattern 5: 2019 participation relative to 2018, in continuing kernen and in the others.
CONTINUE_2019 = 0.97
FALLBACK_EXISTING_2019 = 0.7
#: Pattern 7: share of new participants who were previously inactive, by membership form.
INACTIVE_SHARE = {"regulier": 0.15, "omni": 0.25, "flexibel": 0.5, "kortdurend": 0.55}

# --------------------------------------------------------------------------- volunteers
#: Pattern 9: active volunteers grow by this share of the 2016 level per quarter of the
#: project (not in the stalled kern) ...
VOLUNTEER_GROWTH = 0.04
#: ... and in 2019 stand at these multiples of the 2016 level.
VOLUNTEERS_2019_CONTINUING = 1.35
VOLUNTEERS_2019_OTHERS = 0.8

# --------------------------------------------------------------------------- public context
#: Pattern 1 and 10: the fictional 65+ share of an ageing kern's wijk, and of the others.
SHARE_65_AGEING = (0.26, 0.31)
SHARE_65_OTHERS = (0.14, 0.21)
#: Pattern 10: yearly population change of ageing wijken, city wijken and the others.
GROWTH_AGEING = -0.012
GROWTH_CITY = 0.015
GROWTH_OTHERS = 0.002
#: The 65+ share of ageing wijken rises by this much per year.
AGEING_DRIFT = 0.004

# Pattern 8 (church and shops take part only in villages) is the shape of the sociale kaart
# itself: see ``organisation.OrganisationRows.organisations``.
