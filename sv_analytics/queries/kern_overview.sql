-- Referrals per kern for a period (every kern, 0 where none), for Overzicht's kern overview:
-- overzicht.kern_overview adds the kern's attributes from the registry (kernen) and the
-- participation figures (activiteiten, deelnemers, nieuwe_deelnemers) from
-- deelname_participation, the one implementation of reach, and the per-1.000 figures over the
-- inhabitants of the period's years (lookups.period_inhabitants).
-- $start, $end: first days of the first and last month (inclusive).
-- $doelgroep: a target group code: only referrals for it; NULL for all referrals.
-- Definitions: see sv_analytics/indicators/ (codes doorverwijzingen, inwoners_kern, …).
WITH refs AS (
    SELECT kern_id, sum(n) AS referrals
    FROM referral
    WHERE month BETWEEN $start AND $end
      AND ($doelgroep IS NULL OR doelgroep = $doelgroep)
    GROUP BY kern_id
)
SELECT k.kern_id,
       coalesce(r.referrals, 0)::BIGINT AS referrals
FROM kern AS k
LEFT JOIN refs AS r USING (kern_id)
