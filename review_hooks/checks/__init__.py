"""The checks: one module each, listed in ``review_hooks.registry``."""
