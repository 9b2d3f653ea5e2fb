-- Targets of one kern per year against their realisation (page Mijn kern).
-- $kern_id: the kern. The realisation uses the registry definitions of the target's
-- indicator (sv_analytics/indicators/core.py) over the whole calendar year:
--   nieuwe_deelnemers    Σ new participants per activity per month
--   nieuwe_activiteiten  activities with novelty nieuw/vernieuwd starting in the year
--   doorverwijzingen     Σ referrals per month
--   vrijwilligers_actief active volunteers in the year's last quarter (NULL when not delivered)
-- Any other indicator code gets realised = NULL (not computed here).
WITH new_participants AS (
    SELECT year(p.month) AS year, sum(p.new_participants) AS realised
    FROM participation AS p
    JOIN activity AS a USING (activity_id)
    WHERE a.kern_id = $kern_id
    GROUP BY ALL
),
new_activities AS (
    SELECT year(start_date) AS year, count(*) AS realised
    FROM activity
    WHERE kern_id = $kern_id AND novelty IN ('nieuw', 'vernieuwd')
    GROUP BY ALL
),
referrals AS (
    SELECT year(month) AS year, sum(n) AS realised
    FROM referral
    WHERE kern_id = $kern_id
    GROUP BY ALL
),
volunteers AS (
    SELECT year(quarter) AS year, active AS realised
    FROM volunteer
    WHERE kern_id = $kern_id AND month(quarter) = 10
)
SELECT t.year,
       t.indicator_code,
       t.value AS target,
       CASE t.indicator_code
           WHEN 'nieuwe_deelnemers'    THEN coalesce(np.realised, 0)
           WHEN 'nieuwe_activiteiten'  THEN coalesce(na.realised, 0)
           WHEN 'doorverwijzingen'     THEN coalesce(r.realised, 0)
           WHEN 'vrijwilligers_actief' THEN v.realised
       END::DOUBLE AS realised
FROM target AS t
LEFT JOIN new_participants AS np ON np.year = t.year
LEFT JOIN new_activities AS na ON na.year = t.year
LEFT JOIN referrals AS r ON r.year = t.year
LEFT JOIN volunteers AS v ON v.year = t.year
WHERE t.kern_id = $kern_id
ORDER BY t.year, t.indicator_code
