-- Per new activity whether it still runs in its 7th month (indicator behoud_6_maanden,
-- sv_analytics/indicators/wat_werkt.py: the share of a kern's new activities that do), with
-- the participants of its 7th month and the mean of its first three months.
-- $start, $end: first days of the first and last month; the activity's start month must lie in it.
-- Only new or renewed ongoing activities (no evenementen, korte cursussen or workshops, which end
-- by design) whose 7th month lies within the data; a month
-- without a row counts as 0 (an activity that stopped before month 7 no longer runs).
WITH last_month AS (
    SELECT max(month) AS last_month FROM participation
),
new_acts AS (
    SELECT a.activity_id, a.kern_id, date_trunc('month', a.start_date)::DATE AS first_month
    FROM activity AS a, last_month AS l
    WHERE a.novelty IN ('nieuw', 'vernieuwd')
      AND a.kind NOT IN ('evenement', 'korte_cursus', 'workshop')
      AND date_trunc('month', a.start_date) BETWEEN $start AND $end
      AND date_trunc('month', a.start_date) + INTERVAL 6 MONTH <= l.last_month
),
months AS (
    SELECT n.kern_id,
           n.activity_id,
           datediff('month', n.first_month, p.month) AS nr,
           p.participants
    FROM new_acts AS n
    JOIN participation AS p USING (activity_id)
)
SELECT n.kern_id,
       n.activity_id,
       n.first_month,
       coalesce(sum(m.participants) FILTER (WHERE m.nr BETWEEN 0 AND 2), 0) / 3.0 AS first_three_mean,
       coalesce(sum(m.participants) FILTER (WHERE m.nr = 6), 0)                 AS month_7
FROM new_acts AS n
LEFT JOIN months AS m USING (kern_id, activity_id)
GROUP BY ALL
ORDER BY n.kern_id, n.activity_id
