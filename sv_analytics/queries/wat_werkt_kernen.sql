-- Per kern the registry facts and approach of the analysis "Wat werkt waar" (sv_analytics/wat_werkt.py).
-- No parameters. Definitions: sv_analytics/indicators/wat_werkt.py (codes context_*, aanpak_*).
-- Activities: evenementen are left out (one activity per edition would swamp the shares).
-- has_*: whether the kern has any monitoring rows of a kind at all; without them its approach
-- is unknown (NULL in the analysis), not "nee" (a kern without agreements has no known network).
WITH acts AS (
    SELECT kern_id,
           count(*)                                                          AS activities,
           count(*) FILTER (WHERE kind = 'bewegen')                          AS bewegen_activities,
           count(*) FILTER (WHERE membership_form IN ('flexibel', 'kortdurend')) AS low_threshold_activities
    FROM activity
    WHERE kind <> 'evenement'
    GROUP BY kern_id
),
themes AS (
    SELECT a.kern_id, count(DISTINCT t.bravo_theme) FILTER (WHERE t.bravo_theme <> 'bewegen') AS bravo_other_themes
    FROM activity AS a
    JOIN activity_theme AS t USING (activity_id)
    WHERE a.kind <> 'evenement'
    GROUP BY a.kern_id
),
network AS (
    SELECT DISTINCT a.kern_id
    FROM agreement AS a
    JOIN agreement_party AS ap USING (agreement_id)
    JOIN organisation AS o USING (org_id)
    WHERE a.kind = 'doorverwijsnetwerk' AND o.sector IN ('zorg', 'gezondheidszorg')
),
partners AS (
    SELECT kern_id, count(DISTINCT sector) AS partner_sectors
    FROM (
        SELECT o.kern_id, o.sector FROM organisation AS o
        WHERE EXISTS (SELECT 1 FROM organisation_role AS r WHERE r.org_id = o.org_id)
           OR EXISTS (SELECT 1 FROM agreement_party AS ap WHERE ap.org_id = o.org_id)
    )
    GROUP BY kern_id
),
groups AS (
    SELECT kern_id, string_agg(doelgroep, ', ' ORDER BY doelgroep) AS target_groups, count(*) AS n_target_groups
    FROM kern_target_group
    GROUP BY kern_id
),
halls AS (
    SELECT DISTINCT kern_id FROM facility WHERE facility_type = 'sporthal'
),
recorded AS (
    SELECT k.kern_id,
           EXISTS (SELECT 1 FROM activity AS x WHERE x.kern_id = k.kern_id)      AS has_activities,
           EXISTS (SELECT 1 FROM agreement AS x WHERE x.kern_id = k.kern_id)     AS has_agreements,
           EXISTS (SELECT 1 FROM organisation AS x WHERE x.kern_id = k.kern_id)  AS has_organisations,
           EXISTS (SELECT 1 FROM facility AS x WHERE x.kern_id = k.kern_id)      AS has_facilities,
           EXISTS (SELECT 1 FROM kern_target_group AS x WHERE x.kern_id = k.kern_id)
               OR EXISTS (SELECT 1 FROM werkplan_action AS x WHERE x.kern_id = k.kern_id) AS has_werkplan
    FROM kern AS k
),
final_eval AS (
    SELECT kern_id, structure, continues_after_subsidy
    FROM evaluation
    WHERE moment = 'eind_2018'
)
SELECT k.kern_id,
       k.name,
       k.kern_type,
       k.inhabitants,
       h.kern_id IS NOT NULL                       AS has_sporthal,
       coalesce(a.activities, 0)::BIGINT           AS activities,
       coalesce(a.bewegen_activities, 0)::BIGINT   AS bewegen_activities,
       coalesce(a.low_threshold_activities, 0)::BIGINT AS low_threshold_activities,
       coalesce(th.bravo_other_themes, 0)::BIGINT AS bravo_other_themes,
       n.kern_id IS NOT NULL                       AS referral_network,
       coalesce(p.partner_sectors, 0)::BIGINT      AS partner_sectors,
       coalesce(g.target_groups, '')               AS target_groups,
       coalesce(g.n_target_groups, 0)::BIGINT      AS n_target_groups,
       e.structure,
       e.continues_after_subsidy,
       r.has_activities,
       r.has_agreements,
       r.has_organisations,
       r.has_facilities,
       r.has_werkplan
FROM kern AS k
JOIN recorded AS r USING (kern_id)
LEFT JOIN acts AS a USING (kern_id)
LEFT JOIN themes AS th USING (kern_id)
LEFT JOIN network AS n USING (kern_id)
LEFT JOIN partners AS p USING (kern_id)
LEFT JOIN groups AS g USING (kern_id)
LEFT JOIN halls AS h USING (kern_id)
LEFT JOIN final_eval AS e USING (kern_id)
ORDER BY k.kern_id
