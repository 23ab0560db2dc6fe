-- A live study rater's onboarding record (consent and demographics), to resume a session by rater code.
SELECT rater_id, role, consent, consented_at, age_band, gender, education
FROM live_raters
WHERE rater_id = $rater_id AND role = 'rater';
