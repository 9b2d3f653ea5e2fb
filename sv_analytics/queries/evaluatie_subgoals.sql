-- Sub-goal scores of the evaluations (page Evaluatie): one row per kern, moment and sub-goal with
-- the kern's name and gemeente. $kern_id: one kern, NULL for all; $gemeente: a gemeente code,
-- NULL for all. Labels of moment, sub-goal and score are added in Python (sv_analytics.vocab).
SELECT
    s.kern_id,
    k.name AS kern,
    k.gemeente_code,
    g.name AS gemeente,
    s.moment,
    s.subgoal,
    s.score,
    s.explanation
FROM evaluation_subgoal AS s
JOIN kern AS k USING (kern_id)
JOIN gemeente AS g ON g.gemeente_code = k.gemeente_code
WHERE ($kern_id IS NULL OR s.kern_id = $kern_id)
  AND ($gemeente IS NULL OR k.gemeente_code = $gemeente)
ORDER BY g.name, k.name, s.moment DESC, s.subgoal
