"""Pages of treatment courses, one module per area; `solace.courses.urls` imports from each."""
