-- Per kern the figures of the comparison that kern_overview does not hold (page Mijn kern).
-- $start, $end: first days of the first and last month (inclusive).
--   previously_inactive: Σ over the kern's activities and the period's months (the new
--   participants, reach and referrals come from kern_overview)
--   volunteers: active volunteers in the quarter of the period's last month (NULL = not delivered)
WITH part AS (
    SELECT a.kern_id, sum(p.previously_inactive) AS previously_inactive
    FROM participation AS p
    JOIN activity AS a USING (activity_id)
    WHERE p.month BETWEEN $start AND $end
    GROUP BY ALL
),
vol AS (
    SELECT kern_id, active
    FROM volunteer
    WHERE quarter = date_trunc('quarter', $end::DATE)
)
SELECT k.kern_id,
       coalesce(part.previously_inactive, 0)::BIGINT AS previously_inactive,
       vol.active                                     AS volunteers
FROM kern AS k
LEFT JOIN part USING (kern_id)
LEFT JOIN vol USING (kern_id)
ORDER BY k.kern_id
