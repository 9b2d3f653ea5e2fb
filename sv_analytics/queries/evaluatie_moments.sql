-- The evaluation moments (page Evaluatie): per kern and moment the date, organisation structure,
-- continuity after the subsidy (NULL = not yet known) and the summary, with the kern's name and
-- gemeente. $kern_id: one kern, NULL for all; $gemeente: a gemeente code, NULL for all.
SELECT
    e.kern_id,
    k.name AS kern,
    k.gemeente_code,
    g.name AS gemeente,
    e.moment,
    e.held_on,
    e.structure,
    e.continues_after_subsidy,
    e.summary
FROM evaluation AS e
JOIN kern AS k USING (kern_id)
JOIN gemeente AS g ON g.gemeente_code = k.gemeente_code
WHERE ($kern_id IS NULL OR e.kern_id = $kern_id)
  AND ($gemeente IS NULL OR k.gemeente_code = $gemeente)
ORDER BY g.name, k.name, e.held_on
