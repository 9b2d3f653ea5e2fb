-- Rows per record type of one kern, to see which workbook lists are present (page Mijn kern,
-- data completeness). $kern_id. part: '' for lists not tied to a year, the werkplan year or
-- target year, or the evaluation moment; sv_analytics/mijn_kern.py decides which are expected.
SELECT 'organisation' AS record, '' AS part, count(*) AS n_rows FROM organisation WHERE kern_id = $kern_id
UNION ALL SELECT 'survey', '', count(*) FROM survey WHERE kern_id = $kern_id
UNION ALL SELECT 'activity', '', count(*) FROM activity WHERE kern_id = $kern_id
UNION ALL
SELECT 'werkplan', werkplan_year::VARCHAR, count(*) FROM werkplan_action WHERE kern_id = $kern_id GROUP BY werkplan_year
UNION ALL SELECT 'target', year::VARCHAR, count(*) FROM target WHERE kern_id = $kern_id GROUP BY year
UNION ALL SELECT 'evaluation', moment, count(*) FROM evaluation WHERE kern_id = $kern_id GROUP BY moment
