"""ordis: logistics of a computer-donation operation for child-welfare structures."""

__version__ = "0.1.0"
