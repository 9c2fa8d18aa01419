"""Loading: walks the content tree, parses and validates front matter, and bounds what may be rendered."""
