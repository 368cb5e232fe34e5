"""One mixin per tag of ``openapi.yaml``; `AsyncAurous` inherits them all."""
