"""Checking a draft against a registry: alignment, comparison, rules, suppression, baseline, fixes."""
