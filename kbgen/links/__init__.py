"""Links in Markdown articles: where they are, what they point at, and which anchors a page has."""
