-- The activities of a Deelname selection: the one place the selection is spelled, so that
-- deelname_participation and deelname_breakdown (which take these ids as $activities) read the
-- same activities. $gemeente, $kern: a gemeente code / kern id, or NULL for all.
-- $doelgroep: only activities aimed at this target group (activity_target_group), or NULL.
SELECT a.activity_id
FROM activity AS a
JOIN kern AS k USING (kern_id)
WHERE ($gemeente IS NULL OR k.gemeente_code = $gemeente)
  AND ($kern IS NULL OR a.kern_id = $kern)
  AND ($doelgroep IS NULL OR EXISTS (
        SELECT 1 FROM activity_target_group AS g
        WHERE g.activity_id = a.activity_id AND g.doelgroep = $doelgroep))
ORDER BY a.activity_id
