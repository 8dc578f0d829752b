"""Plain value objects and rules of the legal domain: no Qt, no database."""
