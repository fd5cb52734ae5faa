"""Solace's clinical domain: pure Python, no Django, no ORM, no clock, no I/O.

Frozen dataclasses in and out. Every clinical rule lives in one function here and cites its source
(the seed document or ../shared/clinical-reference.md). A test fails if this package imports Django or a
Solace app (see solace/domain/instruments/tests/test_domain_purity.py).
"""
