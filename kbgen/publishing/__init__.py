"""Publishing: the MkDocs build into a staging folder, the output folder's life cycle, the manifest, the preview."""
