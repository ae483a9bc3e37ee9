; routes of python: no patterns yet.
