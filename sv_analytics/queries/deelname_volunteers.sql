-- Active and new volunteers per kern per quarter for the Deelname page.
-- $start, $end: first days of the first and last month; a quarter counts when it starts
-- in the period or the period starts inside it.
-- $gemeente, $kern: filters, NULL for all.
SELECT v.kern_id, v.quarter, v.active, v.new
FROM volunteer AS v
JOIN kern AS k USING (kern_id)
WHERE v.quarter BETWEEN date_trunc('quarter', $start::DATE) AND $end
  AND ($gemeente IS NULL OR k.gemeente_code = $gemeente)
  AND ($kern IS NULL OR v.kern_id = $kern)
ORDER BY v.kern_id, v.quarter
