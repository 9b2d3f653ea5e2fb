-- Gemeenten that have at least one kern, for filters.
SELECT g.gemeente_code, g.name
FROM gemeente AS g
WHERE EXISTS (SELECT 1 FROM kern AS k WHERE k.gemeente_code = g.gemeente_code)
ORDER BY g.name
