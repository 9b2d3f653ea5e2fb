-- Per expected month, every activity of the kern that was running, and whether a deelname
-- row was delivered for it (page Mijn kern, data completeness; see sv_analytics/mijn_kern.py).
-- $kern_id; $start, $end: first days of the first and last expected month (inclusive).
-- Running: the month lies between the month of start_date and end_date (open end = still
-- running), so an activity is not expected after the month in which it ended.
WITH months AS (
    SELECT unnest(generate_series($start::DATE, $end::DATE, INTERVAL 1 MONTH))::DATE AS month
)
SELECT m.month,
       a.activity_id,
       a.name,
       a.start_date,
       a.end_date,
       p.activity_id IS NOT NULL AS delivered
FROM activity AS a
JOIN months AS m
  ON m.month >= date_trunc('month', a.start_date)
 AND (a.end_date IS NULL OR m.month <= a.end_date)
LEFT JOIN participation AS p
  ON p.activity_id = a.activity_id AND p.month = m.month
WHERE a.kern_id = $kern_id
ORDER BY m.month, a.name, a.activity_id
