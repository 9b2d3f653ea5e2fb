-- One row per kern with its headline figures for a period.
-- $start, $end: first days of the first and last month (inclusive).
-- $gemeente: a gemeente code, or NULL for all gemeenten.
-- $doelgroep: a target group code: only activities aimed at it and referrals for it;
--             NULL for all activities.
-- Definitions: see sv_analytics/indicators/ (codes activiteiten, deelnemers, …).
WITH months AS (
    SELECT a.kern_id,
           p.activity_id,
           p.participants,
           p.new_participants,
           row_number() OVER (PARTITION BY p.activity_id ORDER BY p.month) AS nr
    FROM participation AS p
    JOIN activity AS a USING (activity_id)
    WHERE p.month BETWEEN $start AND $end
      AND ($doelgroep IS NULL OR EXISTS (
          SELECT 1 FROM activity_target_group AS tg
          WHERE tg.activity_id = a.activity_id AND tg.doelgroep = $doelgroep))
),
part AS (
    -- reach per activity: everyone present in its first month of the period, plus
    -- everyone who joined in a later month of the period
    SELECT kern_id,
           activity_id,
           sum(CASE WHEN nr = 1 THEN participants ELSE new_participants END) AS reach,
           sum(new_participants)                                             AS new_participants
    FROM months
    GROUP BY ALL
),
per_kern AS (
    SELECT kern_id,
           count(*) FILTER (WHERE reach > 0) AS activities,
           sum(reach)                        AS participants,
           sum(new_participants)                         AS new_participants
    FROM part
    GROUP BY kern_id
),
refs AS (
    SELECT kern_id, sum(n) AS referrals
    FROM referral
    WHERE month BETWEEN $start AND $end
      AND ($doelgroep IS NULL OR doelgroep = $doelgroep)
    GROUP BY kern_id
)
SELECT k.kern_id,
       k.name,
       g.name                               AS gemeente,
       k.gemeente_code,
       k.kern_type,
       k.lat,
       k.lon,
       k.inhabitants,
       k.inhabitants_source,
       k.inhabitants_year,
       coalesce(pk.activities, 0)::BIGINT       AS activities,
       coalesce(pk.participants, 0)::BIGINT     AS participants,
       coalesce(pk.new_participants, 0)::BIGINT AS new_participants,
       coalesce(r.referrals, 0)::BIGINT         AS referrals,
       coalesce(pk.participants, 0) * 1000.0 / nullif(k.inhabitants, 0) AS participants_per_1000,
       coalesce(r.referrals, 0) * 1000.0 / nullif(k.inhabitants, 0)     AS referrals_per_1000
FROM kern AS k
JOIN gemeente AS g USING (gemeente_code)
LEFT JOIN per_kern AS pk USING (kern_id)
LEFT JOIN refs AS r USING (kern_id)
WHERE $gemeente IS NULL OR k.gemeente_code = $gemeente
ORDER BY g.name, k.name
