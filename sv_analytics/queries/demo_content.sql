-- Whether demo content is stored, and whether the context figures (statistics, shapes)
-- are fictional too or come from real files. Status-holder counts are monitoring-like
-- (the gemeente provides them), so they do not count as context here.
SELECT
    EXISTS (SELECT 1 FROM dataset WHERE is_demo) AS any_demo,
    EXISTS (
        SELECT 1 FROM statistic s JOIN dataset d USING (dataset_id)
        WHERE d.is_demo AND s.indicator <> 'statushouders'
    ) OR EXISTS (
        SELECT 1 FROM geometry g JOIN dataset d USING (dataset_id) WHERE d.is_demo
    ) AS demo_context
