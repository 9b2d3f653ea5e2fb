-- Percentages of one gemeente, Overijssel (PV23) and the Netherlands (NL01) for the given
-- indicators, with the gemeente's name and the dataset's demo flag; when a real source and a
-- demo dataset both hold a figure, the real one is kept (as kernprofiel_reference_health does).
-- For the sport yardsticks of a gemeente selection (sv_analytics.yardsticks).
-- $gemeente: a gemeente code (GM0150), or NULL for only Overijssel and the Netherlands.
-- $indicators: the indicator codes (a list).
SELECT s.region_code, s.region_level, s.year, s.age_group, s.indicator, s.value, s.unit, s.source,
       coalesce(d.is_demo, false) AS is_demo, g.name AS gemeente_name
FROM statistic AS s
LEFT JOIN dataset AS d USING (dataset_id)
LEFT JOIN gemeente AS g ON s.region_level = 'gemeente' AND g.gemeente_code = s.region_code
WHERE ((s.region_level = 'provincie' AND s.region_code = 'PV23')
    OR (s.region_level = 'land' AND s.region_code = 'NL01')
    OR (s.region_level = 'gemeente' AND s.region_code = $gemeente))
  AND list_contains($indicators, s.indicator)
  AND s.unit = '%'
QUALIFY row_number() OVER (
    PARTITION BY s.region_code, s.region_level, s.year, s.age_group, s.indicator
    ORDER BY coalesce(d.is_demo, false), s.source
) = 1
ORDER BY s.region_level, s.indicator, s.age_group, s.year
