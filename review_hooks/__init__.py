"""review-hooks: pre-commit hooks and CI checks for Markdown review documents."""

__version__ = "0.1.0"
