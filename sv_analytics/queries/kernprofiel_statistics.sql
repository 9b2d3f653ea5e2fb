-- The statistics of one kern (Kernprofiel): figures of the kern itself, of the wijken and
-- buurten it is linked to (kern_region, any classification year) and of its gemeente, with the
-- dataset's demo flag (a real source is preferred over a fictional one).
-- $kern_id: the kern.
-- $year: the statistic's year, or NULL for every year.
WITH kern_row AS (
    SELECT gemeente_code FROM kern WHERE kern_id = $kern_id
),
linked AS (
    SELECT DISTINCT region_code FROM kern_region WHERE kern_id = $kern_id
)
SELECT s.region_code, s.region_level, s.year, s.age_group, s.indicator, s.value, s.unit,
       s.source, coalesce(d.is_demo, false) AS is_demo
FROM statistic AS s
LEFT JOIN dataset AS d USING (dataset_id)
WHERE ((s.region_level = 'kern' AND s.region_code = $kern_id)
    OR (s.region_level = 'gemeente' AND s.region_code IN (SELECT gemeente_code FROM kern_row))
    OR (s.region_level IN ('wijk', 'buurt') AND s.region_code IN (SELECT region_code FROM linked)))
  AND ($year IS NULL OR s.year = $year)
ORDER BY s.region_level, s.region_code, s.source, s.indicator, s.age_group, s.year
