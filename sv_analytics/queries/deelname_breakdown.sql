-- The month's participants by target group, age band and sex (participation_breakdown),
-- for the Deelname page. Target groups overlap: one person can count in several.
-- $start, $end: first days of the first and last month (inclusive).
-- $activities: the ids of deelname_activities (the selection).
SELECT a.kern_id, b.activity_id, b.month, b.dimension, b.category, b.n
FROM participation_breakdown AS b
JOIN activity AS a USING (activity_id)
WHERE b.month BETWEEN $start AND $end
  AND list_contains($activities::VARCHAR[], b.activity_id)
