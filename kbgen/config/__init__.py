"""Configuration: kbgen's settings from mkdocs.yml, the project's folders, and what "today" is."""
