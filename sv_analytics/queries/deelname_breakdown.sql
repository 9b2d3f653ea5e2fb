-- The month's participants by target group, age band and sex (participation_breakdown),
-- for the Deelname page. Target groups overlap: one person can count in several.
-- $start, $end, $gemeente, $kern, $doelgroep: as in deelname_participation.
SELECT a.kern_id, b.activity_id, b.month, b.dimension, b.category, b.n
FROM participation_breakdown AS b
JOIN activity AS a USING (activity_id)
JOIN kern AS k ON k.kern_id = a.kern_id
WHERE b.month BETWEEN $start AND $end
  AND ($gemeente IS NULL OR k.gemeente_code = $gemeente)
  AND ($kern IS NULL OR a.kern_id = $kern)
  AND ($doelgroep IS NULL OR EXISTS (
        SELECT 1 FROM activity_target_group AS g
        WHERE g.activity_id = a.activity_id AND g.doelgroep = $doelgroep))
