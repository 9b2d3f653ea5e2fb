-- Participation per activity per month, with each row's share of the reach: the one
-- implementation of registry indicator ``deelnemers`` (Overzicht's kern_overview, Deelname
-- and Wat werkt waar all sum these columns; see sv_analytics/indicators/core.py).
-- $start, $end: first days of the first and last month (inclusive).
-- $activities: the ids of deelname_activities (the selection: gemeente, kern, target group).
--
-- Reach of an activity over a window (the period, a quarter or a calendar year within the
-- period): everyone present in its first month in the window plus everyone who joined in a
-- later month of the window. ``reach`` / ``reach_quarter`` / ``reach_year`` hold a row's part
-- of that sum (the participants in the activity's first month of the window, else the new
-- participants), so the reach of any group of activities over the window is the sum of the
-- column over the group's rows.
WITH rows AS (
    SELECT a.kern_id,
           p.activity_id,
           a.kind,
           a.novelty,
           p.month,
           p.participants,
           p.new_participants,
           p.previously_inactive,
           -- the activity's previous month in the period (NULL: this is its first)
           lag(p.month) OVER (PARTITION BY p.activity_id ORDER BY p.month) AS previous
    FROM participation AS p
    JOIN activity AS a USING (activity_id)
    WHERE p.month BETWEEN $start AND $end
      AND list_contains($activities::VARCHAR[], p.activity_id)
)
SELECT kern_id,
       activity_id,
       kind,
       novelty,
       month,
       participants,
       new_participants,
       previously_inactive,
       CASE WHEN previous IS NULL THEN participants ELSE new_participants END AS reach,
       CASE WHEN previous IS NULL OR date_trunc('quarter', previous) < date_trunc('quarter', month)
            THEN participants ELSE new_participants END AS reach_quarter,
       CASE WHEN previous IS NULL OR year(previous) < year(month)
            THEN participants ELSE new_participants END AS reach_year
FROM rows
ORDER BY kern_id, activity_id, month
