"""Indicators of the study's drivers beyond trade: people, water and energy, connectivity,
security and institutions. Pure functions over :class:`~regint.indicators.drivers.base.DriverData`."""
