"""Library wiring kept apart from the routes: the OpenAPI layer, problem details, request logs."""
