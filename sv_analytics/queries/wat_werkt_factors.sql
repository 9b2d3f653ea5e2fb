-- Success and failure factors of the evaluations (page Wat werkt waar), optionally one
-- category and/or one phase; NULL means all. The kern's context group is added in Python.
SELECT
    f.factor_id,
    f.kern_id,
    k.name AS kern,
    f.moment,
    f.kind,
    f.category,
    f.phase,
    f.description,
    f.context,
    f.mechanism,
    f.outcome
FROM evaluation_factor f
JOIN kern k USING (kern_id)
WHERE ($category IS NULL OR f.category = $category)
  AND ($phase IS NULL OR f.phase = $phase)
ORDER BY f.category, f.kind DESC, f.phase, k.name, f.moment, f.factor_id
