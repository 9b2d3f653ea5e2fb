-- Sub-goal scores of the evaluations (page Evaluatie): one row per kern, moment and sub-goal.
-- $kern_id: one kern, NULL for all. The kernen's names and gemeenten come from evaluatie_kernen
-- (the overview's rows); labels of moment, sub-goal and score are added in Python (sv_analytics.vocab).
SELECT s.kern_id, s.moment, s.subgoal, s.score, s.explanation
FROM evaluation_subgoal AS s
WHERE $kern_id IS NULL OR s.kern_id = $kern_id
ORDER BY s.kern_id, s.moment DESC, s.subgoal
