"""Personalisation: text-informed matrix factorisation, customer segment tags and the insertion policy.

Submodules import their own heavy dependencies; `policy` and `complements` stay pure Python.
"""
