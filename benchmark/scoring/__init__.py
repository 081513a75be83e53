"""Scoring: entity metrics through seqeval, ACE-style event metrics, bootstrap intervals."""
