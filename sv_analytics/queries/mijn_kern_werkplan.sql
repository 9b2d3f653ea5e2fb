-- The werkplan actions of one kern, in plan order (page Mijn kern).
-- $kern_id: the kern. Status as stored (the last known status); the page derives the
-- status at its reference date from completed_on (see sv_analytics/mijn_kern.py).
SELECT action_id,
       werkplan_year,
       phase,
       description,
       planned_start,
       planned_end,
       status,
       completed_on
FROM werkplan_action
WHERE kern_id = $kern_id
ORDER BY phase, planned_start, planned_end, action_id
