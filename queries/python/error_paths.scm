; error_paths of python: no patterns yet.
