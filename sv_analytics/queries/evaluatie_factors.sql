-- Success and failure factors of one kern's evaluations (page Evaluatie), both moments, with
-- category, phase and context -> mechanism -> outcome where given. $kern_id: the kern.
SELECT
    f.factor_id,
    f.moment,
    f.kind,
    f.category,
    f.phase,
    f.description,
    f.context,
    f.mechanism,
    f.outcome
FROM evaluation_factor AS f
WHERE f.kern_id = $kern_id
ORDER BY f.moment DESC, f.kind DESC, f.phase, f.category, f.factor_id
