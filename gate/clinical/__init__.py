"""Clinical reference data and checks: ICPC-2 codes (icpc2), ICD-10 form (icd10), note language (language)."""
