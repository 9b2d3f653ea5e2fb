-- Every quarter touching the period and whether the kern delivered volunteer figures for it
-- (page Mijn kern, data completeness). $kern_id; $start, $end: first days of months.
WITH quarters AS (
    SELECT unnest(generate_series(date_trunc('quarter', $start::DATE)::DATE,
                                  date_trunc('quarter', $end::DATE)::DATE,
                                  INTERVAL 3 MONTH))::DATE AS quarter
)
SELECT q.quarter, v.kern_id IS NOT NULL AS delivered
FROM quarters AS q
LEFT JOIN volunteer AS v ON v.quarter = q.quarter AND v.kern_id = $kern_id
ORDER BY q.quarter
