"""OKR domain: models, the KR parser and the validator."""
