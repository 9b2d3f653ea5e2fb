-- Outlines of the gemeenten that have kernen, newest boundary year up to 2017 preferred,
-- real sources before demo ones (the dataset's is_demo flag). Sorted by code: a map drawn
-- from these rows (screen, PNG, report) must come out the same every time.
SELECT g.gemeente_code, g.name, geo.geojson, geo.source, geo.year
FROM gemeente AS g
JOIN geometry AS geo ON geo.region_code = g.gemeente_code AND geo.region_level = 'gemeente'
LEFT JOIN dataset AS ds ON ds.dataset_id = geo.dataset_id
WHERE EXISTS (SELECT 1 FROM kern AS k WHERE k.gemeente_code = g.gemeente_code)
QUALIFY row_number() OVER (
    PARTITION BY g.gemeente_code
    ORDER BY coalesce(ds.is_demo, false), abs(geo.year - 2017), geo.source
) = 1
ORDER BY g.gemeente_code
