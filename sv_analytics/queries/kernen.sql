-- All kernen with their gemeente, for choosers.
SELECT k.kern_id, k.name, k.gemeente_code, g.name AS gemeente
FROM kern AS k
JOIN gemeente AS g USING (gemeente_code)
ORDER BY g.name, k.name
