"""Business logic, kept apart from HTTP so it can be tested and reused alone."""
