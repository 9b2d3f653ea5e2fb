-- The kern registry: every kern with its gemeente, type, location and registry inhabitants (with
-- their source and year), in gemeente order. Choosers read it, and so do the per-kern tables:
-- their queries (kern_overview, kernprofiel_kernen) return figures per kern_id and the kern's
-- attributes come from here (lookups.kernen_in), spelled once.
SELECT k.kern_id,
       k.name,
       k.gemeente_code,
       g.name AS gemeente,
       k.kern_type,
       k.lat,
       k.lon,
       k.inhabitants,
       k.inhabitants_source,
       k.inhabitants_year
FROM kern AS k
JOIN gemeente AS g USING (gemeente_code)
ORDER BY g.name, k.name
