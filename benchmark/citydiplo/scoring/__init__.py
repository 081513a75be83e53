"""Scoring: entity metrics read and computed exactly as seqeval does, ACE-style event metrics, bootstrap intervals."""
