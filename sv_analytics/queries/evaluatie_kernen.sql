-- All kernen with their gemeente (page Evaluatie: the rows of the overview heat map, so that a
-- kern without evaluation shows as such). $gemeente: a gemeente code, NULL for all.
SELECT k.kern_id, k.name AS kern, k.gemeente_code, g.name AS gemeente
FROM kern AS k
JOIN gemeente AS g ON g.gemeente_code = k.gemeente_code
WHERE $gemeente IS NULL OR k.gemeente_code = $gemeente
ORDER BY g.name, k.name
