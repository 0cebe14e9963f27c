"""Synchronise the catalogue with the portal: plan (diff local vs portal, no writes),
apply (idempotent, staged: private until complete), verify (download back and compare).
"""
