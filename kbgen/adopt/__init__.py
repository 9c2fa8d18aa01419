"""`kbgen adopt`'s core: turns an existing Markdown docs tree into kbgen content without flattening it.

`run.adopt_tree` walks the source; `mapping` decides each field, `compose` writes the file, `summary` words
the outcome. Git and CODEOWNERS are read through `git_history` and `codeowners`.
"""
