"""What git knows about the content: the text an article had when it was last reviewed."""
