-- Referrals of one kern per month in a period (months without referrals are absent).
-- $kern: kern_id; $start, $end: first days of the first and last month (inclusive).
SELECT r.month, sum(r.n)::BIGINT AS referrals
FROM referral AS r
WHERE r.kern_id = $kern AND r.month BETWEEN $start AND $end
GROUP BY r.month
ORDER BY r.month
