-- Rows per workbook list (sheet) of one kern, to see which sheets are still empty
-- (page Mijn kern, data completeness). $kern_id. These lists are not tied to a period.
SELECT 'organisation' AS sheet, count(*) AS n_rows FROM organisation WHERE kern_id = $kern_id
UNION ALL SELECT 'agreement', count(*) FROM agreement WHERE kern_id = $kern_id
UNION ALL SELECT 'survey', count(*) FROM survey WHERE kern_id = $kern_id
UNION ALL SELECT 'activity', count(*) FROM activity WHERE kern_id = $kern_id
UNION ALL SELECT 'werkplan', count(*) FROM werkplan_action WHERE kern_id = $kern_id
UNION ALL SELECT 'target', count(*) FROM target WHERE kern_id = $kern_id
UNION ALL SELECT 'evaluation', count(*) FROM evaluation WHERE kern_id = $kern_id
