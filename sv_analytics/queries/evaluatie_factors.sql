-- Success and failure factors of the evaluations, with category, phase and context -> mechanism
-- -> outcome where given: one kern's on the page Evaluatie, all kernen's on Wat werkt waar.
-- $kern_id: one kern; $category: one category; $phase: one phase; NULL means all.
-- Ordered for the view across kernen (by category); Evaluatie orders one kern's by moment.
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
FROM evaluation_factor AS f
JOIN kern AS k USING (kern_id)
WHERE ($kern_id IS NULL OR f.kern_id = $kern_id)
  AND ($category IS NULL OR f.category = $category)
  AND ($phase IS NULL OR f.phase = $phase)
ORDER BY f.category, f.kind DESC, f.phase, k.name, f.moment, f.factor_id
