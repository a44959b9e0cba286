"""The policy index: corpus, ingestion, retrieval, answers, triage and the quiz bank."""
