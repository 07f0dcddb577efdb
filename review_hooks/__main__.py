"""Allow ``python -m review_hooks``."""

from review_hooks.console import main

main()
