; error_paths of go: no patterns yet.
