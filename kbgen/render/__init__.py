"""What reaches a reader's page: view models, interface text, the stale notice and the HTML sanitiser."""
