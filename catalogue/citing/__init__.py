"""Works out of the catalogue: citations in GOST and Chicago (formatting.py, chicago.py,
parts.py) and exports for reference managers (exports/, unapi.py)."""
