-- The BRAVO themes and target groups of every activity (an activity can have several).
SELECT activity_id, 'thema' AS dimension, bravo_theme AS category FROM activity_theme
UNION ALL
SELECT activity_id, 'doelgroep_aanbod' AS dimension, doelgroep AS category FROM activity_target_group
