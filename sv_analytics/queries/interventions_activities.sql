-- The activities that name a Loket Gezond Leven intervention, per kern, with the intervention's
-- recognition level (sv_analytics/interventions.py). Per kern the highest level first; an
-- activity that names an intervention without a level comes last (level_rank NULL).
-- $gemeente, $kern: filters, NULL for all. $min_rank: only levels at or above this position of
-- vocab.RECOGNITION_LEVEL (0 = Goed beschreven), NULL for every named intervention.
SELECT a.kern_id,
       k.name AS kern,
       k.gemeente_code,
       g.name AS gemeente,
       a.activity_id,
       a.name AS activiteit,
       a.kind,
       coalesce(kind.label, a.kind) AS soort,
       a.intervention_name AS interventie,
       a.recognition_level,
       lvl.label AS erkenningsniveau,
       lvl.sort_order AS level_rank
FROM activity AS a
JOIN kern AS k USING (kern_id)
JOIN gemeente AS g USING (gemeente_code)
LEFT JOIN lookup AS lvl ON lvl.list_name = 'recognition_level' AND lvl.code = a.recognition_level
LEFT JOIN lookup AS kind ON kind.list_name = 'activity_kind' AND kind.code = a.kind
WHERE a.intervention_name IS NOT NULL
  AND ($gemeente::VARCHAR IS NULL OR k.gemeente_code = $gemeente)
  AND ($kern::VARCHAR IS NULL OR a.kern_id = $kern)
  AND ($min_rank::INTEGER IS NULL OR lvl.sort_order >= $min_rank)
ORDER BY g.name, k.name, lvl.sort_order DESC NULLS LAST, a.intervention_name, a.name, a.activity_id
