"""Allow ``python -m review_hooks``."""

from review_hooks.cli import main

main()
