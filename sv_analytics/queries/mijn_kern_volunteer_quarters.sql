-- Every expected quarter and whether the kern delivered volunteer figures for it (page Mijn
-- kern, data completeness). $kern_id; $start, $end: first days of the first and last expected
-- month; $peildatum: the reference date.
-- Expected: the quarter touches the expected months and had ended on the reference date
-- (its last day <= $peildatum), like the months.
WITH quarters AS (
    SELECT unnest(generate_series(date_trunc('quarter', $start::DATE)::DATE,
                                  date_trunc('quarter', $end::DATE)::DATE,
                                  INTERVAL 3 MONTH))::DATE AS quarter
)
SELECT q.quarter, v.kern_id IS NOT NULL AS delivered
FROM quarters AS q
LEFT JOIN volunteer AS v ON v.quarter = q.quarter AND v.kern_id = $kern_id
WHERE $start::DATE <= $end::DATE
  AND q.quarter + INTERVAL 3 MONTH - INTERVAL 1 DAY <= $peildatum::DATE
ORDER BY q.quarter
