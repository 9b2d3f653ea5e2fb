-- First and last month with monitoring data (participation or referrals).
SELECT min(month) AS first_month, max(month) AS last_month
FROM (SELECT month FROM participation UNION ALL SELECT month FROM referral)
