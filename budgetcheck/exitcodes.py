"""What budgetcheck's exit status means, in one place."""

CLEAN = 0  # no finding at or above --fail-on
FINDINGS = 1  # at least one finding at or above --fail-on (test-rules: an example failed)
TROUBLE = 2  # usage, rule, configuration or input problem
INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it
