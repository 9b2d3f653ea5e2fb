-- Per expected month: was a referral network of the kern in force, and did the kern deliver
-- referral rows for that month (page Mijn kern, data completeness; see sv_analytics/mijn_kern.py).
-- $kern_id; $start, $end: first days of the first and last expected month (inclusive).
-- In force: an agreement of kind doorverwijsnetwerk that was signed (status actief or
-- beeindigd, not in_voorbereiding), from the month of its start_date through its end_date
-- (open end = still in force). n_networks: how many such agreements the kern has;
-- next_start: the first start_date after the last expected month (NULL = none).
WITH months AS (
    SELECT unnest(generate_series($start::DATE, $end::DATE, INTERVAL 1 MONTH))::DATE AS month
),
network AS (
    SELECT start_date, end_date
    FROM agreement
    WHERE kern_id = $kern_id AND kind = 'doorverwijsnetwerk' AND status <> 'in_voorbereiding'
),
delivered AS (
    SELECT DISTINCT month FROM referral WHERE kern_id = $kern_id
)
SELECT m.month,
       EXISTS (
           SELECT 1 FROM network AS n
           WHERE m.month >= date_trunc('month', n.start_date)
             AND (n.end_date IS NULL OR m.month <= n.end_date)
       )                               AS expected,
       d.month IS NOT NULL             AS delivered,
       (SELECT count(*) FROM network) AS n_networks,
       (SELECT min(start_date) FROM network WHERE date_trunc('month', start_date) > $end::DATE) AS next_start
FROM months AS m
LEFT JOIN delivered AS d USING (month)
ORDER BY m.month
