"""The scorer: parse a submission, locate and match claims, count every mode, statistics over units, the report, the regression gate and explanations."""
