-- Per kern (every kern the cursor sees) its activities, those that name a Loket Gezond Leven
-- intervention, and those whose intervention has at least recognition level $min_rank (a
-- position of vocab.RECOGNITION_LEVEL; the approach "Erkende interventie" uses Goed
-- onderbouwd). Definitions: sv_analytics/indicators/interventions.py.
WITH levels AS (
    SELECT code, sort_order FROM lookup WHERE list_name = 'recognition_level'
)
SELECT k.kern_id,
       k.name,
       count(a.activity_id)::BIGINT                                         AS activities,
       count(a.intervention_name)::BIGINT                                   AS named,
       count(a.activity_id) FILTER (WHERE l.sort_order >= $min_rank)::BIGINT AS recognised
FROM kern AS k
LEFT JOIN activity AS a USING (kern_id)
LEFT JOIN levels AS l ON l.code = a.recognition_level
GROUP BY k.kern_id, k.name
ORDER BY k.kern_id
