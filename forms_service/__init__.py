"""The forms service: referral and application forms and their approval workflows."""
