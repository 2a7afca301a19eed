"""Loaded by pytest before Django reads its settings (see addopts in pyproject.toml).

The suite runs with DEBUG off, as production does, so it needs a secret key; plain
HTTP, because the test client does not speak HTTPS unless asked.
"""

import os

os.environ.setdefault("SECRET_KEY", "opis-test-suite-key-not-secret-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ["DEBUG"] = "0"
