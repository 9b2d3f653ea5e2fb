-- Participation per activity per month for the Deelname page.
-- $start, $end: first days of the first and last month (inclusive).
-- $gemeente, $kern: a gemeente code / kern id, or NULL for all.
-- $doelgroep: only activities aimed at this target group (activity_target_group), or NULL.
SELECT a.kern_id,
       p.activity_id,
       a.kind,
       a.novelty,
       p.month,
       p.participants,
       p.new_participants,
       p.previously_inactive
FROM participation AS p
JOIN activity AS a USING (activity_id)
JOIN kern AS k ON k.kern_id = a.kern_id
WHERE p.month BETWEEN $start AND $end
  AND ($gemeente IS NULL OR k.gemeente_code = $gemeente)
  AND ($kern IS NULL OR a.kern_id = $kern)
  AND ($doelgroep IS NULL OR EXISTS (
        SELECT 1 FROM activity_target_group AS g
        WHERE g.activity_id = a.activity_id AND g.doelgroep = $doelgroep))
ORDER BY a.kern_id, p.activity_id, p.month
