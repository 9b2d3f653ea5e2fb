-- Percentages of Overijssel (PV23), the Netherlands (NL01) and, when given, one gemeente, to set
-- a kern's or a gemeente's figures beside (Kernprofiel's health table, the sport yardsticks of
-- sv_analytics.yardsticks). When a real source and a demo dataset both hold a figure, the real
-- one is kept (the dataset's is_demo flag).
-- $gemeente: a gemeente code (GM0150), or NULL for only Overijssel and the Netherlands.
SELECT s.region_code, s.region_level, s.year, s.age_group, s.indicator, s.value, s.unit, s.source,
       coalesce(d.is_demo, false) AS is_demo
FROM statistic AS s
LEFT JOIN dataset AS d USING (dataset_id)
WHERE ((s.region_level = 'provincie' AND s.region_code = 'PV23')
    OR (s.region_level = 'land' AND s.region_code = 'NL01')
    OR (s.region_level = 'gemeente' AND s.region_code = $gemeente))
  AND s.unit = '%'
QUALIFY row_number() OVER (
    PARTITION BY s.region_code, s.region_level, s.year, s.age_group, s.indicator
    ORDER BY coalesce(d.is_demo, false), s.source
) = 1
ORDER BY s.region_level, s.indicator, s.age_group, s.year
